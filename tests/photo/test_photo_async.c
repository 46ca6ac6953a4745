/* photo.async: the decoder's worker thread and the slide cache on top of it, in-process with SDL's
 * software renderer (no display):
 *   - results arrive in the order asked, each with a wake event the event loop can wait for;
 *   - the wish list is replaced, not appended to: at most DECODER_MAX_JOBS queued, stale requests
 *     dropped; finished pictures wait (bounded) to be taken; reset and free while busy are clean;
 *   - the cache answers at once with a placeholder while the picture is decoding, never swaps a texture
 *     inside a draw, and fades the picture in at rest; the next and previous slides are decoded ahead;
 *     a broken picture is logged, marked bad and stepped over; entries stay within SLIDE_CACHE_SIZE;
 *   - kenburns slides keep animating for their duration plus transitions, then cost nothing. */
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
#include <SDL_ttf.h>

#include "decoder.h"
#include "design.h"
#include "fonts.h"
#include "exhibit.h"
#include "photo_util.h"
#include "slide_cache.h"

static char *g_tmp;
static uint32_t g_wake;

static char *make_jpeg(const char *name, int w, int h, uint32_t colour)
{
    pu_image im = pu_new(w, h, colour);
    char *path = tf_join(g_tmp, name);
    pu_write_jpeg(path, &im, 90, 0, false);
    pu_free(&im);
    return path;
}

/* Waits (at most ms) for the decoder's wake event. */
/* How long a decode may take at most before the test gives up: generous, for the arm64 suite under
 * qemu-user on a busy machine (a 3000x2000 JPEG took over 20 s there). */
#define WAIT_MS 90000

static bool wait_wake(int ms)
{
    uint32_t until = SDL_GetTicks() + (uint32_t)ms;
    SDL_Event e;
    while (SDL_GetTicks() < until)
        if (SDL_WaitEventTimeout(&e, 50) && e.type == g_wake)
            return true;
    return false;
}

static void flush_events(void)
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        ;
}

static void results_in_order_with_wake_events(void **state)
{
    (void)state;
    picture_settings s = picture_settings_default();
    decoder *d = decoder_create(&s, g_wake);
    assert_non_null(d);
    char *p[3] = {make_jpeg("o0.jpg", 800, 600, PU_RED), make_jpeg("o1.jpg", 800, 600, PU_GREEN),
                  make_jpeg("o2.jpg", 800, 600, PU_BLUE)};
    const uint32_t colour[3] = {PU_RED, PU_GREEN, PU_BLUE};
    decoder_job jobs[3] = {{.index = 10, .path = p[0], .box_w = 400, .box_h = 300},
                           {.index = 11, .path = p[1], .box_w = 400, .box_h = 300},
                           {.index = 12, .path = p[2], .box_w = 400, .box_h = 300}};
    assert_int_equal(decoder_want(d, jobs, 3), 0);
    size_t got = 0;
    while (got < 3) {
        assert_true(wait_wake(10000));
        decoder_result r;
        while (decoder_take(d, &r)) {
            assert_int_equal(r.index, 10 + got);
            assert_non_null(r.pic);
            assert_int_equal(r.pic->image->w, 400);
            assert_true(pu_near(pu_get(r.pic->image, 200, 150), colour[got], 8));
            picture_free(r.pic);
            got++;
        }
    }
    decoder_stats st;
    decoder_get_stats(d, &st);
    assert_int_equal(st.decoded, 3);
    assert_int_equal(st.queued, 0);
    assert_false(decoder_pending(d, 11));
    decoder_free(d);
    for (int i = 0; i < 3; i++)
        free(p[i]);
    flush_events();
}

static void wish_list_is_replaced_and_bounded(void **state)
{
    (void)state;
    picture_settings s = picture_settings_default();
    decoder *d = decoder_create(&s, g_wake);
    char *big = make_jpeg("big.jpg", 3000, 2000, PU_GREY);
    decoder_job jobs[10];
    for (size_t i = 0; i < 10; i++)
        jobs[i] = (decoder_job){.index = i, .path = big, .box_w = 1920, .box_h = 1080};
    assert_int_equal(decoder_want(d, jobs, 10), 0);
    decoder_stats st;
    decoder_get_stats(d, &st);
    assert_true(st.queued + st.busy <= DECODER_MAX_JOBS);
    /* the visitor moved on: only slide 9 is wanted now */
    decoder_job only = {.index = 9, .path = big, .box_w = 1920, .box_h = 1080};
    assert_int_equal(decoder_want(d, &only, 1), 0);
    assert_true(decoder_pending(d, 9));
    bool seen9 = false;
    size_t results = 0;
    while (!seen9) {
        assert_true(wait_wake(WAIT_MS));
        decoder_result r;
        while (decoder_take(d, &r)) {
            results++;
            assert_true(r.index == 9 || r.index == 0); /* 0 may have started before the change */
            seen9 |= r.index == 9;
            picture_free(r.pic);
        }
    }
    assert_true(results <= 2);
    decoder_get_stats(d, &st);
    assert_true(st.dropped >= 1);
    decoder_free(d);
    free(big);
    flush_events();
}

static void finished_pictures_wait_bounded(void **state)
{
    (void)state;
    picture_settings s = picture_settings_default();
    decoder *d = decoder_create(&s, g_wake);
    char *path = make_jpeg("small.jpg", 320, 240, PU_GREY);
    decoder_job jobs[3] = {{.index = 0, .path = path, .box_w = 320, .box_h = 240},
                           {.index = 1, .path = path, .box_w = 320, .box_h = 240},
                           {.index = 2, .path = path, .box_w = 320, .box_h = 240}};
    decoder_want(d, jobs, 3);
    decoder_stats st;
    for (int tries = 0; tries < 400; tries++) {
        decoder_get_stats(d, &st);
        if (st.done == 3)
            break;
        SDL_Delay(10);
    }
    assert_int_equal(st.done, DECODER_MAX_DONE);
    /* three more: they wait, since nobody took the first three */
    decoder_job more[3] = {{.index = 3, .path = path, .box_w = 320, .box_h = 240},
                           {.index = 4, .path = path, .box_w = 320, .box_h = 240},
                           {.index = 5, .path = path, .box_w = 320, .box_h = 240}};
    decoder_want(d, more, 3);
    SDL_Delay(200);
    decoder_get_stats(d, &st);
    assert_int_equal(st.done, DECODER_MAX_DONE);
    assert_int_equal(st.queued, 3);
    assert_false(st.busy);
    decoder_result r;
    assert_true(decoder_take(d, &r));
    picture_free(r.pic);
    /* reset drops everything, including what waits */
    decoder_reset(d);
    SDL_Delay(100);
    decoder_get_stats(d, &st);
    assert_int_equal(st.done, 0);
    assert_int_equal(st.queued, 0);
    bool got = decoder_take(d, &r);
    if (got)
        picture_free(r.pic);
    assert_false(got);
    decoder_free(d);
    free(path);
    flush_events();
}

/* A slide's own fit (playlist.txt fit=) overrides the decoder's default for that picture only. */
static void fit_override_per_job(void **state)
{
    (void)state;
    picture_settings s = picture_settings_default(); /* contain */
    decoder *d = decoder_create(&s, g_wake);
    char *path = make_jpeg("four-three.jpg", 1600, 1200, PU_GREY);
    decoder_job jobs[2] = {{0, path, 800, 450, true, IMGSCALE_FIT_COVER}, {1, path, 800, 450, false, 0}};
    decoder_want(d, jobs, 2);
    picture *got[2] = {NULL, NULL};
    while (!got[0] || !got[1]) {
        assert_true(wait_wake(10000));
        decoder_result r;
        while (decoder_take(d, &r))
            got[r.index] = r.pic;
    }
    assert_int_equal(got[0]->fit, IMGSCALE_FIT_COVER);
    assert_int_equal(got[0]->image->w, 800); /* the box's aspect */
    assert_int_equal(got[0]->image->h, 450);
    assert_int_equal(got[1]->fit, IMGSCALE_FIT_CONTAIN);
    assert_int_equal(got[1]->image->w, 600); /* the picture's aspect, fitted */
    assert_int_equal(got[1]->image->h, 450);
    picture_free(got[0]);
    picture_free(got[1]);
    decoder_free(d);
    free(path);
    flush_events();
}

static void broken_file_and_free_while_busy(void **state)
{
    (void)state;
    picture_settings s = picture_settings_default();
    decoder *d = decoder_create(&s, g_wake);
    char *missing = tf_join(g_tmp, "missing.jpg");
    decoder_job j = {.index = 4, .path = missing, .box_w = 800, .box_h = 600};
    decoder_want(d, &j, 1);
    assert_true(wait_wake(5000));
    decoder_result r;
    assert_true(decoder_take(d, &r));
    assert_int_equal(r.index, 4);
    assert_null(r.pic);
    assert_non_null(strstr(r.reason, "cannot be opened"));
    free(missing);
    /* freed in the middle of decoding big pictures: joins, frees, no leak (ASan) */
    char *big = make_jpeg("big2.jpg", 4000, 3000, PU_GREY);
    decoder_job jobs[3] = {{.index = 0, .path = big, .box_w = 1920, .box_h = 1080},
                           {.index = 1, .path = big, .box_w = 1920, .box_h = 1080},
                           {.index = 2, .path = big, .box_w = 1920, .box_h = 1080}};
    decoder_want(d, jobs, 3);
    SDL_Delay(5);
    decoder_free(d);
    free(big);
    flush_events();
}

/* ---- the slide cache ---- */

typedef struct {
    SDL_Surface *target;
    SDL_Renderer *r;
    design d;
    kiosk_fonts fonts;
    exhibit *ex;
    show *show;
    decoder *dec;
    slide_cache cache;
} rig;

static void rig_open(rig *g, const char *dir, imgscale_fit fit)
{
    memset(g, 0, sizeof *g);
    g->target = SDL_CreateRGBSurfaceWithFormat(0, 640, 400, 32, SDL_PIXELFORMAT_ARGB8888);
    g->r = SDL_CreateSoftwareRenderer(g->target);
    assert_non_null(g->r);
    g->d = design_compute(640, 400, 0.0);
    fonts_open(&g->fonts, &g->d);
    /* the folder as scanned, every picture kept (exhibit_load would leave out those whose header is
     * bad): the cache itself must find the broken one */
    g->ex = calloc(1, sizeof *g->ex);
    assert_non_null(g->ex);
    g->ex->content = content_scan(dir);
    assert_non_null(g->ex->content);
    g->ex->speed = 1.0;
    g->ex->timing = show_timing_default();
    g->ex->palette = draw_palette_default();
    g->show = exhibit_build(g->ex, &g->d, &g->fonts);
    assert_non_null(g->show);
    picture_settings s = picture_settings_default();
    s.fit = fit;
    g->dec = decoder_create(&s, g_wake);
    assert_non_null(g->dec);
    slide_draw_ctx ctx = exhibit_draw_ctx(g->ex, g->r, &g->d, &g->fonts, NULL);
    assert_int_equal(slide_cache_init(&g->cache, &ctx, g->show, &s, g->dec, 2400), 0);
}

static void rig_close(rig *g)
{
    slide_cache_free(&g->cache);
    decoder_free(g->dec);
    show_free(g->show);
    exhibit_free(g->ex);
    fonts_close(&g->fonts);
    SDL_DestroyRenderer(g->r);
    SDL_FreeSurface(g->target);
    flush_events();
}

static uint32_t centre(rig *g)
{
    SDL_RenderFlush(g->r);
    return pu_get(g->target, g->d.w / 2, g->d.picture_h / 2);
}

static int used_entries(const slide_cache *c)
{
    int n = 0;
    for (int k = 0; k < SLIDE_CACHE_SIZE; k++)
        n += c->entries[k].used;
    return n;
}

/* Pumps until slide i is ready (or fails the test after 20 s). */
static void pump_until_ready(rig *g, size_t i)
{
    for (int k = 0; k < 400 && !slide_cache_ready(&g->cache, i); k++) {
        wait_wake(50);
        slide_cache_pump(&g->cache);
    }
    assert_true(slide_cache_ready(&g->cache, i));
}

static void cache_placeholder_reveal_and_bad(void **state)
{
    (void)state;
    char *dir = tf_join(g_tmp, "show");
    assert_int_equal(mkdir(dir, 0755), 0);
    free(make_jpeg("show/a.jpg", 2400, 1500, PU_RED));
    free(make_jpeg("show/b.jpg", 2400, 1500, PU_GREEN));
    char *broken = tf_join(dir, "c.jpg");
    const char *words = "not a picture, only words and more words";
    pu_write(broken, words, strlen(words));
    free(broken);
    free(make_jpeg("show/d.jpg", 2400, 1500, PU_BLUE));
    rig g;
    rig_open(&g, dir, IMGSCALE_FIT_CONTAIN);
    assert_int_equal(g.show->count, 4);
    slide_cache *c = &g.cache;

    slide_cache_focus(c, 0, 0);
    assert_false(slide_cache_ready(c, 0)); /* nothing is decoded on this thread */
    uint64_t t0 = SDL_GetTicks64();
    slide_cache_draw(c, 0, t0, 255); /* answers at once: a placeholder */
    assert_true(SDL_GetTicks64() - t0 < 2000);
    assert_false(pu_near(centre(&g), PU_RED, 60));

    pump_until_ready(&g, 0);
    uint64_t now = SDL_GetTicks64();
    slide_cache_draw(c, 0, now, 255); /* still the placeholder: a draw never swaps */
    assert_false(pu_near(centre(&g), PU_RED, 60));
    assert_true(slide_cache_prepare(c, now)); /* at rest: the picture is drawn and fades in */
    assert_int_equal(slide_cache_next_frame(c, 0, now), now + 16);
    slide_cache_draw(c, 0, now + SLIDE_CACHE_REVEAL_MS / 2, 255);
    uint32_t half = centre(&g);
    assert_false(pu_near(half, PU_RED, 60)); /* half-way */
    assert_true(((half >> 16) & 0xFF) > 80);
    slide_cache_draw(c, 0, now + SLIDE_CACHE_REVEAL_MS + 1, 255);
    assert_true(pu_near(centre(&g), PU_RED, 12));
    assert_int_equal(slide_cache_next_frame(c, 0, now + SLIDE_CACHE_REVEAL_MS + 2), UINT64_MAX);

    /* next (1) and previous (3) are decoded ahead, and drawn at rest */
    pump_until_ready(&g, 1);
    pump_until_ready(&g, 3);
    while (slide_cache_prepare(c, SDL_GetTicks64()))
        ;
    assert_true(used_entries(c) <= SLIDE_CACHE_SIZE);
    slide_cache_draw(c, 1, SDL_GetTicks64(), 255);
    assert_true(pu_near(centre(&g), PU_GREEN, 12));

    /* move to 1: its next is 2, the broken one; it is logged, marked bad and stepped over */
    slide_cache_focus(c, 1, 0);
    pump_until_ready(&g, 2);
    assert_true(slide_cache_is_bad(c, 2));
    assert_int_equal(slide_cache_step(c, 1, 1), 3);
    assert_int_equal(slide_cache_step(c, 3, -1), 1);
    /* going round the show: memory stays within the cache's entries */
    for (size_t k = 0; k < 12; k++) {
        size_t cur = (k * 3 + 1) % 4;
        if (slide_cache_is_bad(c, cur))
            continue;
        slide_cache_focus(c, cur, cur);
        pump_until_ready(&g, cur);
        slide_cache_draw(c, cur, SDL_GetTicks64(), 255);
        while (slide_cache_prepare(c, SDL_GetTicks64()))
            ;
        assert_true(used_entries(c) <= SLIDE_CACHE_SIZE);
        decoder_stats st;
        decoder_get_stats(g.dec, &st);
        assert_true(st.queued <= DECODER_MAX_JOBS && st.done <= DECODER_MAX_DONE);
    }
    rig_close(&g);
    free(dir);
}

static void kenburns_moves_then_rests(void **state)
{
    (void)state;
    char *dir = tf_join(g_tmp, "kb");
    assert_int_equal(mkdir(dir, 0755), 0);
    pu_image im = pu_new(1600, 1000, PU_GREY);
    for (int x = 0; x < 1600; x += 100) /* vertical stripes, so a pan shows */
        pu_fill(&im, x, 0, 50, 1000, PU_YELLOW);
    char *path = tf_join(dir, "stripes.jpg");
    pu_write_jpeg(path, &im, 92, 0, false);
    free(path);
    pu_free(&im);
    rig g;
    rig_open(&g, dir, IMGSCALE_FIT_KENBURNS);
    slide_cache *c = &g.cache;
    slide_cache_focus(c, 0, 0);
    pump_until_ready(&g, 0);
    uint64_t t0 = 1000000;
    assert_true(slide_cache_prepare(c, t0));
    slide_cache_shown(c, 0);
    slide_cache_draw(c, 0, t0, 255);
    const slide_cache_entry *e = &c->entries[0];
    assert_non_null(e->photo);
    assert_int_equal(slide_cache_next_frame(c, 0, t0), t0 + SLIDE_CACHE_KB_FRAME_MS);
    /* a picture at the start and one later differ: it moves */
    SDL_RenderFlush(g.r);
    SDL_Surface *first = SDL_DuplicateSurface(g.target);
    uint64_t span = g.show->slides[0].duration_ms + 2400;
    slide_cache_draw(c, 0, t0 + span / 2, 255);
    SDL_RenderFlush(g.r);
    size_t differ = 0;
    for (int y = 0; y < g.d.picture_h; y += 4)
        for (int x = 0; x < g.d.w; x += 4)
            differ += !pu_near(pu_get(first, x, y), pu_get(g.target, x, y), 30);
    SDL_FreeSurface(first);
    print_message("%zu sampled pixels changed between the start pose and half-way\n", differ);
    assert_true(differ > 100);
    /* once its time is over it rests: no more frames */
    assert_int_equal(slide_cache_next_frame(c, 0, t0 + span + 1), UINT64_MAX);
    /* faded (alpha < 255) it is composed off-screen first */
    slide_cache_draw(c, 0, t0 + 10, 128);
    assert_non_null(c->scratch);
    rig_close(&g);
    free(dir);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    if (SDL_Init(SDL_INIT_EVENTS) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        return 1;
    }
    IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG);
    g_wake = SDL_RegisterEvents(1);
    g_tmp = tf_mkdtemp("photo-async");
    if (!g_tmp)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(results_in_order_with_wake_events),
        cmocka_unit_test(wish_list_is_replaced_and_bounded),
        cmocka_unit_test(finished_pictures_wait_bounded),
        cmocka_unit_test(fit_override_per_job),
        cmocka_unit_test(broken_file_and_free_while_busy),
        cmocka_unit_test(cache_placeholder_reveal_and_bad),
        cmocka_unit_test(kenburns_moves_then_rests),
    };
    int rc = cmocka_run_group_tests_name("photo.async", tests, NULL, NULL);
    tf_rm_rf(g_tmp);
    free(g_tmp);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc;
}
