/* syncswitch: when the screens of a [sync] group switch to a new content version (issue 17). Owned by
 * the sync work. Pure: the caller passes wall-clock ms (CLOCK_REALTIME).
 *
 * No coordinator: every screen computes the same moment from what the group's beacons (syncpeers.h)
 * say. The version's `since` is the earliest moment any screen of the group held it (its own arrival,
 * or a peer's announced `since`); it is due delay_ms later (`[sync] switch_delay_seconds`: time for
 * Syncthing and the import to bring it to every screen). The switch is the first boundary of the group's
 * current show (groupclock.h) at or after that: every screen still shows the old show in step, so they
 * cross that boundary together. A screen that got the version only after that boundary, or that hears a
 * peer already showing it, is late: it switches at its next boundary. */
#ifndef KIOSK_SYNCSWITCH_H
#define KIOSK_SYNCSWITCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    int64_t due_ms;    /* since + delay */
    int64_t switch_ms; /* the first boundary of the current show at or after due_ms */
    bool late;         /* this screen had the version only after switch_ms: at its next boundary */
    bool behind;       /* a peer already shows it: at the next boundary (late when before switch_ms) */
} sw_plan;

/* The plan for a version held since since_ms by the group (arrived_ms on this screen) with the current
 * show's durations and transition (groupclock_at's, epoch_ms its epoch). peer_shows: a peer of the
 * group already shows the version. */
sw_plan syncswitch_plan(const uint32_t *durations, size_t count, uint32_t transition_ms, int64_t epoch_ms,
                        int64_t since_ms, uint32_t delay_ms, int64_t arrived_ms, bool peer_shows);
/* At the boundary where the slide that began at boundary_ms (groupclock_at(...).start_ms) begins: true
 * when the switch is due there. */
bool syncswitch_due(const sw_plan *p, int64_t boundary_ms);
/* A switch at boundary_ms is late: not the group's planned moment (switch_ms) but a catching up. */
bool syncswitch_late(const sw_plan *p, int64_t boundary_ms);

#endif
