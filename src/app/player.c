/* player: see player.h. */
#include "player.h"

#include <stdlib.h>

#include <SDL.h>

#include "log.h"
#include "slide_event.h"

void player_init(player *p)
{
    *p = (player){.logged_slide = SIZE_MAX, .next_anim = UINT64_MAX, .last_dir = TL_NEXT};
}

void player_start_decoder(player *p, const picture_settings *ps)
{
    p->wake_event = SDL_RegisterEvents(1);
    if (p->wake_event == (uint32_t)-1) {
        p->wake_event = 0;
    }
    p->dec = decoder_create(ps, p->wake_event);
    if (!p->dec) {
        log_line w;
        log_begin(&w, LOG_WARN, "decoder-thread");
        log_str(&w, "reason", SDL_GetError());
        log_end(&w);
    }
}

void player_drop(player *p)
{
    if (p->cache_ready) {
        slide_cache_free(&p->cache);
    }
    p->cache_ready = false;
    show_free(p->show);
    p->show = NULL;
}

void player_fini(player *p)
{
    if (p->cache_ready) {
        slide_cache_free(&p->cache);
    }
    p->cache_ready = false;
    decoder_free(p->dec); /* after the cache, which borrows it (slide_cache.h) */
    p->dec = NULL;
    if (p->tl_ready) {
        timeline_free(&p->tl);
    }
    p->tl_ready = false;
    show_free(p->show);
    p->show = NULL;
}

size_t player_slide(const player *p)
{
    return p->tl_ready ? p->tl.current : 0;
}

/* A timeline for the show's slides, on slide `keep` when it has one. */
static int start_timeline(player *p, const exhibit *ex, size_t keep, uint64_t now)
{
    uint32_t *durations = calloc(p->show->count, sizeof *durations);
    if (!durations) {
        return -1;
    }
    for (size_t i = 0; i < p->show->count; i++) {
        durations[i] = p->show->slides[i].duration_ms;
    }
    if (p->tl_ready) {
        timeline_free(&p->tl);
    }
    int rc = timeline_init(&p->tl, durations, p->show->count, ex->transition_ms, ex->idle_resume_ms, now);
    free(durations);
    p->tl_ready = rc == 0;
    if (rc != 0) {
        return -1;
    }
    if (keep < p->show->count) {
        timeline_jump(&p->tl, keep, now);
    }
    return 0;
}

int player_play(player *p, show *s, const exhibit *ex, const slide_draw_ctx *ctx, size_t keep, uint64_t now)
{
    player_drop(p);
    p->show = s;
    if (!s || slide_cache_init(&p->cache, ctx, s, &ex->pictures, p->dec, 2 * ex->transition_ms) != 0) {
        return -1;
    }
    p->cache_ready = true;
    if (start_timeline(p, ex, keep, now) != 0) {
        return -1;
    }
    p->logged_slide = SIZE_MAX;
    p->hold_since = 0;
    return 0;
}

void player_skip_bad(player *p, tl_action dir)
{
    if (p->grouped) { /* in step, the clock's slide is shown even when its picture failed (placeholder) */
        return;
    }
    if (slide_cache_is_bad(&p->cache, p->tl.current)) {
        timeline_skip(&p->tl, slide_cache_step(&p->cache, p->tl.current, dir == TL_NEXT ? 1 : -1));
    }
}

void player_moved(player *p, tl_action dir)
{
    p->last_dir = dir;
    p->hold_since = 0;
    slide_cache_shown(&p->cache, p->tl.current);
}

bool player_step(player *p, tl_action dir, uint64_t now)
{
    if (!timeline_action(&p->tl, dir, now)) {
        return false;
    }
    player_skip_bad(p, dir);
    player_moved(p, dir);
    return true;
}

/* Whether a due auto-advance may start (see player_advance). */
static bool may_advance(player *p, uint32_t wait_ms, uint64_t now)
{
    if (p->grouped || p->show->count < 2 || timeline_frame(&p->tl, now).in_transition ||
        timeline_next_deadline(&p->tl, now, 0) > now) {
        p->hold_since = 0;
        return true;
    }
    if (slide_cache_ready(&p->cache, slide_cache_step(&p->cache, p->tl.current, 1))) {
        return true;
    }
    if (p->hold_since == 0) {
        p->hold_since = now;
    }
    return now - p->hold_since >= wait_ms;
}

bool player_advance(player *p, uint32_t wait_ms, uint64_t now)
{
    if (!may_advance(p, wait_ms, now) || !timeline_update(&p->tl, now)) {
        return false;
    }
    player_skip_bad(p, TL_NEXT);
    player_moved(p, TL_NEXT);
    return true;
}

bool player_leave_bad(player *p, uint64_t now)
{
    if (p->grouped || p->show->count < 2 || !slide_cache_is_bad(&p->cache, p->tl.current) ||
        timeline_frame(&p->tl, now).in_transition) {
        return false;
    }
    return player_step(p, p->last_dir, now);
}

void player_draw(player *p, tl_frame f, uint64_t now)
{
    if (f.in_transition) {
        slide_cache_draw(&p->cache, f.from, now, 255);
        slide_cache_draw(&p->cache, f.to, now, (Uint8)(f.progress * 255.0f + 0.5f));
    } else {
        slide_cache_draw(&p->cache, f.to, now, 255);
    }
    uint64_t next = slide_cache_next_frame(&p->cache, f.to, now);
    uint64_t next_from = f.in_transition ? slide_cache_next_frame(&p->cache, f.from, now) : UINT64_MAX;
    p->next_anim = next < next_from ? next : next_from;
}

void player_log_slide(player *p, int64_t wall_ms)
{
    if (p->logged_slide == p->tl.current) {
        return;
    }
    p->logged_slide = p->tl.current;
    slide_event_log(p->tl.current, p->show->count, &p->show->slides[p->tl.current], wall_ms);
}
