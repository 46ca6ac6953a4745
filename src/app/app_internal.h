/* app_internal: the live kiosk's state, shared by app.c (start, layout, main loop), app_input.c (SDL
 * events into the core's actions), app_service.c (live reload, opening hours, minute of silence, staff
 * panel), app_sync.c and app_peers.c (screens in step). Not a public interface: only these files include
 * it.
 *
 * The app is three parts and little else, each with its owner's header:
 *   screen   (screen.h)   the window, renderer, rotation, look (design, fonts, emblem), dark screen, frames
 *   player   (player.h)   the show, its slide cache and picture worker, the timeline and what moves it
 *   services (services.h) reload and pending exhibit, schedule, staff panel, notice, the group's clock
 *                         and beacon
 * plus the exhibit on screen (shared by all three), the touch gesture and the loop's flags.
 *
 * Ownership: app_run owns the app (on its stack) and each part: start() creates them (screen_open,
 * player_init, services_init, the exhibit), and app_run frees them once, in one place at its end:
 * services, player, exhibit, screen (textures made on the renderer go before it). */
#ifndef KIOSK_APP_INTERNAL_H
#define KIOSK_APP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "cli.h"
#include "exhibit.h"
#include "gesture.h"
#include "player.h"
#include "screen.h"
#include "services.h"
#include "syncswitch.h"
#include "timeline.h"

#define FRAME_MS 16
#define STATUS_MS 10000 /* how long the staff status overlay stays */
#define STATUS_LINES 8  /* the staff panel's lines of text (the last two: the clock, the group's screens) */
#define MAX_SLEEP_MS 1000
#define AUTO_WAIT_MS 10000 /* an auto-advance waits this long at most for the next picture */
#define POLL_MS 50         /* without a wake event: how often to look for decoded pictures */

typedef struct {
    const cli_options *opts;
    const char *content_dir; /* the folder as given (a link into the store after an import) */
    exhibit *ex; /* what is shown and how (the folder with the command line over it); swapped whole */
    screen scr;
    player pl;
    services svc;
    gesture touch;
    bool dirty;
    bool quit;
    uint64_t t_display, t_content, t_fonts; /* ms since start when each start-up step was done */
    uint64_t started;                       /* SDL ticks at start, for the uptime */
} app;

/* app.c */
/* Lays out the show of the exhibit for the window's current size (at start, when the size changes and
 * when a new exhibit is swapped in), on slide `keep` when the new show has one (player_slide: the one on
 * screen). Returns 0, or -1 (out of memory: the kiosk quits). */
int app_layout(app *a, size_t keep, uint64_t now);
/* The current slide changed (the player told, a redraw asked for). */
void app_slide_changed(app *a, tl_action dir);
/* A frame: see screen_frame_begin, screen_frame_end. The first frame presented is logged (first-frame)
 * and tells systemd READY=1. */
void app_frame_begin(app *a, SDL_Color c);
void app_frame_end(app *a);
/* app_sync.c: screens in step ([sync] group, issue 17) */
/* After a layout: group mode on when the exhibit names a group and the clock is synchronised (logged as
 * event=sync); the timeline jumps to the group's current slide. */
void app_sync_start(app *a, uint64_t now);
/* Each loop iteration: a step of the wall clock (timerfd, or the wall/monotonic offset moved by more
 * than SYNC_STEP_MS) is logged (event=clock-step) and the position derived again. */
void app_sync_poll(app *a, uint64_t now);
/* A boundary was crossed: the offset between the wall clock and the ticks read again. */
void app_sync_boundary(app *a, uint64_t now);
/* app_peers.c: the group's beacon (issue 17) */
/* Each loop iteration: sends the beacon when due, reads the peers', logs changes (event=sync-peers). */
void app_peers_poll(app *a, uint64_t now);
/* When app_peers_poll next has work (ticks; UINT64_MAX: none). */
uint64_t app_peers_deadline(const app *a);
void app_peers_close(app *a);
/* At a slide boundary with a pending exhibit: true when it may be swapped in now. In a group, a newer
 * content version waits for the group's switch (syncswitch.h; *plan filled, due_ms 0 otherwise). */
bool app_peers_switch_due(app *a, uint64_t now, sw_plan *plan);
/* After the swap: logs event=version-switch (when plan says it was a group's switch), beacons at once. */
void app_peers_switched(app *a, const sw_plan *plan, const char *from, uint64_t now);
/* The staff panel's line about the group's screens ("" without a group). */
void app_peers_line(const app *a, char *line, size_t n);
/* app_input.c */
void app_on_event(app *a, const SDL_Event *e);
/* Time-based input: a long press held long enough, the end of the status overlay. */
void app_poll_input(app *a, uint64_t now);
/* app_service.c */
void app_on_rescan(app *a, exhibit *e);
/* Logs event=content-loaded for the exhibit on screen (slides, errors). */
void app_log_loaded(app *a);
void app_swap_if_due(app *a, uint64_t now);
void app_check_schedule(app *a, uint64_t now);
void app_draw_schedule(app *a);
/* Dark: once the black frame is presented, the backlight and the display's signal go off (screen_dark);
 * they come on again (screen_light) when the show or the minute of silence begins. */
void app_screen_off(app *a);
/* Staff: shows the status overlay for STATUS_MS (logged as event=staff-status). */
void app_show_status(app *a, uint64_t now);
/* Draws the status overlay on the frame being drawn, when it is shown. */
void app_draw_status(app *a, uint64_t now);
/* A tap at content pixel (x, y): true when it hit the staff panel's rollback button (the previous
 * exhibit is brought back through the store; the live reload then shows it). */
bool app_staff_tap(app *a, int x, int y, uint64_t now);

#endif
