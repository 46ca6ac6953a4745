/* app: see app.h. */
#include "app.h"
#include "app_internal.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#include <SDL_ttf.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "backlight.h"
#include "decoder.h"
#include "display.h"
#include "design.h"
#include "fonts.h"
#include "framestats.h"
#include "gesture.h"
#include "exhibit.h"
#include "loader.h"
#include "log.h"
#include "rotation.h"
#include "notify.h"
#include "picture.h"
#include "reload.h"
#include "schedule.h"
#include "show.h"
#include "slide_cache.h"
#include "slide_draw.h"
#include "slide_event.h"
#include "timeline.h"

/* After the frame that first showed the current slide was presented (wall_ms: in a group). */
static void log_slide(app *a)
{
    if (a->logged_slide == a->tl.current) {
        return;
    }
    a->logged_slide = a->tl.current;
    slide_event_log(a->tl.current, a->show->count, &a->show->slides[a->tl.current],
                    a->grouped ? a->presented_wall : -1);
}

/* At start, before the whole show is laid out (tens of milliseconds for a few articles): the first
 * slide, when it is an article's, drawn from a show of the first item alone, so the screen is not
 * empty meanwhile. The full show then starts on that same slide, drawn the same way. */
static void draw_preview(app *a)
{
    const content *c = a->ex->content;
    if (c->count < 2 || c->items[0].kind != CONTENT_ARTICLE) {
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    if (schedule_at(&a->ex->schedule, &tm, (int64_t)t, 0).mode != SCHEDULE_SHOW) {
        return;
    }
    show *s = exhibit_build_first(a->ex, &a->design, &a->fonts);
    if (s && s->count > 0 && s->slides[0].kind != SLIDE_IMAGE) {
        slide_draw_ctx ctx = exhibit_draw_ctx(a->ex, a->renderer, &a->design, &a->fonts, a->emblem);
        app_frame_begin(a, (SDL_Color){14, 14, 16, 255});
        slide_draw(&ctx, &s->slides[0], NULL);
        app_frame_end(a);
    }
    show_free(s);
}

/* The design, fonts and emblem for a w x h screen: opened again only when the screen's size, the safe
 * area or the font families changed (opening fonts is the slowest step of a layout: seconds on an
 * emulated machine; a reload that keeps the look keeps them). */
static void open_look(app *a, int w, int h)
{
    char key[sizeof a->look_key];
    const fonts_config *f = &a->ex->fonts;
    snprintf(key, sizeof key, "%dx%d %.4f %s|%s|%s", w, h, a->ex->safe_area, f->title_family, f->body_family,
             f->banner_family);
    if (a->fonts.state && strcmp(key, a->look_key) == 0) {
        return;
    }
    fonts_close(&a->fonts);
    a->design = exhibit_open_look(a->ex, w, h, &a->fonts);
    if (a->emblem) {
        SDL_FreeSurface(a->emblem);
    }
    a->emblem = exhibit_load_emblem(&a->design);
    snprintf(a->look_key, sizeof a->look_key, "%s", key);
}

/* Lays out the show of the exhibit for the window's current size (at start, when the size changes and
 * when a new exhibit is swapped in): the screen's rotation, the design, fonts, slides, cache, timeline
 * and gesture timing all come from the exhibit. */
int app_layout(app *a, uint64_t now)
{
    int w = 0, h = 0;
    size_t keep = a->tl_ready ? a->tl.current : 0;
    SDL_GetRendererOutputSize(a->renderer, &w, &h);
    a->rotation = a->ex->rotation;
    if (a->screen) {
        SDL_DestroyTexture(a->screen);
    }
    a->screen = NULL;
    if (a->rotation) { /* lay out for the turned screen, draw into a texture of that size */
        int pw = w, ph = h;
        rotation_content_size(a->rotation, pw, ph, &w, &h);
        a->screen = SDL_CreateTexture(a->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
        if (!a->screen) {
            return -1;
        }
    }
    if (a->cache_ready) {
        slide_cache_free(&a->cache);
    }
    a->cache_ready = false;
    show_free(a->show);
    a->show = NULL;
    open_look(a, w, h);
    notify_watchdog(SDL_GetTicks64()); /* a long layout on a slow machine is progress, not a hang */
    if (!a->first_frame_done) {
        a->t_fonts = log_ms_since_start();
        draw_preview(a);
    }
    a->show = exhibit_build(a->ex, &a->design, &a->fonts);
    notify_watchdog(SDL_GetTicks64());
    if (!a->show) {
        return -1;
    }
    slide_draw_ctx ctx = exhibit_draw_ctx(a->ex, a->renderer, &a->design, &a->fonts, a->emblem);
    uint32_t transition_ms = a->ex->transition_ms;
    if (slide_cache_init(&a->cache, &ctx, a->show, &a->ex->pictures, a->dec, 2 * transition_ms) != 0) {
        return -1;
    }
    a->cache_ready = true;
    uint32_t *durations = calloc(a->show->count, sizeof *durations);
    if (!durations) {
        return -1;
    }
    for (size_t i = 0; i < a->show->count; i++) {
        durations[i] = a->show->slides[i].duration_ms;
    }
    if (a->tl_ready) {
        timeline_free(&a->tl);
    }
    int rc = timeline_init(&a->tl, durations, a->show->count, transition_ms, a->ex->idle_resume_ms, now);
    free(durations);
    if (rc != 0) {
        return -1;
    }
    a->tl_ready = true;
    if (keep < a->show->count) {
        timeline_jump(&a->tl, keep, now);
    }
    app_sync_start(a, now); /* in a group: the group's slide instead */
    a->touch.long_press_ms = a->ex->long_press_ms;
    a->logged_slide = SIZE_MAX;
    a->hold_since = 0;
    a->dirty = true;
    return 0;
}

/* Moves past slides whose picture failed to decode, in the direction of travel. */
void app_skip_bad(app *a, tl_action dir)
{
    if (a->grouped) { /* in step, the clock's slide is shown even when its picture failed (placeholder) */
        return;
    }
    if (slide_cache_is_bad(&a->cache, a->tl.current)) {
        a->tl.current = slide_cache_step(&a->cache, a->tl.current, dir == TL_NEXT ? 1 : -1);
    }
}

/* The current slide changed: tell the cache (its Ken Burns motion starts again). */
void app_slide_changed(app *a, tl_action dir)
{
    a->last_dir = dir;
    a->hold_since = 0;
    slide_cache_shown(&a->cache, a->tl.current);
    a->dirty = true;
}

static void draw_frame(app *a, uint64_t now)
{
    tl_frame f = timeline_frame(&a->tl, now);
    app_frame_begin(a, (SDL_Color){14, 14, 16, 255});
    if (f.in_transition) {
        slide_cache_draw(&a->cache, f.from, now, 255);
        slide_cache_draw(&a->cache, f.to, now, (Uint8)(f.progress * 255.0f + 0.5f));
    } else {
        slide_cache_draw(&a->cache, f.to, now, 255);
    }
    app_draw_status(a, now);
    if (a->notice && notice_visible(a->notice)) {
        notice_draw(a->notice, a->renderer, &a->design, &a->fonts, a->ex->ui);
    }
    app_frame_end(a);
    a->last_present = now; /* when this frame was begun: the next one is due a period later */
    framestats_frame(&a->frames, SDL_GetTicks64(), f.in_transition);
    uint64_t next = slide_cache_next_frame(&a->cache, f.to, now);
    uint64_t next_from = f.in_transition ? slide_cache_next_frame(&a->cache, f.from, now) : UINT64_MAX;
    a->next_anim = next < next_from ? next : next_from;
}

void app_frame_begin(app *a, SDL_Color c)
{
    SDL_SetRenderTarget(a->renderer, a->screen);
    SDL_SetRenderDrawColor(a->renderer, c.r, c.g, c.b, 255);
    SDL_RenderClear(a->renderer);
}

void app_frame_end(app *a)
{
    if (a->screen) { /* turn the content-size frame onto the panel, about the panel's centre */
        int pw = 0, ph = 0, cw = 0, ch = 0;
        SDL_SetRenderTarget(a->renderer, NULL);
        SDL_GetRendererOutputSize(a->renderer, &pw, &ph);
        SDL_QueryTexture(a->screen, NULL, NULL, &cw, &ch);
        SDL_Rect dst = {(pw - cw) / 2, (ph - ch) / 2, cw, ch};
        SDL_RenderCopyEx(a->renderer, a->screen, NULL, &dst, a->rotation, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(a->renderer);
    a->presented_wall = wallclock_now_ms();
    if (a->first_frame_done) {
        return;
    }
    a->first_frame_done = true; /* the screen shows something: systemd may call the service ready */
    backlight_set(true); /* a kiosk stopped while dark left it off (a dark start switches it off again) */
    log_line l;
    log_begin(&l, LOG_INFO, "first-frame");
    log_uint(&l, "ms", log_ms_since_start());
    log_uint(&l, "display_ms", a->t_display); /* where the start-up time went */
    log_uint(&l, "content_ms", a->t_content);
    log_uint(&l, "fonts_ms", a->t_fonts);
    log_end(&l);
    notify_ready(a->mode == SCHEDULE_SHOW ? "showing" : a->mode == SCHEDULE_DARK ? "dark" : "silence");
}

/* Whether a due auto-advance may start: only when the next slide can be shown in full, or after waiting
 * AUTO_WAIT_MS for its picture (then it appears as a placeholder and its picture fades in later). */
static bool may_advance(app *a, uint64_t now)
{
    if (a->grouped || a->show->count < 2 || timeline_frame(&a->tl, now).in_transition ||
        timeline_next_deadline(&a->tl, now, 0) > now) {
        a->hold_since = 0;
        return true;
    }
    if (slide_cache_ready(&a->cache, slide_cache_step(&a->cache, a->tl.current, 1))) {
        return true;
    }
    if (a->hold_since == 0) {
        a->hold_since = now;
    }
    return now - a->hold_since >= show_scale_ms(AUTO_WAIT_MS, a->ex->speed);
}

/* The slide on screen turned out to be bad (its picture failed after it was chosen): move on. */
static void leave_bad(app *a, uint64_t now)
{
    if (a->grouped || a->show->count < 2 || !slide_cache_is_bad(&a->cache, a->tl.current) ||
        timeline_frame(&a->tl, now).in_transition) {
        return;
    }
    if (timeline_action(&a->tl, a->last_dir, now)) {
        app_skip_bad(a, a->last_dir);
        app_slide_changed(a, a->last_dir);
    }
}

/* The window and renderer: see display.h (full screen at the display's size, the renderer chosen for the
 * machine, event=display). */
static int open_display(app *a)
{
    kiosk_display d;
    if (display_open(a->opts, &d) != 0) {
        return -1;
    }
    a->window = d.window;
    a->renderer = d.renderer;
    a->vsync = d.vsync;
    return 0;
}

/* How long to sleep: until the next deadline (slide change, animation frame, end of a wait for a picture),
 * but never past MAX_SLEEP_MS (so the loop stays alive for watchdogs) and not at all when a frame is due.
 * A decoded picture wakes the loop earlier through the decoder's event. */
static int sleep_ms(const app *a, uint64_t now)
{
    if (a->dirty) {
        return 0;
    }
    /* In a transition, frames are paced from the last present: a renderer that really waits for vsync
     * has used the time already (no wait), one that only claims to (software) is held to ~60 Hz. */
    uint64_t deadline = timeline_frame(&a->tl, now).in_transition
                            ? a->last_present + FRAME_MS
                            : timeline_next_deadline(&a->tl, now, FRAME_MS);
    if (a->hold_since) {
        deadline = a->hold_since + show_scale_ms(AUTO_WAIT_MS, a->ex->speed);
    }
    if (a->next_anim < deadline) {
        deadline = a->next_anim;
    }
    if (gesture_deadline(&a->touch) < deadline) {
        deadline = gesture_deadline(&a->touch);
    }
    if (a->status_until && a->status_until < deadline) {
        deadline = a->status_until;
    }
    if (a->reload && reload_deadline(a->reload) < deadline) {
        deadline = reload_deadline(a->reload);
    }
    if (app_peers_deadline(a) < deadline) {
        deadline = app_peers_deadline(a);
    }
    if (deadline <= now) {
        return 0;
    }
    uint64_t wait = deadline - now;
    if (!a->wake_event && slide_cache_waiting(&a->cache) && wait > POLL_MS) {
        wait = POLL_MS;
    }
    uint64_t cap = notify_max_sleep_ms() < MAX_SLEEP_MS ? notify_max_sleep_ms() : MAX_SLEEP_MS;
    return wait > cap ? (int)cap : (int)wait;
}

/* Every event already in the queue, without waiting. */
static void handle_queued(app *a)
{
    SDL_Event e;
    while (!a->quit && SDL_PollEvent(&e)) {
        app_on_event(a, &e);
    }
}

/* The live reload: the folder watched (every sub-folder listed, a disk read each with a cold page cache);
 * when the show is growing from its first item, the whole exhibit is asked for at once. */
static void open_reload(app *a)
{
    const char *settle = getenv("KIOSK_RELOAD_SETTLE_MS"); /* tests shorten it */
    a->reload = reload_open(a->content_dir, a->opts,
                            settle && atoi(settle) > 0 ? (uint32_t)atoi(settle) : RELOAD_SETTLE_MS);
    if (a->growing) {
        reload_request(a->reload); /* the whole exhibit, at once */
    }
}

/* A main-loop iteration that took long (the watchdog allows WatchdogSec): logged with its slowest step,
 * so a kiosk restarted by its watchdog on a slow board says what held its loop. */
#define SLOW_ITERATION_MS 1000
typedef struct {
    uint64_t t, worst;
    const char *step;
} loop_laps;

static void lap(loop_laps *l, const char *step)
{
    uint64_t now = SDL_GetTicks64();
    if (now - l->t > l->worst) {
        l->worst = now - l->t;
        l->step = step;
    }
    l->t = now;
}

static void laps_report(const loop_laps *l, uint64_t start)
{
    uint64_t ms = l->t - start;
    if (ms < SLOW_ITERATION_MS) {
        return;
    }
    log_line line;
    log_begin(&line, LOG_WARN, "slow-loop");
    log_uint(&line, "ms", ms);
    log_str(&line, "step", l->step);
    log_uint(&line, "step_ms", l->worst);
    log_end(&line);
}

static void loop(app *a)
{
    /* start() left the watch and the reading of the whole folder for after the first frame: they would
     * only compete with it for the disk (a folder of 20,000 photos) */
    bool reload_later = a->growing;
    while (!a->quit) {
        uint64_t now = SDL_GetTicks64();
        loop_laps laps = {now, 0, "start"};
        notify_watchdog(now);
        if (reload_later && a->first_frame_done) { /* before app_swap_if_due: grow() sees the reload */
            reload_later = false;
            open_reload(a);
        }
        if (a->reload) {
            exhibit *e = reload_poll(a->reload, now);
            if (e) {
                app_on_rescan(a, e);
            }
        }
        app_peers_poll(a, now); /* before the swap: a version that just came is stamped */
        app_swap_if_due(a, now);
        lap(&laps, "reload");
        if (a->notice && notice_poll(a->notice, now)) { /* an import's message came, changed or went */
            a->dirty = true;
        }
        app_check_schedule(a, now);
        /* Events already queued go first: a release that waited in the queue while the last iteration
         * was busy (drawing slides ahead on a slow machine) must not turn a tap into a long press. */
        handle_queued(a);
        app_poll_input(a, now);
        if (a->mode != SCHEDULE_SHOW) {
            if (a->dirty && !a->screen_off) { /* nothing is presented to a screen switched off */
                app_draw_schedule(a);
            }
            a->dirty = false;
            app_screen_off(a);
            SDL_Event e;
            if (SDL_WaitEventTimeout(
                    &e, (int)(notify_max_sleep_ms() < MAX_SLEEP_MS ? notify_max_sleep_ms() : MAX_SLEEP_MS))) {
                app_on_event(a, &e);
                handle_queued(a);
            }
            continue;
        }
        if (slide_cache_pump(&a->cache)) {
            a->dirty = true;
        }
        leave_bad(a, now);
        app_sync_poll(a, now);
        if (may_advance(a, now) && timeline_update(&a->tl, now)) {
            app_skip_bad(a, TL_NEXT);
            app_slide_changed(a, TL_NEXT);
            app_sync_boundary(a, now);
        }
        tl_frame f = timeline_frame(&a->tl, now);
        slide_cache_focus(&a->cache, a->tl.current, f.in_transition ? f.from : a->tl.current);
        if (a->dirty || f.in_transition || a->settling || a->next_anim <= now) {
            draw_frame(a, now);
            log_slide(a);
            a->dirty = false;
            a->settling = f.in_transition; /* after a transition's last frame, one frame at rest */
        }
        lap(&laps, "draw");
        /* At rest: draw the slides around this one ahead of time (one per iteration, so a tap is never
         * kept waiting long); their pictures are decoded on the worker meanwhile. */
        bool busy = !f.in_transition && slide_cache_prepare(&a->cache, now);
        lap(&laps, "prepare");
        laps_report(&laps, now);
        if (slide_cache_take_redraw(&a->cache)) { /* its picture came while the slide was on screen */
            a->dirty = true;
        }
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, busy ? 0 : sleep_ms(a, SDL_GetTicks64()))) {
            app_on_event(a, &e);
            handle_queued(a);
        }
    }
}

static void log_fatal(const char *reason)
{
    log_line l;
    log_begin(&l, LOG_ERROR, "fatal");
    log_str(&l, "reason", reason);
    log_end(&l);
}

/* The picture worker, woken through an SDL event of its own (pictures are decoded on this thread when it
 * cannot start). */
static void start_decoder(app *a)
{
    a->wake_event = SDL_RegisterEvents(1);
    if (a->wake_event == (uint32_t)-1) {
        a->wake_event = 0;
    }
    a->dec = decoder_create(&a->ex->pictures, a->wake_event);
    if (!a->dec) {
        log_line w;
        log_begin(&w, LOG_WARN, "decoder-thread");
        log_str(&w, "reason", SDL_GetError());
        log_end(&w);
    }
}

/* Everything before the loop: the display, the exhibit, the first frame, the live reload (when the show
 * grows from its first item, the loop opens it after the first frame). */
static int start(app *a, const char *content_dir)
{
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0 || open_display(a) != 0) {
        log_line l;
        log_begin(&l, LOG_ERROR, "display-error");
        log_str(&l, "reason", SDL_GetError());
        log_end(&l);
        return -1;
    }
    a->t_display = log_ms_since_start();
    gesture_init(&a->touch);
    a->started = SDL_GetTicks64();
    notify_init();
    char *real = realpath(content_dir, NULL); /* a link into the content store: one version, whole */
    /* The first frame comes from the first item alone (a folder of thousands of photos is not read
     * first); the whole exhibit is loaded on the reload thread and swapped in at once (app_swap_if_due). */
    a->ex = exhibit_load_first(real ? real : content_dir, a->opts);
    a->growing = a->ex != NULL;
    if (!a->ex) {
        a->ex = exhibit_load(real ? real : content_dir, a->opts, true);
    }
    free(real);
    if (!a->ex) {
        log_fatal("out of memory");
        return -1;
    }
    a->t_content = log_ms_since_start();
    picture_log_settings(&a->ex->pictures);
    exhibit_log(a->ex);
    start_decoder(a);
    if (app_layout(a, SDL_GetTicks64()) != 0) {
        log_fatal("out of memory");
        return -1;
    }
    if (!a->growing) {
        app_log_loaded(a);
    }
    a->content_dir = content_dir;
    a->notice = notice_create(content_dir);
    if (!a->growing) { /* else the first item alone: the folder is watched and read after its frame (loop) */
        open_reload(a);
    }
    framestats_init(&a->frames, FRAME_MS);
    return 0;
}

/* After the loop: the screen lit for whoever comes next, the figures of the run. */
static void stop(app *a)
{
    notify_stopping();
    app_screen_on(a); /* whoever uses the screen next (staff, the console) finds it lit */
    log_line l;
    log_begin(&l, LOG_INFO, "frame-stats");
    log_uint(&l, "frames", a->frames.frames);
    log_uint(&l, "late", a->frames.late);
    log_uint(&l, "p50_ms", framestats_percentile(&a->frames, 50));
    log_uint(&l, "p99_ms", framestats_percentile(&a->frames, 99));
    log_uint(&l, "worst_ms", a->frames.worst_ms);
    log_end(&l);
    log_begin(&l, LOG_INFO, "quit");
    log_end(&l);
}

int app_run(const cli_options *opts, const char *content_dir)
{
    int rc = 3;
    app a = {.opts = opts,
             .logged_slide = SIZE_MAX,
             .next_anim = UINT64_MAX,
             .last_dir = TL_NEXT,
             .mode = SCHEDULE_SHOW,
             .remembrance = -1,
             .step_fd = -1};

#ifdef __GLIBC__
    /* Decoded pictures are large, short-lived buffers, allocated on the worker's thread and freed on
     * either: keep every block from 256 KB up mmapped, so each free gives its memory back at once (glibc
     * otherwise raises this threshold after the first such free and keeps them in its arenas: resident
     * memory creeps up by tens of megabytes; bench/photo_bench shows the difference). */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
    if (start(&a, content_dir) == 0) {
        loop(&a);
        stop(&a);
        rc = 0;
    }
    reload_close(a.reload);
    wallclock_step_close(a.step_fd);
    app_peers_close(&a);
    exhibit_free(a.pending);
    if (a.cache_ready) {
        slide_cache_free(&a.cache);
    }
    decoder_free(a.dec);
    if (a.tl_ready) {
        timeline_free(&a.tl);
    }
    show_free(a.show);
    exhibit_free(a.ex);
    fonts_close(&a.fonts);
    notice_free(a.notice); /* its texture belongs to the renderer */
    if (a.screen) {
        SDL_DestroyTexture(a.screen);
    }
    if (a.emblem) {
        SDL_FreeSurface(a.emblem);
    }
    if (a.renderer) {
        SDL_DestroyRenderer(a.renderer);
    }
    if (a.window) {
        SDL_DestroyWindow(a.window);
    }
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    return rc;
}
