/* Unit tests of kiosk.conf parsing: every key type, and every kind of problem with its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"

static void assert_diag(const diag_list *l, size_t i, diag_severity sev, int line, const char *needle)
{
    assert_true(i < l->count);
    assert_int_equal(l->items[i].severity, sev);
    assert_int_equal(l->items[i].line, line);
    assert_string_equal(l->items[i].path, "kiosk.conf");
    if (!strstr(l->items[i].message, needle))
        fail_msg("diag '%s' lacks '%s'", l->items[i].message, needle);
}

static void test_defaults(void **state)
{
    (void)state;
    kiosk_config c;
    diag_list d;
    diag_list_init(&d);
    config_defaults(&c);
    assert_int_equal(config_parse(NULL, "kiosk.conf", &c, &d), 0);
    assert_int_equal(c.image_ms, 9000);
    assert_int_equal(c.words_per_minute, 140);
    assert_int_equal(c.transition, CONFIG_TRANSITION_CROSSFADE);
    assert_int_equal(c.fit, CONFIG_FIT_CONTAIN);
    assert_string_equal(c.body_font, "Noto Serif");
    assert_int_equal(c.date_year, 1990);
    assert_int_equal(c.date_month, 1);
    assert_int_equal(c.date_day, 20);
    assert_true(c.playlist_append_unlisted);
    assert_int_equal(d.count, 0);
    diag_list_free(&d);
}

static void test_every_key_type(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF# comment\r\n"
                       "[show]\n"
                       "image_seconds = 12.5\n"
                       "words_per_minute = 90\n"
                       "unlisted_files = omit\n"
                       "[transition]\n"
                       "kind = cut\n"
                       "seconds = 0\n"
                       "[pictures]\n"
                       "fit = kenburns\n"
                       "backdrop = solid\n"
                       "max_megapixels = 40\n"
                       "[colors]\n"
                       "accent = #A0b1C2\n"
                       "[fonts]\n"
                       "body = DejaVu Serif\n"
                       "[banner]\n"
                       "default = {years} il \xC9\x99vv\xC9\x99l \xC2\xB7 {date}\n"
                       "date = 1990-01-20\n"
                       "language = az\n"
                       "[screen]\n"
                       "safe_area_percent = 5\n";
    kiosk_config c;
    diag_list d;
    diag_list_init(&d);
    config_defaults(&c);
    assert_int_equal(config_parse(text, "kiosk.conf", &c, &d), 0);
    assert_int_equal(d.count, 0);
    assert_int_equal(c.image_ms, 12500);
    assert_int_equal(c.words_per_minute, 90);
    assert_false(c.playlist_append_unlisted);
    assert_int_equal(c.transition, CONFIG_TRANSITION_CUT);
    assert_int_equal(c.transition_ms, 0);
    assert_int_equal(c.fit, CONFIG_FIT_KENBURNS);
    assert_int_equal(c.backdrop, CONFIG_BACKDROP_SOLID);
    assert_int_equal(c.max_megapixels, 40);
    assert_int_equal(c.accent.r, 0xA0);
    assert_int_equal(c.accent.g, 0xB1);
    assert_int_equal(c.accent.b, 0xC2);
    assert_string_equal(c.body_font, "DejaVu Serif");
    assert_string_equal(c.banner_default, "{years} il \xC9\x99vv\xC9\x99l \xC2\xB7 {date}");
    assert_int_equal(c.language, CONFIG_LANG_AZ);
    assert_true(c.safe_area > 0.0499 && c.safe_area < 0.0501);
    diag_list_free(&d);
}

static void test_problems_have_lines_and_keep_defaults(void **state)
{
    (void)state;
    const char *text = "[show]\n"                    /* 1 */
                       "image_seconds = soon\n"      /* 2: bad number */
                       "colour = red\n"              /* 3: unknown key */
                       "words_per_minute = 2.5\n"    /* 4: not whole */
                       "\n"                          /* 5 */
                       "[lights]\n"                  /* 6 */
                       "on = yes\n"                  /* 7: unknown section */
                       "[pictures]\n"                /* 8 */
                       "fit = stretch\n"             /* 9: bad enum */
                       "[colors]\n"                  /* 10 */
                       "text = white\n"              /* 11: bad colour */
                       "[banner]\n"                  /* 12 */
                       "date = 1990-02-30\n"         /* 13: bad date */
                       "this line is wrong\n"        /* 14: not key=value */
                       "[screen]\n"                  /* 15 */
                       "safe_area_percent = 50\n"    /* 16: out of range */
                       "[show]\n"                    /* 17 */
                       "idle_resume_seconds = -3\n"; /* 18: negative */
    kiosk_config c, def;
    diag_list d;
    diag_list_init(&d);
    config_defaults(&c);
    config_defaults(&def);
    int n = config_parse(text, "kiosk.conf", &c, &d);
    assert_int_equal(n, (int)d.count);
    assert_int_equal(d.count, 10);
    assert_diag(&d, 0, DIAG_ERROR, 2, "image_seconds");
    assert_diag(&d, 1, DIAG_WARNING, 3, "unknown key 'colour'");
    assert_diag(&d, 2, DIAG_ERROR, 4, "whole number");
    assert_diag(&d, 3, DIAG_WARNING, 7, "unknown section [lights]");
    assert_diag(&d, 4, DIAG_ERROR, 9, "contain, cover, kenburns");
    assert_diag(&d, 5, DIAG_ERROR, 11, "#1c1b1e");
    assert_diag(&d, 6, DIAG_ERROR, 13, "1990-01-20");
    assert_diag(&d, 7, DIAG_ERROR, 16, "from 0 to 20");
    assert_diag(&d, 8, DIAG_ERROR, 18, "seconds");
    assert_diag(&d, 9, DIAG_ERROR, 14, "key = value");
    /* defaults kept */
    assert_int_equal(c.image_ms, def.image_ms);
    assert_int_equal(c.words_per_minute, def.words_per_minute);
    assert_int_equal(c.fit, def.fit);
    assert_memory_equal(&c.text, &def.text, sizeof c.text);
    assert_int_equal(c.date_day, 20);
    assert_true(c.safe_area == def.safe_area);
    assert_int_equal(c.idle_resume_ms, def.idle_resume_ms);
    char line[256];
    diag_format(&d.items[0], "/srv/content", line, sizeof line);
    assert_string_equal(line,
                        "/srv/content/kiosk.conf:2: error: bad value 'soon' for image_seconds: expected a "
                        "number of seconds (from 1 to 3600); the default is used");
    diag_list_free(&d);
}

static void test_min_above_max_and_long_string(void **state)
{
    (void)state;
    char text[600];
    char longname[300];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    snprintf(text, sizeof text, "[show]\ntext_min_seconds = 60\ntext_max_seconds = 30\n[fonts]\ntitle = %s\n",
             longname);
    kiosk_config c;
    diag_list d;
    diag_list_init(&d);
    config_defaults(&c);
    config_parse(text, "kiosk.conf", &c, &d);
    assert_int_equal(c.text_min_ms, 30000);
    assert_int_equal(c.text_max_ms, 30000);
    assert_string_equal(c.title_font, "Noto Serif");
    assert_int_equal(d.count, 2);
    assert_diag(&d, 0, DIAG_ERROR, 5, "too long");
    assert_diag(&d, 1, DIAG_WARNING, 0, "text_min_seconds");
    diag_list_free(&d);
}

/* Found while fuzzing: a line longer than inih's line buffer (200 bytes) reached the handler cut, and a
 * banner template of 190 to 255 bytes was stored cut, silently (a font name was refused only because it
 * is shorter). Now such a line is refused as too long, whatever the key. */
static void test_line_longer_than_inih_buffer(void **state)
{
    (void)state;
    char text[800], tmpl[240];
    memset(tmpl, 'x', sizeof tmpl - 1);
    tmpl[sizeof tmpl - 1] = '\0';
    memcpy(tmpl + 200, "{date}", 6);
    snprintf(text, sizeof text, "[banner]\narticle = %s\r\ndefault = {years}\n", tmpl);
    kiosk_config c, def;
    diag_list d;
    diag_list_init(&d);
    config_defaults(&c);
    config_defaults(&def);
    assert_int_equal(config_parse(text, "kiosk.conf", &c, &d), 1);
    assert_string_equal(c.banner_article, def.banner_article);
    assert_string_equal(c.banner_default, "{years}"); /* the next line is read whole, on its own line */
    assert_int_equal(d.count, 1);
    assert_diag(&d, 0, DIAG_ERROR, 2, "too long");
    assert_non_null(strstr(d.items[0].message, "article"));
    diag_list_free(&d);
    /* A line that just fits, ending in CRLF, is not cut. */
    char fits[200];
    snprintf(fits, sizeof fits, "default = %0*d", 187, 0);
    memcpy(fits + 10, "{date}", 6);
    snprintf(text, sizeof text, "[banner]\r\n%s\r\n", fits);
    diag_list_init(&d);
    config_defaults(&c);
    assert_int_equal(config_parse(text, "kiosk.conf", &c, &d), 0);
    assert_int_equal(strlen(c.banner_default), 187);
    diag_list_free(&d);
}

static void test_bad_utf8_value_and_load_missing(void **state)
{
    (void)state;
    kiosk_config c;
    diag_list d;
    diag_list_init(&d);
    config_defaults(&c);
    config_parse("[banner]\ndefault = \xC3\x28 bad\n", "kiosk.conf", &c, &d);
    assert_int_equal(d.count, 1);
    assert_diag(&d, 0, DIAG_ERROR, 2, "UTF-8");
    assert_int_equal(config_load("/nonexistent-folder-for-test", &c, &d), 0);
    assert_int_equal(d.count, 1);
    diag_list_free(&d);
}

static void test_parse_fit(void **state)
{
    (void)state;
    config_fit f;
    assert_int_equal(config_parse_fit("cover", &f), 0);
    assert_int_equal(f, CONFIG_FIT_COVER);
    assert_string_equal(config_fit_name(f), "cover");
    assert_int_equal(config_parse_fit("Cover ", &f), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_every_key_type),
        cmocka_unit_test(test_problems_have_lines_and_keep_defaults),
        cmocka_unit_test(test_min_above_max_and_long_string),
        cmocka_unit_test(test_line_longer_than_inih_buffer),
        cmocka_unit_test(test_bad_utf8_value_and_load_missing),
        cmocka_unit_test(test_parse_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
