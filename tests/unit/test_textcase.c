/* Unit tests of textcase: locale-correct upper case for all-capitals running heads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "textcase.h"

static void expect_upper(const char *in, const char *lang, const char *want)
{
    char out[256];
    size_t n = textcase_upper(in, strlen(in), lang, out, sizeof out);
    assert_int_equal(n, strlen(out));
    assert_string_equal(out, want);
}

static void test_azerbaijani_and_turkish(void **state)
{
    (void)state;
    /* guessed from ə, ı, İ or ğ in the text */
    expect_upper("Şəhidlər Xiyabanı", NULL, "ŞƏHİDLƏR XİYABANI");
    expect_upper("İlham Əliyev, çörək, gözəl, üzüm, ağac", NULL, "İLHAM ƏLİYEV, ÇÖRƏK, GÖZƏL, ÜZÜM, AĞAC");
    expect_upper("istiqlal", "az", "İSTİQLAL");
    expect_upper("ılık iğne", "tr", "ILIK İĞNE");
    /* not Turkic: the usual i */
    expect_upper("in memory of the victims", NULL, "IN MEMORY OF THE VICTIMS");
    expect_upper("Şehit", "", "ŞEHIT");
    assert_true(textcase_is_turkic("gecəsi", strlen("gecəsi")));
    assert_false(textcase_is_turkic("night", 5));
}

static void test_other_scripts(void **state)
{
    (void)state;
    expect_upper("Вечная память, ёлка", NULL, "ВЕЧНАЯ ПАМЯТЬ, ЁЛКА");
    expect_upper("Μνήμη των θυμάτων, Αθήνα", NULL, "ΜΝΗΜΗ ΤΩΝ ΘΥΜΑΤΩΝ, ΑΘΗΝΑ"); /* accents dropped */
    expect_upper("Հիշատակ", NULL, "ՀԻՇԱՏԱԿ");
    expect_upper("Straße, łódź, crème brûlée", NULL, "STRASSE, ŁÓDŹ, CRÈME BRÛLÉE");
    expect_upper("ذكرى 中文 मृति ხსოვნა", NULL, "ذكرى 中文 मृति ხსოვნა"); /* no case: unchanged */
    expect_upper("Tiếng Việt", NULL, "TIẾNG VIỆT");
}

/* ICU's full mapping where the former tables had no entry. */
static void test_icu_mapping(void **state)
{
    (void)state;
    expect_upper("\uFB01nal", NULL, "FINAL");              /* ligature fi */
    expect_upper("\u01C6 \u0149", NULL, "\u01C4 \u02BCN"); /* dž, ŉ */
    expect_upper("\u0390", NULL, "\u03AA");                /* ΐ: Greek capital without its tonos */
    expect_upper("Tie\xCC\x82\xCC\x81ng", "", "TIE\xCC\x82\xCC\x81NG"); /* combining marks kept */
    expect_upper("Հիշատակ և", NULL, "ՀԻՇԱՏԱԿ ԵՒ");
    expect_upper("ხსოვნა memory", NULL, "ხსოვნა MEMORY"); /* Georgian kept, the rest upper */
}

static void test_small_buffer(void **state)
{
    char out[6];
    (void)state;
    size_t n = textcase_upper("əəəə", strlen("əəəə"), NULL, out, sizeof out);
    assert_int_equal(n, 4); /* two Ə of two bytes each, never half a character */
    assert_string_equal(out, "ƏƏ");
    assert_int_equal(textcase_upper("abc", 3, NULL, out, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_azerbaijani_and_turkish),
        cmocka_unit_test(test_other_scripts),
        cmocka_unit_test(test_icu_mapping),
        cmocka_unit_test(test_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
