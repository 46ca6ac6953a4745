/* app: see app.h. */
#include "app.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "design.h"
#include "fonts.h"
#include "gesture.h"
#include "loader.h"
#include "log.h"
#include "show.h"
#include "slide_cache.h"
#include "timeline.h"

#define FRAME_MS 16
#define TRANSITION_MS 1200
#define IDLE_RESUME_MS 20000
#define MAX_SLEEP_MS 1000

typedef struct {
    const cli_options *opts;
    SDL_Window *window;
    SDL_Renderer *renderer;
    bool vsync;
    design design;
    kiosk_fonts fonts;
    content *content;
    show *show;
    slide_cache cache;
    bool cache_ready;
    timeline tl;
    bool tl_ready;
    gesture touch;
    bool dirty;
    bool quit;
    bool first_frame_done;
    size_t logged_slide; /* last slide logged as event=slide (SIZE_MAX: none) */
} app;

static void log_slide(app *a)
{
    const slide *s = &a->show->slides[a->tl.current];
    if (a->logged_slide == a->tl.current)
        return;
    a->logged_slide = a->tl.current;
    log_line l;
    log_begin(&l, LOG_INFO, "slide");
    log_uint(&l, "index", a->tl.current + 1);
    log_uint(&l, "count", a->show->count);
    log_str(&l, "kind", slide_kind_name(s->kind));
    log_str(&l, "source", s->source);
    log_end(&l);
}

/* Lays out the show for the window's current size (at start and when the size changes). */
static int app_layout(app *a, uint64_t now)
{
    int w = 0, h = 0;
    size_t keep = a->tl_ready ? a->tl.current : 0;
    SDL_GetRendererOutputSize(a->renderer, &w, &h);
    if (a->cache_ready)
        slide_cache_free(&a->cache);
    a->cache_ready = false;
    show_free(a->show);
    a->show = NULL;
    fonts_close(&a->fonts);
    a->design = design_compute(w, h, 0.0);
    fonts_open(&a->fonts, &a->design);
    a->show = loader_build(a->content, &a->design, &a->fonts, a->opts->speed);
    if (!a->show)
        return -1;
    slide_draw_ctx ctx = {a->renderer, &a->design, &a->fonts};
    if (slide_cache_init(&a->cache, &ctx, a->show) != 0)
        return -1;
    a->cache_ready = true;
    uint32_t *durations = calloc(a->show->count, sizeof *durations);
    if (!durations)
        return -1;
    for (size_t i = 0; i < a->show->count; i++)
        durations[i] = a->show->slides[i].duration_ms;
    if (a->tl_ready)
        timeline_free(&a->tl);
    int rc = timeline_init(&a->tl, durations, a->show->count, show_scale_ms(TRANSITION_MS, a->opts->speed),
                           show_scale_ms(IDLE_RESUME_MS, a->opts->speed), now);
    free(durations);
    if (rc != 0)
        return -1;
    a->tl_ready = true;
    if (keep < a->show->count)
        timeline_jump(&a->tl, keep, now);
    a->logged_slide = SIZE_MAX;
    a->dirty = true;
    return 0;
}

/* Moves past slides whose picture failed to decode, in the direction of travel. */
static void skip_bad(app *a, tl_action dir)
{
    for (size_t n = 0; n < a->show->count && slide_cache_is_bad(&a->cache, a->tl.current); n++) {
        size_t c = a->tl.current;
        a->tl.current = dir == TL_NEXT ? (c + 1) % a->show->count : (c + a->show->count - 1) % a->show->count;
    }
}

static void do_action(app *a, tl_action act, const char *via, uint64_t now)
{
    log_line l;
    log_begin(&l, LOG_INFO, "input");
    log_str(&l, "action", act == TL_NEXT ? "next" : "prev");
    log_str(&l, "via", via);
    log_end(&l);
    if (timeline_action(&a->tl, act, now)) {
        skip_bad(a, act);
        a->dirty = true;
    }
}

static void on_key(app *a, const SDL_KeyboardEvent *k, uint64_t now)
{
    SDL_Keymod mod = k->keysym.mod;
    if (k->repeat)
        return;
    switch (k->keysym.sym) {
    case SDLK_q:
        if ((mod & KMOD_CTRL) && (mod & KMOD_ALT))
            a->quit = true;
        break;
    case SDLK_ESCAPE:
        if (a->opts->windowed)
            a->quit = true;
        break;
    case SDLK_RIGHT:
    case SDLK_SPACE:
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_PAGEDOWN:
        do_action(a, TL_NEXT, "key", now);
        break;
    case SDLK_LEFT:
    case SDLK_PAGEUP:
    case SDLK_BACKSPACE:
        do_action(a, TL_PREV, "key", now);
        break;
    default:
        break;
    }
}

static void on_gesture(app *a, gesture_result g, uint64_t now)
{
    switch (g) {
    case GESTURE_NONE:
        break;
    case GESTURE_TAP:
        do_action(a, TL_NEXT, "tap", now);
        break;
    case GESTURE_SWIPE_LEFT:
        do_action(a, TL_NEXT, "swipe", now);
        break;
    case GESTURE_SWIPE_RIGHT:
        do_action(a, TL_PREV, "swipe", now);
        break;
    }
}

static void on_event(app *a, const SDL_Event *e)
{
    uint64_t now = SDL_GetTicks64();
    switch (e->type) {
    case SDL_QUIT:
        a->quit = true;
        break;
    case SDL_KEYDOWN:
        on_key(a, &e->key, now);
        break;
    case SDL_MOUSEBUTTONDOWN:
        /* Touch screens also send emulated mouse events: the finger events already count. */
        if (e->button.which == SDL_TOUCH_MOUSEID)
            break;
        if (e->button.button == SDL_BUTTON_LEFT)
            do_action(a, TL_NEXT, "click", now);
        else if (e->button.button == SDL_BUTTON_RIGHT)
            do_action(a, TL_PREV, "click", now);
        break;
    case SDL_FINGERDOWN:
        if (e->tfinger.touchId != SDL_MOUSE_TOUCHID)
            on_gesture(a, gesture_down(&a->touch, e->tfinger.fingerId, e->tfinger.x, e->tfinger.y, now), now);
        break;
    case SDL_FINGERMOTION:
        if (e->tfinger.touchId != SDL_MOUSE_TOUCHID)
            on_gesture(a, gesture_motion(&a->touch, e->tfinger.fingerId, e->tfinger.x, e->tfinger.y, now),
                       now);
        break;
    case SDL_FINGERUP:
        if (e->tfinger.touchId != SDL_MOUSE_TOUCHID)
            on_gesture(a, gesture_up(&a->touch, e->tfinger.fingerId, e->tfinger.x, e->tfinger.y, now), now);
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            if (app_layout(a, now) != 0)
                a->quit = true;
        } else if (e->window.event == SDL_WINDOWEVENT_EXPOSED) {
            a->dirty = true;
        } else if (e->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
            gesture_cancel(&a->touch);
        }
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        slide_cache_clear(&a->cache);
        a->dirty = true;
        break;
    default:
        break;
    }
}

static void draw_frame(app *a, uint64_t now)
{
    tl_frame f = timeline_frame(&a->tl, now);
    SDL_Texture *to = slide_cache_get(&a->cache, f.to, f.from, f.to);
    SDL_Texture *from = f.in_transition ? slide_cache_get(&a->cache, f.from, f.from, f.to) : NULL;
    SDL_SetRenderTarget(a->renderer, NULL);
    SDL_SetRenderDrawColor(a->renderer, 14, 14, 16, 255);
    SDL_RenderClear(a->renderer);
    if (from) {
        SDL_SetTextureBlendMode(from, SDL_BLENDMODE_NONE);
        SDL_RenderCopy(a->renderer, from, NULL, NULL);
    }
    if (to) {
        SDL_SetTextureBlendMode(to, from ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
        SDL_SetTextureAlphaMod(to, from ? (Uint8)(f.progress * 255.0f + 0.5f) : 255);
        SDL_RenderCopy(a->renderer, to, NULL, NULL);
        SDL_SetTextureAlphaMod(to, 255);
    }
    SDL_RenderPresent(a->renderer);
    if (!a->first_frame_done) {
        a->first_frame_done = true;
        log_line l;
        log_begin(&l, LOG_INFO, "first-frame");
        log_uint(&l, "ms", log_ms_since_start());
        log_end(&l);
    }
}

/* At rest: draw the next slide ahead of time, so its transition never waits for a decode. */
static void preload(app *a)
{
    if (a->show->count < 2)
        return;
    size_t next = (a->tl.current + 1) % a->show->count;
    slide_cache_get(&a->cache, next, a->tl.current, next);
}

static int open_display(app *a)
{
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    int w = a->opts->window_w, h = a->opts->window_h;
    if (!a->opts->windowed) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
        w = h = 0;
    }
    a->window =
        SDL_CreateWindow("Memorial Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!a->window)
        return -1;
    a->renderer = SDL_CreateRenderer(
        a->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE);
    if (!a->renderer)
        a->renderer = SDL_CreateRenderer(a->window, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE);
    if (!a->renderer)
        return -1;
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(a->renderer, &info) == 0) {
        a->vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
        log_line l;
        log_begin(&l, LOG_INFO, "display");
        log_str(&l, "driver", SDL_GetCurrentVideoDriver());
        log_str(&l, "renderer", info.name);
        log_int(&l, "vsync", a->vsync);
        log_end(&l);
    }
    if (!a->opts->windowed)
        SDL_ShowCursor(SDL_DISABLE);
    return 0;
}

/* How long to sleep: until the next deadline, but never past MAX_SLEEP_MS (so the loop stays alive for
 * watchdogs) and not at all when a frame is due. */
static int sleep_ms(const app *a, uint64_t now)
{
    if (a->dirty)
        return 0;
    uint64_t deadline = timeline_next_deadline(&a->tl, now, a->vsync ? 0 : FRAME_MS);
    if (deadline <= now)
        return 0;
    uint64_t wait = deadline - now;
    return wait > MAX_SLEEP_MS ? MAX_SLEEP_MS : (int)wait;
}

static void loop(app *a)
{
    while (!a->quit) {
        uint64_t now = SDL_GetTicks64();
        if (timeline_update(&a->tl, now)) {
            skip_bad(a, TL_NEXT);
            a->dirty = true;
        }
        tl_frame f = timeline_frame(&a->tl, now);
        if (a->dirty || f.in_transition) {
            log_slide(a);
            draw_frame(a, now);
            a->dirty = f.in_transition; /* one more frame until the transition has ended */
            if (!f.in_transition)
                preload(a);
        }
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, sleep_ms(a, SDL_GetTicks64()))) {
            on_event(a, &e);
            while (!a->quit && SDL_PollEvent(&e))
                on_event(a, &e);
        }
    }
}

int app_run(const cli_options *opts, const char *content_dir)
{
    int rc = 3;
    app a = {.opts = opts, .logged_slide = SIZE_MAX};

    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0 || open_display(&a) != 0) {
        log_line l;
        log_begin(&l, LOG_ERROR, "display-error");
        log_str(&l, "reason", SDL_GetError());
        log_end(&l);
        goto cleanup;
    }
    gesture_init(&a.touch);
    a.content = loader_scan(content_dir);
    if (!a.content || app_layout(&a, SDL_GetTicks64()) != 0) {
        log_line l;
        log_begin(&l, LOG_ERROR, "fatal");
        log_str(&l, "reason", "out of memory");
        log_end(&l);
        goto cleanup;
    }
    log_line l;
    log_begin(&l, LOG_INFO, "content-loaded");
    log_uint(&l, "slides", a.content->count ? a.show->count : 0);
    log_uint(&l, "errors", diag_count(&a.content->diags, DIAG_ERROR));
    log_end(&l);
    loop(&a);
    log_begin(&l, LOG_INFO, "quit");
    log_end(&l);
    rc = 0;
cleanup:
    if (a.cache_ready)
        slide_cache_free(&a.cache);
    if (a.tl_ready)
        timeline_free(&a.tl);
    show_free(a.show);
    content_free(a.content);
    fonts_close(&a.fonts);
    if (a.renderer)
        SDL_DestroyRenderer(a.renderer);
    if (a.window)
        SDL_DestroyWindow(a.window);
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    return rc;
}
