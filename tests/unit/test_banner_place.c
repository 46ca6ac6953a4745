/* Unit tests of the banner slide's place in the show ([banner] slide), of "@banner" in playlist.txt,
 * of the banner slide built by the show, and of the exhibit's languages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "banner_place.h"
#include "config.h"
#include "content.h"
#include "lang.h"
#include "playlist.h"
#include "show.h"

/* A content of n picture items named 1.jpg .. n.jpg (heap-allocated, as content_scan makes them). */
static content *pictures(size_t n)
{
    content *c = calloc(1, sizeof *c);
    assert_non_null(c);
    config_defaults(&c->config);
    diag_list_init(&c->diags);
    c->items = calloc(n ? n : 1, sizeof *c->items);
    assert_non_null(c->items);
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "%zu.jpg", i + 1);
        c->items[i] = (content_item){.kind = CONTENT_IMAGE, .rel_path = strdup(name), .fit = -1};
    }
    c->count = n;
    return c;
}

/* The kinds as a string: 'i' picture, 'a' article, 'B' banner. */
static void assert_kinds(const content *c, const char *want)
{
    char got[64] = "";
    for (size_t i = 0; i < c->count && i < sizeof got - 1; i++)
        got[i] = c->items[i].kind == CONTENT_BANNER ? 'B' : c->items[i].kind == CONTENT_IMAGE ? 'i' : 'a';
    got[c->count < sizeof got - 1 ? c->count : sizeof got - 1] = '\0';
    assert_string_equal(got, want);
}

static void test_once_at_the_end(void **state)
{
    (void)state;
    content *c = pictures(3);
    assert_int_equal(banner_place(c, CONFIG_BANNER_SLIDE_ONCE), 1);
    assert_kinds(c, "iiiB");
    assert_string_equal(c->items[3].rel_path, CONTENT_BANNER_NAME);
    assert_int_equal(c->items[3].duration_ms, 0);
    content_free(c);
}

static void test_every_n(void **state)
{
    (void)state;
    content *c = pictures(5);
    assert_int_equal(banner_place(c, 2), 3);
    assert_kinds(c, "iiBiiBiB");
    content_free(c);
    c = pictures(4);
    assert_int_equal(banner_place(c, 2), 2); /* the round ends with one already */
    assert_kinds(c, "iiBiiB");
    content_free(c);
    c = pictures(2);
    assert_int_equal(banner_place(c, 10), 1); /* fewer items than N: still once a round */
    assert_kinds(c, "iiB");
    content_free(c);
}

static void test_none_empty_and_placed(void **state)
{
    (void)state;
    content *c = pictures(3);
    assert_int_equal(banner_place(c, CONFIG_BANNER_SLIDE_NONE), 0);
    assert_kinds(c, "iii");
    content_free(c);
    c = pictures(0);
    assert_int_equal(banner_place(c, CONFIG_BANNER_SLIDE_ONCE), 0); /* the fallback card, not a banner */
    assert_int_equal(c->count, 0);
    content_free(c);

    c = pictures(3); /* a playlist that places it itself: exactly its places */
    playlist pl;
    diag_list d;
    diag_list_init(&d);
    assert_int_equal(playlist_parse("2.jpg\n@banner duration=20\n1.jpg\n", "playlist.txt", &pl, &d), 0);
    assert_int_equal(d.count, 0);
    assert_int_equal(playlist_apply(&pl, c, true), 0);
    assert_kinds(c, "iBii");
    assert_string_equal(c->items[0].rel_path, "2.jpg");
    assert_int_equal(c->items[1].duration_ms, 20000);
    assert_int_equal(banner_place(c, 1), 0);
    assert_kinds(c, "iBii");
    playlist_free(&pl);
    diag_list_free(&d);
    content_free(c);
}

static void test_config_key(void **state)
{
    (void)state;
    kiosk_config k;
    diag_list d;
    diag_list_init(&d);
    config_defaults(&k);
    assert_int_equal(k.banner_slide_every, CONFIG_BANNER_SLIDE_ONCE);
    assert_int_equal(k.banner_slide_ms, 12000);
    assert_int_equal(config_parse("[banner]\nslide = every 4\nslide_seconds = 15\nslide_languages = ru az\n",
                                  "kiosk.conf", &k, &d),
                     0);
    assert_int_equal(k.banner_slide_every, 4);
    assert_int_equal(k.banner_slide_ms, 15000);
    assert_string_equal(k.banner_languages, "ru az");
    assert_int_equal(config_parse("[banner]\nslide = none\n", "kiosk.conf", &k, &d), 0);
    assert_int_equal(k.banner_slide_every, CONFIG_BANNER_SLIDE_NONE);
    const char *bad[] = {"twice", "every", "every 0", "every 101", "every -2", "every 2.5", "everyday 3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[64];
        config_defaults(&k);
        diag_list_free(&d);
        diag_list_init(&d);
        snprintf(text, sizeof text, "[banner]\nslide = %s\n", bad[i]);
        assert_int_equal(config_parse(text, "kiosk.conf", &k, &d), 1);
        assert_int_equal(d.items[0].line, 2);
        assert_non_null(strstr(d.items[0].message, "none, once, or every N"));
        assert_int_equal(k.banner_slide_every, CONFIG_BANNER_SLIDE_ONCE); /* the default stays */
    }
    diag_list_free(&d);
}

static int measure10(void *ctx, const char *s, size_t len, bool rtl)
{
    (void)ctx, (void)s, (void)rtl;
    return 10 * (int)len;
}

static void test_show_builds_banner_slide(void **state)
{
    (void)state;
    content *c = pictures(1);
    assert_int_equal(banner_place(c, CONFIG_BANNER_SLIDE_ONCE), 1);
    show_words w = {.date = "20 January 1990",
                    .years = "36 years",
                    .lines = {"In memory", "Xatirəsinə"},
                    .line_count = 2,
                    .duration_ms = 12000};
    show_params p = {.body = {200, 100, 20, 10},
                     .measure = measure10,
                     .timing = show_timing_default(),
                     .default_banner = "strip",
                     .words = &w};
    p.timing.speed = 2.0;
    show *s = show_build(c, &p);
    assert_non_null(s);
    assert_int_equal(s->count, 2);
    const slide *b = &s->slides[1];
    assert_int_equal(b->kind, SLIDE_BANNER);
    assert_string_equal(slide_kind_name(b->kind), "banner");
    assert_string_equal(b->source, "@banner");
    assert_string_equal(b->title, "20 January 1990");
    assert_string_equal(b->date_text, "36 years");
    assert_int_equal(b->line_count, 2);
    assert_string_equal(b->lines[1].text, "Xatirəsinə");
    assert_string_equal(b->banner, "strip");
    assert_int_equal(b->duration_ms, 6000); /* 12 s at speed 2 */
    show_free(s);
    p.titles_only = true; /* the quick first frame leaves it out */
    s = show_build(c, &p);
    assert_int_equal(s->count, 1);
    show_free(s);
    content_free(c);
}

static void test_exhibit_languages(void **state)
{
    (void)state;
    content *c = pictures(0);
    config_lang out[3];
    assert_int_equal(lang_of_exhibit(c, "", CONFIG_LANG_RU, out, 3), 1); /* nothing tells: the fallback */
    assert_int_equal(out[0], CONFIG_LANG_RU);
    assert_int_equal(lang_of_exhibit(c, "az en", CONFIG_LANG_RU, out, 3), 2);
    assert_int_equal(out[0], CONFIG_LANG_AZ);
    assert_int_equal(out[1], CONFIG_LANG_EN);
    content_free(c);

    c = pictures(0); /* articles named by language: theirs, in order of appearance or language_order */
    c->items = realloc(c->items, 3 * sizeof *c->items);
    const char *names[] = {"a.en.txt", "b.az.txt", "c.en.txt"};
    for (size_t i = 0; i < 3; i++)
        c->items[i] = (content_item){.kind = CONTENT_ARTICLE, .rel_path = strdup(names[i]), .fit = -1};
    c->count = 3;
    assert_int_equal(lang_of_exhibit(c, "auto", CONFIG_LANG_RU, out, 3), 2);
    assert_int_equal(out[0], CONFIG_LANG_EN);
    assert_int_equal(out[1], CONFIG_LANG_AZ);
    snprintf(c->config.language_order, sizeof c->config.language_order, "az ru en");
    assert_int_equal(lang_of_exhibit(c, NULL, CONFIG_LANG_RU, out, 3), 2);
    assert_int_equal(out[0], CONFIG_LANG_AZ);
    assert_int_equal(out[1], CONFIG_LANG_EN);
    content_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_once_at_the_end),          cmocka_unit_test(test_every_n),
        cmocka_unit_test(test_none_empty_and_placed),    cmocka_unit_test(test_config_key),
        cmocka_unit_test(test_show_builds_banner_slide), cmocka_unit_test(test_exhibit_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
