/* picture: see picture.h. */
#include "picture.h"

#include <stdio.h>

#include <SDL_image.h>

#include "imgscale.h"

/* Scales an ARGB8888 surface down to w x h with the area filter. */
static SDL_Surface *scale_down(SDL_Surface *src, int w, int h)
{
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst)
        return NULL;
    if (imgscale_area(src->pixels, src->w, src->h, src->pitch, dst->pixels, w, h, dst->pitch) != 0) {
        SDL_FreeSurface(dst);
        return NULL;
    }
    return dst;
}

picture *picture_load(const char *path, int box_w, int box_h, char *err, size_t errlen)
{
    picture *p = NULL;
    SDL_Surface *raw = NULL, *argb = NULL;

    raw = IMG_Load(path);
    if (!raw) {
        snprintf(err, errlen, "the picture cannot be read (%s)", IMG_GetError());
        goto cleanup;
    }
    argb = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    if (!argb) {
        snprintf(err, errlen, "the picture cannot be converted (%s)", SDL_GetError());
        goto cleanup;
    }
    p = SDL_calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        goto cleanup;
    }
    p->source_w = argb->w;
    p->source_h = argb->h;
    imgscale_rect fit = imgscale_fit_contain(argb->w, argb->h, box_w, box_h);
    if (fit.w < argb->w && fit.h < argb->h) {
        p->image = scale_down(argb, fit.w, fit.h);
    } else {
        p->image = argb;
        argb = NULL;
    }
    if (!p->image) {
        snprintf(err, errlen, "out of memory while scaling the picture");
        goto fail;
    }
    imgscale_rect tiny = imgscale_fit_cover(p->image->w, p->image->h, 32, 18);
    tiny.w = tiny.w > p->image->w ? p->image->w : tiny.w;
    tiny.h = tiny.h > p->image->h ? p->image->h : tiny.h;
    p->backdrop = scale_down(p->image, tiny.w, tiny.h);
    if (!p->backdrop) {
        snprintf(err, errlen, "out of memory while scaling the picture");
        goto fail;
    }
    goto cleanup;
fail:
    picture_free(p);
    p = NULL;
cleanup:
    if (argb)
        SDL_FreeSurface(argb);
    if (raw)
        SDL_FreeSurface(raw);
    return p;
}

void picture_free(picture *p)
{
    if (!p)
        return;
    if (p->image)
        SDL_FreeSurface(p->image);
    if (p->backdrop)
        SDL_FreeSurface(p->backdrop);
    SDL_free(p);
}
