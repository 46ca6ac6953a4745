/* typo.preload: fontconfig loaded on a thread of its own (fontfind_preload, started by the show while its
 * display opens) gives the queries made meanwhile, or after, the same answers as loading it in place;
 * the queries wait for it; a second preload or wait changes nothing; FcFini after the wait is clean
 * (the ASan build checks that nothing leaks or races). Its own process: fontconfig is not loaded yet. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "fontfind.h"
#include "typo_util.h"

/* First in the process: the queries are made while the preload may still be running. */
static void test_query_during_preload(void **state)
{
    (void)state;
    fontfind_preload();
    fontfind_preload(); /* no second thread while the first runs */
    int index = -1;
    bool exact = false;
    char *serif = fontfind_match("Noto Serif:style=Regular", &index, &exact);
    assert_non_null(serif);
    assert_true(exact);
    assert_int_equal(index, 0);
    print_message("Noto Serif: %s\n", serif);
    assert_non_null(strstr(typo_base_name(serif), "NotoSerif"));

    fontfind *ff = fontfind_new();
    assert_non_null(ff);
    const char *armenian = fontfind_fallback(ff, "Noto Serif", false, 0x0531, &index);
    assert_non_null(armenian);
    assert_memory_equal(typo_base_name(armenian), "NotoSerifArmenian-", strlen("NotoSerifArmenian-"));
    fontfind_free(ff);

    fontfind_preload_wait(); /* already joined by the queries: nothing left to wait for */
    fontfind_preload_wait();
    char *again = fontfind_match("Noto Serif:style=Regular", &index, &exact);
    assert_non_null(again);
    assert_string_equal(serif, again);
    free(again);
    free(serif);
}

/* After the first preload was joined, another one (a new look after a reload) starts a thread again,
 * which finds fontconfig loaded; queries answer the same, an unknown family is not "exact". */
static void test_preload_again(void **state)
{
    (void)state;
    fontfind_preload();
    int index = -1;
    bool exact = true;
    char *sans = fontfind_match("Noto Sans:style=Italic", &index, &exact);
    assert_non_null(sans);
    assert_true(exact);
    assert_non_null(strstr(typo_base_name(sans), "NotoSans"));
    free(sans);
    char *none = fontfind_match("No Such Family 1990:style=Regular", &index, &exact);
    assert_non_null(none); /* fontconfig's best stand-in */
    assert_false(exact);
    free(none);
    fontfind_preload_wait();
}

/* A wait without a preload is nothing; FcFini after it unloads fontconfig as main() does. */
static void test_wait_then_fini(void **state)
{
    (void)state;
    fontfind_preload_wait();
    FcFini();
    fontfind_preload(); /* loads fontconfig anew */
    fontfind_preload_wait();
    int index = -1;
    bool exact = false;
    char *serif = fontfind_match("Noto Serif:style=Italic", &index, &exact);
    assert_non_null(serif);
    assert_true(exact);
    free(serif);
    FcFini();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_during_preload),
        cmocka_unit_test(test_preload_again),
        cmocka_unit_test(test_wait_then_fini),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
