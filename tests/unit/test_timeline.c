#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "timeline.h"

#define T0 1000u   /* init time: not 0, so no test passes by accident on a zero clock */
#define FADE 500u  /* transition_ms */
#define IDLE 8000u /* idle_resume_ms */

static const uint32_t DURS[3] = {3000, 4000, 5000};

static void init3(timeline *t)
{
    assert_int_equal(timeline_init(t, DURS, 3, FADE, IDLE, T0), 0);
}

static void assert_at_rest(const timeline *t, uint64_t now, size_t slide)
{
    tl_frame f = timeline_frame(t, now);
    assert_false(f.in_transition);
    assert_int_equal(f.from, slide);
    assert_int_equal(f.to, slide);
    assert_true(f.progress == 1.0f);
}

static void test_first_slide_without_transition(void **state)
{
    timeline t;
    init3(&t);
    assert_int_equal(t.current, 0);
    assert_at_rest(&t, T0, 0);
    assert_at_rest(&t, T0 + 1, 0);
    /* The first slide is fully in at once: its duration counts from init. */
    assert_int_equal(timeline_next_deadline(&t, T0, 16), T0 + 3000);
    timeline_free(&t);
}

static void test_copies_durations(void **state)
{
    uint32_t d[2] = {100, 200};
    timeline t;
    assert_int_equal(timeline_init(&t, d, 2, FADE, IDLE, T0), 0);
    d[0] = 999999;
    assert_int_equal(t.durations[0], 100);
    assert_int_equal(timeline_next_deadline(&t, T0, 16), T0 + 100);
    timeline_free(&t);
    assert_null(t.durations);
}

static void test_rejects_empty(void **state)
{
    timeline t;
    assert_int_equal(timeline_init(&t, DURS, 0, FADE, IDLE, T0), -1);
    timeline_free(&t); /* safe after a failed init */
}

static void test_auto_advance_exact_times(void **state)
{
    timeline t;
    init3(&t);
    assert_false(timeline_update(&t, T0 + 2999));
    assert_int_equal(t.current, 0);
    assert_true(timeline_update(&t, T0 + 3000));
    assert_int_equal(t.current, 1);
    assert_int_equal(t.previous, 0);
    assert_false(timeline_update(&t, T0 + 3000)); /* once only */

    /* Slide 1 appears at 4000, is fully in at 4500, stays 4000 ms: due at 8500. */
    uint64_t s1 = T0 + 3000;
    assert_int_equal(timeline_next_deadline(&t, s1 + FADE, 16), s1 + FADE + 4000);
    assert_false(timeline_update(&t, s1 + FADE + 3999));
    assert_true(timeline_update(&t, s1 + FADE + 4000));
    assert_int_equal(t.current, 2);

    uint64_t s2 = s1 + FADE + 4000;
    assert_false(timeline_update(&t, s2 + FADE + 4999));
    assert_true(timeline_update(&t, s2 + FADE + 5000));
    assert_int_equal(t.current, 0); /* wrapped around */
    assert_int_equal(t.previous, 2);
    timeline_free(&t);
}

static void test_deadline_during_transition(void **state)
{
    timeline t;
    init3(&t);
    assert_true(timeline_update(&t, T0 + 3000));
    uint64_t s = T0 + 3000;
    assert_int_equal(timeline_next_deadline(&t, s, 16), s + 16);
    assert_int_equal(timeline_next_deadline(&t, s + FADE - 1, 16), s + FADE - 1 + 16);
    /* At the end of the fade: at rest, the next deadline is the auto-advance. */
    assert_int_equal(timeline_next_deadline(&t, s + FADE, 16), s + FADE + 4000);
    timeline_free(&t);
}

static void test_progress_monotonic_and_ends_at_one(void **state)
{
    timeline t;
    init3(&t);
    uint64_t s = T0 + 3000;
    assert_true(timeline_update(&t, s));
    float last = -1.0f;
    for (uint64_t now = s; now < s + FADE; now++) {
        tl_frame f = timeline_frame(&t, now);
        assert_true(f.in_transition);
        assert_int_equal(f.from, 0);
        assert_int_equal(f.to, 1);
        assert_true(f.progress >= last);
        assert_true(f.progress >= 0.0f && f.progress < 1.0f);
        last = f.progress;
    }
    assert_true(timeline_frame(&t, s).progress == 0.0f);
    /* Smoothstep: half time is half way, a quarter of the time is 3/16 - 2/64 = 0.15625. */
    assert_float_equal(timeline_frame(&t, s + FADE / 2).progress, 0.5f, 1e-6);
    assert_float_equal(timeline_frame(&t, s + FADE / 4).progress, 0.15625f, 1e-6);
    assert_at_rest(&t, s + FADE, 1);
    assert_at_rest(&t, s + FADE + 100000, 1);
    timeline_free(&t);
}

static void test_zero_transition(void **state)
{
    timeline t;
    assert_int_equal(timeline_init(&t, DURS, 3, 0, IDLE, T0), 0);
    assert_true(timeline_update(&t, T0 + 3000));
    assert_at_rest(&t, T0 + 3000, 1);
    assert_int_equal(timeline_next_deadline(&t, T0 + 3000, 16), T0 + 3000 + 4000);
    timeline_free(&t);
}

static void test_action_next_prev_wrap(void **state)
{
    timeline t;
    init3(&t);
    assert_true(timeline_action(&t, TL_PREV, T0 + 10));
    assert_int_equal(t.current, 2); /* prev of 0 is the last */
    assert_true(timeline_action(&t, TL_NEXT, T0 + 20));
    assert_int_equal(t.current, 0); /* next of the last is 0 */
    assert_true(timeline_action(&t, TL_NEXT, T0 + 30));
    assert_int_equal(t.current, 1);
    assert_true(timeline_action(&t, TL_PREV, T0 + 40));
    assert_int_equal(t.current, 0);
    tl_frame f = timeline_frame(&t, T0 + 40);
    assert_true(f.in_transition);
    assert_int_equal(f.from, 1);
    assert_int_equal(f.to, 0);
    timeline_free(&t);
}

static void test_action_during_transition_starts_from_target(void **state)
{
    timeline t;
    init3(&t);
    uint64_t s = T0 + 3000;
    assert_true(timeline_update(&t, s)); /* 0 -> 1 running */
    assert_true(timeline_action(&t, TL_NEXT, s + FADE / 2));
    tl_frame f = timeline_frame(&t, s + FADE / 2);
    assert_true(f.in_transition);
    assert_int_equal(f.from, 1);
    assert_int_equal(f.to, 2);
    assert_true(f.progress == 0.0f); /* a fresh transition */
    assert_at_rest(&t, s + FADE / 2 + FADE, 2);
    timeline_free(&t);
}

static void test_input_waits_for_idle_resume(void **state)
{
    timeline t;
    init3(&t);
    uint64_t a = T0 + 100;
    assert_true(timeline_action(&t, TL_NEXT, a)); /* slide 1, 4000 ms */
    /* Duration alone would be due at a + 500 + 4000; idle resume is later. */
    assert_int_equal(timeline_next_deadline(&t, a + FADE, 16), a + IDLE);
    assert_false(timeline_update(&t, a + FADE + 4000));
    assert_false(timeline_update(&t, a + IDLE - 1));
    assert_true(timeline_update(&t, a + IDLE));
    assert_int_equal(t.current, 2);
    /* Slide 2 (5000 ms) after the idle time has passed: duration alone decides. */
    uint64_t s = a + IDLE;
    assert_int_equal(timeline_next_deadline(&t, s + FADE, 16), s + FADE + 5000);
    timeline_free(&t);
}

static void test_duration_longer_than_idle_resume(void **state)
{
    const uint32_t d[2] = {20000, 20000};
    timeline t;
    assert_int_equal(timeline_init(&t, d, 2, FADE, IDLE, T0), 0);
    assert_true(timeline_action(&t, TL_NEXT, T0 + 5));
    assert_int_equal(timeline_next_deadline(&t, T0 + 5 + FADE, 16), T0 + 5 + FADE + 20000);
    timeline_free(&t);
}

static void test_each_input_resets_the_wait(void **state)
{
    timeline t;
    init3(&t);
    assert_true(timeline_action(&t, TL_NEXT, T0 + 100));
    assert_true(timeline_action(&t, TL_PREV, T0 + 5000));
    assert_int_equal(t.current, 0);
    assert_false(timeline_update(&t, T0 + 100 + IDLE));
    assert_int_equal(timeline_next_deadline(&t, T0 + 6000, 16), T0 + 5000 + IDLE);
    assert_true(timeline_update(&t, T0 + 5000 + IDLE));
    assert_int_equal(t.current, 1);
    timeline_free(&t);
}

static void test_late_update_advances_one_slide(void **state)
{
    timeline t;
    init3(&t);
    uint64_t late = T0 + 10u * 3600u * 1000u; /* ten hours asleep */
    assert_true(timeline_update(&t, late));
    assert_int_equal(t.current, 1);
    assert_false(timeline_update(&t, late));
    assert_false(timeline_update(&t, late + FADE));
    tl_frame f = timeline_frame(&t, late);
    assert_true(f.in_transition);
    assert_int_equal(timeline_next_deadline(&t, late + FADE, 16), late + FADE + 4000);
    timeline_free(&t);
}

static void test_single_slide(void **state)
{
    const uint32_t d[1] = {1000};
    timeline t;
    assert_int_equal(timeline_init(&t, d, 1, FADE, IDLE, T0), 0);
    assert_false(timeline_update(&t, T0 + 1000000));
    assert_false(timeline_action(&t, TL_NEXT, T0 + 5));
    assert_false(timeline_action(&t, TL_PREV, T0 + 6));
    assert_int_equal(t.current, 0);
    assert_at_rest(&t, T0 + 7, 0);
    assert_true(timeline_next_deadline(&t, T0 + 7, 16) == UINT64_MAX);
    timeline_free(&t);
}

static void test_jump(void **state)
{
    timeline t;
    init3(&t);
    assert_true(timeline_update(&t, T0 + 3000));
    timeline_jump(&t, 2, T0 + 3100);
    assert_at_rest(&t, T0 + 3100, 2); /* no transition */
    assert_int_equal(timeline_next_deadline(&t, T0 + 3100, 16), T0 + 3100 + 5000);
    timeline_jump(&t, 7, T0 + 3200); /* out of range: the first slide */
    assert_at_rest(&t, T0 + 3200, 0);
    timeline_free(&t);
}

/* A bad slide passed over: only the slide changes; the transition and its timing stay. */
static void test_skip_keeps_the_transition(void **state)
{
    timeline t;
    init3(&t);
    assert_true(timeline_action(&t, TL_NEXT, T0 + 100)); /* 0 -> 1, from T0 + 100 */
    timeline_skip(&t, 2);
    tl_frame f = timeline_frame(&t, T0 + 100 + FADE / 2);
    assert_true(f.in_transition);
    assert_int_equal(f.from, 0);
    assert_int_equal(f.to, 2);
    assert_int_equal(t.current, 2);
    assert_int_equal(t.previous, 0);
    assert_int_equal(timeline_next_deadline(&t, T0 + 100 + FADE / 2, 16), T0 + 100 + FADE / 2 + 16);
    assert_at_rest(&t, T0 + 100 + FADE, 2);
    /* slide 2's own duration (5000), counted from when it was fully in; not before the idle wait */
    assert_int_equal(timeline_next_deadline(&t, T0 + 100 + FADE, 16), T0 + 100 + IDLE);
    timeline_free(&t);
}

static void test_skip_at_rest(void **state)
{
    timeline t;
    init3(&t);
    timeline_skip(&t, 1); /* the first slide, shown without a transition: slide 1 instead, at rest */
    assert_at_rest(&t, T0 + 10, 1);
    assert_int_equal(timeline_next_deadline(&t, T0 + 10, 16), T0 + 4000); /* slide 1's duration from T0 */
    timeline_skip(&t, 3);                                                 /* out of range: nothing */
    assert_int_equal(t.current, 1);
    assert_at_rest(&t, T0 + 10, 1);
    assert_true(timeline_update(&t, T0 + 4000));
    assert_int_equal(t.current, 2);
    assert_int_equal(t.previous, 1);
    timeline_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_slide_without_transition),
        cmocka_unit_test(test_copies_durations),
        cmocka_unit_test(test_rejects_empty),
        cmocka_unit_test(test_auto_advance_exact_times),
        cmocka_unit_test(test_deadline_during_transition),
        cmocka_unit_test(test_progress_monotonic_and_ends_at_one),
        cmocka_unit_test(test_zero_transition),
        cmocka_unit_test(test_action_next_prev_wrap),
        cmocka_unit_test(test_action_during_transition_starts_from_target),
        cmocka_unit_test(test_input_waits_for_idle_resume),
        cmocka_unit_test(test_duration_longer_than_idle_resume),
        cmocka_unit_test(test_each_input_resets_the_wait),
        cmocka_unit_test(test_late_update_advances_one_slide),
        cmocka_unit_test(test_single_slide),
        cmocka_unit_test(test_jump),
        cmocka_unit_test(test_skip_keeps_the_transition),
        cmocka_unit_test(test_skip_at_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
