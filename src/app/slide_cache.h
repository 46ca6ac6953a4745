/* slide_cache: each slide drawn once into a screen-sized target texture and kept while it is on screen
 * or about to be, so a transition only blends two textures and text is rendered once per slide.
 * Holds at most SLIDE_CACHE_SIZE textures (current, previous, next): memory does not grow with the show.
 * Pictures that fail to decode are logged once and remembered as bad (the app skips them).
 * Ownership: the cache owns its textures and its bad-slide flags; it borrows renderer, design, fonts and
 * show, which must outlive it (call slide_cache_reset when any of them changes). */
#ifndef KIOSK_SLIDE_CACHE_H
#define KIOSK_SLIDE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "slide_draw.h"

#define SLIDE_CACHE_SIZE 3

typedef struct {
    SDL_Texture *texture;
    size_t index;
    uint64_t used; /* last use stamp, for eviction */
} slide_cache_entry;

typedef struct {
    slide_draw_ctx ctx;
    const show *show;
    slide_cache_entry entries[SLIDE_CACHE_SIZE];
    bool *bad; /* show->count flags: picture failed to decode */
    uint64_t stamp;
} slide_cache;

/* Returns 0, or -1 when out of memory. */
int slide_cache_init(slide_cache *c, const slide_draw_ctx *ctx, const show *s);
void slide_cache_free(slide_cache *c);
/* Drops every texture (e.g. the render targets were lost). */
void slide_cache_clear(slide_cache *c);
/* The texture of slide i, drawing it first when needed; keep_a/keep_b are not evicted to make room.
 * NULL when the texture cannot be created. */
SDL_Texture *slide_cache_get(slide_cache *c, size_t i, size_t keep_a, size_t keep_b);
bool slide_cache_is_bad(const slide_cache *c, size_t i);

#endif
