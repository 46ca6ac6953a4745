/* check_pool: see check_pool.h. */
#include "check_pool.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "log.h"

/* The reason kept when even the reason cannot be copied: the picture still counts as bad. */
static char no_memory[] = "out of memory while checking the picture";

typedef struct {
    const content *c;
    const picture_settings *s;
    char **why;        /* one slot per item, written only by the worker that took the item */
    SDL_atomic_t next; /* the next item to take */
    SDL_atomic_t done; /* pictures checked, for the progress line */
    SDL_sem *finished; /* posted once by each worker as it ends */
} pool;

char *check_pool_one(const char *path, const picture_settings *s)
{
    char why[256];
    int proved = picture_proved_whole(path, s, why, sizeof why); /* most photos: no decoding at all */
    if (proved == 1) {
        return NULL;
    }
    picture *p = proved == 0 ? picture_load_with(path, CHECK_BOX, CHECK_BOX, s, why, sizeof why) : NULL;
    if (p) {
        picture_free(p);
        return NULL;
    }
    char *copy = strdup(why);
    if (!copy) {
        return no_memory;
    }
    return copy;
}

static int worker(void *arg)
{
    pool *pl = arg;
    for (;;) {
        int i = SDL_AtomicAdd(&pl->next, 1);
        if (i < 0 || (size_t)i >= pl->c->count) {
            break;
        }
        const content_item *it = &pl->c->items[i];
        if (it->kind != CONTENT_IMAGE) {
            continue;
        }
        pl->why[i] = check_pool_one(it->abs_path, pl->s);
        SDL_AtomicAdd(&pl->done, 1);
    }
    if (pl->finished) {
        SDL_SemPost(pl->finished);
    }
    return 0;
}

static void log_progress(size_t done, size_t total)
{
    log_line l;
    log_begin(&l, LOG_INFO, "check-progress");
    log_uint(&l, "done", done);
    log_uint(&l, "total", total);
    log_end(&l);
}

/* Waits for n workers to post pl->finished, with a progress line every interval_ms when progress. */
static void wait_workers(pool *pl, int n, size_t total, uint32_t interval_ms, bool progress)
{
    Uint64 next = SDL_GetTicks64() + interval_ms;
    for (int ended = 0; ended < n;) {
        Uint64 now = SDL_GetTicks64();
        if (progress && now >= next) {
            log_progress((size_t)SDL_AtomicGet(&pl->done), total);
            next = now + interval_ms;
        }
        Uint32 wait = progress ? (Uint32)(next > now ? next - now : 0) : 1000;
        if (SDL_SemWaitTimeout(pl->finished, wait) == 0) {
            ended++;
        }
    }
}

check_pool_options check_pool_defaults(void)
{
    return (check_pool_options){0, CHECK_PROGRESS_MS, CHECK_PROGRESS_MIN};
}

static int thread_count(const check_pool_options *o, size_t pictures)
{
    int n = o->threads > 0 ? o->threads : SDL_GetCPUCount();
    n = n < 1 ? 1 : n > CHECK_THREADS_MAX ? CHECK_THREADS_MAX : n;
    return (size_t)n > pictures ? (pictures > 0 ? (int)pictures : 1) : n;
}

int check_pool_run(const content *c, const picture_settings *s, const check_pool_options *o,
                   check_verdicts *out)
{
    int rc = -1, started = 0;
    SDL_Thread *threads[CHECK_THREADS_MAX] = {0};
    pool pl = {.c = c, .s = s};

    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < c->count; i++) {
        out->pictures += c->items[i].kind == CONTENT_IMAGE;
    }
    out->count = c->count;
    out->why = calloc(c->count + 1, sizeof *out->why);
    if (!out->why) {
        goto cleanup;
    }
    pl.why = out->why;
    int want = thread_count(o, out->pictures);
    pl.finished = out->pictures > 0 ? SDL_CreateSemaphore(0) : NULL;
    for (int t = 0; pl.finished && t < want; t++) {
        char name[32];
        snprintf(name, sizeof name, "kiosk-check-%d", t + 1);
        threads[t] = SDL_CreateThread(worker, name, &pl);
        started += threads[t] != NULL;
        if (!threads[t]) {
            break;
        }
    }
    out->threads = started > 0 ? started : 1;
    if (started > 0) {
        bool progress = o->progress_min != SIZE_MAX && out->pictures > o->progress_min;
        wait_workers(&pl, started, out->pictures, o->progress_ms ? o->progress_ms : CHECK_PROGRESS_MS,
                     progress);
    } else {
        worker(&pl); /* no picture, or no thread could start: this one does it all */
    }
    rc = 0;
cleanup:
    for (int t = 0; t < CHECK_THREADS_MAX; t++) {
        if (threads[t]) {
            SDL_WaitThread(threads[t], NULL);
        }
    }
    if (pl.finished) {
        SDL_DestroySemaphore(pl.finished);
    }
    return rc;
}

void check_verdicts_free(check_verdicts *v)
{
    for (size_t i = 0; v->why && i < v->count; i++) {
        if (v->why[i] != no_memory) {
            free(v->why[i]);
        }
    }
    free(v->why);
    memset(v, 0, sizeof *v);
}
