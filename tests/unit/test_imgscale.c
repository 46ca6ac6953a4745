/* Unit tests of imgscale: fit geometry and the area filter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "imgscale.h"

static void test_contain_landscape_in_wide_box(void **state)
{
    (void)state;
    imgscale_rect r = imgscale_fit_contain(400, 300, 1920, 1080);
    assert_int_equal(r.h, 1080);
    assert_int_equal(r.w, 1440);
    assert_int_equal(r.x, 240);
    assert_int_equal(r.y, 0);
}

static void test_contain_panorama(void **state)
{
    (void)state;
    imgscale_rect r = imgscale_fit_contain(3000, 200, 800, 600);
    assert_int_equal(r.w, 800);
    assert_int_equal(r.h, 53);
    assert_int_equal(r.x, 0);
    assert_int_equal(r.y, (600 - 53) / 2);
}

static void test_contain_portrait(void **state)
{
    (void)state;
    imgscale_rect r = imgscale_fit_contain(1080, 1350, 1920, 1080);
    assert_int_equal(r.h, 1080);
    assert_int_equal(r.w, 864);
    assert_true(r.x >= 0 && r.x + r.w <= 1920);
}

static void test_contain_never_exceeds_box(void **state)
{
    (void)state;
    for (int pw = 1; pw < 5000; pw += 97)
        for (int ph = 1; ph < 5000; ph += 89) {
            imgscale_rect r = imgscale_fit_contain(pw, ph, 1280, 720);
            assert_true(r.w >= 1 && r.h >= 1);
            assert_true(r.w <= 1280 && r.h <= 720);
            assert_true(r.w == 1280 || r.h == 720);
        }
}

static void test_cover_fills_box(void **state)
{
    (void)state;
    imgscale_rect r = imgscale_fit_cover(400, 300, 1920, 1080);
    assert_int_equal(r.w, 1920);
    assert_int_equal(r.h, 1440);
    assert_int_equal(r.y, -180);
    r = imgscale_fit_cover(100, 1000, 1920, 1080);
    assert_true(r.w >= 1920 && r.h >= 1080);
}

static void test_degenerate_sizes(void **state)
{
    (void)state;
    imgscale_rect r = imgscale_fit_contain(0, 10, 100, 100);
    assert_true(r.w >= 1 && r.h >= 1);
    r = imgscale_fit_cover(10, 10, 0, 0);
    assert_true(r.w >= 1 && r.h >= 1);
}

/* A fine checkerboard reduced 8x must become an even grey: no aliasing (nearest would give black or
 * white, plain bilinear a pattern). */
static void test_area_checkerboard_no_alias(void **state)
{
    (void)state;
    const int sw = 800, sh = 600, dw = 100, dh = 75;
    uint32_t *src = malloc(sizeof *src * sw * sh), *dst = malloc(sizeof *dst * dw * dh);
    assert_non_null(src);
    assert_non_null(dst);
    for (int y = 0; y < sh; y++)
        for (int x = 0; x < sw; x++)
            src[y * sw + x] = ((x + y) & 1) ? 0xFFFFFFFFu : 0xFF000000u;
    assert_int_equal(imgscale_area(src, sw, sh, sw * 4, dst, dw, dh, dw * 4), 0);
    for (int i = 0; i < dw * dh; i++) {
        int g = (int)(dst[i] & 0xFF);
        assert_in_range(g, 126, 129);
        assert_int_equal(dst[i] >> 24, 0xFF);
    }
    free(src);
    free(dst);
}

/* Non-integer factors keep the mean brightness and put each source pixel's weight in the right place. */
static void test_area_fractional_factor_keeps_mean(void **state)
{
    (void)state;
    const int sw = 7, sh = 5, dw = 3, dh = 2;
    uint32_t src[7 * 5], dst[3 * 2];
    double sum_src = 0, sum_dst = 0;
    for (int i = 0; i < sw * sh; i++) {
        uint32_t v = (uint32_t)(i * 37 % 256);
        src[i] = 0xFF000000u | v << 16 | v << 8 | v;
        sum_src += v;
    }
    assert_int_equal(imgscale_area(src, sw, sh, sw * 4, dst, dw, dh, dw * 4), 0);
    for (int i = 0; i < dw * dh; i++)
        sum_dst += dst[i] & 0xFF;
    assert_true(sum_dst / (dw * dh) > sum_src / (sw * sh) - 2.0);
    assert_true(sum_dst / (dw * dh) < sum_src / (sw * sh) + 2.0);
}

static void test_area_left_right_halves(void **state)
{
    (void)state;
    const int sw = 64, sh = 16, dw = 8, dh = 2;
    uint32_t src[64 * 16], dst[8 * 2];
    for (int y = 0; y < sh; y++)
        for (int x = 0; x < sw; x++)
            src[y * sw + x] = x < sw / 2 ? 0xFFFF0000u : 0xFF0000FFu;
    assert_int_equal(imgscale_area(src, sw, sh, sw * 4, dst, dw, dh, dw * 4), 0);
    for (int y = 0; y < dh; y++)
        for (int x = 0; x < dw; x++)
            assert_int_equal(dst[y * dw + x], x < dw / 2 ? 0xFFFF0000u : 0xFF0000FFu);
}

static void test_area_rejects_bad_sizes(void **state)
{
    (void)state;
    uint32_t px = 0;
    assert_int_equal(imgscale_area(&px, 0, 1, 4, &px, 1, 1, 4), -1);
    assert_int_equal(imgscale_area(&px, 1, 1, 4, &px, 0, 1, 4), -1);
    assert_int_equal(imgscale_area(NULL, 1, 1, 4, &px, 1, 1, 4), -1);
}

/* imgscale_rows, fed a row at a time, gives exactly imgscale_area_n's bytes: whole factors, fractional
 * ones (3000 -> 1620, rows shared by two destination rows), 1 and 4 bytes a pixel, and equal heights. */
static void rows_match_area(int sw, int sh, int dw, int dh, int bpp)
{
    size_t sp = (size_t)sw * (size_t)bpp, dp = (size_t)dw * (size_t)bpp + 8;
    uint8_t *src = malloc(sp * (size_t)sh), *a = calloc((size_t)dh, dp), *b = calloc((size_t)dh, dp);
    assert_non_null(src);
    assert_non_null(a);
    assert_non_null(b);
    uint32_t v = 12345u;
    for (size_t i = 0; i < sp * (size_t)sh; i++) {
        v = v * 1103515245u + 12345u;
        src[i] = (uint8_t)(v >> 16);
    }
    assert_int_equal(imgscale_area_n(src, sw, sh, (int)sp, a, dw, dh, (int)dp, bpp), 0);
    imgscale_rows *r = imgscale_rows_create(sw, sh, b, dw, dh, (int)dp, bpp);
    assert_non_null(r);
    for (int y = 0; y < sh; y++) {
        assert_false(imgscale_rows_complete(r));
        assert_int_equal(imgscale_rows_push(r, src + (size_t)y * sp), 0);
    }
    assert_true(imgscale_rows_complete(r));
    assert_int_equal(imgscale_rows_push(r, src), -1); /* one row too many */
    imgscale_rows_free(r);
    assert_memory_equal(a, b, (size_t)dh * dp);
    free(src);
    free(a);
    free(b);
}

static void test_rows_same_as_area(void **state)
{
    (void)state;
    rows_match_area(300, 200, 162, 108, 4);
    rows_match_area(301, 199, 100, 50, 4);
    rows_match_area(64, 48, 32, 24, 4);
    rows_match_area(97, 61, 40, 61, 1);
    rows_match_area(50, 40, 50, 7, 3);
    uint8_t px[4] = {0};
    assert_null(imgscale_rows_create(1, 1, px, 1, 2, 4, 4)); /* taller than the source: not supported */
    assert_null(imgscale_rows_create(1, 1, NULL, 1, 1, 4, 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contain_landscape_in_wide_box),
        cmocka_unit_test(test_contain_panorama),
        cmocka_unit_test(test_contain_portrait),
        cmocka_unit_test(test_contain_never_exceeds_box),
        cmocka_unit_test(test_cover_fills_box),
        cmocka_unit_test(test_degenerate_sizes),
        cmocka_unit_test(test_area_checkerboard_no_alias),
        cmocka_unit_test(test_area_fractional_factor_keeps_mean),
        cmocka_unit_test(test_area_left_right_halves),
        cmocka_unit_test(test_area_rejects_bad_sizes),
        cmocka_unit_test(test_rows_same_as_area),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
