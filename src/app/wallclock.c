/* wallclock: see wallclock.h. */
#include "wallclock.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

int64_t wallclock_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t wallclock_offset(uint64_t ticks)
{
    /* SDL's ticks count whole milliseconds of CLOCK_MONOTONIC: pair them with the wall clock read at
     * once, and take the wall clock to the start of the tick (no rounding: a 1 ms jitter at most). */
    return wallclock_now_ms() - (int64_t)ticks;
}

wallclock_state wallclock_sync_state(void)
{
    wallclock_state s = {.synced = false, .overridden = false, .esterror_us = -1, .offset_ms = 0};
    const char *o = getenv("KIOSK_CLOCK_SYNCED");
    struct timex t;
    memset(&t, 0, sizeof t);
    int rc = adjtimex(&t);
    if (rc != -1) {
        s.synced = rc != TIME_ERROR && !(t.status & STA_UNSYNC);
        s.esterror_us = t.esterror;
        s.offset_ms = (t.status & STA_NANO) ? (double)t.offset / 1e6 : (double)t.offset / 1e3;
    }
    if (o && (strcmp(o, "1") == 0 || strcmp(o, "0") == 0)) {
        s.synced = o[0] == '1';
        s.overridden = true;
    }
    return s;
}

static int arm(int fd)
{
    /* An absolute timer far in the future: it never expires, it is only cancelled by a clock set. */
    struct itimerspec its;
    memset(&its, 0, sizeof its);
    its.it_value.tv_sec = (time_t)1 << 40;
    return timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL);
}

int wallclock_step_open(void)
{
    int fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    if (arm(fd) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

bool wallclock_stepped(int fd)
{
    if (fd < 0) {
        return false;
    }
    uint64_t n = 0;
    ssize_t r = read(fd, &n, sizeof n);
    if (r < 0 && errno == ECANCELED) {
        arm(fd);
        return true;
    }
    return false;
}

void wallclock_step_close(int fd)
{
    if (fd >= 0) {
        close(fd);
    }
}
