/* Unit tests of utf8: validation (RFC 3629 edge cases), decoding, length, space squeezing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

static int valid(const char *s, size_t len, size_t *bad)
{
    *bad = (size_t)-1;
    return utf8_validate(s, len, bad);
}

static void test_validate_accepts_well_formed(void **state)
{
    size_t bad;
    assert_true(valid("", 0, &bad));
    assert_true(valid("plain ASCII", 11, &bad));
    assert_true(valid("martyrs\xE2\x80\x99 blood", 16, &bad));                /* U+2019 */
    assert_true(valid("Az\xC9\x99rbaycan", 11, &bad));                        /* U+0259 */
    assert_true(valid("\xF0\x9F\x95\xAF", 4, &bad));                          /* U+1F56F candle */
    assert_true(valid("\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF", 10, &bad)); /* range edges */
    assert_true(valid("\xF4\x8F\xBF\xBF", 4, &bad));                          /* U+10FFFF */
    assert_true(valid("\xED\x9F\xBF\xEE\x80\x80", 6, &bad));                  /* around the surrogates */
    assert_int_equal(bad, (size_t)-1);                                        /* untouched on success */
}

static void test_validate_rejects_and_reports_offset(void **state)
{
    static const struct {
        const char *s;
        size_t len, offset;
    } cases[] = {
        {"abc\xFF", 4, 3},             /* never valid */
        {"ab\x80", 3, 2},              /* stray continuation */
        {"\xC0\xAF", 2, 0},            /* overlong '/' */
        {"\xC1\xBF", 2, 0},            /* overlong */
        {"x\xE0\x80\xAF", 4, 1},       /* overlong 3-byte */
        {"xy\xF0\x80\x80\xAF", 6, 2},  /* overlong 4-byte */
        {"\xED\xA0\x80", 3, 0},        /* UTF-16 surrogate D800 */
        {"\xED\xBF\xBF", 3, 0},        /* surrogate DFFF */
        {"\xF4\x90\x80\x80", 4, 0},    /* above U+10FFFF */
        {"\xF5\x80\x80\x80", 4, 0},    /* above U+10FFFF */
        {"ok \xE2\x80", 5, 3},         /* truncated at the end */
        {"\xE2\x28\xA1", 3, 0},        /* bad second byte */
        {"\xC3\xA9\xC3", 3, 2},        /* truncated after a good one */
        {"Latin-1 caf\xE9 ok", 15, 11} /* Windows-1252 text */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t bad;
        assert_false(valid(cases[i].s, cases[i].len, &bad));
        assert_int_equal(bad, cases[i].offset);
    }
    assert_false(utf8_validate("\xFF", 1, NULL)); /* bad_offset may be NULL */
}

static void test_decode(void **state)
{
    uint32_t cp = 0;
    assert_int_equal(utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_decode("\xC9\x99", 2, &cp), 2);
    assert_int_equal(cp, 0x259);
    assert_int_equal(utf8_decode("\xE2\x80\x99x", 4, &cp), 3);
    assert_int_equal(cp, 0x2019);
    assert_int_equal(utf8_decode("\xF0\x9F\x95\xAF", 4, &cp), 4);
    assert_int_equal(cp, 0x1F56F);
    /* Bad sequences: one byte, U+FFFD. */
    assert_int_equal(utf8_decode("\xFF", 1, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xE2\x80\x99", 2, &cp), 1); /* cut short by len */
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
}

static void test_length(void **state)
{
    assert_int_equal(utf8_length("", 0), 0);
    assert_int_equal(utf8_length("abc", 3), 3);
    assert_int_equal(utf8_length("martyrs\xE2\x80\x99", 10), 8);
    assert_int_equal(utf8_length("\xF0\x9F\x95\xAF\xC9\x99", 6), 2);
    assert_int_equal(utf8_length("a\xFF\xFE", 3), 3); /* each bad byte counts as one U+FFFD */
}

static void check_squeeze(const char *in, const char *expected)
{
    char buf[128];
    size_t len = strlen(in);
    memcpy(buf, in, len + 1);
    size_t n = utf8_squeeze_space(buf, len);
    assert_string_equal(buf, expected);
    assert_int_equal(n, strlen(expected));
}

static void test_squeeze_space(void **state)
{
    check_squeeze("", "");
    check_squeeze("   \t ", "");
    check_squeeze("word", "word");
    check_squeeze("  two   words\t", "two words");
    check_squeeze("a\t\t b\r\n c\n", "a b c");
    check_squeeze("\xC2\xA0 Baku \xC2\xA0", "Baku");         /* no-break spaces trimmed at the ends */
    check_squeeze("20\xC2\xA0January", "20\xC2\xA0January"); /* but kept inside */
    check_squeeze("\xC2\xA0\xC2\xA0", "");
    check_squeeze("bell\x07here\x7F", "bell here"); /* control characters act as spaces */
    check_squeeze("caf\xC3\xA9  au lait", "caf\xC3\xA9 au lait");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validate_accepts_well_formed),
        cmocka_unit_test(test_validate_rejects_and_reports_offset),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_length),
        cmocka_unit_test(test_squeeze_space),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
