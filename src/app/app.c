/* app: see app.h. The parts (screen, player, services) and who owns them: app_internal.h. */
#include "app.h"
#include "app_internal.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include <SDL.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "exhibit.h"
#include "fontfind.h"
#include "log.h"
#include "notify.h"
#include "picture.h"
#include "schedule.h"
#include "show.h"
#include "slide_draw.h"
#include "stallwatch.h"

#define BACKGROUND ((SDL_Color){14, 14, 16, 255})

/* At start, whether the first frame may be the first slide drawn straight onto the screen: when the show
 * begins with an article and the schedule says show. */
static bool preview_due(const app *a)
{
    const content *c = a->ex->content;
    if (a->scr.first_frame_done || c->count < 1 || c->items[0].kind != CONTENT_ARTICLE) {
        return false;
    }
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return schedule_at(&a->ex->schedule, &tm, (int64_t)t, 0).mode == SCHEDULE_SHOW;
}

/* The first frame: slide 0 of s (the show's first slide laid out alone: exhibit_build_first) drawn
 * straight onto the screen, without the slide texture the show draws it into (making that texture is
 * itself a few tens of milliseconds on a machine with slow page faults). The show then starts on that
 * same slide, drawn the same way. */
static void draw_preview(app *a, const show *s)
{
    if (s && s->count > 0 && s->slides[0].kind != SLIDE_IMAGE) {
        slide_draw_ctx ctx = screen_draw_ctx(&a->scr, a->ex);
        app_frame_begin(a, BACKGROUND);
        slide_draw(&ctx, &s->slides[0], NULL);
        app_frame_end(a);
    }
}

/* The screen's rotation, the design, fonts, slides, cache, timeline and gesture timing all come from the
 * exhibit. */
int app_layout(app *a, size_t keep, uint64_t now)
{
    int w = 0, h = 0;
    if (screen_turn(&a->scr, a->ex->rotation, &w, &h) != 0) {
        return -1;
    }
    player_drop(&a->pl); /* before the look: the old show was laid out with its fonts */
    screen_open_look(&a->scr, a->ex, w, h);
    notify_watchdog(SDL_GetTicks64()); /* a long layout on a slow machine is progress, not a hang */
    bool preview = preview_due(a);
    if (!a->scr.first_frame_done) {
        a->t_fonts = log_ms_since_start();
    }
    if (preview) { /* the show (even a first article alone) takes longer than its title slide alone */
        show *first = exhibit_build_first(a->ex, &a->scr.design, &a->scr.fonts);
        draw_preview(a, first);
        show_free(first);
    }
    show *s = exhibit_build(a->ex, &a->scr.design, &a->scr.fonts);
    notify_watchdog(SDL_GetTicks64());
    slide_draw_ctx ctx = screen_draw_ctx(&a->scr, a->ex);
    if (player_play(&a->pl, s, a->ex, &ctx, keep, now) != 0) {
        return -1;
    }
    app_sync_start(a, now); /* in a group: the group's slide instead */
    a->touch.long_press_ms = a->ex->long_press_ms;
    a->dirty = true;
    return 0;
}

void app_slide_changed(app *a, tl_action dir)
{
    player_moved(&a->pl, dir);
    a->dirty = true;
}

static void draw_frame(app *a, uint64_t now)
{
    tl_frame f = timeline_frame(&a->pl.tl, now);
    app_frame_begin(a, BACKGROUND);
    player_draw(&a->pl, f, now);
    app_draw_status(a, now);
    if (a->svc.notice && notice_visible(a->svc.notice)) {
        notice_draw(a->svc.notice, a->scr.renderer, &a->scr.design, &a->scr.fonts, a->ex->ui);
    }
    app_frame_end(a);
    a->scr.last_present = now; /* when this frame was begun: the next one is due a period later */
    framestats_frame(&a->scr.frames, SDL_GetTicks64(), f.in_transition);
}

void app_frame_begin(app *a, SDL_Color c)
{
    screen_frame_begin(&a->scr, c);
}

void app_frame_end(app *a)
{
    if (!screen_frame_end(&a->scr)) {
        return;
    }
    /* the first frame: the screen shows something, systemd may call the service ready */
    log_line l;
    log_begin(&l, LOG_INFO, "first-frame");
    log_uint(&l, "ms", log_ms_since_start());
    log_uint(&l, "display_ms", a->t_display); /* where the start-up time went */
    log_uint(&l, "content_ms", a->t_content);
    log_uint(&l, "fonts_ms", a->t_fonts);
    log_end(&l);
    schedule_mode m = a->svc.mode;
    notify_ready(m == SCHEDULE_SHOW ? "showing" : m == SCHEDULE_DARK ? "dark" : "silence");
    screen_fullscreen_due(&a->scr);
}

/* How long to sleep: until the next deadline (slide change, animation frame, end of a wait for a picture),
 * but never past MAX_SLEEP_MS (so the loop stays alive for watchdogs) and not at all when a frame is due.
 * A decoded picture wakes the loop earlier through the decoder's event. */
static int sleep_ms(const app *a, uint64_t now)
{
    if (a->dirty) {
        return 0;
    }
    const player *p = &a->pl;
    /* In a transition, frames are paced from the last present: a renderer that really waits for vsync
     * has used the time already (no wait), one that only claims to (software) is held to ~60 Hz. */
    uint64_t deadline = timeline_frame(&p->tl, now).in_transition
                            ? a->scr.last_present + FRAME_MS
                            : timeline_next_deadline(&p->tl, now, FRAME_MS);
    if (p->hold_since) {
        deadline = p->hold_since + show_scale_ms(AUTO_WAIT_MS, a->ex->speed);
    }
    if (p->next_anim < deadline) {
        deadline = p->next_anim;
    }
    if (gesture_deadline(&a->touch) < deadline) {
        deadline = gesture_deadline(&a->touch);
    }
    if (a->svc.staff.until && a->svc.staff.until < deadline) {
        deadline = a->svc.staff.until;
    }
    if (a->svc.reload && reload_deadline(a->svc.reload) < deadline) {
        deadline = reload_deadline(a->svc.reload);
    }
    if (app_peers_deadline(a) < deadline) {
        deadline = app_peers_deadline(a);
    }
    if (deadline <= now) {
        return 0;
    }
    uint64_t wait = deadline - now;
    if (!p->wake_event && slide_cache_waiting(&p->cache) && wait > POLL_MS) {
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

/* Waits up to ms for an event, then takes it and every other one queued. */
static void wait_events(app *a, int ms)
{
    SDL_Event e;
    if (SDL_WaitEventTimeout(&e, ms)) {
        app_on_event(a, &e);
        handle_queued(a);
    }
}

/* A main-loop iteration that took long (the watchdog allows WatchdogSec): logged with its slowest step,
 * so a kiosk restarted by its watchdog on a slow board says what held its loop; while a turn is held,
 * the stall watcher names the step it is in (event=stalled), and while that step is one that rightly
 * takes seconds on a small or emulated machine (laying out, drawing), for at most LONG_STEP_MS, feeds
 * the watchdog in the loop's stead (stallwatch.h). */
#define SLOW_ITERATION_MS 1000
#define STALLED_MS 2000
#define LONG_STEP_MS 30000
static stallwatch *loop_watch; /* opened by app_run around loop(); NULL: not watched */

typedef struct {
    uint64_t t, worst;
    const char *step;
} loop_laps;

static loop_laps laps_begin(uint64_t now)
{
    stallwatch_busy(loop_watch, now, "reload", true);
    return (loop_laps){now, 0, "reload"};
}

/* The step `done` ended; the turn goes on with `next` (may_be_long: it may rightly take seconds). */
static void lap(loop_laps *l, const char *done, const char *next, bool may_be_long)
{
    uint64_t now = SDL_GetTicks64();
    if (now - l->t > l->worst) {
        l->worst = now - l->t;
        l->step = done;
    }
    l->t = now;
    stallwatch_step(loop_watch, next, may_be_long);
}

/* The turn's work is over (the loop goes to sleep next). */
static void laps_report(const loop_laps *l, uint64_t start)
{
    stallwatch_idle(loop_watch);
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

/* The content's turn: the live reload (opened after the first frame when reload_later; returns whether
 * it still waits), a rescan taken, the group's beacon, a pending exhibit swapped in when due. */
static bool serve_content(app *a, uint64_t now, bool reload_later)
{
    if (reload_later && a->scr.first_frame_done) { /* before app_swap_if_due: grow() sees the reload */
        reload_later = false;
        services_open_reload(&a->svc, a->content_dir, a->opts, a->pl.growing);
    }
    if (a->svc.reload) {
        exhibit *e = reload_poll(a->svc.reload, now);
        if (e) {
            app_on_rescan(a, e);
        }
    }
    app_peers_poll(a, now); /* before the swap: a version that just came is stamped */
    app_swap_if_due(a, now);
    return reload_later;
}

/* Outside the show (dark, the minute of silence): the schedule's screen when it changed, then a wait. */
static void rest(app *a)
{
    if (a->dirty && !a->scr.off) { /* nothing is presented to a screen switched off */
        app_draw_schedule(a);
    }
    a->dirty = false;
    app_screen_off(a);
    stallwatch_idle(loop_watch);
    wait_events(a, (int)(notify_max_sleep_ms() < MAX_SLEEP_MS ? notify_max_sleep_ms() : MAX_SLEEP_MS));
}

/* The show's turn: pictures that came, a bad slide left, the group's clock, the auto-advance, the frame
 * drawn when it changed, then the slides around drawn ahead. Returns true when there is more to prepare
 * (the loop does not sleep). */
static bool play(app *a, uint64_t now, loop_laps *laps)
{
    player *p = &a->pl;
    lap(laps, "input", "draw", true);
    if (slide_cache_pump(&p->cache)) {
        a->dirty = true;
    }
    if (player_leave_bad(p, now)) {
        a->dirty = true;
    }
    app_sync_poll(a, now);
    if (player_advance(p, show_scale_ms(AUTO_WAIT_MS, a->ex->speed), now)) {
        a->dirty = true;
        app_sync_boundary(a, now);
    }
    tl_frame f = timeline_frame(&p->tl, now);
    slide_cache_focus(&p->cache, p->tl.current, f.in_transition ? f.from : p->tl.current);
    if (a->dirty || f.in_transition || p->settling || p->next_anim <= now) {
        draw_frame(a, now);
        player_log_slide(p, p->grouped ? a->scr.presented_wall : -1);
        a->dirty = false;
        p->settling = f.in_transition; /* after a transition's last frame, one frame at rest */
    }
    lap(laps, "draw", "prepare", true);
    /* At rest: draw the slides around this one ahead of time (one per iteration, so a tap is never kept
     * waiting long); their pictures are decoded on the worker meanwhile. */
    bool busy = !f.in_transition && slide_cache_prepare(&p->cache, now);
    lap(laps, "prepare", "wait", false);
    return busy;
}

static void loop(app *a)
{
    /* start() left the watch and the reading of the whole folder for after the first frame: they would
     * only compete with it for the disk (a folder of 20,000 photos) */
    bool reload_later = a->pl.growing;
    while (!a->quit) {
        uint64_t now = SDL_GetTicks64();
        loop_laps laps = laps_begin(now);
        notify_watchdog(now);
        reload_later = serve_content(a, now, reload_later);
        lap(&laps, "reload", "input", false);
        if (a->svc.notice &&
            notice_poll(a->svc.notice, now)) { /* an import's message came, changed or went */
            a->dirty = true;
        }
        app_check_schedule(a, now);
        /* Events already queued go first: a release that waited in the queue while the last iteration
         * was busy (drawing slides ahead on a slow machine) must not turn a tap into a long press. */
        handle_queued(a);
        app_poll_input(a, now);
        if (a->svc.mode != SCHEDULE_SHOW) {
            rest(a);
            continue;
        }
        bool busy = play(a, now, &laps);
        laps_report(&laps, now);
        if (slide_cache_take_redraw(&a->pl.cache)) { /* its picture came while the slide was on screen */
            a->dirty = true;
        }
        wait_events(a, busy ? 0 : sleep_ms(a, SDL_GetTicks64()));
    }
}

static void log_error(const char *event, const char *reason)
{
    log_line l;
    log_begin(&l, LOG_ERROR, event);
    log_str(&l, "reason", reason);
    log_end(&l);
}

/* The exhibit: the first item alone, for a quick first frame (a folder of thousands of photos is not read
 * first; the whole exhibit is loaded on the reload thread and swapped in at once, app_swap_if_due), else
 * the whole folder. Returns 0, or -1 (out of memory). */
static int load_exhibit(app *a, const char *content_dir)
{
    char *real = realpath(content_dir, NULL); /* a link into the content store: one version, whole */
    a->ex = exhibit_load_first(real ? real : content_dir, a->opts);
    a->pl.growing = a->ex != NULL;
    if (!a->ex) {
        a->ex = exhibit_load(real ? real : content_dir, a->opts, true);
    }
    free(real);
    return a->ex ? 0 : -1;
}

/* Everything before the loop: the display, the exhibit, the first frame, the live reload (when the show
 * grows from its first item, the loop opens it after the first frame). */
static int start(app *a, const char *content_dir)
{
    /* The kiosk takes no typed text, so Xlib's input method (X11) need not read the locale's Compose table
     * (512 KB for en_US.UTF-8: about 10 ms of the start on a slow machine). Kept when the caller set one. */
    setenv("XCOMPOSEFILE", "/dev/null", 0);
    fontfind_preload(); /* fontconfig loads while the display opens; the fonts wait for it */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0 ||
        screen_open(&a->scr, a->opts, BACKGROUND) != 0) {
        log_error("display-error", SDL_GetError());
        return -1;
    }
    a->t_display = log_ms_since_start();
    gesture_init(&a->touch);
    a->started = SDL_GetTicks64();
    notify_init();
    if (load_exhibit(a, content_dir) != 0) {
        log_error("fatal", "out of memory");
        return -1;
    }
    a->t_content = log_ms_since_start();
    picture_log_settings(&a->ex->pictures);
    exhibit_log(a->ex);
    player_start_decoder(&a->pl, &a->ex->pictures);
    if (app_layout(a, 0, SDL_GetTicks64()) != 0) {
        log_error("fatal", "out of memory");
        return -1;
    }
    if (!a->pl.growing) {
        app_log_loaded(a);
    }
    a->content_dir = content_dir;
    a->svc.notice = notice_create(content_dir);
    if (!a->pl.growing) { /* else the first item alone: the folder is watched and read after its frame */
        services_open_reload(&a->svc, content_dir, a->opts, a->pl.growing);
    }
    framestats_init(&a->scr.frames, FRAME_MS);
    screen_prefault_done(&a->scr); /* the loop pumps events next (screen.h) */
    return 0;
}

/* After the loop: the screen lit for whoever comes next, the figures of the run. */
static void stop(app *a)
{
    notify_stopping();
    screen_light(&a->scr); /* whoever uses the screen next (staff, the console) finds it lit */
    const framestats *fs = &a->scr.frames;
    log_line l;
    log_begin(&l, LOG_INFO, "frame-stats");
    log_uint(&l, "frames", fs->frames);
    log_uint(&l, "late", fs->late);
    log_uint(&l, "p50_ms", framestats_percentile(fs, 50));
    log_uint(&l, "p99_ms", framestats_percentile(fs, 99));
    log_uint(&l, "worst_ms", fs->worst_ms);
    log_end(&l);
    log_begin(&l, LOG_INFO, "quit");
    log_end(&l);
}

int app_run(const cli_options *opts, const char *content_dir)
{
    int rc = 3;
    app a = {.opts = opts};
    player_init(&a.pl);
    services_init(&a.svc);
#ifdef __GLIBC__
    /* Decoded pictures are large, short-lived buffers, allocated on the worker's thread and freed on
     * either: keep every block from 256 KB up mmapped, so each free gives its memory back at once (glibc
     * otherwise raises this threshold after the first such free and keeps them in its arenas: resident
     * memory creeps up by tens of megabytes; bench/photo_bench shows the difference). */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
    if (start(&a, content_dir) == 0) {
        loop_watch = stallwatch_open(STALLED_MS, LONG_STEP_MS, notify_feed_period_ms(), notify_watchdog_now);
        loop(&a);
        stallwatch_close(loop_watch);
        loop_watch = NULL;
        stop(&a);
        rc = 0;
    }
    /* the one clean-up: textures made on the screen's renderer (the cache's, the notice's) go first */
    services_fini(&a.svc);
    player_fini(&a.pl);
    exhibit_free(a.ex);
    screen_close(&a.scr);
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    return rc;
}
