/* Unit tests of the frame-time statistics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "framestats.h"

static void test_steady_frames(void **state)
{
    (void)state;
    framestats s;
    framestats_init(&s, 16);
    uint64_t t = 1000;
    for (int i = 0; i < 100; i++, t += 16)
        framestats_frame(&s, t, 1);
    assert_int_equal(s.frames, 99); /* intervals, not frames */
    assert_int_equal(s.late, 0);
    assert_int_equal(framestats_percentile(&s, 50), 16);
    assert_int_equal(framestats_percentile(&s, 99), 16);
    assert_int_equal(s.worst_ms, 16);
}

static void test_late_frames_and_percentiles(void **state)
{
    (void)state;
    framestats s;
    framestats_init(&s, 16);
    uint64_t t = 0;
    framestats_frame(&s, t += 10, 1);
    for (int i = 0; i < 98; i++)
        framestats_frame(&s, t += 16, 1);
    framestats_frame(&s, t += 120, 1); /* one stall */
    framestats_frame(&s, t += 500, 1); /* and one beyond the histogram */
    assert_int_equal(s.frames, 100);
    assert_int_equal(s.late, 2);
    assert_int_equal(s.worst_ms, 500);
    assert_int_equal(framestats_percentile(&s, 50), 16);
    assert_int_equal(framestats_percentile(&s, 99), 120);
    assert_int_equal(framestats_percentile(&s, 100), FRAMESTATS_BINS - 1);
}

/* A still slide between transitions is not a late frame: only consecutive animated frames count. */
static void test_gaps_between_transitions_do_not_count(void **state)
{
    (void)state;
    framestats s;
    framestats_init(&s, 16);
    framestats_frame(&s, 100, 1);
    framestats_frame(&s, 116, 1);
    framestats_frame(&s, 132, 0);  /* the transition ended: at rest */
    framestats_frame(&s, 9000, 1); /* the next one starts much later */
    framestats_frame(&s, 9016, 1);
    assert_int_equal(s.frames, 2);
    assert_int_equal(s.late, 0);
    framestats s2;
    framestats_init(&s2, 0);
    assert_int_equal(s2.period_ms, 16);
    assert_int_equal(framestats_percentile(&s2, 50), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steady_frames),
        cmocka_unit_test(test_late_frames_and_percentiles),
        cmocka_unit_test(test_gaps_between_transitions_do_not_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
