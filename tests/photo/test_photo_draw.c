/* photo.draw: the fit modes drawn in-process (picture_load_with + picture_draw on SDL's software
 * renderer at 800x600), compared pixel by pixel with a reference computed by the test (pu_quad_expect)
 * within a per-channel tolerance:
 *   - contain: the quadrant picture letterboxed and centred, a dark backdrop around it (blurred: dim;
 *     solid: the backdrop colour exactly);
 *   - cover: the picture area filled, the overhang cut evenly;
 *   - kenburns: the start pose (t = 0, what --render shows) and a later pose;
 *   - overlay_only: the picture area left transparent for the photo drawn under it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <stdio.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "design.h"
#include "photo_util.h"
#include "picture_draw.h"

#define W 800
#define H 600
#define TOL 10
#define QW 900 /* the quadrant picture: 900x500 (wider than the picture area) */
#define QH 500

static char *g_tmp, *g_quads;

typedef struct {
    SDL_Surface *target;
    SDL_Renderer *r;
    design d;
    kiosk_fonts fonts;
} canvas;

static void canvas_open(canvas *c)
{
    memset(c, 0, sizeof *c);
    c->target = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    c->r = SDL_CreateSoftwareRenderer(c->target);
    assert_non_null(c->r);
    c->d = design_compute(W, H, 0.0);
    SDL_SetRenderDrawBlendMode(c->r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(c->r, 1, 2, 3, 255);
    SDL_RenderClear(c->r);
}

static void canvas_close(canvas *c)
{
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->target);
}

static picture *load(imgscale_fit fit, picture_backdrop backdrop, const design *d)
{
    picture_settings s = picture_settings_default();
    s.fit = fit;
    s.backdrop = backdrop;
    char err[256];
    picture *p = picture_load_with(g_quads, d->w, d->picture_h, &s, err, sizeof err);
    if (!p)
        fail_msg("%s", err);
    return p;
}

static void draw(canvas *c, picture *p)
{
    slide s;
    memset(&s, 0, sizeof s);
    s.kind = SLIDE_IMAGE;
    slide_draw_ctx ctx = {c->r, &c->d, &c->fonts, NULL, NULL};
    picture_draw(&ctx, &s, p);
    SDL_RenderFlush(c->r);
}

/* Compares the picture area with the reference; returns the number of pixels compared. */
static size_t compare(canvas *c, imgscale_fit fit, uint32_t seed, double t)
{
    size_t compared = 0, bad = 0;
    int bx = -1, by = -1;
    uint32_t got = 0, want = 0;
    for (int y = 0; y < c->d.picture_h; y++)
        for (int x = 0; x < W; x++) {
            uint32_t exp;
            if (!pu_quad_expect(fit, QW, QH, W, c->d.picture_h, seed, t, x, y, 3, &exp))
                continue;
            compared++;
            uint32_t v = pu_get(c->target, x, y);
            if (!pu_near(v, exp, TOL) && bad++ == 0)
                bx = x, by = y, got = v, want = exp;
        }
    if (bad)
        fail_msg("%s: %zu of %zu pixels differ from the reference; first at (%d,%d): %06x, expected %06x",
                 imgscale_fit_name(fit), bad, compared, bx, by, got & 0xFFFFFF, want & 0xFFFFFF);
    return compared;
}

static void contain_blurred_backdrop(void **state)
{
    (void)state;
    canvas c;
    canvas_open(&c);
    picture *p = load(IMGSCALE_FIT_CONTAIN, PICTURE_BACKDROP_BLUR, &c.d);
    draw(&c, p);
    size_t n = compare(&c, IMGSCALE_FIT_CONTAIN, 0, 0);
    int r[4];
    pu_contain_rect(QW, QH, W, c.d.picture_h, r);
    print_message("contain: picture at %d,%d %dx%d in %dx%d; %zu pixels compared\n", r[0], r[1], r[2], r[3],
                  W, c.d.picture_h, n);
    assert_true(n > (size_t)(r[2] * r[3]) * 8 / 10);
    /* the bands above and below: a dark, dim wash, never the picture's own bright colours */
    assert_true(r[1] > 10);
    for (int y = 0; y < r[1] - 1; y++)
        for (int x = 0; x < W; x++) {
            uint32_t v = pu_get(c.target, x, y);
            int mx = 0;
            for (int sh = 0; sh < 24; sh += 8)
                mx = (int)((v >> sh) & 0xFF) > mx ? (int)((v >> sh) & 0xFF) : mx;
            if (mx > 75)
                fail_msg("backdrop pixel (%d,%d) is %06x: brighter than a dimmed copy", x, y, v & 0xFFFFFF);
        }
    /* and it is a blurred copy of the picture: redder above the red quarter, greener above the green one */
    uint32_t above_red = pu_get(c.target, W / 4, r[1] / 2),
             above_green = pu_get(c.target, 3 * W / 4, r[1] / 2);
    assert_true(((above_red >> 16) & 0xFF) > ((above_green >> 16) & 0xFF));
    assert_true(((above_green >> 8) & 0xFF) > ((above_red >> 8) & 0xFF));
    picture_free(p);
    canvas_close(&c);
}

static void contain_solid_backdrop(void **state)
{
    (void)state;
    canvas c;
    canvas_open(&c);
    picture *p = load(IMGSCALE_FIT_CONTAIN, PICTURE_BACKDROP_SOLID, &c.d);
    assert_null(p->backdrop);
    draw(&c, p);
    compare(&c, IMGSCALE_FIT_CONTAIN, 0, 0);
    int r[4];
    pu_contain_rect(QW, QH, W, c.d.picture_h, r);
    for (int y = 0; y < r[1] - 1; y++)
        for (int x = 0; x < W; x += 7)
            assert_true(pu_near(pu_get(c.target, x, y), 0xFF0E0E10u, 0));
    picture_free(p);
    canvas_close(&c);
}

static void cover_fills(void **state)
{
    (void)state;
    canvas c;
    canvas_open(&c);
    picture *p = load(IMGSCALE_FIT_COVER, PICTURE_BACKDROP_BLUR, &c.d);
    draw(&c, p);
    size_t n = compare(&c, IMGSCALE_FIT_COVER, 0, 0);
    assert_true(n > (size_t)W * (size_t)c.d.picture_h * 9 / 10); /* nearly every pixel is the picture */
    /* the cut is even: as much red is cut on the left as white on the right */
    int first_green = 0, last_red = 0;
    for (int x = 0; x < W; x++) {
        uint32_t v = pu_get(c.target, x, c.d.picture_h / 4);
        if (pu_near(v, PU_RED, TOL))
            last_red = x;
        if (!first_green && pu_near(v, PU_GREEN, TOL))
            first_green = x;
    }
    assert_true(abs((last_red + first_green) / 2 - W / 2) <= 2);
    picture_free(p);
    canvas_close(&c);
}

static void kenburns_poses(void **state)
{
    (void)state;
    const double ts[] = {0.0, 0.5, 1.0};
    for (size_t k = 0; k < 3; k++) {
        canvas c;
        canvas_open(&c);
        picture *p = load(IMGSCALE_FIT_KENBURNS, PICTURE_BACKDROP_BLUR, &c.d);
        assert_int_equal(p->seed, imgscale_seed("quads.png"));
        p->pose_t = ts[k];
        draw(&c, p);
        size_t n = compare(&c, IMGSCALE_FIT_KENBURNS, p->seed, ts[k]);
        assert_true(n > (size_t)W * (size_t)c.d.picture_h * 8 / 10);
        /* nothing is drawn below the picture area (the banner's place) */
        assert_true(pu_near(pu_get(c.target, W / 2, c.d.picture_h + 2), 0xFF010203u, 0));
        picture_free(p);
        canvas_close(&c);
    }
}

static void overlay_only_leaves_the_photo_area_clear(void **state)
{
    (void)state;
    canvas c;
    canvas_open(&c);
    picture *p = load(IMGSCALE_FIT_KENBURNS, PICTURE_BACKDROP_BLUR, &c.d);
    p->overlay_only = true;
    draw(&c, p);
    for (int y = 0; y < c.d.picture_h; y += 5)
        for (int x = 0; x < W; x += 5)
            assert_int_equal(pu_get(c.target, x, y), 0x00000000u);
    picture_free(p);
    canvas_close(&c);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    if (SDL_Init(0) != 0 || TTF_Init() != 0)
        return 1;
    g_tmp = tf_mkdtemp("photo-draw");
    if (!g_tmp)
        return 1;
    g_quads = tf_join(g_tmp, "quads.png");
    pu_image im = pu_new(QW, QH, PU_RED);
    pu_fill(&im, QW / 2, 0, QW / 2, QH / 2, PU_GREEN);
    pu_fill(&im, 0, QH / 2, QW / 2, QH / 2, PU_BLUE);
    pu_fill(&im, QW / 2, QH / 2, QW / 2, QH / 2, PU_WHITE);
    pu_write_png(g_quads, &im, false);
    pu_free(&im);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(contain_blurred_backdrop),
        cmocka_unit_test(contain_solid_backdrop),
        cmocka_unit_test(cover_fills),
        cmocka_unit_test(kenburns_poses),
        cmocka_unit_test(overlay_only_leaves_the_photo_area_clear),
    };
    int rc = cmocka_run_group_tests_name("photo.draw", tests, NULL, NULL);
    tf_rm_rf(g_tmp);
    free(g_quads);
    free(g_tmp);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc;
}
