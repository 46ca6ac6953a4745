/* Unit tests of groupclock (the group's position from the wall clock) and of timeline's group mode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "groupclock.h"
#include "timeline.h"

static const uint32_t DURS[3] = {3000, 4000, 5000};
#define FADE 500u
#define IDLE 8000u
#define ROUND 13500 /* 3500 + 4500 + 5500 */
#define EPOCH 1000000

static void test_positions_in_a_round(void **state)
{
    (void)state;
    gc_pos p = groupclock_at(DURS, 3, FADE, EPOCH, EPOCH);
    assert_int_equal(p.index, 0);
    assert_int_equal(p.start_ms, EPOCH);
    assert_int_equal(p.next_ms, EPOCH + 3500);
    assert_int_equal(p.round_ms, ROUND);
    p = groupclock_at(DURS, 3, FADE, EPOCH, EPOCH + 3499);
    assert_int_equal(p.index, 0);
    p = groupclock_at(DURS, 3, FADE, EPOCH, EPOCH + 3500);
    assert_int_equal(p.index, 1);
    assert_int_equal(p.start_ms, EPOCH + 3500);
    assert_int_equal(p.next_ms, EPOCH + 8000);
    p = groupclock_at(DURS, 3, FADE, EPOCH, EPOCH + 13499);
    assert_int_equal(p.index, 2);
    assert_int_equal(p.next_ms, EPOCH + ROUND);
}

static void test_many_rounds_later_and_before_epoch(void **state)
{
    (void)state;
    int64_t w = EPOCH + (int64_t)ROUND * 1000000 + 4000; /* a million rounds on, in slide 1 */
    gc_pos p = groupclock_at(DURS, 3, FADE, EPOCH, w);
    assert_int_equal(p.index, 1);
    assert_int_equal(p.start_ms, w - 500);
    p = groupclock_at(DURS, 3, FADE, EPOCH, EPOCH - 1); /* the last ms of the round before */
    assert_int_equal(p.index, 2);
    assert_int_equal(p.next_ms, EPOCH);
    assert_int_equal(p.start_ms, EPOCH - 5500);
}

static void test_empty_show(void **state)
{
    (void)state;
    gc_pos p = groupclock_at(DURS, 0, FADE, 0, 42);
    assert_int_equal(p.index, 0);
    assert_int_equal(p.round_ms, 0);
    assert_true(p.next_ms == INT64_MAX);
}

static void test_fingerprint(void **state)
{
    (void)state;
    uint32_t other[3] = {3000, 4000, 5001};
    assert_true(groupclock_fingerprint(DURS, 3, FADE) == groupclock_fingerprint(DURS, 3, FADE));
    assert_true(groupclock_fingerprint(DURS, 3, FADE) != groupclock_fingerprint(other, 3, FADE));
    assert_true(groupclock_fingerprint(DURS, 3, FADE) != groupclock_fingerprint(DURS, 3, 0));
    assert_true(groupclock_fingerprint(DURS, 2, FADE) != groupclock_fingerprint(DURS, 3, FADE));
}

/* Monotonic `now` starts at 100; the wall clock is now + OFF. */
#define OFF ((int64_t)EPOCH - 100)

static void test_late_start_joins_current_slide(void **state)
{
    (void)state;
    timeline t;
    assert_int_equal(timeline_init(&t, DURS, 3, FADE, IDLE, 100), 0);
    /* Started 5 s into the round: slide 1 (from 3.5 s to 8 s), at once, without a transition. */
    uint64_t now = 100 + 5000;
    timeline_group(&t, EPOCH, OFF, now);
    assert_int_equal(t.current, 1);
    assert_false(timeline_frame(&t, now).in_transition);
    assert_int_equal(timeline_next_deadline(&t, now, 16), 100 + 8000);
    assert_false(timeline_update(&t, 100 + 7999));
    timeline_free(&t);
}

static void test_boundary_from_the_clock_not_the_update(void **state)
{
    (void)state;
    timeline t;
    assert_int_equal(timeline_init(&t, DURS, 3, FADE, IDLE, 100), 0);
    timeline_group(&t, EPOCH, OFF, 100);
    /* The update comes 40 ms late: the fade still started at the group's boundary. */
    assert_true(timeline_update(&t, 100 + 3540));
    assert_int_equal(t.current, 1);
    assert_int_equal(t.shown_at, 100 + 3500);
    tl_frame f = timeline_frame(&t, 100 + 3750);
    assert_true(f.in_transition);
    assert_int_equal(f.from, 0);
    assert_true(f.progress > 0.49f && f.progress < 0.51f);
    /* Asleep for two slides: the clock's slide, not the next one. */
    assert_true(timeline_update(&t, 100 + 12000));
    assert_int_equal(t.current, 2);
    timeline_free(&t);
}

static void test_tap_out_of_step_then_rejoin(void **state)
{
    (void)state;
    timeline t;
    assert_int_equal(timeline_init(&t, DURS, 3, FADE, IDLE, 100), 0);
    timeline_group(&t, EPOCH, OFF, 100);
    assert_true(timeline_action(&t, TL_PREV, 1100)); /* a visitor goes back to slide 2 */
    assert_int_equal(t.current, 2);
    assert_true(timeline_out_of_step(&t, 1100));
    assert_false(timeline_update(&t, 1100 + IDLE - 1)); /* the group moved on; this screen did not */
    assert_int_equal(t.current, 2);
    assert_int_equal(timeline_next_deadline(&t, 1100 + 1000, 16), 1100 + IDLE);
    /* Idle over at 9100 (group in slide 1: 3.5..8 s is slide 1, 8..13.5 s slide 2: 9.1 s is slide 2). */
    uint64_t back = 1100 + IDLE + 3000; /* 12.1 s: still slide 2 -> already there, no change */
    assert_false(timeline_update(&t, back));
    assert_false(timeline_out_of_step(&t, back));
    /* Another tap, then rejoin with a fade that starts when the idle time ends. */
    assert_true(timeline_action(&t, TL_NEXT, 12200)); /* slide 0 */
    uint64_t resume = 12200 + IDLE;                   /* 20.3 s: 20.3 - 13.5 = 6.8 s -> slide 1 */
    assert_true(timeline_update(&t, resume));
    assert_int_equal(t.current, 1);
    assert_int_equal(t.shown_at, resume);
    assert_true(timeline_frame(&t, resume + 1).in_transition);
    timeline_free(&t);
}

static void test_clock_step_derives_again(void **state)
{
    (void)state;
    timeline t;
    assert_int_equal(timeline_init(&t, DURS, 3, FADE, IDLE, 100), 0);
    timeline_group(&t, EPOCH, OFF, 100);
    assert_int_equal(t.current, 0);
    timeline_set_wall(&t, OFF + 9000); /* the clock stepped 9 s forward: slide 2 */
    assert_int_equal(timeline_next_deadline(&t, 200, 16), 200);
    assert_true(timeline_update(&t, 200));
    assert_int_equal(t.current, 2);
    timeline_free(&t);
}

static void test_offset_jitter_never_goes_back(void **state)
{
    (void)state;
    timeline t;
    assert_int_equal(timeline_init(&t, DURS, 3, FADE, IDLE, 100), 0);
    timeline_group(&t, EPOCH, OFF, 100);
    assert_true(timeline_update(&t, 100 + 3505)); /* the boundary into slide 1 */
    assert_int_equal(t.current, 1);
    /* the offset read again at the boundary is 20 ms behind: by it, slide 1 begins 15 ms from now */
    timeline_set_wall(&t, OFF - 20);
    assert_false(timeline_update(&t, 100 + 3506));
    assert_int_equal(t.current, 1);
    /* after the fade: the end of slide 1 by the offset read again (its start 3620 + 4500) */
    assert_int_equal(timeline_next_deadline(&t, 100 + 3506 + FADE, 16), 100 + 3520 + 4500);
    assert_false(timeline_update(&t, 100 + 3521 + FADE));
    assert_int_equal(t.current, 1);
    /* a real step back of 2 s is still followed */
    timeline_set_wall(&t, OFF - 2000);
    assert_true(timeline_update(&t, 100 + 4200));
    assert_int_equal(t.current, 0);
    timeline_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_positions_in_a_round),
        cmocka_unit_test(test_many_rounds_later_and_before_epoch),
        cmocka_unit_test(test_empty_show),
        cmocka_unit_test(test_fingerprint),
        cmocka_unit_test(test_late_start_joins_current_slide),
        cmocka_unit_test(test_boundary_from_the_clock_not_the_update),
        cmocka_unit_test(test_tap_out_of_step_then_rejoin),
        cmocka_unit_test(test_clock_step_derives_again),
        cmocka_unit_test(test_offset_jitter_never_goes_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
