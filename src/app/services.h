/* services: what keeps the kiosk in service around the show, one part of the app (app_internal.h):
 * the live reload and the pending exhibit it produced (app_service.c), the schedule's mode (opening
 * hours, the minute of silence, the day of remembrance, a dark screen woken by a tap), the staff panel
 * (app_service.c), an import's notice, the group's clock (app_sync.c) and beacon (app_peers.c).
 *
 * The pending exhibit is here, not in the player: it is what a reload produced and waits for a slide
 * boundary; app_swap_if_due hands it to the app, which lays it out (the player then gets its show).
 *
 * Ownership: app.c owns the one services (a member of app): services_init at start, services_fini in
 * app_run (before the screen is closed: the notice's texture belongs to its renderer). The services own
 * the reloader, the pending exhibit, the notice, the clock-step timerfd and the beacon's socket;
 * services_fini is the only place that frees them all (the beacon is also closed when the group goes,
 * app_peers_close), and it is safe after any failure. */
#ifndef KIOSK_SERVICES_H
#define KIOSK_SERVICES_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "cli.h"
#include "exhibit.h"
#include "notice.h"
#include "reload.h"
#include "schedule.h"
#include "syncpeers.h"
#include "wallclock.h"

typedef struct beacon beacon;

/* The staff panel (a long press in the staff corner). */
typedef struct {
    uint64_t until;        /* shown until then (SDL ticks; 0: not shown) */
    SDL_Rect rollback_btn; /* its "roll back" button, content pixels (w 0: not shown) */
    char result[160];      /* what the last rollback did, shown on the panel */
} staff_panel;

/* [sync] screens in step (issue 17): the clock (app_sync.c). */
typedef struct {
    int step_fd;           /* timerfd noticing a step of the wall clock (-1: none) */
    wallclock_state clock; /* the clock's state when last read (at each layout, for the staff panel) */
    uint64_t check_at;     /* alone in a group (clock unsynchronised): when to look at the clock again */
} sync_clock;

/* The group's beacon (app_peers.c). */
typedef struct {
    beacon *beacon;    /* the socket; NULL: none (no group, or it failed) */
    uint16_t port;     /* the port it is bound to */
    uint64_t at;       /* the next beacon is sent then (ticks) */
    uint64_t retry_at; /* a socket that failed is opened again then (0: at once) */
    bool failed;       /* the socket's failure was logged (once) */
    sp_table table;    /* the other screens of the group */
    sp_beacon self;    /* this screen's last beacon */
} group_peers;

typedef struct {
    reloader *reload; /* live reload of the folder; NULL when it cannot be watched */
    exhibit *pending; /* a newer exhibit (the folder changed), swapped in at the next slide boundary */
    char pending_version[32]; /* the version of the pending exhibit, when it came... */
    int64_t pending_arrived;  /* ...at this wall-clock ms */
    bool switch_at_once;      /* staff rolled back on this screen: the next version is shown at once */
    schedule_mode mode;       /* what the exhibit's schedule wants now */
    int remembrance;          /* today is the day of remembrance (-1: not known yet) */
    int64_t woken_until;      /* a tap woke the dark screen until then (seconds, wall clock) */
    staff_panel staff;
    notice *notice; /* the message of an import (USB stick, --import) over the show; may be NULL */
    sync_clock sync;
    group_peers peers;
} services;

/* Nothing open yet: the show's mode, the day of remembrance not known, no timerfd. */
void services_init(services *s);
void services_fini(services *s);
/* The live reload: the folder watched (every sub-folder listed, a disk read each with a cold page cache);
 * whole_now: the whole exhibit is asked for at once (the show grows from its first item).
 * KIOSK_RELOAD_SETTLE_MS (tests) shortens the quiet time after a change. */
void services_open_reload(services *s, const char *content_dir, const cli_options *opts, bool whole_now);

#endif
