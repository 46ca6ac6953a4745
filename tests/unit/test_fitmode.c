/* Unit tests of the fit-mode geometry in imgscale: cover crops, decode plans per fit mode, the choice of
 * the JPEG DCT scaling, the Ken Burns motion, the blur of the backdrop, and the 3-byte area filter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <math.h>
#include <stdbool.h>

#include "imgscale.h"

static void test_fit_names(void **state)
{
    (void)state;
    imgscale_fit f = IMGSCALE_FIT_COVER;
    assert_int_equal(imgscale_parse_fit("contain", &f), 0);
    assert_int_equal(f, IMGSCALE_FIT_CONTAIN);
    assert_int_equal(imgscale_parse_fit("kenburns", &f), 0);
    assert_int_equal(f, IMGSCALE_FIT_KENBURNS);
    assert_int_equal(imgscale_parse_fit("cover", &f), 0);
    assert_int_equal(f, IMGSCALE_FIT_COVER);
    assert_int_equal(imgscale_parse_fit("Cover", &f), -1);
    assert_int_equal(imgscale_parse_fit("", &f), -1);
    assert_int_equal(imgscale_parse_fit(NULL, &f), -1);
    assert_int_equal(f, IMGSCALE_FIT_COVER);
    assert_string_equal(imgscale_fit_name(IMGSCALE_FIT_KENBURNS), "kenburns");
}

static void test_crop_cover(void **state)
{
    (void)state;
    /* 3:2 photo in a 16:9 box: full width, a centred band of rows */
    imgscale_rect r = imgscale_crop_cover(6000, 4000, 1920, 1080);
    assert_int_equal(r.w, 6000);
    assert_int_equal(r.h, 3375);
    assert_int_equal(r.x, 0);
    assert_int_equal(r.y, (4000 - 3375) / 2);
    /* portrait in a landscape box: full width, middle rows */
    r = imgscale_crop_cover(1000, 3000, 1600, 900);
    assert_int_equal(r.w, 1000);
    assert_int_equal(r.h, 563);
    assert_int_equal(r.y, (3000 - 563) / 2);
    /* panorama: full height, middle columns */
    r = imgscale_crop_cover(3000, 200, 800, 600);
    assert_int_equal(r.h, 200);
    assert_int_equal(r.w, 267);
    assert_int_equal(r.x, (3000 - 267) / 2);
    /* never outside the picture, whatever the sizes */
    for (int pw = 1; pw < 3000; pw += 113)
        for (int ph = 1; ph < 3000; ph += 127) {
            r = imgscale_crop_cover(pw, ph, 1280, 800);
            assert_true(r.w >= 1 && r.h >= 1 && r.x >= 0 && r.y >= 0);
            assert_true(r.x + r.w <= pw && r.y + r.h <= ph);
            assert_true(r.w == pw || r.h == ph);
        }
    r = imgscale_crop_cover(0, 0, 10, 10);
    assert_true(r.w >= 1 && r.h >= 1);
}

static void test_plan_contain(void **state)
{
    (void)state;
    imgscale_plan p = imgscale_plan_fit(IMGSCALE_FIT_CONTAIN, 6000, 4000, 1920, 1080);
    assert_int_equal(p.crop.x, 0);
    assert_int_equal(p.crop.w, 6000);
    assert_int_equal(p.crop.h, 4000);
    assert_int_equal(p.out_w, 1620);
    assert_int_equal(p.out_h, 1080);
    /* smaller than the box: kept as it is (the GPU enlarges it) */
    p = imgscale_plan_fit(IMGSCALE_FIT_CONTAIN, 400, 300, 1920, 1080);
    assert_int_equal(p.out_w, 400);
    assert_int_equal(p.out_h, 300);
}

static void test_plan_cover_and_kenburns(void **state)
{
    (void)state;
    for (int f = IMGSCALE_FIT_COVER; f <= IMGSCALE_FIT_KENBURNS; f++) {
        imgscale_plan p = imgscale_plan_fit((imgscale_fit)f, 6000, 4000, 1920, 1080);
        assert_int_equal(p.crop.w, 6000);
        assert_int_equal(p.crop.h, 3375);
        assert_int_equal(p.out_w, 1920); /* exactly the box: nothing more is kept */
        assert_int_equal(p.out_h, 1080);
        p = imgscale_plan_fit((imgscale_fit)f, 800, 600, 1920, 1080); /* small: only cropped */
        assert_int_equal(p.crop.w, 800);
        assert_int_equal(p.crop.h, 450);
        assert_int_equal(p.out_w, 800);
        assert_int_equal(p.out_h, 450);
    }
}

static void test_pick_denom(void **state)
{
    (void)state;
    /* 6000x4000 for 1620x1080: 1/2 gives 3000x2000 (>= target), 1/4 would give 1500x1000 (< target) */
    assert_int_equal(imgscale_pick_denom(6000, 4000, 1620, 1080, 8), 2);
    /* for a 640x360 preview: 1/8 = 750x500 */
    assert_int_equal(imgscale_pick_denom(6000, 4000, 640, 360, 8), 8);
    assert_int_equal(imgscale_pick_denom(6000, 4000, 640, 360, 4), 4);
    /* exactly 4 times larger: 1/4 */
    assert_int_equal(imgscale_pick_denom(7680, 4320, 1920, 1080, 8), 4);
    /* one pixel short of 4 times: 1/2 */
    assert_int_equal(imgscale_pick_denom(7679, 4320, 1920, 1080, 8), 2);
    /* smaller than the target: no scaling */
    assert_int_equal(imgscale_pick_denom(800, 600, 1920, 1080, 8), 1);
    assert_int_equal(imgscale_pick_denom(800, 600, 0, 0, 8), 1);
    /* the result never takes the region below the target */
    for (int cw = 100; cw < 9000; cw += 331)
        for (int ow = 50; ow < 3000; ow += 277) {
            int d = imgscale_pick_denom(cw, cw, ow, ow, 8);
            assert_true(d == 1 || cw / d >= ow);
            assert_true(d == 8 || cw / (2 * d) < ow || d * 2 > 8);
        }
}

static void test_kenburns_stays_inside_and_is_subtle(void **state)
{
    (void)state;
    const int w = 1920, h = 1080;
    for (uint32_t seed = 0; seed < 64; seed++) {
        imgscale_frect prev = imgscale_kenburns(w, h, seed, 0.0);
        for (int i = 0; i <= 1000; i++) {
            double t = i / 1000.0;
            imgscale_frect r = imgscale_kenburns(w, h, seed, t);
            assert_true(r.x >= -1e-9 && r.y >= -1e-9);
            assert_true(r.x + r.w <= w + 1e-9 && r.y + r.h <= h + 1e-9);
            assert_true(fabs(r.w / r.h - (double)w / h) < 1e-9); /* aspect kept: no distortion */
            double zoom = w / r.w;
            assert_true(zoom >= 1.0 - 1e-9 && zoom <= 1.0 + IMGSCALE_KB_ZOOM + 1e-9);
            /* subtle and smooth: over the whole slide the region moves less than a tenth of the picture,
             * and each thousandth of the slide moves it by less than a pixel and a half */
            assert_true(fabs(r.x - prev.x) < 1.5 && fabs(r.y - prev.y) < 1.5 && fabs(r.w - prev.w) < 1.5);
            prev = r;
        }
        imgscale_frect a = imgscale_kenburns(w, h, seed, 0.0), b = imgscale_kenburns(w, h, seed, 1.0);
        double centre = hypot(a.x + a.w / 2 - b.x - b.w / 2, a.y + a.h / 2 - b.y - b.h / 2);
        double zoom = fabs(a.w - b.w);
        assert_true(centre > 10 || zoom > 10); /* it does move */
        assert_true(centre < w * 0.05);        /* but only a little */
        assert_true(zoom <= w * IMGSCALE_KB_ZOOM);
    }
}

static void test_kenburns_clamps_and_varies(void **state)
{
    (void)state;
    imgscale_frect a = imgscale_kenburns(1000, 500, 7, -3.0), b = imgscale_kenburns(1000, 500, 7, 0.0);
    assert_true(a.x == b.x && a.y == b.y && a.w == b.w);
    a = imgscale_kenburns(1000, 500, 7, 9.0), b = imgscale_kenburns(1000, 500, 7, 1.0);
    assert_true(a.x == b.x && a.y == b.y && a.w == b.w);
    a = imgscale_kenburns(1000, 500, 7, NAN);
    assert_true(a.w > 0 && a.x >= 0);
    /* four kinds of motion: zoom in, zoom out, pan right, pan left */
    imgscale_frect in0 = imgscale_kenburns(1000, 500, 0, 0), in1 = imgscale_kenburns(1000, 500, 0, 1);
    assert_true(in1.w < in0.w);
    imgscale_frect out0 = imgscale_kenburns(1000, 500, 1, 0), out1 = imgscale_kenburns(1000, 500, 1, 1);
    assert_true(out1.w > out0.w);
    imgscale_frect r0 = imgscale_kenburns(1000, 500, 2, 0), r1 = imgscale_kenburns(1000, 500, 2, 1);
    assert_true(r1.x > r0.x && r1.w == r0.w);
    imgscale_frect l0 = imgscale_kenburns(1000, 500, 3, 0), l1 = imgscale_kenburns(1000, 500, 3, 1);
    assert_true(l1.x < l0.x);
    /* the seed of a name is stable */
    assert_int_equal(imgscale_seed("photos/alley.jpg"), imgscale_seed("photos/alley.jpg"));
    assert_int_not_equal(imgscale_seed("photos/alley.jpg"), imgscale_seed("photos/alley2.jpg"));
    assert_int_equal(imgscale_seed(""), 2166136261u);
}

static void test_blur(void **state)
{
    (void)state;
    enum { W = 21, H = 9 };
    uint8_t px[W * H * 4];
    memset(px, 0, sizeof px);
    uint8_t *c = px + (4 * W + 10) * 4; /* one white pixel in the middle */
    memset(c, 255, 4);
    assert_int_equal(imgscale_blur(px, W, H, W * 4, 2, 3), 0);
    /* spread out, symmetric, peak in the middle, nothing lost at the centre row */
    assert_true(c[0] > 0 && c[0] < 255);
    assert_int_equal(px[(4 * W + 9) * 4], px[(4 * W + 11) * 4]);
    assert_int_equal(px[(3 * W + 10) * 4], px[(5 * W + 10) * 4]);
    assert_true(px[(4 * W + 9) * 4] <= c[0]);
    assert_true(px[(4 * W + 8) * 4] <= px[(4 * W + 9) * 4]);
    /* a flat picture stays flat (edges repeat the border) */
    memset(px, 77, sizeof px);
    assert_int_equal(imgscale_blur(px, W, H, W * 4, 3, 3), 0);
    for (size_t i = 0; i < sizeof px; i++)
        assert_int_equal(px[i], 77);
    assert_int_equal(imgscale_blur(px, W, H, W * 4, 0, 3), 0);
    assert_int_equal(imgscale_blur(NULL, W, H, W * 4, 2, 3), -1);
    assert_int_equal(imgscale_blur(px, W, H, 4, 2, 3), -1);
    /* a radius larger than the picture still works */
    assert_int_equal(imgscale_blur(px, 2, 2, W * 4, 50, 2), 0);
}

/* 3-byte pixels: a fine stripe pattern of two colours averages to their mean, channel by channel. */
static void test_area_three_bytes(void **state)
{
    (void)state;
    const int sw = 300, sh = 200, dw = 37, dh = 23;
    uint8_t *src = malloc((size_t)sw * sh * 3), *dst = malloc((size_t)dw * dh * 3);
    assert_non_null(src);
    assert_non_null(dst);
    for (int y = 0; y < sh; y++)
        for (int x = 0; x < sw; x++) {
            uint8_t *p = src + ((size_t)y * sw + x) * 3;
            bool on = (x + y) % 2;
            p[0] = on ? 200 : 0;
            p[1] = on ? 0 : 100;
            p[2] = 50;
        }
    assert_int_equal(imgscale_area_n(src, sw, sh, sw * 3, dst, dw, dh, dw * 3, 3), 0);
    for (int i = 0; i < dw * dh; i++) {
        assert_true(abs(dst[i * 3] - 100) <= 3);
        assert_true(abs(dst[i * 3 + 1] - 50) <= 3);
        assert_int_equal(dst[i * 3 + 2], 50);
    }
    assert_int_equal(imgscale_area_n(src, sw, sh, sw * 3, dst, dw, dh, dw * 3, 5), -1);
    free(src);
    free(dst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit_names),
        cmocka_unit_test(test_crop_cover),
        cmocka_unit_test(test_plan_contain),
        cmocka_unit_test(test_plan_cover_and_kenburns),
        cmocka_unit_test(test_pick_denom),
        cmocka_unit_test(test_kenburns_stays_inside_and_is_subtle),
        cmocka_unit_test(test_kenburns_clamps_and_varies),
        cmocka_unit_test(test_blur),
        cmocka_unit_test(test_area_three_bytes),
    };
    return cmocka_run_group_tests_name("fitmode", tests, NULL, NULL);
}
