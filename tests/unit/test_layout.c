/* Unit tests of layout_break: line breaking with fake measurers (no fonts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "layout_testutil.h"

/* ---- layout_break ------------------------------------------------------------------------------- */

static void test_count_words(void **state)
{
    (void)state;
    assert_int_equal(layout_count_words(""), 0);
    assert_int_equal(layout_count_words("   \n\t"), 0);
    assert_int_equal(layout_count_words("one"), 1);
    assert_int_equal(layout_count_words("  one two\tthree\nfour  "), 4);
    assert_int_equal(layout_count_words("Şəhidlər Xiyabanı"), 2);
    assert_int_equal(layout_count_words(NULL), 0);
}

static void test_empty(void **state)
{
    layout_lines l = {0};
    (void)state;
    assert_int_equal(layout_break("", 100, measure_cp10, NULL, &l), 0);
    assert_int_equal(l.count, 0);
    layout_lines_free(&l);
    assert_int_equal(layout_break("   \n  \n", 100, measure_cp10, NULL, &l), 0);
    assert_int_equal(l.count, 0);
    layout_lines_free(&l);
}

static void test_greedy_wrap(void **state)
{
    static const char *const want[] = {"the quick", "brown fox", "jumps over", "the lazy", "dog"};
    static const char *const one[] = {"hello world"};
    (void)state;
    expect_lines("the quick brown fox jumps over the lazy dog", 100, measure_cp10, want, 5);
    expect_lines("  hello world  ", 1000, measure_cp10, one, 1);
}

static void test_trailing_spaces_not_measured(void **state)
{
    static const char *const want[] = {"aaaa bbbb", "cccc"};
    static const char *const want2[] = {"aaaaaaaa", "bbbb"};
    (void)state;
    expect_lines("aaaa bbbb cccc", 85, measure_sp5, want, 2);
    /* eight 10 px letters fill 80 px exactly; the spaces after them are not measured */
    expect_lines("aaaaaaaa      bbbb", 80, measure_sp5, want2, 2);
    expect_lines("aaaaaaaa      bbbb", 80, measure_cp10, want2, 2);
}

static void test_widow(void **state)
{
    static const char *const moved[] = {"aa bb cc", "dd ee"};
    static const char *const kept[] = {"aa bb cc dd", "eeeeeeeee"};
    static const char *const two[] = {"aa bb", "cc"};
    (void)state;
    expect_lines("aa bb cc dd ee", 110, measure_cp10, moved, 2);
    expect_lines("aa bb cc dd eeeeeeeee", 110, measure_cp10, kept, 2); /* "dd eeeeeeeee" would not fit */
    expect_lines("aa bb cc", 50, measure_cp10, two, 2);                /* only two words above */
}

/* The lines of text, compared as they are (white space other than ASCII and marks on a space may be
 * dropped at a line start, which check_lines does not model). */
static void expect_exact(const char *text, int width, const char *const *want, size_t n)
{
    layout_lines l = {0};
    assert_int_equal(layout_break(text, width, measure_cp10, NULL, &l), 0);
    assert_int_equal(l.count, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(l.lines[i].len, strlen(want[i]));
        assert_memory_equal(text + l.lines[i].start, want[i], l.lines[i].len);
    }
    layout_lines_free(&l);
}

/* Found by the fuzzer (tests/fuzz/corpus/layout_break/known-*): a line never starts with white space
 * or inside a cluster. */
static void test_fuzz_found_edges(void **state)
{
    /* the widow fix moved the break to just after "bbb " and left U+2007 FIGURE SPACE at the start */
    static const char *const widow[] = {"aaa bbb", "ccc ddd"};
    /* a space with a combining accent is one cluster: skipped whole, no bare accent starts a line */
    static const char *const accent[] = {"aaa", "bbb"};
    /* a ZWJ no longer glues the space after it: the break after that space is used */
    static const char *const zwj[] = {"aa\u200D", "bb"};
    (void)state;
    expect_exact("aaa bbb \u2007ccc ddd", 120, widow, 2);
    expect_exact("aaa \u0301bbb", 40, accent, 2);
    expect_exact("aa\u200D bb", 40, zwj, 2);
}

static void test_long_word(void **state)
{
    char word[301], text[400];
    layout_lines l = {0};
    (void)state;
    memset(word, 'x', 300);
    word[300] = '\0';
    assert_int_equal(layout_break(word, 100, measure_cp10, NULL, &l), 0);
    check_lines(word, &l, 100, measure_cp10);
    assert_int_equal(l.count, 30);
    for (size_t i = 0; i < l.count; i++)
        assert_int_equal(l.lines[i].len, 10);

    layout_lines_free(&l);
    snprintf(text, sizeof text, "see %s now", word);
    assert_int_equal(layout_break(text, 100, measure_cp10, NULL, &l), 0);
    check_lines(text, &l, 100, measure_cp10);
    assert_int_equal(l.lines[0].len, 3); /* "see" alone: the word does not start on its line */
    layout_lines_free(&l);

    const char *url =
        "Read https://azertag.az/en/xeber/people_of_azerbaijan_pay_tribute_to_20_january_martyrs-2843"
        "475 today";
    assert_int_equal(layout_break(url, 150, measure_cp10, NULL, &l), 0);
    check_lines(url, &l, 150, measure_cp10);
    assert_true(l.count >= 6);
    layout_lines_free(&l);
}

static void test_tiny_width_graphemes(void **state)
{
    static const char *const abc[] = {"a", "b", "c"};
    static const char *const accents[] = {"e\xCC\x81", "e\xCC\x81"}; /* e + U+0301 twice */
    static const char *const flags[] = {"\U0001F1E6\U0001F1FF", "\U0001F1E6\U0001F1FF"}; /* AZ AZ */
    static const char *const family[] = {"\U0001F469\u200D\U0001F469\u200D\U0001F467"};
    (void)state;
    expect_lines("abc", 3, measure_cp10, abc, 3);
    expect_lines("e\xCC\x81"
                 "e\xCC\x81",
                 1, measure_cp10, accents, 2);
    expect_lines("\U0001F1E6\U0001F1FF\U0001F1E6\U0001F1FF", 1, measure_cp10, flags, 2);
    expect_lines("\U0001F469\u200D\U0001F469\u200D\U0001F467", 1, measure_cp10, family, 1);
}

/* libunibreak 1.1 aborts on these code points when given them directly. */
static void test_flags_and_noncharacters(void **state)
{
    static const char *const flags[] = {"Azərbaycan \U0001F1E6\U0001F1FF\U0001F1E6\U0001F1FF", "bayrağı"};
    static const char *const nonchar[] = {"a\uFFFF", "b"};
    static const char *const lone[] = {"\U0001F1E6 x"};
    (void)state;
    expect_lines("Azərbaycan \U0001F1E6\U0001F1FF\U0001F1E6\U0001F1FF bayrağı", 150, measure_cp10, flags, 2);
    expect_lines("a\uFFFF b", 20, measure_cp10, nonchar, 2);
    expect_lines("\U0001F1E6 x", 100, measure_cp10, lone, 1);
}

static void test_cjk(void **state)
{
    const char *zh = "我们永远怀念一九九零年一月二十日的遇难者。他们的名字将永远铭刻在我们的心中。";
    layout_lines l = {0};
    (void)state;
    assert_int_equal(layout_break(zh, 100, measure_cp10, NULL, &l), 0);
    check_lines(zh, &l, 100, measure_cp10);
    assert_true(l.count >= 4);
    for (size_t i = 0; i < l.count; i++) {
        int cps = code_points(zh + l.lines[i].start, l.lines[i].len);
        assert_true(cps <= 10);
        if (i + 1 < l.count)
            assert_true(cps >= 8);
        assert_memory_not_equal(zh + l.lines[i].start, "。", 3); /* never a line starting with 。 */
    }
    layout_lines_free(&l);
}

static void test_mandatory_breaks(void **state)
{
    static const char *const want[] = {"first line", "second", "", "fourth"};
    static const char *const crlf[] = {"a", "b"};
    static const char *const trailing[] = {"a"};
    (void)state;
    expect_lines("first line\nsecond\n\nfourth", 1000, measure_cp10, want, 4);
    expect_lines("a\r\nb", 1000, measure_cp10, crlf, 2);
    expect_lines("a\n\n", 1000, measure_cp10, trailing, 1);
    expect_lines("a  \n   b", 1000, measure_cp10, crlf, 2);
}

static void test_azerbaijani(void **state)
{
    static const char *const want[] = {"ə ğ ı", "İ ş ə", "ğ ı", "İ ş"};
    static const char *const words[] = {"Şəhidlər", "Xiyabanı"};
    (void)state;
    assert_int_equal(measure_cp10(NULL, "əğışİ", strlen("əğışİ"), false), 50);
    /* greedy gives "ə ğ ı" "İ ş ə" "ğ ı İ" "ş"; the lone "ş" takes "İ" with it */
    expect_lines("ə ğ ı İ ş ə ğ ı İ ş", 50, measure_cp10, want, 4);
    expect_lines("Şəhidlər Xiyabanı", 80, measure_cp10, words, 2);
}

static void test_measure_calls(void **state)
{
    size_t cap = 40000, words = 3000;
    char *text = calloc(cap, 1);
    layout_lines l = {0};
    counter c = {0, 0};
    unsigned seed = 7;
    (void)state;
    assert_non_null(text);
    while (layout_count_words(text) < words)
        add_sentence(text, cap, &seed, 12);
    words = layout_count_words(text);
    assert_int_equal(layout_break(text, 600, measure_counting, &c, &l), 0);
    check_lines(text, &l, 600, measure_cp10);
    assert_true((size_t)c.calls <= words + 2 * l.count + 16);
    assert_true(c.bytes <= c.calls * 80);

    layout_lines_free(&l);
    /* one 20000-byte run without a break opportunity: cut by galloping, never measured whole */
    memset(text, 'x', 20000);
    text[20000] = '\0';
    c = (counter){0, 0};
    assert_int_equal(layout_break(text, 100, measure_counting, &c, &l), 0);
    check_lines(text, &l, 100, measure_cp10);
    assert_int_equal(l.count, 2000);
    assert_true(c.calls <= (long)l.count * 10);
    assert_true(c.bytes <= (long)l.count * 10 * 32);
    layout_lines_free(&l);
    free(text);
}

/* A URL longer than the line breaks after a slash (or similar mark) in the line's second half, and no
 * forced cut leaves closing punctuation at the start of a line. */
static void test_url_and_closing_punctuation(void **state)
{
    layout_lines l = {0};
    (void)state;
    const char *url = "https://azertag.az/en/xeber/people_of_azerbaijan_pay_tribute";
    assert_int_equal(layout_break(url, 200, measure_cp10, NULL, &l), 0); /* 20 letters a line */
    check_lines(url, &l, 200, measure_cp10);
    assert_true(l.count >= 3);
    /* "https://azertag.az/" (19): cut after the slash, not after "https://azertag.az/e" */
    assert_int_equal(l.lines[0].len, 19);
    for (size_t i = 0; i + 1 < l.count; i++) {
        char last = url[l.lines[i].start + l.lines[i].len - 1];
        assert_non_null(strchr("/-_?&=#.,:;", last));
    }
    layout_lines_free(&l);

    static const char *const closing[] = {"xxxxxxxxx", "x)yy"};
    expect_lines("xxxxxxxxxx)yy", 100, measure_cp10, closing, 2);
    const char *q = "xxxxxxxxxx\u00BB";
    assert_int_equal(layout_break(q, 100, measure_cp10, NULL, &l), 0);
    for (size_t i = 0; i < l.count; i++)
        assert_memory_not_equal(q + l.lines[i].start, "\u00BB", 2);
    layout_lines_free(&l);
}

static int measure_expect_rtl(void *ctx, const char *s, size_t len, bool rtl)
{
    assert_true(rtl == *(bool *)ctx);
    return measure_cp10(NULL, s, len, rtl);
}

/* The paragraph's direction reaches the measurer and the result. */
static void test_rtl_paragraph(void **state)
{
    layout_lines l = {0};
    bool want = true;
    (void)state;
    const char *ar = "1990 \u0634\u0647\u062F\u0627\u0621 \u064A\u0646\u0627\u064A\u0631 Baku";
    assert_int_equal(layout_break(ar, 60, measure_expect_rtl, &want, &l), 0);
    assert_true(l.rtl);
    assert_true(l.count >= 2);
    layout_lines_free(&l);
    want = false;
    assert_int_equal(layout_break("Baku \u0634\u0647\u062F\u0627\u0621", 60, measure_expect_rtl, &want, &l),
                     0);
    assert_false(l.rtl);
    layout_lines_free(&l);
}

/* Japanese without spaces wraps between characters; small kana and the long-vowel mark never start a
 * line, nor do closing brackets. */
static void test_japanese(void **state)
{
    layout_lines l = {0};
    (void)state;
    const char *ja =
        "「一九九〇年一月二十日」、バクーでソビエト軍が市民を殺害した。私たちは犠牲者を永遠に忘れない。";
    assert_int_equal(layout_break(ja, 100, measure_cp10, NULL, &l), 0);
    check_lines(ja, &l, 100, measure_cp10);
    assert_true(l.count >= 5);
    for (size_t i = 1; i < l.count; i++) {
        const char *p = ja + l.lines[i].start;
        assert_memory_not_equal(p, "、", 3);
        assert_memory_not_equal(p, "。", 3);
        assert_memory_not_equal(p, "」", 3);
    }
    layout_lines_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_words),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_greedy_wrap),
        cmocka_unit_test(test_trailing_spaces_not_measured),
        cmocka_unit_test(test_widow),
        cmocka_unit_test(test_fuzz_found_edges),
        cmocka_unit_test(test_long_word),
        cmocka_unit_test(test_tiny_width_graphemes),
        cmocka_unit_test(test_flags_and_noncharacters),
        cmocka_unit_test(test_cjk),
        cmocka_unit_test(test_mandatory_breaks),
        cmocka_unit_test(test_azerbaijani),
        cmocka_unit_test(test_measure_calls),
        cmocka_unit_test(test_url_and_closing_punctuation),
        cmocka_unit_test(test_rtl_paragraph),
        cmocka_unit_test(test_japanese),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
