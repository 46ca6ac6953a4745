/* Unit tests of natsort: numeric runs, case folding, tie-breaks, and that the order is total. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "natsort.h"

static int sgn(int v)
{
    return (v > 0) - (v < 0);
}

/* a < b, checked both ways. */
static void less(const char *a, const char *b)
{
    if (natsort_compare(a, b) >= 0 || natsort_compare(b, a) <= 0) {
        fail_msg("expected \"%s\" < \"%s\" (got %d, %d)", a, b, natsort_compare(a, b), natsort_compare(b, a));
    }
}

static void test_numbers_by_value(void **state)
{
    less("2-x", "10-x");
    less("img9", "img10");
    less("img9.jpg", "img10.jpg");
    less("photo 2 of 3", "photo 10 of 3");
    less("a1b2", "a1b10");
    less("1990", "2024");
    less("99", "100");
    /* Longer than any integer type: compared digit by digit. */
    less("123456789012345678901234567890", "123456789012345678901234567891");
    less("99999999999999999999", "100000000000000000000");
    less("v1.9", "v1.10");
}

static void test_leading_zeros(void **state)
{
    less("1", "01"); /* equal value: fewer leading zeros first */
    less("01", "001");
    less("0", "00");
    less("01", "2");      /* value first */
    less("007-b", "7-c"); /* the rest of the name matters before the zeros */
    less("a01b", "a1c");
    less("x7y07", "x07y7"); /* the first difference in zeros decides */
}

static void test_case_and_bytes(void **state)
{
    assert_int_equal(natsort_compare("alley.jpg", "alley.jpg"), 0);
    assert_int_equal(natsort_compare("", ""), 0);
    less("", "a");
    less("alley", "alley.jpg");
    less("Apple", "banana");
    less("apple", "Banana");
    less("ALLEY", "alley"); /* same ignoring case: strcmp order ('A' < 'a') */
    less("alley9x", "Alley10");
    less("x-1", "x_1");
    less("1.jpg", "a.jpg");    /* digits before letters */
    less("-1", "1");           /* '-' sorts before a number, as in ASCII */
    less("z", "\xC3\x89tude"); /* UTF-8 bytes after ASCII, bytewise */
    less("\xC3\x89tude", "\xC3\xA9tude");
}

static const char *const sample[] = {
    "",     "0",        "00", "000", "01",   "1",     "001",  "1a",    "1A",    "01a",  "10",
    "9",    "a",        "A",  "a1",  "a01",  "a001",  "A1",   "a2",    "a10",   "a10b", "a1b",
    "b",    "B",        "_",  "-",   "img9", "img10", "IMG9", "x7y07", "x07y7", "x7y7", "2-x",
    "10-x", "\xC3\xA9", "z",  "1.2", "1.10", "01.10", "a b",  "a  b",  "ab",
};
#define NSAMPLE (sizeof sample / sizeof sample[0])

static void test_total_order(void **state)
{
    for (size_t i = 0; i < NSAMPLE; i++) {
        for (size_t j = 0; j < NSAMPLE; j++) {
            int ij = natsort_compare(sample[i], sample[j]);
            /* Antisymmetric, and 0 only for identical strings. */
            assert_int_equal(sgn(ij), -sgn(natsort_compare(sample[j], sample[i])));
            assert_int_equal(ij == 0, strcmp(sample[i], sample[j]) == 0);
            for (size_t k = 0; k < NSAMPLE; k++) {
                if (ij < 0 && natsort_compare(sample[j], sample[k]) < 0) {
                    if (natsort_compare(sample[i], sample[k]) >= 0) {
                        fail_msg("not transitive: %s < %s < %s", sample[i], sample[j], sample[k]);
                    }
                }
            }
        }
    }
}

static int cmp_ptr(const void *a, const void *b)
{
    return natsort_compare(*(const char *const *)a, *(const char *const *)b);
}

static void test_sort_file_names(void **state)
{
    const char *names[] = {"10-end.txt", "photo10.jpg", "2-middle.txt", "Photo9.jpg",  "1-start.txt",
                           "photo9.jpg", "README.md",   "01-start.txt", "photo010.jpg"};
    const char *expected[] = {"1-start.txt", "01-start.txt", "2-middle.txt", "10-end.txt", "Photo9.jpg",
                              "photo9.jpg",  "photo10.jpg",  "photo010.jpg", "README.md"};
    qsort(names, sizeof names / sizeof names[0], sizeof names[0], cmp_ptr);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        assert_string_equal(names[i], expected[i]);
    }
}

static void test_paths_by_component(void **state)
{
    assert_int_equal(natsort_compare_path("photos/a.jpg", "photos/a.jpg"), 0);
    /* A folder sorts by its name among its siblings: "photos" < "photos-2024.jpg". */
    less("photos-2024.jpg", "photos/a.jpg"); /* plain natsort: '-' < '/' */
    assert_true(natsort_compare_path("photos/a.jpg", "photos-2024.jpg") < 0);
    assert_true(natsort_compare_path("photos-2024.jpg", "photos/a.jpg") > 0);
    assert_true(natsort_compare_path("2/z.jpg", "10/a.jpg") < 0);
    assert_true(natsort_compare_path("a/9.png", "a/10.png") < 0);
    assert_true(natsort_compare_path("a", "a/b") < 0);
    assert_true(natsort_compare_path("a/b", "a") > 0);
    assert_true(natsort_compare_path("a/b/c.txt", "a/b.txt") < 0); /* "b" < "b.txt" */
    assert_true(natsort_compare_path("A/x", "a/x") < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_by_value), cmocka_unit_test(test_leading_zeros),
        cmocka_unit_test(test_case_and_bytes),   cmocka_unit_test(test_total_order),
        cmocka_unit_test(test_sort_file_names),  cmocka_unit_test(test_paths_by_component),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
