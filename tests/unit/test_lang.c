/* Unit tests of article language detection and the language order of consecutive articles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lang.h"

static content_item article_item(const char *rel, article *a, const char *title, char **para)
{
    memset(a, 0, sizeof *a);
    a->title = (char *)title;
    a->paragraphs = para;
    a->paragraph_count = 1;
    content_item it = {.kind = CONTENT_ARTICLE, .rel_path = (char *)rel, .article = a, .fit = -1};
    return it;
}

static void test_detect_by_letters(void **state)
{
    (void)state;
    article a;
    char *en[] = {"On the night of 19 to 20 January 1990, troops entered the city."};
    char *az[] = {"1990-c\xC4\xB1 il yanvar\xC4\xB1n 19-dan 20-n\xC9\x99 ke\xC3\xA7\xC9\x99n gec\xC9\x99"};
    char *ru[] = {"\xD0\x92 \xD0\xBD\xD0\xBE\xD1\x87\xD1\x8C \xD0\xBD\xD0\xB0 20 \xD1\x8F\xD0\xBD\xD0\xB2"
                  "\xD0\xB0\xD1\x80\xD1\x8F 1990 \xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0"};
    content_item it = article_item("1.txt", &a, "The night", en);
    assert_int_equal(lang_of_item(&it), CONFIG_LANG_EN);
    it = article_item("2.txt", &a, "20 Yanvar gec\xC9\x99si", az);
    assert_int_equal(lang_of_item(&it), CONFIG_LANG_AZ);
    it = article_item("3.txt", &a, "\xD0\x9D\xD0\xBE\xD1\x87\xD1\x8C", ru);
    assert_int_equal(lang_of_item(&it), CONFIG_LANG_RU);
}

static void test_file_name_wins(void **state)
{
    (void)state;
    article a;
    char *en[] = {"Plain English text."};
    content_item it = article_item("news/story.az.txt", &a, "Story", en);
    assert_int_equal(lang_of_item(&it), CONFIG_LANG_AZ);
    it = article_item("story-RU.txt", &a, "Story", en);
    assert_int_equal(lang_of_item(&it), CONFIG_LANG_RU);
    it = article_item("jazz.txt", &a, "Story", en); /* "az" must follow a separator */
    assert_int_equal(lang_of_item(&it), CONFIG_LANG_EN);
}

static void test_parse_order(void **state)
{
    (void)state;
    config_lang o[3];
    assert_int_equal(lang_parse_order("az, en", o, 3), 2);
    assert_int_equal(o[0], CONFIG_LANG_AZ);
    assert_int_equal(o[1], CONFIG_LANG_EN);
    assert_int_equal(lang_parse_order("ru az az en", o, 3), 3);
    assert_int_equal(o[2], CONFIG_LANG_EN);
    assert_int_equal(lang_parse_order("", o, 3), 0);
    assert_int_equal(lang_parse_order("az de", o, 3), -1);
}

static void test_apply_order_within_runs(void **state)
{
    (void)state;
    article a[5];
    char *en[] = {"English text here."};
    char *az[] = {"Az\xC9\x99rbaycan dilind\xC9\x99 m\xC9\x99tn."};
    content_item items[6];
    items[0] = article_item("01-en.txt", &a[0], "One", en);
    items[1] = article_item("02-az.txt", &a[1], "Bir", az);
    items[2] = (content_item){.kind = CONTENT_IMAGE, .rel_path = "03.jpg", .fit = -1};
    items[3] = article_item("04-en.txt", &a[2], "Two", en);
    items[4] = article_item("05-plain.txt", &a[3], "Three", en);
    items[5] = article_item("06-az.txt", &a[4], "\xC4\xB0ki", az);
    content c = {.root = "/c", .items = items, .count = 6};
    config_lang order[] = {CONFIG_LANG_AZ, CONFIG_LANG_EN};
    lang_apply_order(&c, order, 2);
    const char *expect[] = {"02-az.txt", "01-en.txt", "03.jpg", "06-az.txt", "04-en.txt", "05-plain.txt"};
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(items[i].rel_path, expect[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect_by_letters),
        cmocka_unit_test(test_file_name_wins),
        cmocka_unit_test(test_parse_order),
        cmocka_unit_test(test_apply_order_within_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
