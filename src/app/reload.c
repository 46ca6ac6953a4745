/* reload: see reload.h. */
#include "reload.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "exhibit.h"
#include "log.h"
#include "watch.h"

struct reloader {
    char *dir;
    cli_options cli; /* the command line's settings, over each new kiosk.conf */
    watch *w;
    SDL_Thread *thread; /* a running scan, or NULL */
    SDL_atomic_t done;  /* the thread has stored its result */
    exhibit *result;    /* written by the thread before done is set */
    bool again;         /* the folder changed again while scanning: scan once more afterwards */
};

static Uint32 event_type = (Uint32)-1;

uint32_t reload_event_type(void)
{
    if (event_type == (Uint32)-1) {
        event_type = SDL_RegisterEvents(1);
    }
    return event_type;
}

static int scan_thread(void *data)
{
    reloader *r = data;
    /* The folder resolved once: when it is a link to a version of the content store (an import swaps
     * the link), the whole scan, and later the pictures' paths, read that one version, never a mix. */
    char *real = realpath(r->dir, NULL);
    r->result = exhibit_load(real ? real : r->dir, &r->cli, true);
    free(real);
    SDL_AtomicSet(&r->done, 1);
    if (reload_event_type() != (Uint32)-1) { /* wake the event loop */
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = reload_event_type();
        SDL_PushEvent(&e);
    }
    return 0;
}

reloader *reload_open(const char *dir, const cli_options *cli, uint32_t settle_ms)
{
    reloader *r = calloc(1, sizeof *r);
    if (!r) {
        return NULL;
    }
    r->cli = *cli;
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
    if (!r) {
        return;
    }
    if (r->thread) {
        SDL_WaitThread(r->thread, NULL);
    }
    exhibit_free(r->result);
    watch_close(r->w);
    free(r->dir);
    free(r);
}

exhibit *reload_poll(reloader *r, uint64_t now_ms)
{
    exhibit *out = NULL;
    if (watch_poll(r->w, now_ms)) {
        r->again = true;
    }
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
    if (r) {
        r->again = true;
    }
}

uint64_t reload_deadline(const reloader *r)
{
    return watch_deadline(r->w);
}
