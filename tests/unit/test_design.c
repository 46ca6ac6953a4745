/* Unit tests of the design grid: every box stays inside the screen's safe area, for many screens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "design.h"

static void assert_inside_safe(const design *d)
{
    assert_true(d->safe_x >= 0 && d->safe_y >= 0);
    assert_true(d->safe_x + d->safe_w <= d->w && d->safe_y + d->safe_h <= d->h);
    /* text column */
    assert_true(d->column_x >= d->safe_x);
    assert_true(d->column_x + d->column_w <= d->safe_x + d->safe_w);
    assert_true(d->title_w <= d->safe_w && d->title_w > 0);
    /* excerpt body box between the running head and the banner */
    assert_true(d->runhead_y >= d->safe_y);
    assert_true(d->body_y > d->runhead_y);
    assert_true(d->body_y + d->body_h <= d->banner_y);
    /* banner inside the bottom of the safe area */
    assert_int_equal(d->banner_y + d->banner_h, d->safe_y + d->safe_h);
    assert_true(d->banner_h >= d->banner_size * 2);
    /* a body box holds several lines */
    assert_true(d->body_h >= 4 * d->body_line_h);
    assert_true(d->body_line_h > d->body_size);
}

static void test_common_screens(void **state)
{
    (void)state;
    const int sizes[][2] = {{1920, 1080}, {1280, 720},  {800, 480},   {1024, 600}, {1080, 1920},
                            {800, 1280},  {3840, 2160}, {1280, 1024}, {720, 720}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        for (double m = 0; m <= 0.1; m += 0.05) {
            design d = design_compute(sizes[i][0], sizes[i][1], m);
            assert_int_equal(d.w, sizes[i][0]);
            assert_int_equal(d.h, sizes[i][1]);
            assert_inside_safe(&d);
        }
}

static void test_type_scales_with_height(void **state)
{
    (void)state;
    design small = design_compute(1280, 720, 0), big = design_compute(1920, 1080, 0);
    assert_true(big.body_size > small.body_size);
    assert_true(big.title_size > big.body_size);
    assert_true(big.body_size > big.small_size);
    /* comfortable measure: about 55-75 characters of body text (average glyph ~0.5 em) */
    int chars = big.column_w * 2 / big.body_size;
    assert_in_range(chars, 50, 75);
}

static void test_safe_margin_is_clamped(void **state)
{
    (void)state;
    design d = design_compute(1920, 1080, 0.9);
    assert_int_equal(d.safe_x, 480);
    d = design_compute(1920, 1080, -1);
    assert_int_equal(d.safe_x, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_common_screens),
        cmocka_unit_test(test_type_scales_with_height),
        cmocka_unit_test(test_safe_margin_is_clamped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
