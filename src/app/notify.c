/* notify: see notify.h. */
#include "notify.h"

#include <stdio.h>

#include <systemd/sd-daemon.h>

static uint64_t watchdog_ms; /* 0: no watchdog */
static uint64_t last_feed_ms;
static int fed;
static int ready; /* the watchdog is fed only after READY=1: start-up is TimeoutStartSec's business */

void notify_init(void)
{
    uint64_t usec = 0;
    watchdog_ms = sd_watchdog_enabled(0, &usec) > 0 ? usec / 1000 : 0;
    fed = 0;
}

void notify_ready(const char *status)
{
    sd_notifyf(0, "READY=1\nSTATUS=%s", status ? status : "showing");
    ready = 1;
}

uint32_t notify_feed_period_ms(void)
{
    /* An eighth of the interval, not half: one slow iteration (a slide drawn ahead while an import
     * competes for the CPU of a small board) may then take most of WatchdogSec, not a quarter. */
    return watchdog_ms ? (uint32_t)(watchdog_ms / 8 > 0 ? watchdog_ms / 8 : 1) : 0;
}

void notify_watchdog_now(void)
{
    if (watchdog_ms && ready) {
        sd_notify(0, "WATCHDOG=1");
    }
}

void notify_watchdog(uint64_t now_ms)
{
    if (!watchdog_ms || !ready || (fed && now_ms - last_feed_ms < notify_feed_period_ms())) {
        return;
    }
    notify_watchdog_now();
    last_feed_ms = now_ms;
    fed = 1;
}

uint32_t notify_max_sleep_ms(void)
{
    return watchdog_ms ? (uint32_t)(watchdog_ms / 4 > 0 ? watchdog_ms / 4 : 1) : UINT32_MAX;
}

void notify_status(const char *status)
{
    sd_notifyf(0, "STATUS=%s", status);
}

void notify_stopping(void)
{
    sd_notify(0, "STOPPING=1");
}
