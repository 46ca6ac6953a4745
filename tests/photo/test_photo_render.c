/* photo.render: the real binary with --render (SDL's dummy video driver, software renderer) on
 * photographs the test makes, compared with a reference image computed by the test (pu_quad_expect:
 * known colour blocks at known letterbox positions) within a per-channel tolerance.
 * Group "basic":
 *   - contain: a 900x500 picture of four colour blocks, pixel by pixel, and a dark backdrop around it;
 *   - a sideways JPEG with EXIF orientation 6 stands up: portrait, its marker in the right corner;
 *   - alley.jpg + alley.txt: one image slide with that caption on a dark strip, no article;
 *   - a decompression bomb between two pictures: refused with a logged reason, the show goes on.
 * Group "options" (--fit cover, --fit kenburns, --max-pixels): needs main.c to pass the options to the
 * picture module (picture_configure); exits 77 (skipped) while it does not (--max-pixels has no effect).
 * Usage: test_photo_render PATH/TO/memorial-kiosk basic|options */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <stdio.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_image.h>

#include "design.h"
#include "harness.h"
#include "imgscale.h"
#include "photo_util.h"

#define W 800
#define H 600
#define TOL 10
#define QW 900
#define QH 500

static const char *g_bin;

static uint32_t rgb(kh_rgb p)
{
    return 0xFF000000u | (uint32_t)p.r << 16 | (uint32_t)p.g << 8 | p.b;
}

static void make_quads(kh_fixture *f, const char *name)
{
    pu_image im = pu_new(QW, QH, PU_RED);
    pu_fill(&im, QW / 2, 0, QW / 2, QH / 2, PU_GREEN);
    pu_fill(&im, 0, QH / 2, QW / 2, QH / 2, PU_BLUE);
    pu_fill(&im, QW / 2, QH / 2, QW / 2, QH / 2, PU_WHITE);
    pu_write_png(kh_fx_path(f, name), &im, false);
    pu_free(&im);
}

/* Renders f's content/ at 800x600 with extra options; checks the exit status and loads the manifest. */
static void render(kh_fixture *f, const char *opt1, const char *opt2)
{
    char *content = kh_fx_path(f, "content");
    char *out = kh_fx_path(f, "out");
    const char *argv[9] = {g_bin, "--render", out, "--size", "800x600"};
    int n = 5;
    if (opt1)
        argv[n++] = opt1;
    if (opt2)
        argv[n++] = opt2;
    argv[n++] = content;
    argv[n] = NULL;
    assert_int_equal(kh_run(argv, f->tmp, 60000, &f->run), 0);
    if (f->run.timed_out || f->run.exit_code != 0)
        fail_msg("--render exited %d (signal %d%s); stderr:\n%s", f->run.exit_code, f->run.signal,
                 f->run.timed_out ? ", timed out" : "", f->run.err);
    char err[512];
    if (kh_manifest_load(kh_fx_path(f, "out/slides.txt"), &f->manifest, err, sizeof err) != 0)
        fail_msg("%s", err);
}

static void load_slide(kh_fixture *f, int n)
{
    char name[32], err[512];
    snprintf(name, sizeof name, "out/%03d.png", n);
    kh_image_free(&f->image);
    if (kh_image_load(kh_fx_path(f, name), &f->image, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(f->image.w, W);
    assert_int_equal(f->image.h, H);
}

/* Every pixel the reference is sure of must match it within TOL. */
static size_t compare_quads(const kh_image *img, imgscale_fit fit, uint32_t seed)
{
    design d = design_compute(W, H, 0.0);
    size_t compared = 0, bad = 0;
    int bx = -1, by = -1;
    uint32_t got = 0, want = 0;
    for (int y = 0; y < d.picture_h; y++)
        for (int x = 0; x < W; x++) {
            uint32_t exp;
            if (!pu_quad_expect(fit, QW, QH, W, d.picture_h, seed, 0.0, x, y, 3, &exp))
                continue;
            compared++;
            uint32_t v = rgb(kh_pixel(img, x, y));
            if (!pu_near(v, exp, TOL) && bad++ == 0)
                bx = x, by = y, got = v, want = exp;
        }
    if (bad)
        fail_msg(
            "--fit %s: %zu of %zu pixels differ from the reference; first at (%d,%d): %06x, expected %06x",
            imgscale_fit_name(fit), bad, compared, bx, by, got & 0xFFFFFF, want & 0xFFFFFF);
    print_message("--fit %s: %zu pixels match the reference\n", imgscale_fit_name(fit), compared);
    return compared;
}

static void contain_matches_reference(void **state)
{
    kh_fixture *f = *state;
    assert_int_equal(mkdir(kh_fx_path(f, "content"), 0755), 0);
    assert_int_equal(kh_fx_no_banner_slide(f), 0);
    make_quads(f, "content/quads.png");
    render(f, NULL, NULL);
    assert_int_equal(f->manifest.count, 1);
    assert_string_equal(f->manifest.entries[0].kind, "image");
    load_slide(f, 1);
    design d = design_compute(W, H, 0.0);
    int r[4];
    pu_contain_rect(QW, QH, W, d.picture_h, r);
    size_t n = compare_quads(&f->image, IMGSCALE_FIT_CONTAIN, 0);
    assert_true(n > (size_t)(r[2] * r[3]) * 8 / 10);
    /* above and below the letterboxed picture: a dimmed backdrop, nothing bright */
    for (int y = 0; y < r[1] - 1; y++)
        for (int x = 0; x < W; x++) {
            kh_rgb p = kh_pixel(&f->image, x, y);
            if (p.r > 75 || p.g > 75 || p.b > 75)
                fail_msg("backdrop pixel (%d,%d) is (%d,%d,%d): too bright", x, y, p.r, p.g, p.b);
        }
}

static void exif_portrait_stands_up(void **state)
{
    kh_fixture *f = *state;
    assert_int_equal(mkdir(kh_fx_path(f, "content"), 0755), 0);
    assert_int_equal(kh_fx_no_banner_slide(f), 0);
    /* stored 1200x800 (a camera held sideways), the red marker in the stored top-left corner;
     * EXIF 6: shown 800x1200, the marker in the top-right corner */
    pu_image im = pu_new(1200, 800, PU_GREY);
    pu_fill(&im, 0, 0, 300, 200, PU_RED);
    pu_write_jpeg(kh_fx_path(f, "content/portrait.jpg"), &im, 92, 6, true);
    pu_free(&im);
    render(f, NULL, NULL);
    load_slide(f, 1);
    design d = design_compute(W, H, 0.0);
    int r[4];
    pu_contain_rect(800, 1200, W, d.picture_h, r);
    print_message("portrait expected at %d,%d %dx%d\n", r[0], r[1], r[2], r[3]);
    assert_true(r[3] > r[2]); /* it stands */
    /* the marker: 200 of 800 columns on the right, 300 of 1200 rows at the top */
    int mx = r[0] + r[2] - r[2] * 100 / 800, my = r[1] + r[3] * 150 / 1200;
    kh_rgb m = kh_pixel(&f->image, mx, my), other = kh_pixel(&f->image, r[0] + r[2] * 100 / 800, my);
    kh_rgb mid = kh_pixel(&f->image, r[0] + r[2] / 2, r[1] + r[3] / 2);
    if (!kh_rgb_near(m, 255, 0, 0, 30))
        fail_msg("the marker should be red at the top right (%d,%d), found (%d,%d,%d)", mx, my, m.r, m.g,
                 m.b);
    if (!kh_rgb_near(other, 128, 128, 128, 20))
        fail_msg("the top left should be grey, found (%d,%d,%d)", other.r, other.g, other.b);
    assert_true(kh_rgb_near(mid, 128, 128, 128, 20));
    /* and the picture is as wide as expected: grey just inside its edges, dark just outside */
    int cy = r[1] + r[3] * 3 / 4;
    assert_true(kh_rgb_near(kh_pixel(&f->image, r[0] + 3, cy), 128, 128, 128, 20));
    assert_true(kh_rgb_near(kh_pixel(&f->image, r[0] + r[2] - 4, cy), 128, 128, 128, 20));
    kh_rgb out = kh_pixel(&f->image, r[0] - 4, cy);
    assert_true(out.r < 80 && out.g < 80 && out.b < 80);
}

static void caption_pairs_with_picture(void **state)
{
    kh_fixture *f = *state;
    assert_int_equal(mkdir(kh_fx_path(f, "content"), 0755), 0);
    assert_int_equal(kh_fx_no_banner_slide(f), 0);
    pu_image im = pu_new(800, 600, 0xFFC8C8C8u);
    pu_write_jpeg(kh_fx_path(f, "content/alley.jpg"), &im, 90, 0, false);
    pu_free(&im);
    const char *caption = "The Alley of Martyrs, Baku\n";
    assert_int_equal(tf_write_file(kh_fx_path(f, "content/alley.txt"), caption, strlen(caption)), 0);
    render(f, NULL, NULL);
    if (f->manifest.count != 1)
        fail_msg("%zu slides: the caption file must not become an article", f->manifest.count);
    const kh_entry *e = &f->manifest.entries[0];
    assert_string_equal(e->kind, "image");
    assert_string_equal(e->source, "alley.jpg");
    const char *got = kh_entry_field(e, "caption");
    assert_non_null(got);
    assert_string_equal(got, "The Alley of Martyrs, Baku");
    load_slide(f, 1);
    design d = design_compute(W, H, 0.0);
    int r[4];
    pu_contain_rect(800, 600, W, d.picture_h, r);
    /* the strip: the light photo darkened along the bottom of the picture area, full width */
    kh_rgb photo = kh_pixel(&f->image, r[0] + 6, r[1] + r[3] / 3);
    kh_rgb strip = kh_pixel(&f->image, r[0] + 6, d.picture_h - 3);
    print_message("photo (%d,%d,%d), under the strip (%d,%d,%d)\n", photo.r, photo.g, photo.b, strip.r,
                  strip.g, strip.b);
    assert_true(kh_rgb_near(photo, 200, 200, 200, 12));
    assert_true(strip.r < 110 && strip.r > 40);
    /* the caption's text is set on the strip: light pixels in the middle of it */
    size_t light = 0;
    for (int y = d.picture_h - d.caption_line_h * 2; y < d.picture_h; y++)
        for (int x = W / 4; x < 3 * W / 4; x++) {
            kh_rgb p = kh_pixel(&f->image, x, y);
            light += p.r > 200 && p.g > 190;
        }
    assert_true(light > 20);
}

static void bomb_refused_show_goes_on(void **state)
{
    kh_fixture *f = *state;
    assert_int_equal(mkdir(kh_fx_path(f, "content"), 0755), 0);
    assert_int_equal(kh_fx_no_banner_slide(f), 0);
    pu_image im = pu_new(300, 200, PU_RED);
    pu_write_png(kh_fx_path(f, "content/a.png"), &im, false);
    pu_fill(&im, 0, 0, 300, 200, PU_BLUE);
    pu_write_png(kh_fx_path(f, "content/c.png"), &im, false);
    pu_free(&im);
    /* b.png: a valid PNG header claiming 100000 x 100000 pixels (40 GB decoded) */
    static const uint8_t bomb[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0,    13,
                                   'I',  'H', 'D', 'R', 0,    1,    0x86, 0xA0, 0, 1, 0x86, 0xA0,
                                   8,    6,   0,   0,   0,    0,    0,    0,    0, 0, 0,    0,
                                   0,    'I', 'D', 'A', 'T',  0,    0,    0,    0};
    assert_int_equal(tf_write_file(kh_fx_path(f, "content/b.png"), bomb, sizeof bomb), 0);
    render(f, NULL, NULL);
    char *line = kh_find_line(f->run.err, "path=b.png");
    if (!line)
        fail_msg("no log line for b.png:\n%s", f->run.err);
    print_message("%s\n", line);
    assert_non_null(strstr(line, "event=content-error"));
    assert_non_null(strstr(line, "too large"));
    free(line);
    assert_true(f->run.elapsed_ms < 20000);
    /* the refused picture is left out, as in the live show; the others are there */
    assert_int_equal(f->manifest.count, 2);
    assert_string_equal(f->manifest.entries[0].source, "a.png");
    assert_string_equal(f->manifest.entries[1].source, "c.png");
    load_slide(f, 1);
    design d = design_compute(W, H, 0.0);
    kh_rgb a = kh_pixel(&f->image, W / 2, d.picture_h / 2);
    assert_true(kh_rgb_near(a, 255, 0, 0, TOL));
    load_slide(f, 2);
    kh_rgb c = kh_pixel(&f->image, W / 2, d.picture_h / 2);
    assert_true(kh_rgb_near(c, 0, 0, 255, TOL));
}

/* ---- options: need main.c to configure the picture module ---- */

static void fit_cover_matches_reference(void **state)
{
    kh_fixture *f = *state;
    assert_int_equal(mkdir(kh_fx_path(f, "content"), 0755), 0);
    assert_int_equal(kh_fx_no_banner_slide(f), 0);
    make_quads(f, "content/quads.png");
    render(f, "--fit", "cover");
    load_slide(f, 1);
    design d = design_compute(W, H, 0.0);
    assert_true(compare_quads(&f->image, IMGSCALE_FIT_COVER, 0) > (size_t)W * (size_t)d.picture_h * 9 / 10);
}

static void fit_kenburns_start_pose(void **state)
{
    kh_fixture *f = *state;
    assert_int_equal(mkdir(kh_fx_path(f, "content"), 0755), 0);
    assert_int_equal(kh_fx_no_banner_slide(f), 0);
    make_quads(f, "content/quads.png");
    render(f, "--fit=kenburns", NULL);
    load_slide(f, 1);
    design d = design_compute(W, H, 0.0);
    size_t n = compare_quads(&f->image, IMGSCALE_FIT_KENBURNS, imgscale_seed("quads.png"));
    assert_true(n > (size_t)W * (size_t)d.picture_h * 8 / 10);
}

static void max_pixels_refuses(void **state)
{
    kh_fixture *f = *state;
    assert_int_equal(mkdir(kh_fx_path(f, "content"), 0755), 0);
    assert_int_equal(kh_fx_no_banner_slide(f), 0);
    make_quads(f, "content/quads.png");
    render(f, "--max-pixels", "400000"); /* 900 x 500 = 450000 */
    char *line = kh_find_line(f->run.err, "path=quads.png");
    assert_non_null(line);
    assert_non_null(strstr(line, "event=content-error"));
    assert_non_null(strstr(line, "--max-pixels"));
    free(line);
}

/* Whether the binary passes the picture options to the picture module in --render mode: a 100x100
 * picture rendered with --max-pixels 100 is refused only then. */
static bool probe_options(void)
{
    kh_fixture *f = kh_fixture_new("probe");
    if (!f)
        return false;
    bool wired = false;
    if (mkdir(kh_fx_path(f, "content"), 0755) == 0) {
        pu_image im = pu_new(100, 100, PU_GREY);
        pu_write_png(kh_fx_path(f, "content/probe.png"), &im, false);
        pu_free(&im);
        char *out = kh_fx_path(f, "out"), *content = kh_fx_path(f, "content");
        const char *argv[] = {g_bin,          "--render", out,     "--size", "160x120",
                              "--max-pixels", "100",      content, NULL};
        wired = kh_run(argv, f->tmp, 60000, &f->run) == 0 && f->run.exit_code == 0 &&
                strstr(f->run.err, "path=probe.png") != NULL;
    }
    kh_fixture_free(f);
    return wired;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s PATH/TO/memorial-kiosk basic|options\n", argv[0]);
        return 2;
    }
    g_bin = argv[1];
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    int rc;
    if (strcmp(argv[2], "options") == 0) {
        if (!probe_options()) {
            printf(
                "skipped: --render does not pass --fit/--max-pixels to the picture module yet (main.c must "
                "call picture_configure before the modes run)\n");
            SDL_Quit();
            return 77;
        }
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(fit_cover_matches_reference, kh_fixture_setup,
                                            kh_fixture_teardown),
            cmocka_unit_test_setup_teardown(fit_kenburns_start_pose, kh_fixture_setup, kh_fixture_teardown),
            cmocka_unit_test_setup_teardown(max_pixels_refuses, kh_fixture_setup, kh_fixture_teardown),
        };
        rc = cmocka_run_group_tests_name("photo.render.options", tests, NULL, NULL);
    } else {
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(contain_matches_reference, kh_fixture_setup, kh_fixture_teardown),
            cmocka_unit_test_setup_teardown(exif_portrait_stands_up, kh_fixture_setup, kh_fixture_teardown),
            cmocka_unit_test_setup_teardown(caption_pairs_with_picture, kh_fixture_setup,
                                            kh_fixture_teardown),
            cmocka_unit_test_setup_teardown(bomb_refused_show_goes_on, kh_fixture_setup, kh_fixture_teardown),
        };
        rc = cmocka_run_group_tests_name("photo.render", tests, NULL, NULL);
    }
    IMG_Quit();
    SDL_Quit();
    return rc;
}
