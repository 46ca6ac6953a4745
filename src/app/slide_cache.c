/* slide_cache: see slide_cache.h. */
#include "slide_cache.h"

#include <stdlib.h>
#include <string.h>

#include "content_log.h"
#include "log.h"
#include "picture_draw.h"

#define REVEAL_FRAME_MS 16

enum { FLAG_BAD = 1, FLAG_WARNED = 2 };

static bool is_image(const slide_cache *c, size_t i)
{
    return c->show->slides[i].kind == SLIDE_IMAGE;
}

static void entry_release(slide_cache_entry *e)
{
    if (e->texture) {
        SDL_DestroyTexture(e->texture);
    }
    if (e->photo) {
        SDL_DestroyTexture(e->photo);
    }
    if (e->fade_from) {
        SDL_DestroyTexture(e->fade_from);
    }
    picture_free(e->pending);
    memset(e, 0, sizeof *e);
}

int slide_cache_init(slide_cache *c, const slide_draw_ctx *ctx, const show *s, const picture_settings *ps,
                     decoder *dec, uint32_t extra_ms)
{
    memset(c, 0, sizeof *c);
    c->ctx = *ctx;
    c->pictures = *ps;
    c->show = s;
    c->dec = dec;
    c->extra_ms = extra_ms;
    c->flags = calloc(s->count, sizeof *c->flags);
    if (dec) {
        decoder_set_settings(dec, ps);
    }
    return c->flags ? 0 : -1;
}

void slide_cache_clear(slide_cache *c)
{
    for (int k = 0; k < SLIDE_CACHE_SIZE; k++) {
        entry_release(&c->entries[k]);
    }
    if (c->scratch) {
        SDL_DestroyTexture(c->scratch);
    }
    c->scratch = NULL;
    c->refocus = true;
}

void slide_cache_free(slide_cache *c)
{
    slide_cache_clear(c);
    free(c->flags);
    c->flags = NULL;
    if (c->dec) {
        decoder_reset(c->dec);
    }
}

bool slide_cache_is_bad(const slide_cache *c, size_t i)
{
    return i < c->show->count && (c->flags[i] & FLAG_BAD);
}

size_t slide_cache_step(const slide_cache *c, size_t i, int dir)
{
    size_t n = c->show->count;
    for (size_t k = 1; k < n; k++) {
        size_t j = dir > 0 ? (i + k) % n : (i + n - k) % n;
        if (!(c->flags[j] & FLAG_BAD)) {
            return j;
        }
    }
    return i;
}

static bool wanted(const slide_cache *c, size_t i)
{
    for (size_t k = 0; k < c->want_count; k++) {
        if (c->want[k] == i) {
            return true;
        }
    }
    return false;
}

static slide_cache_entry *find(const slide_cache *c, size_t i)
{
    for (int k = 0; k < SLIDE_CACHE_SIZE; k++) {
        if (c->entries[k].used && c->entries[k].index == i) {
            return (slide_cache_entry *)&c->entries[k];
        }
    }
    return NULL;
}

/* The entry of slide i, taking a free one or the least recently used unwanted one. NULL when every
 * entry holds a wanted slide. */
static slide_cache_entry *claim(slide_cache *c, size_t i)
{
    slide_cache_entry *e = find(c, i), *victim = NULL;
    if (e) {
        return e;
    }
    for (int k = 0; k < SLIDE_CACHE_SIZE; k++) {
        e = &c->entries[k];
        if (!e->used) {
            victim = e;
            break;
        }
        if (wanted(c, e->index)) {
            continue;
        }
        if (!victim || e->stamp < victim->stamp) {
            victim = e;
        }
    }
    if (!victim) {
        return NULL;
    }
    entry_release(victim);
    victim->used = true;
    victim->index = i;
    victim->stamp = ++c->stamp;
    return victim;
}

bool slide_cache_ready(const slide_cache *c, size_t i)
{
    const slide_cache_entry *e = find(c, i);
    return !is_image(c, i) || (c->flags[i] & FLAG_BAD) || !c->dec || (e && (e->complete || e->pending));
}

void slide_cache_focus(slide_cache *c, size_t current, size_t from)
{
    if (c->focused && !c->refocus && current == c->current && from == c->from) {
        return;
    }
    c->focused = true;
    c->refocus = false;
    c->current = current;
    c->from = from;
    const size_t cand[SLIDE_CACHE_SIZE] = {current, slide_cache_step(c, current, 1),
                                           slide_cache_step(c, current, -1), from};
    c->want_count = 0;
    for (int k = 0; k < SLIDE_CACHE_SIZE; k++) {
        if (!wanted(c, cand[k])) {
            c->want[c->want_count++] = cand[k];
        }
    }
    for (int k = 0; k < SLIDE_CACHE_SIZE; k++) { /* slides left behind: their texture (a full screen) and
                                                  * decoded picture are not kept; made again if wanted */
        slide_cache_entry *e = &c->entries[k];
        if (e->used && !wanted(c, e->index)) {
            entry_release(e);
        }
    }
    if (!c->dec) {
        return;
    }
    decoder_job jobs[DECODER_MAX_JOBS];
    size_t n = 0;
    for (size_t k = 0; k < c->want_count && n < DECODER_MAX_JOBS; k++) {
        size_t i = c->want[k];
        const slide_cache_entry *e = find(c, i);
        if (!is_image(c, i) || (c->flags[i] & FLAG_BAD) || (e && (e->complete || e->pending))) {
            continue;
        }
        if (i == from && from != current) { /* fading out: its picture is not needed any more */
            continue;
        }
        const slide *s = &c->show->slides[i];
        jobs[n++] = (decoder_job){i,
                                  s->path,
                                  c->ctx.design->w,
                                  c->ctx.design->picture_h,
                                  s->fit >= 0,
                                  (imgscale_fit)(s->fit >= 0 ? s->fit : 0)};
    }
    decoder_want(c->dec, jobs, n);
}

static void log_warning(const slide *s, const char *reason)
{
    log_line l;
    log_begin(&l, LOG_WARN, "content-warning");
    log_str(&l, "path", s->source);
    log_str(&l, "reason", reason);
    log_end(&l);
}

bool slide_cache_pump(slide_cache *c)
{
    bool changed = false;
    decoder_result r;
    while (c->dec && decoder_take(c->dec, &r)) {
        if (r.index >= c->show->count) {
            picture_free(r.pic);
            continue;
        }
        const slide *s = &c->show->slides[r.index];
        if (!r.pic) {
            if (!(c->flags[r.index] & FLAG_BAD)) {
                content_log_problem(DIAG_ERROR, s->source, 0, r.reason);
            }
            c->flags[r.index] |= FLAG_BAD;
            c->refocus = true;
            changed = true;
            continue;
        }
        if (r.pic->warning[0] && !(c->flags[r.index] & FLAG_WARNED)) {
            log_warning(s, r.pic->warning);
            c->flags[r.index] |= FLAG_WARNED;
        }
        slide_cache_entry *e = wanted(c, r.index) ? claim(c, r.index) : NULL;
        if (!e || e->complete) {
            picture_free(r.pic);
            continue;
        }
        picture_free(e->pending);
        e->pending = r.pic;
        changed = true;
    }
    if (c->refocus && c->focused) {
        slide_cache_focus(c, c->current, c->from);
    }
    return changed;
}

/* Draws slide e->index into e's texture with pic (NULL: no picture). complete: the slide is final
 * (else a placeholder). A placeholder that was on screen is kept to fade from. */
static void render_into(slide_cache *c, slide_cache_entry *e, picture *pic, bool complete, uint64_t now)
{
    SDL_Renderer *r = c->ctx.renderer;
    const design *d = c->ctx.design;
    if (complete && e->texture && !e->complete && e->shown_incomplete) {
        if (e->fade_from) {
            SDL_DestroyTexture(e->fade_from);
        }
        e->fade_from = e->texture;
        e->texture = NULL;
        e->reveal_at = now;
    }
    if (!e->texture) {
        e->texture = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, d->w, d->h);
    }
    if (!e->texture) {
        return;
    }
    if (e->photo) {
        SDL_DestroyTexture(e->photo);
    }
    e->photo = NULL;
    if (pic && pic->fit == IMGSCALE_FIT_KENBURNS) {
        e->photo = SDL_CreateTextureFromSurface(r, pic->image);
        e->photo_w = pic->image->w;
        e->photo_h = pic->image->h;
        e->seed = pic->seed;
        e->kb_start = 0;
        pic->overlay_only = e->photo != NULL; /* else drawn whole, still, at its start pose */
    }
    SDL_Texture *old = SDL_GetRenderTarget(r);
    SDL_SetRenderTarget(r, e->texture);
    slide_draw(&c->ctx, &c->show->slides[e->index], pic);
    SDL_SetRenderTarget(r, old);
    e->complete = complete;
    if (!complete) {
        e->shown_incomplete = false;
    }
    if (c->focused && e->index == c->current) {
        c->redraw = true;
    }
}

/* Makes sure slide i has a texture: the final one when its picture is there (or needed none), else a
 * placeholder. Without a decoder the picture is decoded here. */
static slide_cache_entry *prepare_entry(slide_cache *c, size_t i, uint64_t now)
{
    slide_cache_entry *e = claim(c, i);
    picture *pic = NULL;
    bool complete = true;
    if (!e || (e->texture && e->complete)) {
        goto cleanup;
    }
    if (is_image(c, i) && !(c->flags[i] & FLAG_BAD)) {
        const slide *s = &c->show->slides[i];
        if (e->pending) {
            pic = e->pending;
            e->pending = NULL;
        } else if (!c->dec) {
            char why[256];
            pic = picture_load_for(s->path, c->ctx.design->w, c->ctx.design->picture_h, &c->pictures, s->fit,
                                   why, sizeof why);
            if (!pic) {
                content_log_problem(DIAG_ERROR, s->source, 0, why);
                c->flags[i] |= FLAG_BAD;
            }
        } else if (e->texture) {
            goto cleanup; /* the placeholder stays until the picture comes */
        } else {
            complete = false;
        }
    }
    render_into(c, e, pic, complete, now);
cleanup:
    picture_free(pic);
    if (e) {
        e->stamp = ++c->stamp;
    }
    return e;
}

bool slide_cache_prepare(slide_cache *c, uint64_t now)
{
    for (size_t k = 0; k < c->want_count; k++) {
        size_t i = c->want[k];
        if (i == c->from && c->from != c->current) {
            continue;
        }
        const slide_cache_entry *e = find(c, i);
        if (slide_cache_ready(c, i) && (!e || !e->texture || !e->complete)) {
            prepare_entry(c, i, now);
            return true;
        }
    }
    return false;
}

bool slide_cache_take_redraw(slide_cache *c)
{
    bool r = c->redraw;
    c->redraw = false;
    return r;
}

static void copy_texture(SDL_Renderer *r, SDL_Texture *t, Uint8 alpha)
{
    SDL_SetTextureBlendMode(t, alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(t, alpha);
    SDL_RenderCopy(r, t, NULL, NULL);
    SDL_SetTextureAlphaMod(t, 255);
}

static double kb_progress(const slide_cache *c, const slide_cache_entry *e, uint64_t now)
{
    double span = (double)c->show->slides[e->index].duration_ms + c->extra_ms;
    double t = now > e->kb_start ? (double)(now - e->kb_start) / (span > 0 ? span : 1) : 0.0;
    return t > 1 ? 1 : t;
}

/* The photo at its pose, then everything over it (premultiplied where the renderer can). */
static void compose_kenburns(slide_cache *c, slide_cache_entry *e, uint64_t now)
{
    SDL_Renderer *r = c->ctx.renderer;
    picture_draw_kenburns(r, c->ctx.design, e->photo, e->photo_w, e->photo_h, e->seed,
                          kb_progress(c, e, now));
    if (c->premul == 0) {
        c->premul_mode = SDL_ComposeCustomBlendMode(
            SDL_BLENDFACTOR_ONE, SDL_BLENDFACTOR_ONE_MINUS_SRC_ALPHA, SDL_BLENDOPERATION_ADD,
            SDL_BLENDFACTOR_ONE, SDL_BLENDFACTOR_ONE_MINUS_SRC_ALPHA, SDL_BLENDOPERATION_ADD);
        c->premul = SDL_SetTextureBlendMode(e->texture, c->premul_mode) == 0 ? 1 : -1;
    }
    SDL_SetTextureBlendMode(e->texture, c->premul > 0 ? c->premul_mode : SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(e->texture, 255);
    SDL_RenderCopy(r, e->texture, NULL, NULL);
}

/* Draws e as it looks now, with alpha. */
static void draw_layers(slide_cache *c, slide_cache_entry *e, uint64_t now, Uint8 alpha)
{
    SDL_Renderer *r = c->ctx.renderer;
    if (!e->photo) {
        copy_texture(r, e->texture, alpha);
        return;
    }
    if (e->kb_start == 0) {
        e->kb_start = now ? now : 1;
    }
    if (alpha == 255) {
        compose_kenburns(c, e, now);
        return;
    }
    if (!c->scratch) {
        c->scratch = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                       c->ctx.design->w, c->ctx.design->h);
    }
    if (!c->scratch) { /* no room to compose: the overlay alone, still dignified */
        copy_texture(r, e->texture, alpha);
        return;
    }
    SDL_Texture *old = SDL_GetRenderTarget(r);
    SDL_SetRenderTarget(r, c->scratch);
    compose_kenburns(c, e, now);
    SDL_SetRenderTarget(r, old);
    copy_texture(r, c->scratch, alpha);
}

void slide_cache_draw(slide_cache *c, size_t i, uint64_t now, Uint8 alpha)
{
    slide_cache_entry *e = find(c, i);
    if (!e || !e->texture) {
        e = prepare_entry(c, i, now);
    }
    if (!e || !e->texture) {
        return;
    }
    e->stamp = ++c->stamp;
    if (!e->complete) {
        e->shown_incomplete = true;
    }
    if (e->fade_from) {
        uint64_t el = now > e->reveal_at ? now - e->reveal_at : 0;
        if (alpha == 255 && el < SLIDE_CACHE_REVEAL_MS) {
            copy_texture(c->ctx.renderer, e->fade_from, 255);
            draw_layers(c, e, now, (Uint8)(255 * el / SLIDE_CACHE_REVEAL_MS));
            return;
        }
        SDL_DestroyTexture(e->fade_from);
        e->fade_from = NULL;
    }
    draw_layers(c, e, now, alpha);
}

uint64_t slide_cache_next_frame(const slide_cache *c, size_t i, uint64_t now)
{
    const slide_cache_entry *e = find(c, i);
    if (!e) {
        return UINT64_MAX;
    }
    if (e->fade_from) {
        return now + REVEAL_FRAME_MS;
    }
    if (e->photo && e->kb_start && kb_progress(c, e, now) < 1.0) {
        return now + SLIDE_CACHE_KB_FRAME_MS;
    }
    return UINT64_MAX;
}

void slide_cache_shown(slide_cache *c, size_t i)
{
    slide_cache_entry *e = find(c, i);
    if (e) {
        e->kb_start = 0;
    }
}

bool slide_cache_waiting(const slide_cache *c)
{
    for (size_t k = 0; c->dec && k < c->want_count; k++) {
        if (!slide_cache_ready(c, c->want[k])) {
            return true;
        }
    }
    return false;
}
