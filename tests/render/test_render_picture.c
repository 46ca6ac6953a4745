/* render.picture: pictures are shown whole, with their aspect kept, letterboxed over a backdrop.
 * The test draws its own pictures with SDL (flat colours, saved with IMG_SavePNG), renders them at 800x600
 * with `memorial-kiosk --render` and finds them again in the PNG by their colours:
 *   - 400x300, left half red, right half blue: the coloured region is 4:3 (within 2%), fills the picture
 *     area above the banner, is centred, red at the centre of its left half and blue at the centre of its
 *     right half (within 12 per channel); outside it there is no pure red or blue (the backdrop is dark);
 *   - a 3000x200 panorama, red | green | blue: nothing is cut: both end bands are there, at full width.
 * Usage: kiosk_render_picture PATH/TO/memorial-kiosk */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_image.h>

#include "design.h"
#include "harness.h"

#define W 800
#define H 600
#define TOL 12          /* per channel, for "this pixel is red" */
#define PURE_TOL 40     /* per channel, for "pure red/blue" outside the picture */
#define ASPECT_TOL 0.02 /* relative */

static const char *g_bin;

typedef struct {
    int x0, y0, x1, y1; /* inclusive bounds; x1 < x0 when nothing was found */
    size_t count;
} box;

/* Writes a w x h PNG made of vertical bands: band i spans [edges[i], edges[i+1]) in colour cols[i]. */
static void make_png(const char *path, int w, int h, const int *edges, const SDL_Color *cols, int bands)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    for (int i = 0; i < bands; i++) {
        SDL_Rect r = {edges[i], 0, edges[i + 1] - edges[i], h};
        assert_int_equal(SDL_FillRect(s, &r, SDL_MapRGBA(s->format, cols[i].r, cols[i].g, cols[i].b, 255)),
                         0);
    }
    int rc = IMG_SavePNG(s, path);
    SDL_FreeSurface(s);
    if (rc != 0)
        fail_msg("IMG_SavePNG(%s): %s", path, IMG_GetError());
}

/* A saturated picture colour: one channel high, the others low. */
static bool is_red(kh_rgb p)
{
    return p.r >= 200 && p.g <= 60 && p.b <= 60;
}
static bool is_green(kh_rgb p)
{
    return p.g >= 200 && p.r <= 60 && p.b <= 60;
}
static bool is_blue(kh_rgb p)
{
    return p.b >= 200 && p.r <= 60 && p.g <= 60;
}

static box find(const kh_image *img, bool (*pred)(kh_rgb))
{
    box b = {img->w, img->h, -1, -1, 0};
    for (int y = 0; y < img->h; y++)
        for (int x = 0; x < img->w; x++)
            if (pred(kh_pixel(img, x, y))) {
                b.x0 = x < b.x0 ? x : b.x0;
                b.y0 = y < b.y0 ? y : b.y0;
                b.x1 = x > b.x1 ? x : b.x1;
                b.y1 = y > b.y1 ? y : b.y1;
                b.count++;
            }
    return b;
}

static box merge(box a, box b)
{
    box m = a;
    m.x0 = b.x0 < m.x0 ? b.x0 : m.x0;
    m.y0 = b.y0 < m.y0 ? b.y0 : m.y0;
    m.x1 = b.x1 > m.x1 ? b.x1 : m.x1;
    m.y1 = b.y1 > m.y1 ? b.y1 : m.y1;
    m.count += b.count;
    return m;
}

/* Renders the content folder of f at 800x600 and loads the one image slide into f->image. */
static void render_one_picture(kh_fixture *f, const char *name)
{
    char *content = kh_fx_path(f, "content");
    char *out = kh_fx_path(f, "out");
    const char *argv[] = {g_bin, "--render", out, "--size", "800x600", content, NULL};
    assert_int_equal(kh_run(argv, f->tmp, 60000, &f->run), 0);
    if (f->run.timed_out || f->run.exit_code != 0)
        fail_msg("--render exited %d (signal %d%s); stderr:\n%s", f->run.exit_code, f->run.signal,
                 f->run.timed_out ? ", timed out" : "", f->run.err);
    if (strstr(f->run.err, "event=content-error"))
        fail_msg("the picture was reported as a content error:\n%s", f->run.err);
    char err[512];
    if (kh_manifest_load(kh_fx_path(f, "out/slides.txt"), &f->manifest, err, sizeof err) != 0)
        fail_msg("%s", err);
    if (f->manifest.count != 1)
        fail_msg("%zu slides for a folder with one picture", f->manifest.count);
    assert_string_equal(f->manifest.entries[0].kind, "image");
    assert_string_equal(f->manifest.entries[0].source, name);
    if (kh_image_load(kh_fx_path(f, "out/001.png"), &f->image, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(f->image.w, W);
    assert_int_equal(f->image.h, H);
}

static void letterboxed_4x3(void **state)
{
    kh_fixture *f = *state;
    assert_int_equal(mkdir(kh_fx_path(f, "content"), 0755), 0);
    assert_int_equal(kh_fx_no_banner_slide(f), 0);
    const int edges[] = {0, 200, 400};
    const SDL_Color cols[] = {{255, 0, 0, 255}, {0, 0, 255, 255}};
    make_png(kh_fx_path(f, "content/halves.png"), 400, 300, edges, cols, 2);
    render_one_picture(f, "halves.png");
    const kh_image *img = &f->image;
    design d = design_compute(W, H, 0.0);

    box red = find(img, is_red), blue = find(img, is_blue);
    if (red.count == 0 || blue.count == 0)
        fail_msg("the picture is not on the slide: %zu red and %zu blue pixels", red.count, blue.count);
    box pic = merge(red, blue);
    int pw = pic.x1 - pic.x0 + 1, ph = pic.y1 - pic.y0 + 1;
    double aspect = (double)pw / ph;
    print_message("picture at x=%d y=%d %dx%d (aspect %.4f) in the %dx%d picture area\n", pic.x0, pic.y0, pw,
                  ph, aspect, W, d.picture_h);

    /* Aspect kept, fitted (touching two opposite sides of the picture area), centred in it. */
    if (fabs(aspect / (4.0 / 3.0) - 1.0) > ASPECT_TOL)
        fail_msg("the picture is %dx%d on screen: aspect %.4f, expected 4:3 = 1.3333 within 2%%", pw, ph,
                 aspect);
    double fill = fmax((double)pw / W, (double)ph / d.picture_h);
    if (fill < 1.0 - ASPECT_TOL)
        fail_msg("the picture (%dx%d) does not fill the %dx%d picture area (%.1f%%)", pw, ph, W, d.picture_h,
                 fill * 100);
    if (pic.y1 >= d.picture_h + 1)
        fail_msg("the picture reaches y=%d, into the banner below y=%d", pic.y1, d.picture_h);
    int left = pic.x0, right = W - 1 - pic.x1, top = pic.y0, bottom = d.picture_h - 1 - pic.y1;
    if (abs(left - right) > 2)
        fail_msg("the picture is not centred: %d px left of it, %d px right of it", left, right);
    if (abs(top - bottom) > 2)
        fail_msg("the picture is not centred in its area: %d px above, %d px below", top, bottom);
    /* Red on the left, blue on the right: not mirrored, not swapped, not merged. */
    if (!(red.x1 < blue.x0))
        fail_msg("red spans x %d..%d and blue %d..%d: expected red left of blue", red.x0, red.x1, blue.x0,
                 blue.x1);

    int cy = (pic.y0 + pic.y1) / 2;
    kh_rgb cl = kh_pixel(img, pic.x0 + pw / 4, cy), cr = kh_pixel(img, pic.x0 + 3 * pw / 4, cy);
    if (!kh_rgb_near(cl, 255, 0, 0, TOL))
        fail_msg("centre of the left half (%d,%d) is (%d,%d,%d), expected red within %d", pic.x0 + pw / 4, cy,
                 cl.r, cl.g, cl.b, TOL);
    if (!kh_rgb_near(cr, 0, 0, 255, TOL))
        fail_msg("centre of the right half (%d,%d) is (%d,%d,%d), expected blue within %d",
                 pic.x0 + 3 * pw / 4, cy, cr.r, cr.g, cr.b, TOL);

    /* Outside the picture: the backdrop (a dark, blurred copy), never pure red or blue. */
    size_t pure_outside = 0;
    int ex = -1, ey = -1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            if (x >= pic.x0 - 1 && x <= pic.x1 + 1 && y >= pic.y0 - 1 && y <= pic.y1 + 1)
                continue;
            kh_rgb p = kh_pixel(img, x, y);
            if (kh_rgb_near(p, 255, 0, 0, PURE_TOL) || kh_rgb_near(p, 0, 0, 255, PURE_TOL)) {
                if (pure_outside++ == 0)
                    ex = x, ey = y;
            }
        }
    if (pure_outside)
        fail_msg("%zu pure red/blue pixels outside the picture (first at %d,%d)", pure_outside, ex, ey);
    if (left > 4) { /* the bars beside it: backdrop, not the picture */
        kh_rgb bl = kh_pixel(img, left / 2, cy), br = kh_pixel(img, W - 1 - right / 2, cy);
        print_message("backdrop beside the picture: left (%d,%d,%d), right (%d,%d,%d)\n", bl.r, bl.g, bl.b,
                      br.r, br.g, br.b);
        if (is_red(bl) || is_blue(bl) || is_red(br) || is_blue(br))
            fail_msg("the letterbox bars show the picture's own colours: (%d,%d,%d) and (%d,%d,%d)", bl.r,
                     bl.g, bl.b, br.r, br.g, br.b);
    }
}

static void panorama_not_cut(void **state)
{
    kh_fixture *f = *state;
    assert_int_equal(mkdir(kh_fx_path(f, "content"), 0755), 0);
    assert_int_equal(kh_fx_no_banner_slide(f), 0);
    const int edges[] = {0, 300, 2700, 3000};
    const SDL_Color cols[] = {{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}};
    make_png(kh_fx_path(f, "content/panorama.png"), 3000, 200, edges, cols, 3);
    render_one_picture(f, "panorama.png");
    const kh_image *img = &f->image;
    design d = design_compute(W, H, 0.0);

    box red = find(img, is_red), green = find(img, is_green), blue = find(img, is_blue);
    if (red.count == 0)
        fail_msg("the left end (red) of the panorama is not on the slide: cut off");
    if (blue.count == 0)
        fail_msg("the right end (blue) of the panorama is not on the slide: cut off");
    if (green.count == 0)
        fail_msg("the middle (green) of the panorama is not on the slide");
    box pic = merge(merge(red, green), blue);
    int pw = pic.x1 - pic.x0 + 1, ph = pic.y1 - pic.y0 + 1;
    double aspect = (double)pw / ph;
    int rw = red.x1 - red.x0 + 1, bw = blue.x1 - blue.x0 + 1;
    print_message("panorama at x=%d y=%d %dx%d (aspect %.3f); red band %d px, blue band %d px\n", pic.x0,
                  pic.y0, pw, ph, aspect, rw, bw);

    /* Whole width shown, both end bands at their share (300/3000 of the width), aspect 15:1 kept. */
    if (pic.x0 > 1 || pic.x1 < W - 2)
        fail_msg("the panorama spans x %d..%d: it should span the whole width 0..%d", pic.x0, pic.x1, W - 1);
    double band = pw * 300.0 / 3000.0;
    if (fabs(rw - band) > 3 || fabs(bw - band) > 3)
        fail_msg("the end bands are %d (red) and %d (blue) px wide, expected %.0f each: cut or squeezed", rw,
                 bw, band);
    if (!(red.x1 < green.x0 && green.x1 < blue.x0))
        fail_msg("the bands are out of order: red %d..%d, green %d..%d, blue %d..%d", red.x0, red.x1,
                 green.x0, green.x1, blue.x0, blue.x1);
    if (fabs(aspect / 15.0 - 1.0) > ASPECT_TOL)
        fail_msg("the panorama is %dx%d on screen: aspect %.3f, expected 15 within 2%%", pw, ph, aspect);
    int top = pic.y0, bottom = d.picture_h - 1 - pic.y1;
    if (abs(top - bottom) > 2)
        fail_msg("the panorama is not centred in its area: %d px above, %d px below", top, bottom);
    int cy = (pic.y0 + pic.y1) / 2;
    kh_rgb l = kh_pixel(img, pic.x0 + rw / 2, cy), r = kh_pixel(img, pic.x1 - bw / 2, cy);
    if (!kh_rgb_near(l, 255, 0, 0, TOL) || !kh_rgb_near(r, 0, 0, 255, TOL))
        fail_msg("end bands are (%d,%d,%d) and (%d,%d,%d), expected red and blue within %d", l.r, l.g, l.b,
                 r.r, r.g, r.b, TOL);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH/TO/memorial-kiosk\n", argv[0]);
        return 2;
    }
    g_bin = argv[1];
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(letterboxed_4x3, kh_fixture_setup, kh_fixture_teardown),
        cmocka_unit_test_setup_teardown(panorama_not_cut, kh_fixture_setup, kh_fixture_teardown),
    };
    int rc = cmocka_run_group_tests_name("render.picture", tests, NULL, NULL);
    IMG_Quit();
    SDL_Quit();
    return rc;
}
