/* stallwatch: says which step of the main loop is holding it, while it holds it. A thread of its own
 * waits while the loop sleeps; once a turn of the loop has been busy for `after_ms`, it logs
 * `level=warn event=stalled step=NAME ms=N` (once per turn). A kiosk that its watchdog then kills has
 * said in the journal what it was doing (issue 19's VM test found a loop held for over 5 s).
 *
 * A step that may rightly take long (drawing a slide, laying out a new exhibit: seconds on a small board
 * whose CPU an import or an emulator shares) is marked so: while the turn is in such a step, and for at
 * most grace_ms from the turn's start, the watcher calls `feed` every feed_ms (it tells systemd's
 * watchdog the loop is working, not hung). A step that takes longer than grace_ms is taken for a hang:
 * the feeding stops and the watchdog restarts the kiosk. A stopped process (all its threads) is never fed.
 * Ownership: stallwatch_open returns a watcher the caller frees with stallwatch_close. Every call
 * accepts NULL (no watcher: nothing is watched). Step names must be string literals. */
#ifndef KIOSK_STALLWATCH_H
#define KIOSK_STALLWATCH_H

#include <stdbool.h>
#include <stdint.h>

typedef struct stallwatch stallwatch;

/* NULL when the thread cannot start (then nothing is watched; the kiosk goes on). feed may be NULL or
 * feed_ms 0: no feeding. feed is called on the watcher's thread. */
stallwatch *stallwatch_open(uint32_t after_ms, uint32_t grace_ms, uint32_t feed_ms, void (*feed)(void));
void stallwatch_close(stallwatch *sw);
/* A turn of the loop begins (now: SDL ticks), in its first step; may_be_long: see above. */
void stallwatch_busy(stallwatch *sw, uint64_t now, const char *step, bool may_be_long);
/* The turn goes on to another step. */
void stallwatch_step(stallwatch *sw, const char *step, bool may_be_long);
/* The loop is going to sleep until its next deadline or event. */
void stallwatch_idle(stallwatch *sw);

#endif
