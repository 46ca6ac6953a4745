/* notify: tells systemd how the kiosk is doing (sd_notify): READY=1 after the first frame, WATCHDOG=1
 * from the main loop (every eighth of WatchdogSec at most, so a hung loop is restarted and a
 * slow iteration is not taken for one), STATUS= lines and
 * STOPPING=1. Without systemd (no NOTIFY_SOCKET) every call does nothing. */
#ifndef KIOSK_NOTIFY_H
#define KIOSK_NOTIFY_H

#include <stdint.h>

/* Reads the watchdog interval from the environment. Call once at start. */
void notify_init(void);
void notify_ready(const char *status);
/* Sends WATCHDOG=1 when an eighth of the interval has passed since the last one; now_ms on any monotonic
 * clock. */
void notify_watchdog(uint64_t now_ms);
/* How often the watchdog is fed (0: no watchdog). */
uint32_t notify_feed_period_ms(void);
/* WATCHDOG=1 now (after READY=1, with a watchdog); safe on another thread than the main loop's (the
 * stall watcher feeds it while the loop draws a slide that rightly takes seconds, see stallwatch.h). */
void notify_watchdog_now(void);
/* The longest the main loop may sleep so the watchdog is fed in time (UINT32_MAX without a watchdog). */
uint32_t notify_max_sleep_ms(void);
void notify_status(const char *status);
void notify_stopping(void);

#endif
