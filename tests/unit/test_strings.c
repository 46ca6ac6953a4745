/* Unit tests of the kiosk's own words (src/core/content/ui_strings.c): parsing `key = text` files with
 * `path:line` problems, the fall-through language -> English file -> built-in words, placeholders, the plural
 * forms of en/az/ru, and the shipped files assets/text/{en,az,ru}.txt themselves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "content.h"
#include "ui_strings.h"

static void assert_diag(const diag_list *l, size_t i, int line, const char *needle)
{
    assert_true(i < l->count);
    assert_int_equal(l->items[i].severity, DIAG_WARNING);
    assert_int_equal(l->items[i].line, line);
    assert_string_equal(l->items[i].path, "text/az.txt");
    if (!strstr(l->items[i].message, needle))
        fail_msg("diag '%s' lacks '%s'", l->items[i].message, needle);
}

static void test_builtin_without_files(void **state)
{
    (void)state;
    strings *s = strings_create(CONFIG_LANG_RU);
    assert_non_null(s);
    assert_string_equal(strings_get(s, "fallback.title"), "In memory of the victims of 20 January 1990");
    assert_string_equal(strings_get(s, "import.unchanged"), "This exhibit is already showing.");
    /* a key the program does not know: the key itself, never a blank */
    assert_string_equal(strings_get(s, "no.such.key"), "no.such.key");
    char buf[128];
    assert_string_equal(strings_count(s, "banner.years", 36, buf, sizeof buf), "36 years");
    assert_string_equal(strings_count(s, "banner.years", 1, buf, sizeof buf), "1 year");
    assert_string_equal(strings_get(NULL, "silence.title"), "A minute of silence");
    strings_free(s);
    strings_free(NULL);
}

static void test_parse_and_fall_through(void **state)
{
    (void)state;
    strings *s = strings_create(CONFIG_LANG_AZ);
    diag_list d;
    diag_list_init(&d);
    const char *en = "# English\nsilence.title = A minute of silence (file)\r\n"
                     "import.remove = You can take the stick out.\n";
    const char *az = "\xEF\xBB\xBF# az\n\n  silence.title   =   Bir d\xC9\x99qiq\xC9\x99lik s\xC3\xBCkut  \n";
    assert_int_equal(strings_parse(s, STRINGS_LAYER_ENGLISH, en, "text/en.txt", &d), 0);
    assert_int_equal(strings_parse(s, STRINGS_LAYER_LANGUAGE, az, "text/az.txt", &d), 0);
    assert_int_equal(d.count, 0);
    assert_string_equal(strings_get(s, "silence.title"), "Bir d\xC9\x99qiq\xC9\x99lik s\xC3\xBCkut");
    assert_string_equal(strings_get(s, "import.remove"), "You can take the stick out.");
    assert_string_equal(strings_get(s, "import.no_folder"), "This stick has no memorial-kiosk folder.");
    assert_int_equal(strings_language(s), CONFIG_LANG_AZ);
    diag_list_free(&d);
    strings_free(s);
}

static void test_problems_have_lines(void **state)
{
    (void)state;
    strings *s = strings_create(CONFIG_LANG_AZ);
    diag_list d;
    diag_list_init(&d);
    const char *az = "fallback.title = Birinci\n"         /* 1: fine */
                     "fallback.titel = typo\n"            /* 2: unknown key */
                     "just some words\n"                  /* 3: no '=' */
                     "fallback.subtitle =   \n"           /* 4: empty text */
                     "import.reading = Oxunur {faiz} %\n" /* 5: unknown placeholder, kept */
                     "fallback.title = Ikinci\n"          /* 6: twice, later wins */
                     "silence.title = \xC3\x28\n"         /* 7: not UTF-8 */
                     "banner.years.few = {years} il\n";   /* 8: a plural form of a known base */
    assert_int_equal(strings_parse(s, STRINGS_LAYER_LANGUAGE, az, "text/az.txt", &d), 6);
    assert_int_equal(d.count, 6);
    assert_diag(&d, 0, 2, "unknown key 'fallback.titel'");
    assert_diag(&d, 1, 3, "not a 'key = text' line");
    assert_diag(&d, 2, 4, "'fallback.subtitle' has no text");
    assert_diag(&d, 3, 5, "unknown placeholder {faiz}");
    assert_diag(&d, 4, 6, "given twice");
    assert_diag(&d, 5, 7, "not UTF-8");
    char line[200];
    diag_format(&d.items[0], NULL, line, sizeof line);
    assert_string_equal(line, "text/az.txt:2: warning: unknown key 'fallback.titel'; ignored");
    assert_string_equal(strings_get(s, "fallback.title"), "Ikinci");
    assert_string_equal(strings_get(s, "fallback.subtitle"), "The exhibit will continue shortly.");
    assert_string_equal(strings_get(s, "import.reading"), "Oxunur {faiz} %");
    assert_string_equal(strings_get(s, "silence.title"), "A minute of silence");
    diag_list_free(&d);
    strings_free(s);
}

static void test_long_line_and_null_text(void **state)
{
    (void)state;
    strings *s = strings_create(CONFIG_LANG_EN);
    diag_list d;
    diag_list_init(&d);
    size_t n = 5000;
    char *text = malloc(n + 64);
    assert_non_null(text);
    memcpy(text, "staff.title = ", 14);
    memset(text + 14, 'x', n);
    strcpy(text + 14 + n, "\nstaff.rollback = Back\n");
    assert_int_equal(strings_parse(s, STRINGS_LAYER_ENGLISH, text, "en.txt", &d), 1);
    assert_int_equal(d.items[0].line, 1);
    assert_string_equal(strings_get(s, "staff.rollback"), "Back");
    assert_string_equal(strings_get(s, "staff.title"), "Memorial Kiosk {version}");
    assert_int_equal(strings_parse(s, STRINGS_LAYER_ENGLISH, NULL, "en.txt", &d), 0);
    free(text);
    diag_list_free(&d);
    strings_free(s);
}

static void test_fill(void **state)
{
    (void)state;
    char out[64];
    strings_arg args[] = {{"percent", "42"}, {"reason", "no space"}, {"empty", NULL}};
    assert_string_equal(strings_fill("Reading\xE2\x80\xA6 {percent} %", args, 3, out, sizeof out),
                        "Reading\xE2\x80\xA6 42 %");
    assert_string_equal(strings_fill("{reason}: {unknown} {{x}} }{", args, 3, out, sizeof out),
                        "no space: {unknown} {x} }{");
    assert_string_equal(strings_fill("[{empty}]{percent", args, 3, out, sizeof out), "[]{percent");
    assert_string_equal(strings_fill(NULL, args, 3, out, sizeof out), "");
    /* cut at a UTF-8 boundary: "ə" is two bytes and does not fit after "abc" in 5 bytes */
    char small[5];
    assert_string_equal(strings_fill("abc\xC9\x99", NULL, 0, small, sizeof small), "abc");
    assert_string_equal(strings_fill("{percent}{percent}{percent}", args, 3, small, sizeof small), "4242");
}

static void test_plural_categories(void **state)
{
    (void)state;
    static const struct {
        long long n;
        const char *ru;
    } cases[] = {{0, "many"},   {1, "one"},   {2, "few"},    {4, "few"},   {5, "many"},
                 {11, "many"},  {12, "many"}, {14, "many"},  {21, "one"},  {22, "few"},
                 {31, "one"},   {33, "few"},  {36, "many"},  {101, "one"}, {111, "many"},
                 {112, "many"}, {122, "few"}, {1001, "one"}, {-1, "one"},  {-33, "few"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(strings_plural_category(CONFIG_LANG_RU, cases[i].n), cases[i].ru);
    assert_string_equal(strings_plural_category(CONFIG_LANG_EN, 1), "one");
    assert_string_equal(strings_plural_category(CONFIG_LANG_EN, 21), "other");
    assert_string_equal(strings_plural_category(CONFIG_LANG_EN, 0), "other");
    assert_string_equal(strings_plural_category(CONFIG_LANG_AZ, 36), "other");
    assert_string_equal(strings_language_code(CONFIG_LANG_AZ), "az");
    assert_string_equal(strings_language_code(CONFIG_LANG_RU), "ru");
    assert_string_equal(strings_language_code(CONFIG_LANG_EN), "en");
}

/* Loads assets/text/<code>.txt of the source tree into a table for lang; no problem expected. */
static strings *load_shipped(config_lang lang)
{
    strings *s = strings_create(lang);
    assert_non_null(s);
    const char *codes[] = {"en", strings_language_code(lang)};
    for (int i = 0; i < (lang == CONFIG_LANG_EN ? 1 : 2); i++) {
        char path[1024], *data = NULL;
        size_t len = 0;
        snprintf(path, sizeof path, "%s/assets/text/%s.txt", KIOSK_SOURCE_DIR, codes[i]);
        assert_int_equal(content_read_file(path, 1 << 20, &data, &len), 0);
        diag_list d;
        diag_list_init(&d);
        int n = strings_parse(s, i == 0 ? STRINGS_LAYER_ENGLISH : STRINGS_LAYER_LANGUAGE, data, path, &d);
        for (size_t k = 0; k < d.count; k++) {
            char line[512];
            diag_format(&d.items[k], NULL, line, sizeof line);
            print_error("%s\n", line);
        }
        assert_int_equal(n, 0);
        diag_list_free(&d);
        free(data);
    }
    return s;
}

static void test_shipped_english_equals_builtin(void **state)
{
    (void)state;
    strings *file = load_shipped(CONFIG_LANG_EN);
    strings *none = strings_create(CONFIG_LANG_EN);
    assert_true(strings_builtin_count() > 20);
    for (size_t i = 0; i < strings_builtin_count(); i++) {
        const char *key = strings_builtin_key(i);
        /* en.txt has every key, with the very words compiled into the program */
        assert_string_equal(strings_get(file, key), strings_builtin_text(i));
        assert_string_equal(strings_get(none, key), strings_builtin_text(i));
    }
    assert_null(strings_builtin_key(strings_builtin_count()));
    strings_free(none);
    strings_free(file);
}

static void test_shipped_translations(void **state)
{
    (void)state;
    strings *ru = load_shipped(CONFIG_LANG_RU);
    strings *az = load_shipped(CONFIG_LANG_AZ);
    char buf[128];
    assert_string_equal(strings_count(ru, "banner.years", 36, buf, sizeof buf),
                        "36 \xD0\xBB\xD0\xB5\xD1\x82");
    assert_string_equal(strings_count(ru, "banner.years", 31, buf, sizeof buf),
                        "31 \xD0\xB3\xD0\xBE\xD0\xB4");
    assert_string_equal(strings_count(ru, "banner.years", 33, buf, sizeof buf),
                        "33 \xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0");
    assert_string_equal(strings_count(az, "banner.years", 36, buf, sizeof buf), "36 il");
    assert_string_equal(strings_count(az, "banner.years", 1, buf, sizeof buf), "1 il");
    assert_string_equal(strings_count(ru, "import.slides", 5, buf, sizeof buf),
                        "5 \xD1\x81\xD0\xBB\xD0\xB0\xD0\xB9\xD0\xB4\xD0\xBE\xD0\xB2");
    assert_string_equal(strings_get(az, "silence.title"), "Bir d\xC9\x99qiq\xC9\x99lik s\xC3\xBCkut");
    /* every key is translated: none falls through to English */
    for (size_t i = 0; i < strings_builtin_count(); i++) {
        const char *key = strings_builtin_key(i);
        if (strcmp(key, "staff.title") == 0 || strcmp(key, "import.problems") == 0 || strstr(key, ".one"))
            continue; /* the same in every language; az has only .other */
        if (strcmp(strings_get(ru, key), strings_builtin_text(i)) == 0)
            fail_msg("ru.txt lacks a translation of %s", key);
        if (strcmp(strings_get(az, key), strings_builtin_text(i)) == 0)
            fail_msg("az.txt lacks a translation of %s", key);
    }
    /* a file's plural form missing: the language's .other, never English */
    strings *partial = strings_create(CONFIG_LANG_RU);
    diag_list d;
    diag_list_init(&d);
    assert_int_equal(strings_parse(partial, STRINGS_LAYER_LANGUAGE,
                                   "banner.years.other = {years} \xD0\xBB\xD0\xB5\xD1\x82\n", "ru.txt", &d),
                     0);
    assert_string_equal(strings_count(partial, "banner.years", 31, buf, sizeof buf),
                        "31 \xD0\xBB\xD0\xB5\xD1\x82");
    assert_string_equal(strings_get_count(partial, "import.errors", 2), "{errors} problems");
    assert_string_equal(strings_get_count(partial, "no.such", 2), "no.such");
    diag_list_free(&d);
    strings_free(partial);
    strings_free(az);
    strings_free(ru);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_without_files),
        cmocka_unit_test(test_parse_and_fall_through),
        cmocka_unit_test(test_problems_have_lines),
        cmocka_unit_test(test_long_line_and_null_text),
        cmocka_unit_test(test_fill),
        cmocka_unit_test(test_plural_categories),
        cmocka_unit_test(test_shipped_english_equals_builtin),
        cmocka_unit_test(test_shipped_translations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
