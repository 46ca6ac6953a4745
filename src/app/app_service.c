/* app_service: what keeps the kiosk in service without staff: a newer scan of the content folder swapped
 * in at a slide boundary, and the schedule (opening hours, the minute of silence). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app_internal.h"
#include "log.h"
#include "notify.h"
#include "draw.h"
#include "slide_draw.h"
#include "store.h"

/* A newer exhibit: kept for the next slide boundary when it has something to show, else refused (the
 * last good show goes on). */
void app_on_rescan(app *a, exhibit *e)
{
    log_line l;
    const content *c = e->content;
    if (c->count == 0) {
        log_begin(&l, LOG_WARN, "reload-rejected");
        log_str(&l, "reason",
                c->diags.count ? c->diags.items[c->diags.count - 1].message
                               : "the folder has no articles or pictures");
        log_uint(&l, "errors", diag_count(&c->diags, DIAG_ERROR));
        log_end(&l);
        exhibit_free(e);
        return;
    }
    exhibit_free(a->svc.pending);
    a->svc.pending = e;
}

void app_log_loaded(app *a)
{
    log_line l;
    log_begin(&l, LOG_INFO, "content-loaded");
    log_uint(&l, "slides", a->ex->content->count ? a->pl.show->count : 0);
    log_uint(&l, "errors", diag_count(&a->ex->content->diags, DIAG_ERROR));
    log_end(&l);
}

/* The pending exhibit replaces the one on screen whole, laid out again (on slide `at`): its content and
 * every setting of its kiosk.conf. The old one's fonts, show and cache are gone after this. Returns 0,
 * or -1 (the kiosk quits: out of memory). */
static int swap_in(app *a, size_t at, uint64_t now)
{
    exhibit *old = a->ex;
    a->ex = a->svc.pending;
    a->svc.pending = NULL;
    int rc = app_layout(a, at, now);
    exhibit_free(old);
    if (rc != 0) {
        a->quit = true;
        return -1;
    }
    return 0;
}

/* The whole exhibit after a quick first frame of its first item: swapped in at once, on the same slide
 * (the first item's slides are the whole show's first slides). Without a reload thread it is loaded
 * here, once the first frame is up. */
static void grow(app *a, uint64_t now)
{
    if (!a->svc.pending && !a->svc.reload && a->scr.first_frame_done) {
        a->svc.pending = exhibit_load(a->content_dir, a->opts, true);
    }
    if (!a->svc.pending || timeline_frame(&a->pl.tl, now).in_transition) {
        return;
    }
    a->pl.growing = false;
    size_t shown = a->pl.logged_slide;
    if (swap_in(a, player_slide(&a->pl), now) != 0) {
        return;
    }
    a->pl.logged_slide = shown; /* the same slide: not logged again */
    app_log_loaded(a);
    exhibit_log(a->ex);
}

/* At a slide boundary (the current slide's time is up, or nothing but the fallback is shown), the newer
 * exhibit replaces the old one and starts from its first slide. */
void app_swap_if_due(app *a, uint64_t now)
{
    if (a->pl.growing) {
        grow(a, now);
        return;
    }
    if (!a->svc.pending || timeline_frame(&a->pl.tl, now).in_transition) {
        return;
    }
    bool fallback = a->pl.show->count == 1 && a->pl.show->slides[0].kind == SLIDE_FALLBACK;
    /* A bad current slide is left at once anyway: that is a boundary too (else a show whose every
     * slide is bad would never take in the repaired folder). */
    bool bad = slide_cache_is_bad(&a->pl.cache, a->pl.tl.current);
    if (!fallback && !bad && timeline_next_deadline(&a->pl.tl, now, 0) > now) {
        return;
    }
    sw_plan plan;
    char from[sizeof a->ex->version];
    if (!app_peers_switch_due(a, now, &plan)) { /* a new version waits for the group's switch */
        return;
    }
    snprintf(from, sizeof from, "%s", a->ex->version);
    if (swap_in(a, 0, now) != 0) {
        return;
    }
    app_peers_switched(a, &plan, from, now);
    log_line l;
    log_begin(&l, LOG_INFO, "reload");
    log_uint(&l, "slides", a->pl.show->count);
    log_uint(&l, "errors", diag_count(&a->ex->content->diags, DIAG_ERROR));
    log_end(&l);
    exhibit_log(a->ex);
    a->svc.remembrance = -1;            /* the new schedule is looked at afresh */
    if (a->svc.mode != SCHEDULE_SHOW) { /* the new schedule decides at once what is on screen */
        a->dirty = true;
    }
}

/* What the schedule wants now: the show, a dark screen, or the minute of silence. */
void app_check_schedule(app *a, uint64_t now)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    schedule_state st = schedule_at(&a->ex->schedule, &tm, (int64_t)t, a->svc.woken_until);
    if (a->svc.remembrance >= 0 && st.remembrance_day != (a->svc.remembrance != 0)) {
        reload_request(a->svc.reload); /* the day's own playlist (playlist-remembrance.txt) begins or ends */
    }
    a->svc.remembrance = st.remembrance_day;
    if (st.mode == a->svc.mode) {
        return;
    }
    static const char *const names[] = {"show", "dark", "silence"};
    static const char *const status[] = {"showing", "dark", "silence"};
    log_line l;
    log_begin(&l, LOG_INFO, "schedule");
    log_str(&l, "mode", names[st.mode]);
    log_int(&l, "remembrance", st.remembrance_day);
    log_end(&l);
    notify_status(status[st.mode]);
    if (st.mode == SCHEDULE_SHOW) { /* the current slide starts its time again */
        timeline_jump(&a->pl.tl, a->pl.tl.current, now);
    }
    screen_light(&a->scr); /* before the next frame is drawn: the panel shows it as soon as it is lit */
    a->svc.mode = st.mode;
    a->dirty = true;
}

void app_screen_off(app *a)
{
    if (a->svc.mode != SCHEDULE_DARK || a->scr.off || !a->scr.first_frame_done) {
        return;
    }
    screen_dark(&a->scr);
}

/* The screen outside the show: black when closed, the card of the minute of silence. */
void app_draw_schedule(app *a)
{
    app_frame_begin(a, (SDL_Color){0, 0, 0, 255});
    if (a->svc.mode == SCHEDULE_SILENCE) {
        /* the kiosk's own words (assets/text) in the banner's language, the others' titles below */
        char others[512] = "";
        for (size_t i = 0; i < a->ex->language_count; i++) {
            if (a->ex->languages[i] != strings_language(a->ex->ui)) {
                snprintf(others + strlen(others), sizeof others - strlen(others), "%s%s",
                         *others ? " \xC2\xB7 " : "", strings_get(a->ex->words[i], "silence.title"));
            }
        }
        slide card = {.kind = SLIDE_FALLBACK,
                      .title = (char *)strings_get(a->ex->ui, "silence.title"),
                      .dateline = *others ? others : (char *)strings_get(a->ex->ui, "silence.subtitle"),
                      .banner = a->pl.show->slides[a->pl.tl.current].banner,
                      .fit = -1};
        slide_draw_ctx ctx = screen_draw_ctx(&a->scr, a->ex);
        slide_draw(&ctx, &card, NULL);
    }
    app_frame_end(a);
}

/* Resident memory of this process in kB (VmRSS), or 0. */
static long resident_kb(void)
{
    char line[256];
    long kb = 0;
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f)) {
        if (sscanf(line, "VmRSS: %ld kB", &kb) == 1) {
            break;
        }
    }
    if (f) {
        fclose(f);
    }
    return kb;
}

void app_show_status(app *a, uint64_t now)
{
    a->svc.staff.until = now + STATUS_MS;
    a->dirty = true;
    a->svc.sync.clock = wallclock_sync_state(); /* read now for the panel */
    log_line l;
    log_begin(&l, LOG_INFO, "staff-status");
    log_end(&l);
}

/* The panel's lines in the exhibit's words (assets/text staff.*). */
/* The clock and the group: "clock synchronised, error 0.4 ms, offset 0.012 ms · group NAME: in step". */
static void clock_line(const app *a, char *line, size_t size)
{
    const wallclock_state *c = &a->svc.sync.clock;
    char err[48] = "";
    if (c->esterror_us >= 0) {
        snprintf(err, sizeof err, ", error %.1f ms", (double)c->esterror_us / 1000.0);
    }
    const char *group = a->ex->sync_group && a->ex->sync_group[0] ? a->ex->sync_group : NULL;
    snprintf(line, size, "clock %s%s%s, offset %.3f ms%s%s%s%s",
             c->synced ? "synchronised" : "NOT synchronised", c->overridden ? " (KIOSK_CLOCK_SYNCED)" : "",
             err, c->offset_ms, group ? " \xC2\xB7 group " : "", group ? group : "", group ? ": " : "",
             !group          ? ""
             : a->pl.grouped ? "in step"
                             : "alone");
}

static void status_lines(app *a, uint64_t now, char lines[STATUS_LINES][320])
{
    const strings *w = a->ex->ui;
    char v[8][64], part[3][96];
    uint64_t up = (now - a->started) / 1000;
    uint32_t p50 = framestats_percentile(&a->scr.frames, 50);
    const content *c = a->ex->content;
    const slide *cur = &a->pl.show->slides[a->pl.tl.current];
    snprintf(v[0], sizeof v[0], "%s", KIOSK_VERSION);
    strings_format(w, "staff.title", (strings_arg[]){{"version", v[0]}}, 1, lines[0], 320);
    strings_format(w, "staff.content", (strings_arg[]){{"path", a->content_dir ? a->content_dir : c->root}},
                   1, lines[1], 320);
    snprintf(v[0], sizeof v[0], "%zu", a->pl.show->count);
    snprintf(v[1], sizeof v[1], "%zu", diag_count(&c->diags, DIAG_ERROR));
    snprintf(v[2], sizeof v[2], "%zu", diag_count(&c->diags, DIAG_WARNING));
    strings_format(w, "staff.slides", (strings_arg[]){{"slides", v[0]}}, 1, part[0], sizeof part[0]);
    strings_format(w, "staff.errors", (strings_arg[]){{"errors", v[1]}}, 1, part[1], sizeof part[1]);
    strings_format(w, "staff.warnings", (strings_arg[]){{"warnings", v[2]}}, 1, part[2], sizeof part[2]);
    snprintf(lines[2], 320, "%s \xC2\xB7 %s \xC2\xB7 %s", part[0], part[1], part[2]);
    snprintf(v[0], sizeof v[0], "%llu", (unsigned long long)(up / 86400));
    snprintf(v[1], sizeof v[1], "%02llu", (unsigned long long)(up / 3600 % 24));
    snprintf(v[2], sizeof v[2], "%02llu", (unsigned long long)(up / 60 % 60));
    snprintf(v[3], sizeof v[3], "%.1f", resident_kb() / 1024.0);
    strings_format(w, "staff.uptime", (strings_arg[]){{"days", v[0]}, {"hours", v[1]}, {"minutes", v[2]}}, 3,
                   part[0], sizeof part[0]);
    strings_format(w, "staff.memory", (strings_arg[]){{"mb", v[3]}}, 1, part[1], sizeof part[1]);
    snprintf(lines[3], 320, "%s \xC2\xB7 %s", part[0], part[1]);
    snprintf(v[0], sizeof v[0], "%u", p50 ? 1000 / p50 : 0);
    snprintf(v[1], sizeof v[1], "%u", p50);
    snprintf(v[2], sizeof v[2], "%u", framestats_percentile(&a->scr.frames, 99));
    snprintf(v[3], sizeof v[3], "%llu", (unsigned long long)a->scr.frames.late);
    strings_format(w, "staff.transitions",
                   (strings_arg[]){{"fps", v[0]}, {"p50", v[1]}, {"p99", v[2]}, {"late", v[3]}}, 4, lines[4],
                   320);
    snprintf(v[0], sizeof v[0], "%zu", a->pl.tl.current + 1);
    strings_format(w, "staff.slide",
                   (strings_arg[]){{"index", v[0]}, {"source", cur->source ? cur->source : "-"}}, 2, lines[5],
                   320);
    clock_line(a, lines[6], 320);
    app_peers_line(a, lines[7], 320);
}

void app_draw_status(app *a, uint64_t now)
{
    a->svc.staff.rollback_btn = (SDL_Rect){0, 0, 0, 0};
    if (now >= a->svc.staff.until) {
        return;
    }
    char lines[STATUS_LINES][320];
    status_lines(a, now, lines);
    const design *d = &a->scr.design;
    int line_h = d->small_line_h, pad = d->small_size;
    draw_palette p = a->ex->palette;
    draw_fill(a->scr.renderer, d->safe_x, d->safe_y, d->safe_w, (STATUS_LINES + 2) * line_h + 3 * pad,
              (SDL_Color){0, 0, 0, 215});
    draw_style st = {&a->scr.fonts, FONT_SMALL, 0, (SDL_Color){238, 233, 224, 255}};
    for (int i = 0; i < STATUS_LINES; i++) {
        draw_text(a->scr.renderer, &st, lines[i], strlen(lines[i]), false, d->safe_x + pad,
                  d->safe_y + pad + i * line_h, line_h, ALIGN_LEFT);
    }
    /* the button: a generous target for a finger, the accent colour, its label inside */
    const char *label = strings_get(a->ex->ui, "staff.rollback");
    int bw = fonts_measure(&a->scr.fonts, FONT_SMALL, label, strlen(label)) + 2 * pad;
    SDL_Rect b = {d->safe_x + pad, d->safe_y + 2 * pad + STATUS_LINES * line_h, bw, line_h + pad};
    draw_fill(a->scr.renderer, b.x, b.y, b.w, b.h, p.accent);
    draw_text(a->scr.renderer, &st, label, strlen(label), false, b.x + pad, b.y + pad / 2, line_h,
              ALIGN_LEFT);
    if (a->svc.staff.result[0]) {
        draw_text(a->scr.renderer, &st, a->svc.staff.result, strlen(a->svc.staff.result), false,
                  b.x + b.w + pad, b.y + pad / 2, line_h, ALIGN_LEFT);
    }
    a->svc.staff.rollback_btn = b;
}

bool app_staff_tap(app *a, int x, int y, uint64_t now)
{
    SDL_Rect b = a->svc.staff.rollback_btn;
    if (b.w == 0 || now >= a->svc.staff.until || x < b.x || x >= b.x + b.w || y < b.y || y >= b.y + b.h) {
        return false;
    }
    char why[160] = "";
    int rc = store_rollback(a->content_dir, 500, why, sizeof why);
    snprintf(a->svc.staff.result, sizeof a->svc.staff.result, "%s", rc == 0 ? "\xE2\x9C\x93" : why);
    a->svc.switch_at_once = rc == 0; /* staff's own act on this screen: not held for the group's switch */
    a->svc.staff.until = now + STATUS_MS; /* the panel stays to show what happened */
    a->dirty = true;
    return true;
}
