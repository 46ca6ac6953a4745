/* Unit tests of orient: the eight EXIF orientations on a small asymmetric picture, checked against
 * hand-written expectations (not against the module's own mapping), and the inverse mappings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "orient.h"

/* Stored picture, 3 wide and 2 high:
 *   a b c
 *   d e f          */
static const uint32_t STORED[6] = {'a', 'b', 'c', 'd', 'e', 'f'};

/* How each orientation must be shown (rows of the shown picture, top to bottom). */
static const struct {
    int o, w, h;
    const char *shown;
} EXPECT[] = {
    {1, 3, 2,
     "abc"
     "def"},
    {2, 3, 2,
     "cba"
     "fed"},
    {3, 3, 2,
     "fed"
     "cba"},
    {4, 3, 2,
     "def"
     "abc"},
    {5, 2, 3,
     "ad"
     "be"
     "cf"},
    {6, 2, 3,
     "da" /* turned clockwise: the stored left column becomes the top row */
     "eb"
     "fc"},
    {7, 2, 3,
     "fc"
     "eb"
     "da"},
    {8, 2, 3,
     "cf" /* turned anticlockwise: the stored top row becomes the left column */
     "be"
     "ad"},
};

static void test_apply_all_eight(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof EXPECT / sizeof EXPECT[0]; i++) {
        uint32_t dst[6] = {0};
        int w, h;
        orient_size(EXPECT[i].o, 3, 2, &w, &h);
        assert_int_equal(w, EXPECT[i].w);
        assert_int_equal(h, EXPECT[i].h);
        assert_int_equal(orient_swaps(EXPECT[i].o), EXPECT[i].w == 2);
        assert_int_equal(orient_apply(EXPECT[i].o, STORED, 3, 2, 3 * 4, dst, w * 4), 0);
        for (int k = 0; k < 6; k++)
            if (dst[k] != (uint32_t)EXPECT[i].shown[k])
                fail_msg("orientation %d: shown pixel %d is '%c', expected '%c'", EXPECT[i].o, k,
                         (char)dst[k], EXPECT[i].shown[k]);
    }
}

static void test_invalid_values_count_as_1(void **state)
{
    (void)state;
    const int bad[] = {0, -1, 9, 1000};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint32_t dst[6] = {0};
        int w, h;
        orient_size(bad[i], 3, 2, &w, &h);
        assert_int_equal(w, 3);
        assert_int_equal(orient_apply(bad[i], STORED, 3, 2, 12, dst, 12), 0);
        assert_memory_equal(dst, STORED, sizeof dst);
    }
}

static void test_pitch_padding(void **state)
{
    (void)state;
    /* rows padded to 5 pixels in both buffers; the padding is neither read into nor written */
    uint32_t src[2 * 5], dst[3 * 5];
    for (int i = 0; i < 10; i++)
        src[i] = 0xEEEEEEEE;
    for (int i = 0; i < 15; i++)
        dst[i] = 0x11111111;
    memcpy(src, STORED, 12);
    memcpy(src + 5, STORED + 3, 12);
    assert_int_equal(orient_apply(6, src, 3, 2, 20, dst, 20), 0);
    assert_int_equal(dst[0], 'd');
    assert_int_equal(dst[1], 'a');
    assert_int_equal(dst[2], 0x11111111);
    assert_int_equal(dst[5], 'e');
    assert_int_equal(dst[11], 'c');
    assert_int_equal(orient_apply(6, src, 3, 2, 20, dst, 4), -1); /* dst pitch too small */
    assert_int_equal(orient_apply(1, NULL, 3, 2, 20, dst, 20), -1);
}

static void test_mappings_are_inverse(void **state)
{
    (void)state;
    const int w = 7, h = 4;
    for (int o = 1; o <= 8; o++)
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int sx, sy, bx, by, sw, sh;
                orient_size(o, w, h, &sw, &sh);
                orient_to_shown(o, w, h, x, y, &sx, &sy);
                assert_true(sx >= 0 && sx < sw && sy >= 0 && sy < sh);
                orient_to_stored(o, w, h, sx, sy, &bx, &by);
                assert_int_equal(bx, x);
                assert_int_equal(by, y);
            }
}

/* A rectangle chosen in the shown picture, mapped to the stored one, holds exactly the pixels that are
 * shown inside it. */
static void test_rect_to_stored(void **state)
{
    (void)state;
    const int w = 9, h = 5;
    for (int o = 1; o <= 8; o++) {
        int sw, sh;
        orient_size(o, w, h, &sw, &sh);
        imgscale_rect r = {1, 2, sw - 3, sh - 2};
        imgscale_rect s = orient_rect_to_stored(o, w, h, r);
        assert_int_equal((long)s.w * s.h, (long)r.w * r.h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int sx, sy;
                orient_to_shown(o, w, h, x, y, &sx, &sy);
                bool in_shown = sx >= r.x && sx < r.x + r.w && sy >= r.y && sy < r.y + r.h;
                bool in_stored = x >= s.x && x < s.x + s.w && y >= s.y && y < s.y + s.h;
                assert_int_equal(in_shown, in_stored);
            }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apply_all_eight), cmocka_unit_test(test_invalid_values_count_as_1),
        cmocka_unit_test(test_pitch_padding),   cmocka_unit_test(test_mappings_are_inverse),
        cmocka_unit_test(test_rect_to_stored),
    };
    return cmocka_run_group_tests_name("orient", tests, NULL, NULL);
}
