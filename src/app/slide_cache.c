/* slide_cache: see slide_cache.h. */
#include "slide_cache.h"

#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "picture.h"

int slide_cache_init(slide_cache *c, const slide_draw_ctx *ctx, const show *s)
{
    memset(c, 0, sizeof *c);
    c->ctx = *ctx;
    c->show = s;
    c->bad = calloc(s->count, sizeof *c->bad);
    return c->bad ? 0 : -1;
}

void slide_cache_clear(slide_cache *c)
{
    for (int k = 0; k < SLIDE_CACHE_SIZE; k++) {
        if (c->entries[k].texture)
            SDL_DestroyTexture(c->entries[k].texture);
        c->entries[k].texture = NULL;
    }
}

void slide_cache_free(slide_cache *c)
{
    slide_cache_clear(c);
    free(c->bad);
    c->bad = NULL;
}

bool slide_cache_is_bad(const slide_cache *c, size_t i)
{
    return i < c->show->count && c->bad[i];
}

/* Draws slide i into texture t. */
static void render_slide(slide_cache *c, size_t i, SDL_Texture *t)
{
    const slide *s = &c->show->slides[i];
    picture *pic = NULL;
    if (s->kind == SLIDE_IMAGE && !c->bad[i]) {
        char why[256];
        pic = picture_load(s->path, c->ctx.design->w, c->ctx.design->picture_h, why, sizeof why);
        if (!pic) {
            loader_log_problem(s->source, why);
            c->bad[i] = true;
        }
    }
    SDL_Texture *old = SDL_GetRenderTarget(c->ctx.renderer);
    SDL_SetRenderTarget(c->ctx.renderer, t);
    slide_draw(&c->ctx, s, pic);
    SDL_SetRenderTarget(c->ctx.renderer, old);
    picture_free(pic);
}

SDL_Texture *slide_cache_get(slide_cache *c, size_t i, size_t keep_a, size_t keep_b)
{
    int victim = -1;
    c->stamp++;
    for (int k = 0; k < SLIDE_CACHE_SIZE; k++) {
        slide_cache_entry *e = &c->entries[k];
        if (e->texture && e->index == i) {
            e->used = c->stamp;
            return e->texture;
        }
    }
    for (int k = 0; k < SLIDE_CACHE_SIZE; k++) {
        slide_cache_entry *e = &c->entries[k];
        if (!e->texture) {
            victim = k;
            break;
        }
        if (e->index == keep_a || e->index == keep_b)
            continue;
        if (victim < 0 || e->used < c->entries[victim].used)
            victim = k;
    }
    if (victim < 0)
        return NULL;
    slide_cache_entry *e = &c->entries[victim];
    if (!e->texture) {
        e->texture = SDL_CreateTexture(c->ctx.renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                       c->ctx.design->w, c->ctx.design->h);
        if (!e->texture)
            return NULL;
    }
    e->index = i;
    e->used = c->stamp;
    render_slide(c, i, e->texture);
    return e->texture;
}
