/* Unit tests of diag: the list (copies, counts, free) and the "prefix/path:line: severity: message" format.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

static void test_list(void **state)
{
    diag_list l;
    diag_list_init(&l);
    assert_int_equal(l.count, 0);
    char path[] = "photos/alley.jpg";
    for (int i = 0; i < 20; i++) { /* grows past the first allocation */
        assert_int_equal(
            diag_add(&l, i % 3 == 0 ? DIAG_ERROR : DIAG_WARNING, path, i, "problem %d of %s", i, "x"), 0);
    }
    path[0] = 'P'; /* the list keeps its own copy */
    assert_int_equal(l.count, 20);
    assert_string_equal(l.items[19].path, "photos/alley.jpg");
    assert_string_equal(l.items[19].message, "problem 19 of x");
    assert_int_equal(l.items[19].line, 19);
    assert_int_equal(diag_count(&l, DIAG_ERROR), 7);
    assert_int_equal(diag_count(&l, DIAG_WARNING), 13);
    assert_int_equal(diag_add(&l, DIAG_WARNING, NULL, 0, "no path"), 0);
    assert_string_equal(l.items[20].path, "");
    diag_list_free(&l);
    assert_int_equal(l.count, 0);
    assert_null(l.items);
    diag_list_free(&l); /* twice is harmless */
}

static void check(diag_severity sev, const char *path, int line, const char *prefix, const char *expected)
{
    diag d = {sev, (char *)path, line, (char *)"the message"};
    char buf[256];
    memset(buf, 'x', sizeof buf);
    diag_format(&d, prefix, buf, sizeof buf);
    assert_string_equal(buf, expected);
}

static void test_format(void **state)
{
    check(DIAG_ERROR, "a.txt", 3, "content", "content/a.txt:3: error: the message");
    check(DIAG_WARNING, "photos/b.jpg", 0, "content", "content/photos/b.jpg: warning: the message");
    check(DIAG_ERROR, "a.txt", 3, NULL, "a.txt:3: error: the message");
    check(DIAG_ERROR, "a.txt", 0, "", "a.txt: error: the message");
    check(DIAG_ERROR, "", 0, "/media/usb/content", "/media/usb/content: error: the message");
    check(DIAG_WARNING, "a.txt", 12, "content/", "content/a.txt:12: warning: the message");
    check(DIAG_WARNING, "", 0, NULL, "warning: the message");
    check(DIAG_ERROR, "a.txt", -1, "c", "c/a.txt: error: the message");
    assert_string_equal(diag_severity_name(DIAG_ERROR), "error");
    assert_string_equal(diag_severity_name(DIAG_WARNING), "warning");
}

static void test_format_truncates(void **state)
{
    diag d = {DIAG_ERROR, (char *)"a.txt", 3, (char *)"a long message"};
    char buf[8];
    diag_format(&d, "content", buf, sizeof buf);
    assert_string_equal(buf, "content");
    char one[1] = {'x'};
    diag_format(&d, "content", one, 1);
    assert_int_equal(one[0], '\0');
    diag_format(&d, "content", NULL, 0); /* nothing to write into */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_truncates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
