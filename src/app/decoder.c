/* decoder: see decoder.h. One mutex guards everything in struct decoder except the thread handle (the
 * settings too: the worker copies them with each job it takes); one condition variable wakes the worker (new
 * requests, space for results, quit). The worker never holds the lock while decoding. */
#include "decoder.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include <SDL.h>

typedef struct {
    size_t index;
    char *path; /* owned */
    int box_w, box_h;
    bool has_fit;
    imgscale_fit fit;
} job;

struct decoder {
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *cond;
    picture_settings settings;
    uint32_t wake_event;
    bool quit;
    unsigned generation;
    job queue[DECODER_MAX_JOBS];
    size_t queued;
    bool busy;
    size_t busy_index;
    unsigned busy_generation;
    decoder_result done[DECODER_MAX_DONE];
    size_t done_count;
    size_t decoded, dropped;
};

/* With the lock held: frees the queued requests. */
static void drop_queue(decoder *d)
{
    for (size_t i = 0; i < d->queued; i++) {
        free(d->queue[i].path);
    }
    d->dropped += d->queued;
    d->queued = 0;
}

/* With the lock held: frees the results not taken. */
static void drop_done(decoder *d)
{
    for (size_t i = 0; i < d->done_count; i++) {
        picture_free(d->done[i].pic);
    }
    d->dropped += d->done_count;
    d->done_count = 0;
}

static void wake_main(uint32_t type)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    SDL_PushEvent(&e);
}

static int worker(void *arg)
{
    decoder *d = arg;
    /* Decoding is never urgent (pictures are decoded ahead): where cores are few, the main thread's
     * frames come first. Lowering a thread's own priority needs no rights; failure changes nothing. */
    SDL_SetThreadPriority(SDL_THREAD_PRIORITY_LOW);
    SDL_LockMutex(d->lock);
    while (!d->quit) {
        if (d->queued == 0 || d->done_count >= DECODER_MAX_DONE) {
            SDL_CondWait(d->cond, d->lock);
            continue;
        }
        job j = d->queue[0];
        memmove(d->queue, d->queue + 1, (d->queued - 1) * sizeof d->queue[0]);
        d->queued--;
        d->busy = true;
        d->busy_index = j.index;
        d->busy_generation = d->generation;
        picture_settings s = d->settings;
        SDL_UnlockMutex(d->lock);

        decoder_result r;
        memset(&r, 0, sizeof r);
        r.index = j.index;
        if (j.has_fit) {
            s.fit = j.fit;
        }
        r.pic = picture_load_with(j.path, j.box_w, j.box_h, &s, r.reason, sizeof r.reason);
        free(j.path);
#ifdef __GLIBC__
        /* the decode's scratch (libjpeg's pools, the scaler's rows) was freed into this thread's malloc
         * arena, which glibc keeps resident: give it back (issue 19; a fraction of a millisecond) */
        malloc_trim(0);
#endif

        SDL_LockMutex(d->lock);
        d->busy = false;
        bool keep = d->busy_generation == d->generation && !d->quit;
        if (keep) {
            d->done[d->done_count++] = r;
            d->decoded++;
        } else {
            picture_free(r.pic);
            d->dropped++;
        }
        if (keep && d->wake_event) {
            SDL_UnlockMutex(d->lock);
            wake_main(d->wake_event);
            SDL_LockMutex(d->lock);
        }
    }
    SDL_UnlockMutex(d->lock);
    return 0;
}

decoder *decoder_create(const picture_settings *s, uint32_t wake_event)
{
    decoder *d = calloc(1, sizeof *d);
    if (!d) {
        return NULL;
    }
    d->settings = *s;
    d->wake_event = wake_event;
    d->lock = SDL_CreateMutex();
    d->cond = SDL_CreateCond();
    if (d->lock && d->cond) {
        d->thread = SDL_CreateThread(worker, "kiosk-decoder", d);
    }
    if (!d->thread) {
        decoder_free(d);
        return NULL;
    }
    return d;
}

void decoder_set_settings(decoder *d, const picture_settings *s)
{
    SDL_LockMutex(d->lock);
    d->settings = *s;
    SDL_UnlockMutex(d->lock);
    decoder_reset(d); /* what was decoded or queued with the old settings is not wanted */
}

void decoder_free(decoder *d)
{
    if (!d) {
        return;
    }
    if (d->thread) {
        SDL_LockMutex(d->lock);
        d->quit = true;
        SDL_CondSignal(d->cond);
        SDL_UnlockMutex(d->lock);
        SDL_WaitThread(d->thread, NULL);
    }
    drop_queue(d);
    drop_done(d);
    if (d->cond) {
        SDL_DestroyCond(d->cond);
    }
    if (d->lock) {
        SDL_DestroyMutex(d->lock);
    }
    free(d);
}

void decoder_reset(decoder *d)
{
    SDL_LockMutex(d->lock);
    d->generation++;
    drop_queue(d);
    drop_done(d);
    SDL_CondSignal(d->cond);
    SDL_UnlockMutex(d->lock);
}

/* With the lock held. */
static bool pending_locked(const decoder *d, size_t index)
{
    if (d->busy && d->busy_index == index && d->busy_generation == d->generation) {
        return true;
    }
    for (size_t i = 0; i < d->done_count; i++) {
        if (d->done[i].index == index) {
            return true;
        }
    }
    for (size_t i = 0; i < d->queued; i++) {
        if (d->queue[i].index == index) {
            return true;
        }
    }
    return false;
}

int decoder_want(decoder *d, const decoder_job *jobs, size_t n)
{
    int rc = 0;
    job old[DECODER_MAX_JOBS];
    SDL_LockMutex(d->lock);
    size_t n_old = d->queued;
    memcpy(old, d->queue, n_old * sizeof old[0]);
    d->queued = 0;
    for (size_t i = 0; i < n && d->queued < DECODER_MAX_JOBS; i++) {
        size_t k = 0;
        while (k < n_old && !(old[k].path && old[k].index == jobs[i].index)) {
            k++;
        }
        if (k < n_old) { /* still wanted: keep its place in the new order */
            d->queue[d->queued++] = old[k];
            old[k].path = NULL;
            continue;
        }
        if (pending_locked(d, jobs[i].index)) {
            continue;
        }
        char *path = strdup(jobs[i].path);
        if (!path) {
            rc = -1;
            break;
        }
        d->queue[d->queued++] =
            (job){jobs[i].index, path, jobs[i].box_w, jobs[i].box_h, jobs[i].has_fit, jobs[i].fit};
    }
    for (size_t k = 0; k < n_old; k++) {
        if (old[k].path) { /* no longer wanted: dropped before it started */
            free(old[k].path);
            d->dropped++;
        }
    }
    SDL_CondSignal(d->cond);
    SDL_UnlockMutex(d->lock);
    return rc;
}

bool decoder_take(decoder *d, decoder_result *out)
{
    bool got = false;
    SDL_LockMutex(d->lock);
    if (d->done_count > 0) {
        *out = d->done[0];
        memmove(d->done, d->done + 1, (d->done_count - 1) * sizeof d->done[0]);
        d->done_count--;
        got = true;
        SDL_CondSignal(d->cond); /* room for the worker's next result */
    }
    SDL_UnlockMutex(d->lock);
    return got;
}

bool decoder_pending(decoder *d, size_t index)
{
    SDL_LockMutex(d->lock);
    bool p = pending_locked(d, index);
    SDL_UnlockMutex(d->lock);
    return p;
}

void decoder_get_stats(decoder *d, decoder_stats *out)
{
    SDL_LockMutex(d->lock);
    out->queued = d->queued;
    out->done = d->done_count;
    out->busy = d->busy;
    out->decoded = d->decoded;
    out->dropped = d->dropped;
    SDL_UnlockMutex(d->lock);
}
