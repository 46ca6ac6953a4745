/* Unit tests of textseg: white space, words, grapheme clusters and sentence boundaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

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
        cmocka_unit_test(test_spaces_and_words),
        cmocka_unit_test(test_graphemes),
        cmocka_unit_test(test_graphemes_icu),
        cmocka_unit_test(test_sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
