/* Unit tests of the import status file: format and parse (the kiosk's side), one-line values, at most
 * three problems, the path beside the content folder, an atomic write read back. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "import_status.h"
#include "import_testutil.h"
#include "store.h"

static void test_round_trip(void **state)
{
    (void)state;
    import_status st = {
        .state = IMPORT_STATE_REFUSED, .percent = 0, .slides = 4, .errors = 2, .time = 1700000000};
    import_status_add_problem(&st, "photos/a.jpg", "the picture cannot be read");
    import_status_add_problem(&st, "b.txt", "not saved as UTF-8");
    import_status_set(st.reason, sizeof st.reason, "nothing in the folder can be shown");
    import_status_set(st.source, sizeof st.source, "/run/usb/sda1/memorial-kiosk");
    char buf[4096];
    int len = import_status_format(&st, buf, sizeof buf);
    assert_true(len > 0);
    assert_non_null(strstr(buf, "state=refused\n"));
    assert_non_null(strstr(buf, "problem=photos/a.jpg: the picture cannot be read\n"));
    assert_non_null(strstr(buf, "reason=nothing in the folder can be shown\n"));
    assert_non_null(strstr(buf, "time=1700000000\n"));
    import_status back;
    assert_int_equal(import_status_parse(buf, &back), 0);
    assert_int_equal(back.state, IMPORT_STATE_REFUSED);
    assert_int_equal(back.slides, 4);
    assert_int_equal(back.errors, 2);
    assert_int_equal(back.problem_count, 2);
    assert_string_equal(back.problem[1], "b.txt: not saved as UTF-8");
    assert_string_equal(back.reason, st.reason);
    assert_string_equal(back.source, st.source);
    assert_int_equal(back.time, 1700000000);
    /* too small a buffer */
    assert_int_equal(import_status_format(&st, buf, 20), -1);
}

static void test_states(void **state)
{
    (void)state;
    const char *names[] = {"reading", "done", "unchanged", "refused", "no-folder", "removed"};
    for (size_t i = 0; i < 6; i++) {
        import_state s = import_state_parse(names[i]);
        assert_int_not_equal(s, IMPORT_STATE_NONE);
        assert_string_equal(import_state_name(s), names[i]);
    }
    assert_int_equal(import_state_parse("Done"), IMPORT_STATE_NONE);
    assert_string_equal(import_state_name(IMPORT_STATE_NONE), "");
}

static void test_parse_lenient(void **state)
{
    (void)state;
    import_status st;
    const char *text =
        "future=1\r\nstate=reading\r\npercent=250\nproblem=a\nproblem=b\nproblem=c\nproblem=d\n"
        "no equals sign\nslides=7";
    assert_int_equal(import_status_parse(text, &st), 0);
    assert_int_equal(st.state, IMPORT_STATE_READING);
    assert_int_equal(st.percent, 100);
    assert_int_equal(st.problem_count, 3);
    assert_string_equal(st.problem[2], "c");
    assert_int_equal(st.slides, 7);
    assert_int_equal(import_status_parse("percent=3\n", &st), -1);
    assert_int_equal(import_status_parse("state=bogus\n", &st), -1);
    assert_int_equal(import_status_parse("", &st), -1);
}

static void test_one_line_values(void **state)
{
    (void)state;
    import_status st = {.state = IMPORT_STATE_DONE};
    import_status_set(st.source, sizeof st.source, "a\nstate=refused\rb\tc");
    assert_string_equal(st.source, "a state=refused b c");
    for (int i = 0; i < 5; i++)
        import_status_add_problem(&st, "x.txt", "bad\nline");
    assert_int_equal(st.problem_count, 3);
    assert_string_equal(st.problem[0], "x.txt: bad line");
    char buf[4096];
    import_status back;
    import_status_format(&st, buf, sizeof buf);
    assert_int_equal(import_status_parse(buf, &back), 0);
    assert_int_equal(back.state, IMPORT_STATE_DONE);
    /* cut at a character boundary: "ə" is two bytes */
    char small[4];
    import_status_set(small, sizeof small, "aəə");
    assert_string_equal(small, "aə");
    import_status_set(small, sizeof small, "aaə");
    assert_string_equal(small, "aa");
}

static void test_path_write_read(void **state)
{
    tu_fixture *fx = *state;
    char path[256];
    assert_int_equal(store_status_path("/var/lib/memorial-kiosk/content/", path, sizeof path), 0);
    assert_string_equal(path, "/var/lib/memorial-kiosk/.content.store/status");
    assert_int_equal(store_status_path("content", path, sizeof path), 0);
    assert_string_equal(path, "./.content.store/status");

    mkdir(fx->store, 0755);
    assert_int_equal(store_status_path(fx->content, path, sizeof path), 0);
    import_status st = {.state = IMPORT_STATE_READING, .percent = 42}, back;
    assert_int_equal(import_status_read(path, &back), ENOENT);
    assert_int_equal(import_status_write(path, &st), 0);
    assert_true(st.time > 1600000000);
    assert_int_equal(import_status_read(path, &back), 0);
    assert_int_equal(back.state, IMPORT_STATE_READING);
    assert_int_equal(back.percent, 42);
    assert_int_equal(back.time, st.time);
    assert_int_equal(tu_count(fx->store, ".status"), 0); /* no temporary file left */
    tu_write(fx->store, "status", "garbage\n");
    assert_int_equal(import_status_read(path, &back), EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_states),
        cmocka_unit_test(test_parse_lenient),
        cmocka_unit_test(test_one_line_values),
        cmocka_unit_test_setup_teardown(test_path_write_read, tu_setup, tu_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
