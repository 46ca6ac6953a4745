/* groupclock: where a group of screens is in the show at a wall-clock moment. Owned by the sync work
 * (issue 17). Pure: no clock of its own; the caller passes CLOCK_REALTIME in milliseconds.
 *
 * The show repeats in rounds. Each slide occupies transition_ms (fading in) plus its duration (at rest);
 * a round is the sum over the slides. Round 0 began at epoch_ms (0: the Unix epoch, so screens that
 * share nothing but a synchronised clock and the same show agree). The position at wall time w is
 * (w - epoch_ms) modulo the round's length: the slide, when it began to appear and when the next one
 * begins. Recomputed at every boundary from the clock, never a sum of sleeps. */
#ifndef KIOSK_GROUPCLOCK_H
#define KIOSK_GROUPCLOCK_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t index;     /* the slide on screen (or fading in) at that moment */
    int64_t start_ms; /* wall time it began to appear (the start of its transition) */
    int64_t next_ms;  /* wall time the next slide begins to appear */
    int64_t round_ms; /* length of one round (0: the show has no length; index 0 forever) */
} gc_pos;

/* The position at wall_ms. count 0 or a round of length 0 give index 0, start_ms = wall_ms and
 * next_ms = INT64_MAX. */
gc_pos groupclock_at(const uint32_t *durations, size_t count, uint32_t transition_ms, int64_t epoch_ms,
                     int64_t wall_ms);
/* The show's fingerprint for comparing screens of a group (FNV-1a 64 over the count, the transition and
 * every duration): two screens with the same fingerprint keep step slide for slide. */
uint64_t groupclock_fingerprint(const uint32_t *durations, size_t count, uint32_t transition_ms);

#endif
