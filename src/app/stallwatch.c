/* stallwatch: see stallwatch.h. */
#include "stallwatch.h"

#include <stdbool.h>
#include <stdlib.h>

#include <SDL.h>

#include "log.h"

struct stallwatch {
    SDL_mutex *lock;
    SDL_cond *wake;
    SDL_Thread *thread;
    uint32_t after_ms, grace_ms, feed_ms;
    void (*feed)(void);
    /* under lock */
    bool quit;
    bool busy;
    uint64_t turn;     /* counts turns, so a turn is reported once */
    uint64_t since;    /* ticks when the busy turn began */
    const char *step;  /* what the turn is doing now */
    bool may_be_long;  /* ...and whether that may rightly take seconds */
    uint64_t fed_at;   /* ticks of the last feed in this turn (its start before the first) */
    uint64_t reported; /* the last turn reported */
};

static void report(const char *step, uint64_t ms)
{
    log_line l;
    log_begin(&l, LOG_WARN, "stalled");
    log_str(&l, "step", step);
    log_uint(&l, "ms", ms);
    log_end(&l);
}

/* The next moment the watcher has work in the busy turn (UINT64_MAX: none), doing what is due by now. */
static uint64_t due_work(stallwatch *sw, uint64_t now)
{
    uint64_t next = UINT64_MAX;
    if (sw->feed && sw->feed_ms && sw->may_be_long && now - sw->since < sw->grace_ms) {
        uint64_t due = sw->fed_at + sw->feed_ms;
        if (now >= due) {
            sw->feed();
            sw->fed_at = now;
            due = now + sw->feed_ms;
        }
        next = due;
    }
    if (sw->reported != sw->turn) {
        uint64_t due = sw->since + sw->after_ms;
        if (now >= due) {
            sw->reported = sw->turn;
            const char *step = sw->step;
            SDL_UnlockMutex(sw->lock);
            report(step, now - sw->since);
            SDL_LockMutex(sw->lock);
        } else if (due < next) {
            next = due;
        }
    }
    return next;
}

static int watch_thread(void *data)
{
    stallwatch *sw = data;
    SDL_LockMutex(sw->lock);
    while (!sw->quit) {
        if (!sw->busy) {
            SDL_CondWait(sw->wake, sw->lock); /* asleep while the loop sleeps: a still slide costs nothing */
            continue;
        }
        uint64_t now = SDL_GetTicks64();
        uint64_t next = due_work(sw, now);
        if (next == UINT64_MAX) {
            SDL_CondWait(sw->wake, sw->lock);
        } else if (next > now) {
            SDL_CondWaitTimeout(sw->wake, sw->lock, (Uint32)(next - now));
        }
    }
    SDL_UnlockMutex(sw->lock);
    return 0;
}

stallwatch *stallwatch_open(uint32_t after_ms, uint32_t grace_ms, uint32_t feed_ms, void (*feed)(void))
{
    stallwatch *sw = calloc(1, sizeof *sw);
    if (!sw) {
        return NULL;
    }
    sw->after_ms = after_ms;
    sw->grace_ms = grace_ms;
    sw->feed_ms = feed_ms;
    sw->feed = feed;
    sw->lock = SDL_CreateMutex();
    sw->wake = SDL_CreateCond();
    if (sw->lock && sw->wake) {
        sw->thread = SDL_CreateThread(watch_thread, "stallwatch", sw);
    }
    if (!sw->thread) {
        stallwatch_close(sw);
        return NULL;
    }
    return sw;
}

void stallwatch_close(stallwatch *sw)
{
    if (!sw) {
        return;
    }
    if (sw->thread) {
        SDL_LockMutex(sw->lock);
        sw->quit = true;
        SDL_CondSignal(sw->wake);
        SDL_UnlockMutex(sw->lock);
        SDL_WaitThread(sw->thread, NULL);
    }
    if (sw->wake) {
        SDL_DestroyCond(sw->wake);
    }
    if (sw->lock) {
        SDL_DestroyMutex(sw->lock);
    }
    free(sw);
}

void stallwatch_busy(stallwatch *sw, uint64_t now, const char *step, bool may_be_long)
{
    if (!sw) {
        return;
    }
    SDL_LockMutex(sw->lock);
    sw->busy = true;
    sw->turn++;
    sw->since = now;
    sw->fed_at = now;
    sw->step = step;
    sw->may_be_long = may_be_long;
    SDL_CondSignal(sw->wake);
    SDL_UnlockMutex(sw->lock);
}

void stallwatch_step(stallwatch *sw, const char *step, bool may_be_long)
{
    if (!sw) {
        return;
    }
    SDL_LockMutex(sw->lock);
    sw->step = step;
    if (may_be_long && !sw->may_be_long) {
        SDL_CondSignal(sw->wake); /* the feeding may begin */
    }
    sw->may_be_long = may_be_long;
    SDL_UnlockMutex(sw->lock);
}

void stallwatch_idle(stallwatch *sw)
{
    if (!sw) {
        return;
    }
    SDL_LockMutex(sw->lock);
    sw->busy = false;
    SDL_UnlockMutex(sw->lock);
}
