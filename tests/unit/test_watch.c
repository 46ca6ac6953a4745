/* Unit tests of the content folder watcher: additions, changes, removals, sub-folders, the folder replaced
 * by `mv`, deleted and recreated, and a slowly written file reported only once it is complete. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "testfs.h"
#include "watch.h"

#define SETTLE 150

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Polls for up to max_ms; returns the time of the report after start, or -1. */
static long wait_report(watch *w, unsigned max_ms)
{
    uint64_t start = now_ms();
    while (now_ms() - start < max_ms) {
        if (watch_poll(w, now_ms()))
            return (long)(now_ms() - start);
        sleep_ms(10);
    }
    return -1;
}

static void write_file(const char *path, const char *text)
{
    assert_int_equal(tf_write_file(path, text, strlen(text)), 0);
}

typedef struct {
    char base[64];    /* temporary parent */
    char content[96]; /* base/content */
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    snprintf(fx->base, sizeof fx->base, "/tmp/kiosk-watch-XXXXXX");
    if (!mkdtemp(fx->base))
        return -1;
    snprintf(fx->content, sizeof fx->content, "%s/content", fx->base);
    mkdir(fx->content, 0755);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    tf_rm_rf(fx->base);
    free(fx);
    return 0;
}

static void test_add_change_remove(void **state)
{
    fixture *fx = *state;
    char path[160];
    watch *w = watch_open(fx->content, SETTLE);
    assert_non_null(w);
    assert_false(watch_poll(w, now_ms()));
    assert_int_equal(watch_deadline(w), UINT64_MAX);

    snprintf(path, sizeof path, "%s/a.txt", fx->content);
    write_file(path, "Title\n\nText.\n");
    long t = wait_report(w, 3000);
    assert_true(t >= SETTLE - 20);
    assert_false(watch_poll(w, now_ms())); /* reported once */

    write_file(path, "Title\n\nOther text.\n");
    assert_true(wait_report(w, 3000) >= 0);
    assert_int_equal(unlink(path), 0);
    assert_true(wait_report(w, 3000) >= 0);
    watch_close(w);
}

static void test_sub_folder_and_hidden_files(void **state)
{
    fixture *fx = *state;
    char path[160];
    watch *w = watch_open(fx->content, SETTLE);
    assert_non_null(w);
    snprintf(path, sizeof path, "%s/photos", fx->content);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_true(wait_report(w, 3000) >= 0);
    /* a file inside the new sub-folder is seen too */
    snprintf(path, sizeof path, "%s/photos/alley.jpg", fx->content);
    write_file(path, "x");
    assert_true(wait_report(w, 3000) >= 0);
    /* editors' hidden temporaries are not changes */
    snprintf(path, sizeof path, "%s/.a.txt.swp", fx->content);
    write_file(path, "x");
    assert_int_equal(wait_report(w, SETTLE * 3), -1);
    watch_close(w);
}

static void test_folder_replaced_by_mv(void **state)
{
    fixture *fx = *state;
    char next[160], old[160], path[200];
    watch *w = watch_open(fx->content, SETTLE);
    assert_non_null(w);
    snprintf(next, sizeof next, "%s/new-content", fx->base);
    snprintf(old, sizeof old, "%s/old-content", fx->base);
    assert_int_equal(mkdir(next, 0755), 0);
    snprintf(path, sizeof path, "%s/b.txt", next);
    write_file(path, "B\n\nText.\n");
    assert_int_equal(wait_report(w, SETTLE * 3), -1); /* a sibling folder is not ours */
    assert_int_equal(rename(fx->content, old), 0);
    assert_int_equal(rename(next, fx->content), 0);
    assert_true(wait_report(w, 3000) >= 0);
    /* the new folder is watched now: a change inside it is reported */
    snprintf(path, sizeof path, "%s/c.txt", fx->content);
    write_file(path, "C\n\nText.\n");
    assert_true(wait_report(w, 3000) >= 0);
    /* nothing from the old one */
    snprintf(path, sizeof path, "%s/d.txt", old);
    write_file(path, "D\n\nText.\n");
    assert_int_equal(wait_report(w, SETTLE * 3), -1);
    watch_close(w);
}

static void test_folder_deleted_and_recreated(void **state)
{
    fixture *fx = *state;
    char path[200];
    watch *w = watch_open(fx->content, SETTLE);
    assert_non_null(w);
    assert_int_equal(rmdir(fx->content), 0);
    assert_true(wait_report(w, 3000) >= 0);
    assert_int_equal(mkdir(fx->content, 0755), 0);
    assert_true(wait_report(w, 3000) >= 0);
    snprintf(path, sizeof path, "%s/e.txt", fx->content);
    write_file(path, "E\n\nText.\n");
    assert_true(wait_report(w, 3000) >= 0);
    watch_close(w);
}

/* A file written in pieces over 5 x 100 ms (slower than nothing, faster than the settle time) is reported
 * only after its last piece. */
static void test_slow_write_reported_when_complete(void **state)
{
    fixture *fx = *state;
    char path[200];
    watch *w = watch_open(fx->content, 300);
    assert_non_null(w);
    snprintf(path, sizeof path, "%s/slow.txt", fx->content);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    uint64_t last_write = 0;
    for (int i = 0; i < 5; i++) {
        fprintf(f, "piece %d of a long article\n", i);
        fflush(f);
        last_write = now_ms();
        for (int k = 0; k < 10; k++) { /* poll while the file is still being written */
            assert_false(watch_poll(w, now_ms()));
            sleep_ms(10);
        }
    }
    fclose(f);
    last_write = now_ms();
    long t = wait_report(w, 3000);
    assert_true(t >= 0);
    assert_true(now_ms() - last_write >= 300 - 20);
    watch_close(w);
}

static void test_missing_folder_appears(void **state)
{
    fixture *fx = *state;
    char path[200];
    snprintf(path, sizeof path, "%s/later", fx->base);
    watch *w = watch_open(path, SETTLE);
    assert_non_null(w);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_true(wait_report(w, 3000) >= 0);
    watch_close(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_change_remove, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sub_folder_and_hidden_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folder_replaced_by_mv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folder_deleted_and_recreated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slow_write_reported_when_complete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_folder_appears, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
