/* Unit tests of screen rotation: touch points map back to the content point drawn under the finger. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rotation.h"

static void assert_near(float a, float b)
{
    if (a - b > 1e-5f || b - a > 1e-5f)
        fail_msg("%f != %f", (double)a, (double)b);
}

static void test_valid(void **state)
{
    (void)state;
    assert_int_equal(rotation_valid(0), 0);
    assert_int_equal(rotation_valid(270), 0);
    assert_int_equal(rotation_valid(45), -1);
    assert_int_equal(rotation_valid(-90), -1);
}

static void test_content_size(void **state)
{
    (void)state;
    int w, h;
    rotation_content_size(90, 1920, 1080, &w, &h);
    assert_int_equal(w, 1080);
    assert_int_equal(h, 1920);
    rotation_content_size(180, 1920, 1080, &w, &h);
    assert_int_equal(w, 1920);
    assert_int_equal(h, 1080);
}

/* Corners, checked by hand: turning clockwise by 90 puts the content's top-left at the panel's top-right. */
static void test_corners(void **state)
{
    (void)state;
    float px, py, cx, cy;
    rotation_to_panel(90, 0, 0, &px, &py);
    assert_near(px, 1);
    assert_near(py, 0);
    rotation_to_panel(180, 0, 0, &px, &py);
    assert_near(px, 1);
    assert_near(py, 1);
    rotation_to_panel(270, 0, 0, &px, &py);
    assert_near(px, 0);
    assert_near(py, 1);
    /* a tap at the panel's top-right corner of a 90-degree screen is the content's top-left */
    rotation_to_content(90, 1, 0, &cx, &cy);
    assert_near(cx, 0);
    assert_near(cy, 0);
    /* content's right edge middle (where a "next" arrow would be) on a 270 screen */
    rotation_to_panel(270, 1, 0.5f, &px, &py);
    assert_near(px, 0.5f);
    assert_near(py, 0);
}

static void test_round_trip(void **state)
{
    (void)state;
    const int rots[] = {0, 90, 180, 270};
    for (int r = 0; r < 4; r++)
        for (float x = 0; x <= 1.0f; x += 0.125f)
            for (float y = 0; y <= 1.0f; y += 0.125f) {
                float px, py, cx, cy;
                rotation_to_panel(rots[r], x, y, &px, &py);
                rotation_to_content(rots[r], px, py, &cx, &cy);
                assert_near(cx, x);
                assert_near(cy, y);
            }
}

/* A swipe to the right in content terms is a swipe downwards on a 90-degree panel. */
static void test_swipe_direction(void **state)
{
    (void)state;
    float ax, ay, bx, by;
    rotation_to_content(90, 0.5f, 0.2f, &ax, &ay);
    rotation_to_content(90, 0.5f, 0.8f, &bx, &by);
    assert_true(bx - ax > 0.5f);
    assert_near(by - ay, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),           cmocka_unit_test(test_content_size),
        cmocka_unit_test(test_corners),         cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_swipe_direction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
