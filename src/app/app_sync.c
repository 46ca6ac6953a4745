/* app_sync: screens of a group in step ([sync] group in kiosk.conf, issue 17; owned by the sync work).
 * The timeline's group mode (timeline.h, groupclock.h) decides the slide from the wall clock; this file
 * feeds it the offset between the wall clock and SDL's ticks, notices steps of the clock, and decides
 * whether the screen plays in step at all: only with a group and a synchronised clock. */
#include <stdio.h>
#include <stdlib.h>

#include "app_internal.h"
#include "groupclock.h"
#include "log.h"

#define SYNC_STEP_MS 50 /* the wall clock moved this much against the ticks: a step (e.g. libfaketime's) */

static void log_sync(const app *a, const char *state, const char *reason)
{
    log_line l;
    log_begin(&l, LOG_INFO, "sync");
    log_str(&l, "group", a->ex->sync_group);
    log_str(&l, "state", state);
    if (reason) {
        log_str(&l, "reason", reason);
    }
    log_str(&l, "clock", a->svc.sync.clock.synced ? "synchronised" : "unsynchronised");
    if (a->svc.sync.clock.esterror_us >= 0) {
        log_int(&l, "esterror_us", a->svc.sync.clock.esterror_us);
    }
    log_end(&l);
}

void app_sync_start(app *a, uint64_t now)
{
    bool was = a->pl.grouped;
    a->pl.grouped = false;
    if (a->pl.growing) { /* the first item alone: the group's slide once the whole show is there */
        return;
    }
    if (!a->ex->sync_group || !a->ex->sync_group[0] || !a->pl.tl_ready) {
        if (was) {
            log_sync(a, "alone", "no-group");
        }
        return;
    }
    a->svc.sync.clock = wallclock_sync_state();
    if (!a->svc.sync.clock.synced) {
        log_sync(a, "alone", "clock-unsynchronised");
        return;
    }
    if (a->svc.sync.step_fd < 0) {
        a->svc.sync.step_fd = wallclock_step_open();
    }
    timeline_group(&a->pl.tl, 0, wallclock_offset(now), now);
    a->pl.grouped = true;
    log_line l;
    log_begin(&l, LOG_INFO, "sync");
    log_str(&l, "group", a->ex->sync_group);
    log_str(&l, "state", "in-step");
    log_str(&l, "clock", "synchronised");
    char fp[24];
    uint64_t h = groupclock_fingerprint(a->pl.tl.durations, a->pl.tl.count, a->pl.tl.transition_ms);
    snprintf(fp, sizeof fp, "%016llx", (unsigned long long)h);
    log_str(&l, "show", fp);
    log_uint(
        &l, "round_ms",
        (uint64_t)groupclock_at(a->pl.tl.durations, a->pl.tl.count, a->pl.tl.transition_ms, 0, 0).round_ms);
    log_uint(&l, "slide", a->pl.tl.current + 1);
    log_end(&l);
}

#define SYNC_RECHECK_MS 10000 /* a screen of a group playing alone: how often it looks at the clock again */

void app_sync_poll(app *a, uint64_t now)
{
    bool named = a->ex->sync_group && a->ex->sync_group[0];
    if (!a->pl.grouped && named && !a->pl.growing && a->pl.tl_ready && now >= a->svc.sync.check_at) {
        a->svc.sync.check_at = now + SYNC_RECHECK_MS;
        if (wallclock_sync_state().synced) { /* synchronised now: join the group */
            app_sync_start(a, now);
            app_slide_changed(a, TL_NEXT);
        }
    }
    if (!a->pl.grouped) {
        return;
    }
    int64_t off = wallclock_offset(now);
    int64_t moved = off - a->pl.tl.wall_offset;
    bool stepped = wallclock_stepped(a->svc.sync.step_fd);
    if (!stepped && llabs(moved) < SYNC_STEP_MS) {
        return;
    }
    log_line l;
    log_begin(&l, LOG_INFO, "clock-step");
    log_int(&l, "ms", moved);
    log_str(&l, "via", stepped ? "timerfd" : "offset");
    log_end(&l);
    timeline_set_wall(&a->pl.tl, off);
    a->dirty = true;
}

void app_sync_boundary(app *a, uint64_t now)
{
    if (a->pl.grouped) {
        timeline_set_wall(&a->pl.tl, wallclock_offset(now));
    }
}
