/* Unit tests of textseg: white space, words, grapheme clusters and sentence boundaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "textseg.h"

static void test_spaces_and_words(void **state)
{
    const char *s = "  Şəhidlər\u3000Xiyabanı\u00A020  \n";
    size_t len = strlen(s);
    (void)state;
    assert_true(textseg_is_space(' ') && textseg_is_space('\n') && textseg_is_space(0x3000));
    assert_false(textseg_is_space(0xA0)); /* no-break space joins */
    assert_true(textseg_is_newline(0x2028));
    assert_false(textseg_is_newline(' '));
    assert_int_equal(textseg_count_words(s, len), 2);
    assert_int_equal(textseg_skip_space(s, len, 0, false), 2);
    assert_int_equal(textseg_trim_end(s, 0, len), len - 3);
    assert_int_equal(textseg_skip_space("a \nb", 4, 1, false), 2); /* stops at the line end */
    assert_int_equal(textseg_skip_space("a \nb", 4, 1, true), 3);
    assert_int_equal(textseg_prev_start("aə", 0, 3), 1);
}

static size_t grapheme(const char *s)
{
    return textseg_next_grapheme(s, strlen(s), 0);
}

static void test_graphemes(void **state)
{
    (void)state;
    assert_int_equal(grapheme("ab"), 1);
    assert_int_equal(grapheme("əb"), 2);
    assert_int_equal(grapheme("e\xCC\x81x"), 3);                               /* e + combining acute */
    assert_int_equal(grapheme("\r\nx"), 2);                                    /* CR LF */
    assert_int_equal(grapheme("\n\xCC\x81"), 1);                               /* a control stands alone */
    assert_int_equal(grapheme("\U0001F1E6\U0001F1FF\U0001F1E6\U0001F1FF"), 8); /* one flag of two */
    assert_int_equal(grapheme("\U0001F469\u200D\U0001F469\u200D\U0001F467x"), 18); /* ZWJ family */
    assert_int_equal(grapheme("\U0001F44D\U0001F3FDx"), 8);                        /* emoji + skin tone */
    assert_int_equal(grapheme("\u0915\u093Fx"), 6);                                /* Devanagari ki */
    assert_int_equal(grapheme("\xFF\xCC\x81"), 3); /* a stray byte still takes its marks */
    assert_int_equal(grapheme("1\u200D x"), 4);    /* a ZWJ attaches to 1, joins no space after it */
    assert_int_equal(grapheme("a\u200Db"), 4);     /* nor a letter (only pictographs join) */
    assert_int_equal(grapheme(" \xCC\x81x"), 3);   /* a space takes its marks */
    assert_int_equal(textseg_skip_space("a \xCC\x81"
                                        "b",
                                        5, 1, false),
                     4); /* skipped with the space */
    assert_int_equal(textseg_skip_space("a\t\xCC\x81"
                                        "b",
                                        5, 1, false),
                     2); /* a tab stands alone */
}

/* Where ICU's UAX #29 (Unicode 15, libicu72) is exact and the former hand-made tables were not; each
 * value is what ICU 72 answers (checked with ubrk on the same strings). */
static void test_graphemes_icu(void **state)
{
    (void)state;
    assert_int_equal(grapheme("\u0E01\u0E33x"), 6);              /* Thai ko + sara am (a SpacingMark) */
    assert_int_equal(grapheme("\u0F40\u0F72x"), 6);              /* Tibetan ka + vowel sign i */
    assert_int_equal(grapheme("\u0915\u094D\u0937\u093Fx"), 12); /* Devanagari conjunct kssi, one cluster */
    assert_int_equal(grapheme("\u0915\u0903x"), 6);              /* ka + visarga */
    assert_int_equal(grapheme("\u0600\u0661x"), 4);              /* Arabic number sign (Prepend) + digit */
    assert_int_equal(grapheme("\u1100\u1100\u1161x"), 9);        /* Hangul jamo L L V: one syllable */
    assert_int_equal(grapheme("\uAC01\u1161"), 3);               /* LVT syllable takes no V after it */
    assert_int_equal(grapheme("\uD55C\uAD6D"), 3);               /* precomposed syllables stand alone */
    assert_int_equal(grapheme("\U0001F3F3\uFE0F\u200D\U0001F308x"), 14); /* rainbow flag (ZWJ sequence) */
    assert_int_equal(grapheme("\U0001F1E6\U0001F1FF\U0001F1E6"), 8);     /* odd regional indicator alone */
    assert_int_equal(textseg_next_grapheme("\U0001F1E6\U0001F1FF\U0001F1E6", 12, 8), 12);
    /* a Prepend character holds the space after it (GB9b): trimming keeps that space, not a tab */
    assert_int_equal(grapheme("\u0605 x"), 3);
    assert_true(textseg_is_prepend(0x0605) && !textseg_is_prepend('a'));
    assert_int_equal(textseg_trim_end("a\u0605 ", 0, 4), 4);
    assert_int_equal(textseg_trim_end("a\u0605  ", 0, 5), 4);
    assert_int_equal(textseg_trim_end("a\u0605\t", 0, 4), 3);
    assert_int_equal(textseg_trim_end("a  ", 0, 3), 1);
}

/* Appends cp to b as UTF-8; returns its length. */
static size_t put_utf8(char *b, uint32_t cp)
{
    if (cp < 0x80) {
        b[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
        b[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* textseg_next_grapheme skips ICU where a break is sure; the clusters must still be ICU's own, walked
 * from the start: random strings of marks, joiners, emoji, regional indicators, Hangul jamo, Indic, Thai,
 * CR LF and plain letters, compared with a fresh ICU character iterator. */
static void test_graphemes_match_icu(void **state)
{
    static const uint32_t pool[] = {'a',     ' ',     '\r',    '\n',    0x0301,  0x200D,  0xFE0F, 0x1F469,
                                    0x1F3FD, 0x1F1E6, 0x1F1FF, 0x0915,  0x094D,  0x0937,  0x093F, 0x0903,
                                    0x0600,  0x0661,  0x1100,  0x1161,  0x11A8,  0xAC00,  0xAC01, 0x0E01,
                                    0x0E33,  0x0F40,  0x0F72,  0x0259,  0x2764,  0x1F308, 0x05D0, 0x05B8,
                                    0x0627,  0x064B,  0xE0067, 0xE007F, 0x1F3F4, 0xFFFD,  0x0410, 0x3002};
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &err);
    uint32_t seed = 18;
    (void)state;
    assert_true(U_SUCCESS(err));
    for (int t = 0; t < 20000; t++) {
        char s[16 * 4];
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        for (uint32_t j = 0, m = 1 + (seed >> 16) % 15; j < m; j++) {
            seed = seed * 1103515245u + 12345u;
            len += put_utf8(s + len, pool[(seed >> 16) % (sizeof pool / sizeof pool[0])]);
        }
        UText ut = UTEXT_INITIALIZER;
        utext_openUTF8(&ut, s, (int64_t)len, &err);
        ubrk_setUText(bi, &ut, &err);
        assert_true(U_SUCCESS(err));
        ubrk_first(bi);
        for (size_t i = 0; i < len;) {
            size_t ours = textseg_next_grapheme(s, len, i);
            assert_int_equal(ours, (size_t)ubrk_next(bi));
            i = ours;
        }
        utext_close(&ut);
    }
    ubrk_close(bi);
}

static void expect_next(const char *text, const char *next)
{
    size_t at = textseg_next_sentence(text, strlen(text), 0);
    assert_string_equal(text + at, next);
}

static void test_sentences(void **state)
{
    const char *t = "A. B";
    (void)state;
    expect_next("One. Two.", "Two.");
    expect_next("Mr. Smith came. Then he left.", "Then he left.");
    expect_next("It was 20 Jan. 1990 in Baku. Next", "Next");
    expect_next("He said \"Go.\" Then", "Then");
    expect_next("The martyrs’ blood. Our people", "Our people");
    expect_next("It was 3.5 million. Next", "Next");
    expect_next("Wait... and then. Go", "Go");
    expect_next("Why?! Because", "Because");
    expect_next("J. R. Tolkien wrote. End", "End");
    expect_next("(See above.) Then", "Then");
    expect_next("第一句。第二句！第三句", "第二句！第三句");
    expect_next("“引用。”后面", "后面");
    expect_next("Thus… Then", "Then");
    expect_next("no end at all", "");
    expect_next("Ends here.", "");
    expect_next("Ends here.   ", "");
    assert_int_equal(textseg_next_sentence(t, strlen(t), 3), strlen(t));
    assert_int_equal(textseg_next_sentence("One. Two. Three.", 16, 5), 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spaces_and_words), cmocka_unit_test(test_graphemes),
        cmocka_unit_test(test_graphemes_icu),    cmocka_unit_test(test_graphemes_match_icu),
        cmocka_unit_test(test_sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
