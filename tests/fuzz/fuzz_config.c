/* Fuzz target: config_parse (src/core/content/config.c, through inih), then the diagnostics it made (diag.c)
 * and the banner templates it stored (banner.c). The input is the text of a kiosk.conf; config_load hands
 * config_parse the file's bytes with a NUL after them, so a NUL inside ends the text here too.
 * Checks: every value stays within the ranges config.h and README promise (a bad value keeps the
 * default), strings are NUL-terminated valid UTF-8, text_min <= text_max, every diag is well formed. */
#include "fuzz_util.h"

#include <math.h>

#include "banner.h"
#include "config.h"

static void check_string(const char *what, const char *s, size_t size)
{
    size_t n = strnlen(s, size);
    FUZZ_CHECK(n < size, "%s is not NUL-terminated", what);
    FUZZ_CHECK(fuzz_valid_utf8(s, n), "%s is not valid UTF-8", what);
}

static void check_seconds(const char *what, uint32_t ms, uint32_t lo_s, uint32_t hi_s)
{
    FUZZ_CHECK(ms >= lo_s * 1000u && ms <= hi_s * 1000u, "%s = %u ms", what, (unsigned)ms);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    kiosk_config c;
    diag_list diags;
    diag_list_init(&diags);
    config_defaults(&c);
    int problems = config_parse(text, "kiosk.conf", &c, &diags);

    FUZZ_CHECK(problems >= 0 && (size_t)problems <= diags.count, "problems %d, diags %zu", problems,
               diags.count);
    check_seconds("image_ms", c.image_ms, 1, 3600);
    check_seconds("title_ms", c.title_ms, 1, 3600);
    check_seconds("text_min_ms", c.text_min_ms, 1, 3600);
    check_seconds("text_max_ms", c.text_max_ms, 1, 3600);
    check_seconds("idle_resume_ms", c.idle_resume_ms, 1, 3600);
    check_seconds("transition_ms", c.transition_ms, 0, 10);
    FUZZ_CHECK(c.text_min_ms <= c.text_max_ms, "text_min %u > text_max %u", (unsigned)c.text_min_ms,
               (unsigned)c.text_max_ms);
    FUZZ_CHECK(c.words_per_minute >= 20 && c.words_per_minute <= 1000, "wpm %u",
               (unsigned)c.words_per_minute);
    FUZZ_CHECK(c.max_megapixels >= 1 && c.max_megapixels <= 1000, "max_megapixels %u",
               (unsigned)c.max_megapixels);
    FUZZ_CHECK((int)c.transition >= 0 && (int)c.transition <= 1, "transition %d", (int)c.transition);
    FUZZ_CHECK((int)c.fit >= 0 && (int)c.fit <= 2, "fit %d", (int)c.fit);
    FUZZ_CHECK(config_fit_name(c.fit) != NULL, "fit name");
    FUZZ_CHECK((int)c.backdrop >= 0 && (int)c.backdrop <= 1, "backdrop %d", (int)c.backdrop);
    FUZZ_CHECK((int)c.language >= 0 && (int)c.language <= 2, "language %d", (int)c.language);
    FUZZ_CHECK(isfinite(c.safe_area) && c.safe_area >= 0 && c.safe_area <= 0.2, "safe_area %g", c.safe_area);
    FUZZ_CHECK(c.date_year >= 1 && c.date_year <= 9999 && c.date_month >= 1 && c.date_month <= 12 &&
                   c.date_day >= 1 && c.date_day <= 31,
               "date %d-%d-%d", c.date_year, c.date_month, c.date_day);
    check_string("title_font", c.title_font, sizeof c.title_font);
    check_string("body_font", c.body_font, sizeof c.body_font);
    check_string("banner_font", c.banner_font, sizeof c.banner_font);
    check_string("banner_article", c.banner_article, sizeof c.banner_article);
    check_string("banner_default", c.banner_default, sizeof c.banner_default);

    char line[512];
    for (size_t i = 0; i < diags.count; i++) {
        const diag *d = &diags.items[i];
        FUZZ_CHECK(d->severity == DIAG_WARNING || d->severity == DIAG_ERROR, "severity %d", (int)d->severity);
        FUZZ_CHECK(d->path && strcmp(d->path, "kiosk.conf") == 0, "diag path");
        FUZZ_CHECK(d->message != NULL && d->message[0] != '\0', "empty message");
        FUZZ_CHECK(d->line >= 0, "line %d", d->line);
        diag_format(d, "/srv/content", line, sizeof line);
        FUZZ_CHECK(strlen(line) < sizeof line, "diag_format");
        diag_format(d, NULL, line, 7); /* a short buffer is cut, never overrun */
    }

    /* The stored templates, as the shell expands them for every slide. */
    banner_values v = {
        c.language, {c.date_year, c.date_month, c.date_day}, {2025, 1, 20}, "Politics", {1990, 1, 21}};
    char out[256], name[32];
    banner_format(c.banner_article, &v, out, sizeof out);
    banner_format(c.banner_default, &v, out, sizeof out);
    banner_check(c.banner_article, name, sizeof name);
    banner_check(c.banner_default, name, sizeof name);

    diag_list_free(&diags);
    free(text);
    return 0;
}
