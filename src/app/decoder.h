/* decoder: decodes pictures on a worker thread, so the event loop never blocks on a file.
 * The main thread says which slides it wants, most urgent first (decoder_want replaces the previous
 * wish list: requests no longer wanted are dropped before they start); the worker decodes them one at a
 * time with picture_load_with (CPU-side surfaces only, no renderer calls) and, when one is done, wakes
 * the main thread with an SDL user event (so SDL_WaitEventTimeout returns); the main thread collects
 * results with decoder_take and makes textures from them itself.
 * Memory is bounded whatever the size of the show: at most DECODER_MAX_JOBS queued requests, one
 * picture being decoded and DECODER_MAX_DONE finished ones (the worker waits while those are not taken).
 * Ownership: the decoder owns its thread, its copies of the requested paths and the finished pictures
 * until they are taken; a taken picture belongs to the caller (picture_free). decoder_free joins the
 * thread (waiting for a decode in progress) and frees everything. */
#ifndef KIOSK_DECODER_H
#define KIOSK_DECODER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "picture.h"

#define DECODER_MAX_JOBS 3
#define DECODER_MAX_DONE 3

typedef struct decoder decoder;

typedef struct {
    size_t index;     /* the caller's key (a slide index) */
    const char *path; /* copied */
    int box_w, box_h; /* the picture area */
    bool has_fit;     /* fit overrides the decoder's settings for this picture (playlist.txt fit=) */
    imgscale_fit fit;
} decoder_job;

typedef struct {
    size_t index;
    picture *pic;     /* the caller's after decoder_take; NULL when the picture could not be decoded */
    char reason[256]; /* why not, in plain words */
} decoder_result;

typedef struct {
    size_t queued, done; /* requests waiting, results waiting */
    bool busy;           /* a decode is running */
    size_t decoded;      /* results delivered so far */
    size_t dropped;      /* requests dropped unstarted, and results of a previous generation discarded */
} decoder_stats;

/* Starts the worker with a copy of the settings. wake_event: an SDL event type (SDL_RegisterEvents)
 * pushed after each result; 0 for none. NULL when the thread cannot be started. */
decoder *decoder_create(const picture_settings *s, uint32_t wake_event);
void decoder_free(decoder *d);
/* New settings (a reloaded kiosk.conf) for the requests that follow; forgets every request and result
 * (decoder_reset). */
void decoder_set_settings(decoder *d, const picture_settings *s);
/* Forgets every request and result (e.g. the show or the screen size changed); a decode in progress
 * is discarded when it ends. */
void decoder_reset(decoder *d);
/* The new wish list (at most DECODER_MAX_JOBS are kept). Slides being decoded or already decoded and
 * not taken are not queued again. Returns 0, or -1 when out of memory (the list is then shorter). */
int decoder_want(decoder *d, const decoder_job *jobs, size_t n);
/* Moves the oldest result into *out. False when there is none. */
bool decoder_take(decoder *d, decoder_result *out);
/* True when slide index is queued, being decoded or decoded and not taken. */
bool decoder_pending(decoder *d, size_t index);
void decoder_get_stats(decoder *d, decoder_stats *out);

#endif
