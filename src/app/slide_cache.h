/* slide_cache: the slides near the one on screen, each drawn once into a screen-sized target texture,
 * so a transition only blends textures and text is rendered once per slide. Pictures come from the
 * decoder's worker thread; textures are made here, on the render thread.
 *
 * Which slides: slide_cache_focus names the current slide and the one fading out; the cache then wants
 * those and the next and previous slides that are not known to be bad, asks the decoder for their
 * pictures (current first) and keeps at most SLIDE_CACHE_SIZE entries; a slide that is no longer wanted
 * is evicted at once (texture and decoded picture: a full screen each, issue 19). Decoded
 * memory is bounded by the cache and the decoder's queue, never by the number of photos.
 *
 * Pictures not decoded yet: a slide drawn before its picture is there shows a quiet placeholder (its
 * background, caption and banner, no photo). A texture in use is never swapped under a running
 * transition; at rest (slide_cache_prepare) the picture is drawn and fades in over the placeholder in
 * SLIDE_CACHE_REVEAL_MS. The app avoids placeholders by letting an auto-advance wait for
 * slide_cache_ready (see app.c); a visitor's tap is answered at once, placeholder or not.
 *
 * Ken Burns: the slide is kept as two textures, the photo and everything over it (caption strip,
 * banner; the photo area transparent, premultiplied alpha), and composed each frame with the photo at
 * its pose. The motion runs from the moment the photo first appears for the slide's duration plus
 * extra_ms (its two transitions), then stops: a still slide costs nothing.
 *
 * Pictures that fail to decode are logged once (event=content-error) and remembered as bad; the app
 * skips them. Without a decoder (NULL), pictures are decoded synchronously when first drawn.
 * Ownership: the cache owns its textures, pending pictures and per-slide flags; it borrows the
 * renderer, design, fonts, show and decoder, which must outlive it (make a new cache when any changes). */
#ifndef KIOSK_SLIDE_CACHE_H
#define KIOSK_SLIDE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "decoder.h"
#include "picture.h"
#include "slide_draw.h"

#define SLIDE_CACHE_SIZE 4 /* current, the one fading out, next, previous */
#define SLIDE_CACHE_REVEAL_MS 450
#define SLIDE_CACHE_KB_FRAME_MS 33 /* Ken Burns frames: about 30 per second */

typedef struct {
    bool used;
    size_t index;
    SDL_Texture *texture;   /* the slide at rest (kenburns: everything over the photo) */
    SDL_Texture *photo;     /* kenburns: the photo, drawn under texture at its pose; else NULL */
    int photo_w, photo_h;   /* kenburns */
    uint32_t seed;          /* kenburns motion */
    bool complete;          /* texture has the picture (or the slide needs none) */
    bool shown_incomplete;  /* the placeholder has been on screen: the picture will fade in */
    picture *pending;       /* decoded, not drawn yet (CPU side) */
    SDL_Texture *fade_from; /* the placeholder the picture is fading in over, or NULL */
    uint64_t reveal_at;     /* when that fade began */
    uint64_t kb_start;      /* when the photo first appeared (0: not yet) */
    uint64_t stamp;         /* last use, for eviction */
} slide_cache_entry;

typedef struct {
    slide_draw_ctx ctx;
    const show *show;
    picture_settings pictures; /* the exhibit's, for decoding on this thread (the decoder gets a copy) */
    decoder *dec;              /* borrowed, may be NULL */
    uint32_t extra_ms;         /* kenburns motion beyond the slide's duration */
    slide_cache_entry entries[SLIDE_CACHE_SIZE];
    SDL_Texture *scratch; /* kenburns: a moving slide composed here before it is faded */
    uint8_t *flags;       /* per slide: picture failed to decode (bad), warning logged */
    size_t want[SLIDE_CACHE_SIZE];
    size_t want_count;
    size_t current, from;
    bool focused, refocus;
    bool redraw; /* the current slide's texture changed since the last slide_cache_take_redraw */
    int premul;  /* overlay blend mode: 0 untried, 1 premultiplied, -1 unsupported (plain blend) */
    SDL_BlendMode premul_mode;
    uint64_t stamp;
} slide_cache;

/* Returns 0, or -1 when out of memory. Gives the decoder the picture settings ps and resets it (its
 * results belong to the previous cache). */
int slide_cache_init(slide_cache *c, const slide_draw_ctx *ctx, const show *s, const picture_settings *ps,
                     decoder *dec, uint32_t extra_ms);
void slide_cache_free(slide_cache *c);
/* Drops every texture and pending picture (e.g. the render targets were lost); they are made again. */
void slide_cache_clear(slide_cache *c);
/* The slide on screen and the one fading out (== current at rest). Cheap when nothing changed. */
void slide_cache_focus(slide_cache *c, size_t current, size_t from);
/* Collects finished decodes (main thread, each loop iteration). True when something changed that may
 * need a redraw or lets a waiting transition start (a picture came, or turned out bad). */
bool slide_cache_pump(slide_cache *c);
/* True when slide i can be shown in full now: a text slide, a bad picture (to be skipped), a decoded
 * picture, or any slide when there is no decoder. */
bool slide_cache_ready(const slide_cache *c, size_t i);
/* At rest: draws one wanted slide whose texture is missing or whose picture has come (current first).
 * True when it did some work (call again on the next loop iteration). */
bool slide_cache_prepare(slide_cache *c, uint64_t now);
/* True once after slide_cache_prepare redrew the texture of the current slide (its picture came while
 * it was on screen): the screen must be drawn again to show it. */
bool slide_cache_take_redraw(slide_cache *c);
/* Draws slide i over the whole current render target: alpha 255 replaces what is there, less blends
 * over it. Draws the placeholder when the picture is not there yet. */
void slide_cache_draw(slide_cache *c, size_t i, uint64_t now, Uint8 alpha);
/* When slide i looks different by itself next (a reveal, a Ken Burns frame), or UINT64_MAX. */
uint64_t slide_cache_next_frame(const slide_cache *c, size_t i, uint64_t now);
/* Slide i became the current one: its Ken Burns motion starts again when it next appears. */
void slide_cache_shown(slide_cache *c, size_t i);
bool slide_cache_is_bad(const slide_cache *c, size_t i);
/* The slide that follows i in direction dir (+1 or -1), skipping known bad pictures; i itself when
 * every other slide is bad. */
size_t slide_cache_step(const slide_cache *c, size_t i, int dir);
/* True while a wanted picture is being decoded or waits to be (for a loop with no wake event). */
bool slide_cache_waiting(const slide_cache *c);

#endif
