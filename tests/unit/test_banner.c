/* Unit tests of banner templates and localized dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "banner.h"

static banner_values values(config_lang lang)
{
    banner_values v = {lang, {1990, 1, 20}, {2026, 11, 25}, "Days of sorrow", {2024, 1, 20}};
    return v;
}

static void test_dates_in_three_languages(void **state)
{
    (void)state;
    char buf[64];
    banner_date d = {1990, 1, 20};
    assert_string_equal(banner_format_date(d, CONFIG_LANG_EN, buf, sizeof buf), "20 January 1990");
    assert_string_equal(banner_format_date(d, CONFIG_LANG_AZ, buf, sizeof buf), "20 yanvar 1990");
    assert_string_equal(banner_format_date(d, CONFIG_LANG_RU, buf, sizeof buf),
                        "20 \xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F 1990");
    d.month = 12;
    d.day = 31;
    assert_string_equal(banner_format_date(d, CONFIG_LANG_AZ, buf, sizeof buf), "31 dekabr 1990");
    d.year = 0;
    assert_string_equal(banner_format_date(d, CONFIG_LANG_EN, buf, sizeof buf), "");
}

/* The English date of a title slide without a banner (show.c), once show_format_date. */
static void test_format_date_english(void **state)
{
    char buf[64], small[8];
    (void)state;
    assert_string_equal(banner_format_date((banner_date){2024, 1, 20}, CONFIG_LANG_EN, buf, sizeof buf),
                        "20 January 2024");
    assert_string_equal(banner_format_date((banner_date){1990, 12, 5}, CONFIG_LANG_EN, buf, sizeof buf),
                        "5 December 1990");
    assert_string_equal(banner_format_date((banner_date){2024, 1, 20}, CONFIG_LANG_EN, small, sizeof small),
                        "20 Janu");
    assert_string_equal(banner_format_date((banner_date){2024, 13, 1}, CONFIG_LANG_EN, buf, sizeof buf),
                        "2024-13-01");
    assert_null(banner_format_date((banner_date){2024, 1, 1}, CONFIG_LANG_EN, NULL, 0));
}

static void test_years_since(void **state)
{
    (void)state;
    banner_date d = {1990, 1, 20};
    assert_int_equal(banner_years_since(d, (banner_date){2026, 1, 19}), 35);
    assert_int_equal(banner_years_since(d, (banner_date){2026, 1, 20}), 36);
    assert_int_equal(banner_years_since(d, (banner_date){2026, 11, 25}), 36);
    assert_int_equal(banner_years_since(d, (banner_date){1980, 1, 1}), 0);
}

static void test_placeholders(void **state)
{
    (void)state;
    char buf[256];
    banner_values v = values(CONFIG_LANG_EN);
    assert_string_equal(banner_format("{category} \xC2\xB7 {article_date}", &v, buf, sizeof buf),
                        "Days of sorrow \xC2\xB7 20 January 2024");
    assert_string_equal(banner_format("{date} \xE2\x80\x94 {years} years", &v, buf, sizeof buf),
                        "20 January 1990 \xE2\x80\x94 36 years");
    assert_string_equal(banner_format("Today: {today}", &v, buf, sizeof buf), "Today: 25 November 2026");
    assert_string_equal(banner_format("{{literal}} {date}", &v, buf, sizeof buf),
                        "{literal} 20 January 1990");
    assert_string_equal(banner_format("{unknown} x", &v, buf, sizeof buf), "{unknown} x");
}

static void test_empty_values_leave_no_dangling_separator(void **state)
{
    (void)state;
    char buf[256];
    banner_values v = values(CONFIG_LANG_AZ);
    v.category = NULL;
    assert_string_equal(banner_format("{category} \xC2\xB7 {article_date}", &v, buf, sizeof buf),
                        "20 yanvar 2024");
    v.article_date.year = 0;
    v.category = "Anma";
    assert_string_equal(banner_format("{category} \xC2\xB7 {article_date}", &v, buf, sizeof buf), "Anma");
}

static void test_truncation_keeps_utf8(void **state)
{
    (void)state;
    char buf[8];
    banner_values v = values(CONFIG_LANG_RU);
    banner_format("{date}", &v, buf, sizeof buf);
    /* "20 " + two-byte letters: must not end in half a letter */
    size_t len = strlen(buf);
    assert_true(len < sizeof buf);
    assert_true(len == 3 || ((unsigned char)buf[len - 1] & 0xC0) != 0xC0);
}

/* Found by tests/fuzz (fuzz_banner): letters of the template were copied byte by byte, so a cut could
 * keep half a letter; a long category was cut at 127 bytes, also inside a letter; after a cut, later
 * pieces that were short enough were still appended. */
static void test_truncation_never_splits_a_letter(void **state)
{
    (void)state;
    banner_values v = values(CONFIG_LANG_EN);
    char buf[64];
    /* "ə" is two bytes: with room for "x" and one more byte, the letter is dropped, and so is the rest. */
    char small[3];
    assert_string_equal(banner_format("x\xC9\x99yz", &v, small, sizeof small), "x");
    assert_string_equal(banner_format("\xC9\x99\xC9\x99\xC9\x99", &v, buf, 4), "\xC9\x99");
    assert_string_equal(banner_format("ab\xE2\x80\x94"
                                      "cd",
                                      &v, buf, 5),
                        "ab");
    /* A category of 100 two-byte letters (200 bytes) in a large buffer: whole, not cut at 127 bytes. */
    char cat[256] = "";
    for (int i = 0; i < 100; i++)
        strcat(cat, "\xD0\xB4");
    v.category = cat;
    char big[512];
    assert_string_equal(banner_format("{category}", &v, big, sizeof big), cat);
    /* ... and cut at a letter boundary in a small one. */
    assert_string_equal(banner_format("{category} tail", &v, buf, 8), "\xD0\xB4\xD0\xB4\xD0\xB4");
}

static void test_check_reports_unknown(void **state)
{
    (void)state;
    char name[32];
    assert_int_equal(banner_check("{date} {years}", name, sizeof name), 0);
    assert_int_equal(banner_check("{yaers} since", name, sizeof name), 1);
    assert_string_equal(name, "{yaers}");
    assert_int_equal(banner_check("{{ok}}", name, sizeof name), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates_in_three_languages),
        cmocka_unit_test(test_format_date_english),
        cmocka_unit_test(test_years_since),
        cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_empty_values_leave_no_dangling_separator),
        cmocka_unit_test(test_truncation_keeps_utf8),
        cmocka_unit_test(test_truncation_never_splits_a_letter),
        cmocka_unit_test(test_check_reports_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
