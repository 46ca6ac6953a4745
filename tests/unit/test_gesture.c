#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gesture.h"

static void test_init_defaults(void **state)
{
    gesture g;
    gesture_init(&g);
    assert_int_equal(g.state, GESTURE_IDLE);
    assert_float_equal(g.slop, 0.03f, 1e-6);
    assert_float_equal(g.swipe_min, 0.08f, 1e-6);
}

static void test_tap(void **state)
{
    gesture g;
    gesture_init(&g);
    assert_int_equal(gesture_down(&g, 1, 0.5f, 0.5f, 100), GESTURE_NONE);
    assert_int_equal(g.state, GESTURE_PRESSED);
    assert_int_equal(gesture_motion(&g, 1, 0.51f, 0.51f, 150), GESTURE_NONE); /* within slop */
    assert_int_equal(g.state, GESTURE_PRESSED);
    assert_int_equal(gesture_up(&g, 1, 0.51f, 0.51f, 200), GESTURE_TAP);
    assert_int_equal(g.state, GESTURE_IDLE);
}

static void test_second_up_gives_nothing(void **state)
{
    gesture g;
    gesture_init(&g);
    gesture_down(&g, 1, 0.5f, 0.5f, 100);
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 200), GESTURE_TAP);
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 210), GESTURE_NONE);
    assert_int_equal(g.state, GESTURE_IDLE);
}

static void test_long_press(void **state)
{
    gesture g;
    gesture_init(&g);
    assert_int_equal(gesture_deadline(&g), UINT64_MAX);
    /* held still: reported once by poll at long_press_ms, and its release gives nothing */
    gesture_down(&g, 1, 0.05f, 0.05f, 100);
    assert_int_equal(gesture_deadline(&g), 100 + g.long_press_ms);
    assert_int_equal(gesture_poll(&g, 100 + g.long_press_ms - 1), GESTURE_NONE);
    assert_int_equal(gesture_poll(&g, 100 + g.long_press_ms), GESTURE_LONG_PRESS);
    assert_int_equal(g.state, GESTURE_HELD);
    assert_int_equal(gesture_poll(&g, 100 + g.long_press_ms + 500), GESTURE_NONE);
    assert_int_equal(gesture_deadline(&g), UINT64_MAX);
    assert_int_equal(gesture_motion(&g, 1, 0.5f, 0.5f, 5000), GESTURE_NONE); /* moving now: nothing */
    assert_int_equal(gesture_down(&g, 2, 0.5f, 0.5f, 5000), GESTURE_NONE);   /* another finger: nothing */
    assert_int_equal(gesture_up(&g, 2, 0.5f, 0.5f, 5100), GESTURE_NONE);
    assert_int_equal(g.state, GESTURE_HELD);
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 5200), GESTURE_NONE);
    assert_int_equal(g.state, GESTURE_IDLE);
    /* released after the time without a poll in between: still a long press, not a tap */
    gesture_down(&g, 1, 0.5f, 0.5f, 10000);
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 10000 + g.long_press_ms), GESTURE_LONG_PRESS);
    /* just short of it: a tap */
    gesture_down(&g, 1, 0.5f, 0.5f, 20000);
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 20000 + g.long_press_ms - 1), GESTURE_TAP);
    /* moving cancels it */
    gesture_down(&g, 1, 0.5f, 0.5f, 30000);
    gesture_motion(&g, 1, 0.6f, 0.5f, 30100);
    assert_int_equal(gesture_poll(&g, 30000 + g.long_press_ms), GESTURE_NONE);
}

static void test_motion_beyond_slop_drags(void **state)
{
    gesture g;
    gesture_init(&g);
    gesture_down(&g, 1, 0.5f, 0.5f, 100);
    assert_int_equal(gesture_motion(&g, 1, 0.5f, 0.54f, 120), GESTURE_NONE);
    assert_int_equal(g.state, GESTURE_DRAGGING);
    /* Coming back does not make it a tap again. */
    assert_int_equal(gesture_motion(&g, 1, 0.5f, 0.5f, 140), GESTURE_NONE);
    assert_int_equal(g.state, GESTURE_DRAGGING);
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 160), GESTURE_NONE);
    assert_int_equal(g.state, GESTURE_IDLE);
}

static void test_swipe_left_and_right(void **state)
{
    gesture g;
    gesture_init(&g);
    gesture_down(&g, 3, 0.8f, 0.5f, 100);
    gesture_motion(&g, 3, 0.6f, 0.52f, 120);
    assert_int_equal(gesture_up(&g, 3, 0.5f, 0.52f, 140), GESTURE_SWIPE_LEFT);

    gesture_down(&g, 4, 0.2f, 0.5f, 200);
    gesture_motion(&g, 4, 0.3f, 0.5f, 220);
    assert_int_equal(gesture_up(&g, 4, 0.4f, 0.45f, 240), GESTURE_SWIPE_RIGHT);
}

static void test_fast_flick_without_motion_event(void **state)
{
    gesture g;
    gesture_init(&g);
    gesture_down(&g, 1, 0.2f, 0.5f, 100);
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 110), GESTURE_SWIPE_RIGHT);
}

static void test_drag_too_short_is_nothing(void **state)
{
    gesture g;
    gesture_init(&g);
    gesture_down(&g, 1, 0.5f, 0.5f, 100);
    gesture_motion(&g, 1, 0.45f, 0.5f, 120); /* 0.05: beyond slop, short of swipe_min */
    assert_int_equal(g.state, GESTURE_DRAGGING);
    assert_int_equal(gesture_up(&g, 1, 0.45f, 0.5f, 140), GESTURE_NONE);
}

static void test_swipe_min_is_inclusive(void **state)
{
    gesture g;
    gesture_init(&g);
    g.swipe_min = 0.25f; /* exactly representable distances */
    gesture_down(&g, 1, 0.25f, 0.5f, 100);
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 140), GESTURE_SWIPE_RIGHT);
}

static void test_mostly_vertical_is_nothing(void **state)
{
    gesture g;
    gesture_init(&g);
    gesture_down(&g, 1, 0.5f, 0.2f, 100);
    gesture_motion(&g, 1, 0.6f, 0.5f, 120);
    assert_int_equal(gesture_up(&g, 1, 0.7f, 0.8f, 140), GESTURE_NONE); /* dx 0.2, dy 0.6 */

    /* dx exactly 1.5 * dy is not enough: it must be more. */
    gesture_down(&g, 1, 0.25f, 0.5f, 200);
    assert_int_equal(gesture_up(&g, 1, 0.625f, 0.75f, 240), GESTURE_NONE); /* dx 0.375, dy 0.25 */
}

static void test_other_fingers_ignored(void **state)
{
    gesture g;
    gesture_init(&g);
    gesture_down(&g, 1, 0.5f, 0.5f, 100);
    assert_int_equal(gesture_down(&g, 2, 0.1f, 0.1f, 110), GESTURE_NONE);
    assert_int_equal(gesture_motion(&g, 2, 0.9f, 0.9f, 120), GESTURE_NONE);
    assert_int_equal(g.state, GESTURE_PRESSED);
    assert_int_equal(gesture_up(&g, 2, 0.9f, 0.9f, 130), GESTURE_NONE);
    assert_int_equal(g.state, GESTURE_PRESSED);
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 140), GESTURE_TAP);
}

static void test_other_finger_while_dragging(void **state)
{
    gesture g;
    gesture_init(&g);
    gesture_down(&g, 1, 0.8f, 0.5f, 100);
    gesture_motion(&g, 1, 0.6f, 0.5f, 110);
    assert_int_equal(gesture_down(&g, 2, 0.1f, 0.1f, 115), GESTURE_NONE);
    assert_int_equal(gesture_motion(&g, 2, 0.9f, 0.1f, 120), GESTURE_NONE);
    assert_int_equal(gesture_up(&g, 2, 0.9f, 0.1f, 125), GESTURE_NONE);
    assert_int_equal(g.state, GESTURE_DRAGGING);
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 130), GESTURE_SWIPE_LEFT);
}

static void test_second_finger_lifted_last_gives_nothing(void **state)
{
    gesture g;
    gesture_init(&g);
    gesture_down(&g, 1, 0.5f, 0.5f, 100);
    gesture_down(&g, 2, 0.2f, 0.2f, 110);
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 120), GESTURE_TAP);
    assert_int_equal(gesture_up(&g, 2, 0.2f, 0.2f, 130), GESTURE_NONE);
}

static void test_events_while_idle(void **state)
{
    gesture g;
    gesture_init(&g);
    assert_int_equal(gesture_motion(&g, 1, 0.9f, 0.9f, 100), GESTURE_NONE);
    assert_int_equal(gesture_up(&g, 1, 0.9f, 0.9f, 110), GESTURE_NONE);
    assert_int_equal(g.state, GESTURE_IDLE);
}

static void test_cancel(void **state)
{
    gesture g;
    gesture_init(&g);
    g.slop = 0.1f;
    gesture_down(&g, 1, 0.5f, 0.5f, 100);
    gesture_cancel(&g);
    assert_int_equal(g.state, GESTURE_IDLE);
    assert_float_equal(g.slop, 0.1f, 1e-6); /* settings stay */
    assert_int_equal(gesture_up(&g, 1, 0.5f, 0.5f, 110), GESTURE_NONE);
    /* A new touch works as usual. */
    gesture_down(&g, 5, 0.5f, 0.5f, 200);
    assert_int_equal(gesture_up(&g, 5, 0.5f, 0.5f, 210), GESTURE_TAP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_defaults),
        cmocka_unit_test(test_tap),
        cmocka_unit_test(test_second_up_gives_nothing),
        cmocka_unit_test(test_long_press),
        cmocka_unit_test(test_motion_beyond_slop_drags),
        cmocka_unit_test(test_swipe_left_and_right),
        cmocka_unit_test(test_fast_flick_without_motion_event),
        cmocka_unit_test(test_drag_too_short_is_nothing),
        cmocka_unit_test(test_swipe_min_is_inclusive),
        cmocka_unit_test(test_mostly_vertical_is_nothing),
        cmocka_unit_test(test_other_fingers_ignored),
        cmocka_unit_test(test_other_finger_while_dragging),
        cmocka_unit_test(test_second_finger_lifted_last_gives_nothing),
        cmocka_unit_test(test_events_while_idle),
        cmocka_unit_test(test_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
