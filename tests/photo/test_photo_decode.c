/* photo.decode: the picture pipeline in-process (picture_load_with: header, limits, DCT scaling, area
 * filter, EXIF orientation, fit crops) on pictures the test makes:
 *   - one JPEG per EXIF orientation value (1..8, both TIFF byte orders) with a red marker in the stored
 *     top-left corner and a green one in the stored top-right: each lands in the corner EXIF says;
 *   - a sideways 3000x2000 portrait stands up, decoded at 1/2 in the DCT;
 *   - a fine checkerboard reduced 2.8x is an even grey (no aliasing);
 *   - cover and kenburns keep the box's aspect and cut what must be cut;
 *   - decompression bombs and absurd sizes are refused from the header, fast, with a reason;
 *   - damaged and mislabelled files: a reason or a warning, never a crash;
 *   - PNG (32 and 24 bit), BMP, GIF and WebP (lossless and lossy) through SDL_image, same results. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <stdio.h>
#include <time.h>

#include <SDL.h>
#include <SDL_image.h>

#include "photo_util.h"
#include "picture.h"

static char *g_tmp;

static picture_settings settings(imgscale_fit fit)
{
    picture_settings s = picture_settings_default();
    s.fit = fit;
    return s;
}

static picture *load(const char *name, int box_w, int box_h, imgscale_fit fit, char *err, size_t errlen)
{
    char *path = tf_join(g_tmp, name);
    picture_settings s = settings(fit);
    picture *p = picture_load_with(path, box_w, box_h, &s, err, errlen);
    free(path);
    return p;
}

static void write_jpeg(const char *name, const pu_image *im, int quality, int orientation, bool big)
{
    char *path = tf_join(g_tmp, name);
    pu_write_jpeg(path, im, quality, orientation, big);
    free(path);
}

typedef enum { TL, TR, BL, BR } corner;
static const char *const CORNER[] = {"top-left", "top-right", "bottom-left", "bottom-right"};

/* The mean colour of a 6x6 patch in a corner of s, 4 pixels in from the edges. */
static uint32_t corner_colour(const SDL_Surface *s, corner c)
{
    int x0 = (c == TR || c == BR) ? s->w - 10 : 4, y0 = (c == BL || c == BR) ? s->h - 10 : 4;
    unsigned sum[3] = {0, 0, 0};
    for (int y = y0; y < y0 + 6; y++)
        for (int x = x0; x < x0 + 6; x++) {
            uint32_t v = pu_get(s, x, y);
            sum[0] += (v >> 16) & 0xFF;
            sum[1] += (v >> 8) & 0xFF;
            sum[2] += v & 0xFF;
        }
    return 0xFF000000u | (sum[0] / 36) << 16 | (sum[1] / 36) << 8 | (sum[2] / 36);
}

/* EXIF 2.3, tag 0x0112: where the stored top-left and top-right corners are seen, for values 1..8. */
static const corner STORED_TL[9] = {TL, TL, TR, BR, BL, TL, TR, BR, BL};
static const corner STORED_TR[9] = {TR, TR, TL, BL, BR, BL, BR, TR, TL};

static void every_exif_orientation(void **state)
{
    (void)state;
    pu_image im = pu_new(96, 64, PU_GREY); /* stored landscape, markers in the two top corners */
    pu_fill(&im, 0, 0, 24, 16, PU_RED);
    pu_fill(&im, 72, 0, 24, 16, PU_GREEN);
    for (int big = 0; big <= 1; big++)
        for (int o = 1; o <= 8; o++) {
            char name[64], err[256];
            snprintf(name, sizeof name, "exif-%d-%s.jpg", o, big ? "mm" : "ii");
            write_jpeg(name, &im, 95, o, big);
            picture *p = load(name, 1000, 1000, IMGSCALE_FIT_CONTAIN, err, sizeof err);
            if (!p)
                fail_msg("%s: %s", name, err);
            assert_int_equal(p->orientation, o);
            bool swapped = o >= 5;
            assert_int_equal(p->image->w, swapped ? 64 : 96);
            assert_int_equal(p->image->h, swapped ? 96 : 64);
            uint32_t red = corner_colour(p->image, STORED_TL[o]),
                     green = corner_colour(p->image, STORED_TR[o]);
            if (!pu_near(red, PU_RED, 40) || !pu_near(green, PU_GREEN, 40))
                fail_msg("orientation %d (%s): expected red %s and green %s, found %08x and %08x", o,
                         big ? "MM" : "II", CORNER[STORED_TL[o]], CORNER[STORED_TR[o]], red, green);
            /* the other two corners are grey */
            for (int c = 0; c < 4; c++)
                if (c != (int)STORED_TL[o] && c != (int)STORED_TR[o])
                    assert_true(pu_near(corner_colour(p->image, (corner)c), PU_GREY, 40));
            picture_free(p);
        }
    pu_free(&im);
}

static void sideways_portrait_stands_up(void **state)
{
    (void)state;
    /* Stored 3000x2000, turned 90 degrees clockwise by EXIF 6: a 2000x3000 portrait whose top is
     * the stored left column (red band). */
    pu_image im = pu_new(3000, 2000, PU_GREY);
    pu_fill(&im, 0, 0, 300, 2000, PU_RED);
    write_jpeg("portrait.jpg", &im, 85, 6, false);
    pu_free(&im);
    char err[256];
    picture *p = load("portrait.jpg", 1920, 1080, IMGSCALE_FIT_CONTAIN, err, sizeof err);
    if (!p)
        fail_msg("%s", err);
    assert_int_equal(p->source_w, 3000);
    assert_int_equal(p->source_h, 2000);
    assert_int_equal(p->image->w, 720);
    assert_int_equal(p->image->h, 1080);
    assert_int_equal(p->jpeg_denom, 2); /* 1500x1000 >= 1080x720; 1/4 would be too small */
    assert_true(pu_near(pu_get(p->image, 360, 20), PU_RED, 30));    /* the top band */
    assert_true(pu_near(pu_get(p->image, 360, 1060), PU_GREY, 30)); /* the bottom */
    assert_non_null(p->backdrop); /* tiny: a wash of colour, not a second copy of the photo */
    assert_true(p->backdrop->w * p->backdrop->h < 1920 * 1080 / 50);
    picture_free(p);
}

static void checkerboard_without_aliasing(void **state)
{
    (void)state;
    pu_image im = pu_new(4000, 3000, PU_BLACK);
    for (int y = 0; y < im.h; y++)
        for (int x = (y & 1); x < im.w; x += 2)
            im.px[(size_t)y * (size_t)im.w + (size_t)x] = PU_WHITE;
    write_jpeg("checker.jpg", &im, 98, 0, false);
    pu_free(&im);
    char err[256];
    picture *p = load("checker.jpg", 1920, 1080, IMGSCALE_FIT_CONTAIN, err, sizeof err);
    if (!p)
        fail_msg("%s", err);
    assert_int_equal(p->image->w, 1440);
    assert_int_equal(p->image->h, 1080);
    assert_int_equal(p->jpeg_denom, 2);
    int lo = 255, hi = 0;
    for (int y = 0; y < p->image->h; y += 7)
        for (int x = 0; x < p->image->w; x += 5) {
            int g = (int)((pu_get(p->image, x, y) >> 8) & 0xFF);
            lo = g < lo ? g : lo;
            hi = g > hi ? g : hi;
        }
    print_message("checkerboard reduced to %dx%d: grey %d..%d\n", p->image->w, p->image->h, lo, hi);
    if (lo < 100 || hi > 156)
        fail_msg("the checkerboard did not average out: grey values %d..%d (nearest or bilinear alias)", lo,
                 hi);
    picture_free(p);
}

static void cover_and_kenburns_crop(void **state)
{
    (void)state;
    /* 4000x3000 with a red band along the top and a blue one along the bottom (300 rows each): a 16:9
     * cover keeps the middle 2250 rows, so neither band is left. */
    pu_image im = pu_new(4000, 3000, PU_GREY);
    pu_fill(&im, 0, 0, 4000, 300, PU_RED);
    pu_fill(&im, 0, 2700, 4000, 300, PU_BLUE);
    pu_fill(&im, 0, 300, 2000, 2400, PU_GREEN);
    write_jpeg("bands.jpg", &im, 90, 0, false);
    pu_free(&im);
    for (int f = IMGSCALE_FIT_COVER; f <= IMGSCALE_FIT_KENBURNS; f++) {
        char err[256];
        picture *p = load("bands.jpg", 1600, 900, (imgscale_fit)f, err, sizeof err);
        if (!p)
            fail_msg("%s", err);
        assert_int_equal(p->fit, f);
        assert_int_equal(p->image->w, 1600);
        assert_int_equal(p->image->h, 900);
        assert_null(p->backdrop);
        assert_int_equal(p->jpeg_denom, 2);
        for (int y = 0; y < 900; y += 3) {
            uint32_t l = pu_get(p->image, 400, y), r = pu_get(p->image, 1200, y);
            if (!pu_near(l, PU_GREEN, 40) || !pu_near(r, PU_GREY, 40))
                fail_msg("%s: row %d is %08x | %08x: the bands were not cut",
                         imgscale_fit_name((imgscale_fit)f), y, l, r);
        }
        picture_free(p);
    }
}

static double elapsed_ms(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* A PNG that claims 100000x100000 pixels (40 GB decoded): refused from its header. */
static void png_bomb_refused(void **state)
{
    (void)state;
    static const uint8_t bomb[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0,    13,
                                   'I',  'H', 'D', 'R', 0,    1,    0x86, 0xA0, 0, 1, 0x86, 0xA0,
                                   8,    6,   0,   0,   0,    0,    0,    0,    0, 0, 0,    0,
                                   0,    'I', 'D', 'A', 'T',  0,    0,    0,    0};
    char *path = tf_join(g_tmp, "bomb.png");
    pu_write(path, bomb, sizeof bomb);
    /* the probe (header only, for the loader) says the same */
    picture_settings s = picture_settings_default();
    char why[256] = "";
    assert_int_equal(picture_probe(path, &s, why, sizeof why), -1);
    assert_non_null(strstr(why, "100000x100000"));
    free(path);
    char err[256] = "";
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    picture *p = load("bomb.png", 1920, 1080, IMGSCALE_FIT_CONTAIN, err, sizeof err);
    double ms = elapsed_ms(&t0);
    assert_null(p);
    print_message("refused in %.2f ms: %s\n", ms, err);
    assert_non_null(strstr(err, "too large"));
    assert_non_null(strstr(err, "100000x100000"));
    assert_true(ms < 500);
}

/* A GIF whose logical screen is 10x10 but whose first frame, behind more than a megabyte of comment
 * blocks, claims 60000x60000: never taken for 10x10 (fuzzer finding imghdr-gif-screen-size). */
static void gif_bomb_behind_long_header_refused(void **state)
{
    (void)state;
    size_t n = 0, cap = (2u << 20);
    uint8_t *g = malloc(cap);
    assert_non_null(g);
    memcpy(g, "GIF89a\x0a\x00\x0a\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff", 19);
    n = 19;
    g[n++] = 0x21; /* comment extension: 4500 sub-blocks of 255 bytes */
    g[n++] = 0xFE;
    for (int k = 0; k < 4500; k++) {
        g[n++] = 255;
        memset(g + n, 'x', 255);
        n += 255;
    }
    g[n++] = 0;
    const uint8_t frame[] = {0x2C, 0, 0, 0, 0, 0x60, 0xEA, 0x60, 0xEA, 0, 2, 2, 0x44, 0x01, 0, 0x3B};
    memcpy(g + n, frame, sizeof frame);
    n += sizeof frame;
    char *path = tf_join(g_tmp, "long-bomb.gif");
    pu_write(path, g, n);
    free(g);
    free(path);
    char err[256] = "";
    assert_null(load("long-bomb.gif", 1920, 1080, IMGSCALE_FIT_CONTAIN, err, sizeof err));
    print_message("%s\n", err);
    assert_non_null(strstr(err, "GIF header is damaged or longer than"));
}

/* A JPEG header of 60000x20: more than the side limit. A real JPEG over --max-pixels. */
static void sizes_over_the_limits_refused(void **state)
{
    (void)state;
    pu_image im = pu_new(200, 150, PU_GREY);
    size_t len = 0;
    uint8_t *j = pu_jpeg(&im, 90, &len);
    pu_free(&im);
    /* patch the frame header's width: find SOF0 and write 60000 */
    for (size_t i = 2; i + 9 < len; i++)
        if (j[i] == 0xFF && j[i + 1] == 0xC0) {
            j[i + 7] = 60000 >> 8;
            j[i + 8] = 60000 & 0xFF;
            break;
        }
    char *path = tf_join(g_tmp, "wide.jpg");
    pu_write(path, j, len);
    free(j);
    char err[256] = "";
    picture_settings s = picture_settings_default();
    assert_null(picture_load_with(path, 1920, 1080, &s, err, sizeof err));
    print_message("%s\n", err);
    assert_non_null(strstr(err, "at most 20000 pixels wide or high"));
    free(path);

    im = pu_new(200, 150, PU_GREY);
    write_jpeg("small.jpg", &im, 90, 0, false);
    pu_free(&im);
    path = tf_join(g_tmp, "small.jpg");
    s.max_pixels = 29999; /* 200 * 150 = 30000 */
    assert_null(picture_load_with(path, 1920, 1080, &s, err, sizeof err));
    print_message("%s\n", err);
    assert_non_null(strstr(err, "--max-pixels"));
    s.max_pixels = 30000;
    assert_int_equal(picture_probe(path, &s, err, sizeof err), 0);
    s.max_pixels = 29999;
    assert_int_equal(picture_probe(path, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "--max-pixels"));
    s.max_pixels = 30000;
    picture *p = picture_load_with(path, 1920, 1080, &s, err, sizeof err);
    assert_non_null(p);
    picture_free(p);
    free(path);
}

/* Writes data[0..len) to g_tmp/name. */
static void put(const char *name, const void *data, size_t len)
{
    char *path = tf_join(g_tmp, name);
    pu_write(path, data, len);
    free(path);
}

/* A 640x480 JPEG (quality 90) of a green gradient: 0xFF000000 | ((x * 7 + y * 3) & 0xFF) << 8. */
static uint8_t *gradient_jpeg(size_t *len)
{
    pu_image im = pu_new(640, 480, PU_GREY);
    for (int y = 0; y < 480; y++)
        for (int x = 0; x < 640; x++)
            im.px[y * 640 + x] = 0xFF000000u | (uint32_t)((x * 7 + y * 3) & 0xFF) << 8;
    uint8_t *j = pu_jpeg(&im, 90, len);
    pu_free(&im);
    return j;
}

static void damaged_and_mislabelled(void **state)
{
    (void)state;
    char err[256], *path;
    /* text saved as .jpg */
    const char *text = "Baku, 20 January 1990. Not a picture at all.\n";
    put("notes.jpg", text, strlen(text));
    assert_null(load("notes.jpg", 800, 600, IMGSCALE_FIT_CONTAIN, err, sizeof err));
    assert_non_null(strstr(err, "not a JPEG, PNG, GIF, BMP or WebP file"));
    /* empty */
    put("empty.png", "", 0);
    assert_null(load("empty.png", 800, 600, IMGSCALE_FIT_CONTAIN, err, sizeof err));
    assert_non_null(strstr(err, "empty"));
    /* missing */
    assert_null(load("missing.jpg", 800, 600, IMGSCALE_FIT_CONTAIN, err, sizeof err));
    assert_non_null(strstr(err, "cannot be opened"));
    /* a header cut short */
    put("cut.png", "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0", 18);
    assert_null(load("cut.png", 800, 600, IMGSCALE_FIT_CONTAIN, err, sizeof err));
    assert_non_null(strstr(err, "damaged PNG header"));
    /* a PNG named .jpg goes to the PNG decoder (the bytes decide) */
    pu_image im = pu_new(40, 30, PU_BLUE);
    path = tf_join(g_tmp, "really-a-png.jpg");
    pu_write_png(path, &im, false);
    free(path);
    pu_free(&im);
    picture *p = load("really-a-png.jpg", 800, 600, IMGSCALE_FIT_CONTAIN, err, sizeof err);
    if (!p)
        fail_msg("%s", err);
    assert_int_equal(p->jpeg_denom, 0);
    assert_true(pu_near(pu_get(p->image, 20, 15), PU_BLUE, 2));
    picture_free(p);
}

static void damaged_jpeg_data(void **state)
{
    (void)state;
    char err[256];
    size_t len = 0;
    /* a JPEG cut in its image data: refused (half of it would be grey), with the decoder's reason */
    uint8_t *j = gradient_jpeg(&len);
    put("truncated.jpg", j, len / 2);
    free(j);
    picture *p = load("truncated.jpg", 800, 600, IMGSCALE_FIT_CONTAIN, err, sizeof err);
    assert_null(p);
    print_message("%s\n", err);
    assert_non_null(strstr(err, "the picture is damaged (Premature end of JPEG file)"));
    /* the same JPEG with its scan data overwritten in the middle: refused too */
    j = gradient_jpeg(&len);
    memset(j + len / 3, 'U', 2000);
    put("corrupt-scan.jpg", j, len);
    free(j);
    assert_null(load("corrupt-scan.jpg", 800, 600, IMGSCALE_FIT_CONTAIN, err, sizeof err));
    print_message("%s\n", err);
    assert_non_null(strstr(err, "the picture is damaged"));
    /* a camera's stray bytes before the end marker: a harmless flaw, shown with a warning */
    j = gradient_jpeg(&len);
    uint8_t *stray = malloc(len + 4);
    assert_non_null(stray);
    memcpy(stray, j, len - 2);
    memcpy(stray + len - 2, "\x00\x11\x22\x33\xFF\xD9", 6);
    free(j);
    put("stray-bytes.jpg", stray, len + 4);
    free(stray);
    p = load("stray-bytes.jpg", 800, 600, IMGSCALE_FIT_CONTAIN, err, sizeof err);
    if (!p)
        fail_msg("stray bytes before a marker should not stop a picture: %s", err);
    print_message("warning: %s\n", p->warning);
    assert_non_null(strstr(p->warning, "extraneous bytes before marker"));
    uint32_t want = 0xFF000000u | (uint32_t)((320 * 7 + 240 * 3) & 0xFF) << 8;
    assert_true(pu_near(pu_get(p->image, 320, 240), want, 24));
    picture_free(p);
}

/* PNG (32 and 24 bits) and BMP: reduced with the area filter, colours exact away from edges. */
static void other_formats(void **state)
{
    (void)state;
    pu_image im = pu_new(1200, 900, PU_RED);
    pu_fill(&im, 600, 0, 600, 900, PU_BLUE);
    const char *names[] = {"halves32.png", "halves24.png", "halves.bmp"};
    for (int k = 0; k < 3; k++) {
        char *path = tf_join(g_tmp, names[k]);
        if (k == 2)
            pu_write_bmp(path, &im);
        else
            pu_write_png(path, &im, k == 1);
        free(path);
        char err[256];
        picture *p = load(names[k], 400, 400, IMGSCALE_FIT_CONTAIN, err, sizeof err);
        if (!p)
            fail_msg("%s: %s", names[k], err);
        assert_int_equal(p->image->w, 400);
        assert_int_equal(p->image->h, 300);
        assert_int_equal(p->jpeg_denom, 0);
        assert_true(pu_near(pu_get(p->image, 100, 150), PU_RED, 1));
        assert_true(pu_near(pu_get(p->image, 300, 150), PU_BLUE, 1));
        /* the seam falls between two output columns: the colours do not bleed */
        uint32_t seam = pu_get(p->image, 199, 150);
        assert_true(pu_near(seam, PU_RED, 1));
        picture_free(p);
    }
    pu_free(&im);
}

/* GIF and WebP (lossless and lossy) through SDL_image: sizes from our header reader, colours right. */
static void gif_and_webp(void **state)
{
    (void)state;
    pu_image im = pu_new(640, 480, PU_RED);
    pu_fill(&im, 320, 0, 320, 480, PU_BLUE);
    const char *names[] = {"halves.gif", "halves-lossless.webp", "halves-lossy.webp"};
    for (int k = 0; k < 3; k++) {
        char *path = tf_join(g_tmp, names[k]);
        if (k == 0)
            pu_write_gif(path, &im);
        else
            pu_write_webp(path, &im, k == 1);
        free(path);
        char err[256];
        picture *p = load(names[k], 320, 320, IMGSCALE_FIT_CONTAIN, err, sizeof err);
        if (!p)
            fail_msg("%s: %s", names[k], err);
        assert_int_equal(p->source_w, 640);
        assert_int_equal(p->source_h, 480);
        assert_int_equal(p->image->w, 320);
        assert_int_equal(p->image->h, 240);
        assert_true(pu_near(pu_get(p->image, 80, 120), PU_RED, 8));
        assert_true(pu_near(pu_get(p->image, 240, 120), PU_BLUE, 8));
        picture_free(p);
    }
    pu_free(&im);
}

/* kiosk.conf [pictures] sets the defaults; --fit and --max-pixels win only when given. */
static void settings_from_conf_and_command_line(void **state)
{
    (void)state;
    kiosk_config k;
    config_defaults(&k);
    char *plain[] = {"kiosk"};
    cli_options o;
    char err[128];
    assert_int_equal(cli_parse(1, plain, &o, err, sizeof err), 0);
    picture_settings s = picture_settings_resolve(&k, &o);
    assert_int_equal(s.fit, IMGSCALE_FIT_CONTAIN);
    assert_int_equal(s.backdrop, PICTURE_BACKDROP_BLUR);
    assert_int_equal(s.max_pixels, 80000000);
    assert_int_equal(s.max_side, 20000);
    k.fit = CONFIG_FIT_KENBURNS;
    k.backdrop = CONFIG_BACKDROP_SOLID;
    k.max_megapixels = 12;
    s = picture_settings_resolve(&k, &o);
    assert_int_equal(s.fit, IMGSCALE_FIT_KENBURNS);
    assert_int_equal(s.backdrop, PICTURE_BACKDROP_SOLID);
    assert_int_equal(s.max_pixels, 12000000);
    char *given[] = {"kiosk", "--fit", "cover", "--max-pixels", "30M"};
    assert_int_equal(cli_parse(5, given, &o, err, sizeof err), 0);
    s = picture_settings_resolve(&k, &o);
    assert_int_equal(s.fit, IMGSCALE_FIT_COVER);
    assert_int_equal(s.backdrop, PICTURE_BACKDROP_SOLID); /* no option for it: kiosk.conf's */
    assert_int_equal(s.max_pixels, 30000000);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    g_tmp = tf_mkdtemp("photo-decode");
    if (!g_tmp)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_exif_orientation),
        cmocka_unit_test(sideways_portrait_stands_up),
        cmocka_unit_test(checkerboard_without_aliasing),
        cmocka_unit_test(cover_and_kenburns_crop),
        cmocka_unit_test(png_bomb_refused),
        cmocka_unit_test(sizes_over_the_limits_refused),
        cmocka_unit_test(damaged_and_mislabelled),
        cmocka_unit_test(damaged_jpeg_data),
        cmocka_unit_test(other_formats),
        cmocka_unit_test(gif_and_webp),
        cmocka_unit_test(gif_bomb_behind_long_header_refused),
        cmocka_unit_test(settings_from_conf_and_command_line),
    };
    int rc = cmocka_run_group_tests_name("photo.decode", tests, NULL, NULL);
    tf_rm_rf(g_tmp);
    free(g_tmp);
    IMG_Quit();
    SDL_Quit();
    return rc;
}
