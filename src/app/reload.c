/* reload: see reload.h. */
#include "reload.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "loader.h"
#include "log.h"
#include "watch.h"

struct reloader {
    char *dir;
    watch *w;
    SDL_Thread *thread; /* a running scan, or NULL */
    SDL_atomic_t done;  /* the thread has stored its result */
    content *result;    /* written by the thread before done is set */
    bool again;         /* the folder changed again while scanning: scan once more afterwards */
};

static Uint32 event_type = (Uint32)-1;

uint32_t reload_event_type(void)
{
    if (event_type == (Uint32)-1)
        event_type = SDL_RegisterEvents(1);
    return event_type;
}

static int scan_thread(void *data)
{
    reloader *r = data;
    r->result = loader_scan(r->dir);
    SDL_AtomicSet(&r->done, 1);
    if (reload_event_type() != (Uint32)-1) { /* wake the event loop */
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = reload_event_type();
        SDL_PushEvent(&e);
    }
    return 0;
}

reloader *reload_open(const char *dir, uint32_t settle_ms)
{
    reloader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->dir = strdup(dir);
    r->w = watch_open(dir, settle_ms);
    if (!r->dir || !r->w) {
        log_line l;
        log_begin(&l, LOG_WARN, "reload-unavailable");
        log_str(&l, "path", dir);
        log_str(&l, "reason", "the folder cannot be watched (inotify); restart the kiosk after changes");
        log_end(&l);
        reload_close(r);
        return NULL;
    }
    reload_event_type();
    return r;
}

void reload_close(reloader *r)
{
    if (!r)
        return;
    if (r->thread)
        SDL_WaitThread(r->thread, NULL);
    content_free(r->result);
    watch_close(r->w);
    free(r->dir);
    free(r);
}

content *reload_poll(reloader *r, uint64_t now_ms)
{
    content *out = NULL;
    if (watch_poll(r->w, now_ms))
        r->again = true;
    if (r->thread && SDL_AtomicGet(&r->done)) {
        SDL_WaitThread(r->thread, NULL);
        r->thread = NULL;
        out = r->result;
        r->result = NULL;
    }
    if (!r->thread && r->again) {
        r->again = false;
        SDL_AtomicSet(&r->done, 0);
        r->thread = SDL_CreateThread(scan_thread, "kiosk-reload", r);
        if (!r->thread) {
            log_line l;
            log_begin(&l, LOG_ERROR, "reload-rejected");
            log_str(&l, "reason", SDL_GetError());
            log_end(&l);
        }
    }
    return out;
}

void reload_request(reloader *r)
{
    if (r)
        r->again = true;
}

uint64_t reload_deadline(const reloader *r)
{
    return watch_deadline(r->w);
}
