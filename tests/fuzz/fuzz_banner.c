/* Fuzz target: banner_format, banner_check and banner_format_date (src/core/show/banner.c).
 * Input: 12 bytes of parameters (language, output size, the dates), then the template, a NUL byte, and
 * the article's category. Dates are kept to what reaches the banner in the kiosk: the commemorated date
 * from kiosk.conf (a real date), today from the clock, the article's date from its closing line or none.
 * The output buffer is exactly n bytes on the heap, so a write past it is caught.
 * Checks (banner.h): the result is NUL-terminated within n, valid UTF-8 when the template and category
 * are (it is cut at a UTF-8 boundary), and has no leading or trailing space. */
#include "fuzz_util.h"

#include "banner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader r = {data, size};
    banner_values v;
    v.language = (config_lang)(fuzz_byte(&r) % 3);
    size_t n = 1 + fuzz_byte(&r) % 300;
    v.commemorated = (banner_date){1 + (int)(fuzz_u16(&r) % 9999), 1 + (int)(fuzz_byte(&r) % 12),
                                   1 + (int)(fuzz_byte(&r) % 31)};
    v.today = (banner_date){1970 + (int)(fuzz_byte(&r) * 31 % 8030), 1 + (int)(fuzz_byte(&r) % 12),
                            1 + (int)(fuzz_byte(&r) % 31)};
    unsigned ay = fuzz_u16(&r);
    unsigned am = fuzz_byte(&r);
    v.article_date = (banner_date){(int)(ay % 10000), 1 + (int)(am % 12), 1 + (int)(fuzz_byte(&r) % 31)};

    const uint8_t *rest = r.p;
    size_t rest_len = r.left;
    const uint8_t *nul = memchr(rest, 0, rest_len);
    size_t tlen = nul ? (size_t)(nul - rest) : rest_len;
    char *tmpl = fuzz_cstr(rest, tlen);
    char *category = nul ? fuzz_cstr(nul + 1, rest_len - tlen - 1) : NULL;
    v.category = category;
    bool utf8_in =
        fuzz_valid_utf8(tmpl, strlen(tmpl)) && (!category || fuzz_valid_utf8(category, strlen(category)));

    char *out = malloc(n);
    FUZZ_CHECK(out != NULL, "malloc");
    FUZZ_CHECK(banner_format(tmpl, &v, out, n) == out, "return value");
    size_t len = strnlen(out, n);
    FUZZ_CHECK(len < n, "not NUL-terminated within %zu bytes", n);
    if (utf8_in)
        FUZZ_CHECK(fuzz_valid_utf8(out, len), "output is not valid UTF-8 (n=%zu, len=%zu)", n, len);
    FUZZ_CHECK(len == 0 || (out[0] != ' ' && out[len - 1] != ' '), "spaces not trimmed: '%s'", out);
    free(out);

    /* A big buffer: nothing is cut, and the same again gives the same text. */
    char big[4096], again[4096];
    banner_format(tmpl, &v, big, sizeof big);
    banner_format(tmpl, &v, again, sizeof again);
    FUZZ_CHECK(strcmp(big, again) == 0, "not deterministic");
    if (utf8_in)
        FUZZ_CHECK(fuzz_valid_utf8(big, strlen(big)), "output is not valid UTF-8 (big buffer)");

    size_t nn = 1 + (am % 40);
    char *name = malloc(nn);
    FUZZ_CHECK(name != NULL, "malloc");
    int bad = banner_check(tmpl, name, nn);
    FUZZ_CHECK(bad == 0 || bad == 1, "banner_check %d", bad);
    if (bad) {
        FUZZ_CHECK(strnlen(name, nn) < nn, "name not NUL-terminated");
        FUZZ_CHECK(nn == 1 || name[0] == '{', "name '%s'", name);
    }
    free(name);

    /* Dates with any values: a bad month gives "", never an overread. */
    char date[64];
    banner_date wild = {(int)(int16_t)ay, (int)(int8_t)am, (int)(int8_t)(ay >> 3)};
    banner_format_date(wild, v.language, date, sizeof date);
    FUZZ_CHECK(strlen(date) < sizeof date, "date");
    banner_format_date(wild, v.language, date, 1);
    FUZZ_CHECK(date[0] == '\0', "a 1-byte date buffer holds text");
    FUZZ_CHECK(banner_years_since(v.commemorated, v.today) >= 0, "years_since < 0");

    free(tmpl);
    free(category);
    return 0;
}
