/* player: what moves the show, one part of the app (app_internal.h): the show laid out, its slide cache
 * and the picture worker feeding it, the timeline, and the state of the moves (an auto-advance held for
 * its picture, the direction of the last move, the next animation frame, the slide last logged, the
 * growing show of a quick first frame, the group's clock in charge).
 *
 * Not here: the pending exhibit of a live reload (services.h: the player gets a new show only through a
 * layout, app_layout), and the screen it draws on (screen.h).
 *
 * The timeline's slide (tl.current) is moved only by the timeline's own functions (timeline.h); a slide
 * whose picture failed is passed over with timeline_skip.
 *
 * Ownership: app.c owns the one player (a member of app): player_init at start, player_fini in app_run
 * (before the screen is closed: the cache's textures belong to its renderer). The player owns its show,
 * cache, timeline and decoder; player_fini is the only place that frees them (player_drop lets the show
 * and cache go before a layout), and it is safe after any failure. */
#ifndef KIOSK_PLAYER_H
#define KIOSK_PLAYER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoder.h"
#include "draw.h"
#include "exhibit.h"
#include "show.h"
#include "slide_cache.h"
#include "timeline.h"

typedef struct {
    show *show;
    slide_cache cache;
    bool cache_ready;
    timeline tl;
    bool tl_ready;
    decoder *dec;        /* the picture worker; NULL: pictures are decoded on this thread */
    uint32_t wake_event; /* pushed by the worker when a picture is ready; 0 if none could be registered */
    size_t logged_slide; /* last slide logged as event=slide (SIZE_MAX: none) */
    uint64_t hold_since; /* an auto-advance is due but waits for the next picture since then (0: not) */
    uint64_t next_anim;  /* the next frame a reveal or Ken Burns motion needs */
    tl_action last_dir;  /* the direction of the last move (a bad slide is left the same way) */
    bool growing;  /* the exhibit is the first item alone (a quick first frame): the whole one follows */
    bool grouped;  /* the timeline follows the group's wall clock (a group, clock synchronised) */
    bool settling; /* the last frame drawn was part of a transition */
} player;

/* An empty player: no show, nothing logged, nothing held. */
void player_init(player *p);
/* The picture worker, woken through an SDL event of its own (pictures are decoded on this thread when it
 * cannot start: logged as event=decoder-thread). */
void player_start_decoder(player *p, const picture_settings *ps);
void player_fini(player *p);
/* The slide to keep across a layout: the timeline's (0 before the first). */
size_t player_slide(const player *p);
/* Before a layout: the show and its cache let go. */
void player_drop(player *p);
/* A layout: show s (taken over, also on failure; NULL: out of memory) played with its cache drawn
 * through ctx and a timeline from ex, on slide `keep` when it has one. Returns 0 or -1 (out of memory). */
int player_play(player *p, show *s, const exhibit *ex, const slide_draw_ctx *ctx, size_t keep, uint64_t now);
/* Moves past slides whose picture failed to decode, in the direction of travel (not in a group: the
 * clock's slide is shown even then, as a placeholder). */
void player_skip_bad(player *p, tl_action dir);
/* The current slide changed: the cache is told (its Ken Burns motion starts again). */
void player_moved(player *p, tl_action dir);
/* A visitor's move (or a bad slide left): true when the slide changed (bad slides passed over). */
bool player_step(player *p, tl_action dir, uint64_t now);
/* The auto-advance, when due: true when the slide changed. It starts only when the next slide can be
 * shown in full, or after waiting wait_ms for its picture (then it appears as a placeholder and its
 * picture fades in later). */
bool player_advance(player *p, uint32_t wait_ms, uint64_t now);
/* The slide on screen turned out to be bad (its picture failed after it was chosen): true when the show
 * moved on (in the last direction). */
bool player_leave_bad(player *p, uint64_t now);
/* The frame f of the show (the slides of a transition, blended) onto the current target; next_anim is
 * set from it. */
void player_draw(player *p, tl_frame f, uint64_t now);
/* After the frame that first showed the current slide was presented: event=slide (wall_ms: -1 when not
 * in a group). */
void player_log_slide(player *p, int64_t wall_ms);

#endif
