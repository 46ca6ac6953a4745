/* Unit tests of flatrows: the marked runs of a frame (what is drawn on a ground of flat rows). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "flatrows.h"

enum { W = 64, H = 48, PITCH_PX = 80 }; /* a pitch wider than the frame, as SDL's surfaces may have */

/* A frame of flat rows: a vertical gradient, a rule at row 40 in another colour, and the pitch's slack
 * (never looked at) full of noise. */
static uint32_t *ground(void)
{
    uint32_t *px = malloc(sizeof(uint32_t) * PITCH_PX * H);
    assert_non_null(px);
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < PITCH_PX; x++) {
            px[y * PITCH_PX + x] = x < W ? 0xff101010u + (uint32_t)y * 0x010101u : (uint32_t)rand();
        }
        if (y == 40) {
            for (int x = 0; x < W; x++) {
                px[y * PITCH_PX + x] = 0xff8a1c24u;
            }
        }
    }
    return px;
}

static void mark(uint32_t *px, int x, int y, int w, int h)
{
    for (int j = y; j < y + h; j++) {
        for (int i = x; i < x + w; i++) {
            px[j * PITCH_PX + i] = 0xfff0e8dcu;
        }
    }
}

static int find(const uint32_t *px, int gap, flatrows_rect *out, int max)
{
    return flatrows_find(px, PITCH_PX * sizeof(uint32_t), W, H, gap, out, max);
}

static void assert_rect(flatrows_rect r, int x, int y, int w, int h)
{
    assert_int_equal(r.x, x);
    assert_int_equal(r.y, y);
    assert_int_equal(r.w, w);
    assert_int_equal(r.h, h);
}

static void test_flat_frame_has_no_runs(void **state)
{
    (void)state;
    uint32_t *px = ground();
    flatrows_rect r[4];
    assert_int_equal(find(px, 0, r, 4), 0);
    assert_int_equal(flatrows_area(r, 0), 0);
    free(px);
}

static void test_runs_are_narrowed_to_their_marks(void **state)
{
    (void)state;
    uint32_t *px = ground();
    mark(px, 10, 5, 20, 3); /* rows 5..7, columns 10..29 */
    mark(px, 12, 8, 30, 2); /* rows 8..9 join it: columns 10..41 */
    mark(px, 3, 30, 1, 1);  /* one pixel */
    mark(px, 60, 44, 4, 4); /* the last rows and columns */
    flatrows_rect r[8];
    assert_int_equal(find(px, 0, r, 8), 3);
    assert_rect(r[0], 10, 5, 32, 5);
    assert_rect(r[1], 3, 30, 1, 1);
    assert_rect(r[2], 60, 44, 4, 4);
    assert_int_equal(flatrows_area(r, 3), 32 * 5 + 1 + 16);
    free(px);
}

static void test_first_column_is_the_ground(void **state)
{
    (void)state;
    uint32_t *px = ground();
    mark(px, 0, 20, 1, 2); /* only column 0 differs: the rest of the row differs from it */
    mark(px, 0, 25, 2, 1); /* columns 0 and 1 alike: from column 2 on */
    mark(px, 0, 30, W, 1); /* a row of the mark's colour alone is flat */
    flatrows_rect r[4];
    assert_int_equal(find(px, 0, r, 4), 2);
    assert_rect(r[0], 1, 20, W - 1, 2);
    assert_rect(r[1], 2, 25, W - 2, 1);
    free(px);
}

static void test_gap_joins_close_runs(void **state)
{
    (void)state;
    uint32_t *px = ground();
    mark(px, 10, 10, 4, 2); /* rows 10..11 */
    mark(px, 20, 15, 4, 2); /* rows 15..16: 3 flat rows between */
    mark(px, 5, 30, 2, 1);  /* row 30: 13 flat rows after */
    flatrows_rect r[4];
    assert_int_equal(find(px, 2, r, 4), 3);
    assert_int_equal(find(px, 3, r, 4), 2);
    assert_rect(r[0], 10, 10, 14, 7);
    assert_rect(r[1], 5, 30, 2, 1);
    assert_int_equal(find(px, 13, r, 4), 1);
    assert_rect(r[0], 5, 10, 19, 21);
    free(px);
}

static void test_too_many_runs(void **state)
{
    (void)state;
    uint32_t *px = ground();
    for (int y = 0; y < H; y += 2) {
        mark(px, 1, y, 1, 1);
    }
    flatrows_rect r[H];
    assert_int_equal(find(px, 0, r, H / 2 - 1), -1);
    assert_int_equal(find(px, 0, r, H / 2), H / 2);
    assert_int_equal(find(px, 1, r, 1), 1); /* one gap joins them all */
    assert_rect(r[0], 1, 0, 1, H - 1);
    free(px);
}

static void test_not_a_frame(void **state)
{
    (void)state;
    uint32_t px[4] = {0};
    flatrows_rect r[1];
    assert_int_equal(flatrows_find(NULL, 16, 4, 1, 0, r, 1), -1);
    assert_int_equal(flatrows_find(px, 16, 0, 1, 0, r, 1), -1);
    assert_int_equal(flatrows_find(px, 16, 4, 0, 0, r, 1), -1);
    assert_int_equal(flatrows_find(px, 12, 4, 1, 0, r, 1), -1); /* pitch shorter than a row */
    assert_int_equal(flatrows_find(px, 16, 4, 1, 0, r, 1), 0);
    px[3] = 1;
    assert_int_equal(flatrows_find(px, 16, 4, 1, 0, r, 0), -1); /* one run, room for none */
    assert_int_equal(flatrows_find(px, 16, 1, 1, 0, r, 1), 0);  /* one pixel wide: always flat */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flat_frame_has_no_runs),
        cmocka_unit_test(test_runs_are_narrowed_to_their_marks),
        cmocka_unit_test(test_first_column_is_the_ground),
        cmocka_unit_test(test_gap_joins_close_runs),
        cmocka_unit_test(test_too_many_runs),
        cmocka_unit_test(test_not_a_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
