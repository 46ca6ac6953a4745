/* app_internal: the live kiosk's state, shared by app.c (window, layout, main loop), app_input.c (SDL
 * events into the core's actions) and app_service.c (live reload, opening hours, minute of silence).
 * Not a public interface: only these three files include it. */
#ifndef KIOSK_APP_INTERNAL_H
#define KIOSK_APP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "cli.h"
#include "decoder.h"
#include "design.h"
#include "exhibit.h"
#include "fonts.h"
#include "framestats.h"
#include "gesture.h"
#include "notice.h"
#include "reload.h"
#include "schedule.h"
#include "show.h"
#include "slide_cache.h"
#include "syncpeers.h"
#include "syncswitch.h"
#include "timeline.h"
#include "wallclock.h"

typedef struct beacon beacon;

#define FRAME_MS 16
#define STATUS_MS 10000 /* how long the staff status overlay stays */
#define STATUS_LINES 8  /* the staff panel's lines of text (the last two: the clock, the group's screens) */
#define MAX_SLEEP_MS 1000
#define RELOAD_SETTLE_MS 2000 /* quiet time after the last change to the folder before it is read again */
#define AUTO_WAIT_MS 10000    /* an auto-advance waits this long at most for the next picture */
#define POLL_MS 50            /* without a wake event: how often to look for decoded pictures */

typedef struct {
    const cli_options *opts;
    SDL_Window *window;
    SDL_Renderer *renderer;
    bool vsync;
    design design;
    kiosk_fonts fonts;
    exhibit *ex; /* what is shown and how (the folder with the command line over it); swapped whole */
    show *show;
    slide_cache cache;
    bool cache_ready;
    timeline tl;
    bool tl_ready;
    gesture touch;
    bool dirty;
    bool quit;
    uint64_t t_display, t_content, t_fonts; /* ms since start when each start-up step was done */
    bool first_frame_done;
    size_t logged_slide; /* last slide logged as event=slide (SIZE_MAX: none) */
    decoder *dec;        /* the picture worker; NULL: pictures are decoded on this thread */
    uint32_t wake_event; /* pushed by the worker when a picture is ready; 0 if none could be registered */
    uint64_t hold_since; /* an auto-advance is due but waits for the next picture since then (0: not) */
    uint64_t next_anim;  /* the next frame a reveal or Ken Burns motion needs */
    tl_action last_dir;
    reloader *reload;    /* live reload of the folder; NULL when it cannot be watched */
    exhibit *pending;    /* a newer exhibit (the folder changed), swapped in at the next slide boundary */
    bool growing;        /* ex is the first item alone (a quick first frame): the whole exhibit follows */
    framestats frames;   /* intervals between the frames of transitions */
    bool settling;       /* the last frame drawn was part of a transition */
    schedule_mode mode;  /* what the exhibit's schedule wants now */
    int remembrance;     /* today is the day of remembrance (-1: not known yet) */
    int64_t woken_until; /* a tap woke the dark screen until then (seconds, wall clock) */
    bool screen_off;     /* dark: the black frame is up and the backlight and DPMS were switched off */
    uint64_t last_present;
    int rotation;          /* degrees the screen is laid out turned (the exhibit's, since the last layout) */
    uint64_t status_until; /* the staff status overlay is shown until then (0: not shown) */
    uint64_t started;      /* SDL ticks at start, for the uptime */
    SDL_Texture *screen;   /* with a rotation: the frame at content size, turned when presented */
    SDL_Surface *emblem;   /* the emblem at the design's size (NULL: none could be loaded) */
    char look_key[256];    /* the size, safe area and font families design, fonts and emblem are for */
    notice *notice;        /* the message of an import (USB stick, --import) over the show; may be NULL */
    const char *content_dir; /* the folder as given (a link into the store after an import) */
    SDL_Rect rollback_btn;   /* the staff panel's "roll back" button, content pixels (w 0: not shown) */
    char staff_result[160];  /* what the last rollback did, shown on the panel */
    /* [sync] screens in step (issue 17) */
    bool grouped;            /* the timeline follows the group's wall clock (a group, clock synchronised) */
    int step_fd;             /* timerfd noticing a step of the wall clock (-1: none) */
    int64_t presented_wall;  /* CLOCK_REALTIME ms when the last frame was presented */
    wallclock_state clock;   /* the clock's state when last read (at each layout, for the staff panel) */
    uint64_t clock_check_at; /* alone in a group (clock unsynchronised): when to look at the clock again */
    /* the group's beacon (app_peers.c) */
    beacon *beacon;           /* the socket; NULL: none (no group, or it failed) */
    uint16_t beacon_port;     /* the port it is bound to */
    uint64_t beacon_at;       /* the next beacon is sent then (ticks) */
    uint64_t beacon_retry_at; /* a socket that failed is opened again then (0: at once) */
    bool peers_failed;        /* the socket's failure was logged (once) */
    sp_table peers;           /* the other screens of the group */
    sp_beacon self;           /* this screen's last beacon */
    char pending_version[32]; /* the version of the pending exhibit, when it came... */
    int64_t pending_arrived;  /* ...at this wall-clock ms */
    bool switch_at_once;      /* staff rolled back on this screen: the next version is shown at once */
} app;

/* app.c */
int app_layout(app *a, uint64_t now);
void app_skip_bad(app *a, tl_action dir);
void app_slide_changed(app *a, tl_action dir);
/* A frame: app_frame_begin sets the target (the screen, or the content-size texture when the screen is
 * turned) and clears it with c; app_frame_end turns and presents it. The first frame presented is logged
 * (first-frame) and tells systemd READY=1. */
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
/* Dark: once the black frame is presented, the backlight and the display's signal go off (see
 * backlight.h, dpms.h); they come on again when the show or the minute of silence begins. */
void app_screen_off(app *a);
/* The screen switched off by app_screen_off lit again (nothing when it is not off). */
void app_screen_on(app *a);
/* Staff: shows the status overlay for STATUS_MS (logged as event=staff-status). */
void app_show_status(app *a, uint64_t now);
/* Draws the status overlay on the frame being drawn, when it is shown. */
void app_draw_status(app *a, uint64_t now);
/* A tap at content pixel (x, y): true when it hit the staff panel's rollback button (the previous
 * exhibit is brought back through the store; the live reload then shows it). */
bool app_staff_tap(app *a, int x, int y, uint64_t now);

#endif
