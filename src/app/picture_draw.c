/* picture_draw: see picture_draw.h. */
#include "picture_draw.h"

#include "draw.h"
#include "imgscale.h"

#define BACKDROP_DIM 70 /* the blurred backdrop at 70/255 of its brightness */

static const SDL_Color SOLID_BACKDROP = {14, 14, 16, 255};

void picture_draw_kenburns(SDL_Renderer *r, const design *d, SDL_Texture *photo, int w, int h, uint32_t seed,
                           double t)
{
    imgscale_frect v = imgscale_kenburns(w, h, seed, t);
    double sx = d->w / v.w, sy = d->picture_h / v.h;
    SDL_FRect dst = {(float)(-v.x * sx), (float)(-v.y * sy), (float)(w * sx), (float)(h * sy)};
    SDL_Rect area = {0, 0, d->w, d->picture_h};
    SDL_SetTextureScaleMode(photo, SDL_ScaleModeLinear);
    SDL_SetTextureBlendMode(photo, SDL_BLENDMODE_NONE);
    SDL_RenderSetClipRect(r, &area);
    SDL_RenderCopyF(r, photo, NULL, &dst);
    SDL_RenderSetClipRect(r, NULL);
}

static void draw_contain(SDL_Renderer *r, const design *d, const picture *pic)
{
    SDL_Texture *back = NULL, *img = NULL; /* each destroyed once drawn */
    if (pic->backdrop_kind == PICTURE_BACKDROP_SOLID || !pic->backdrop) {
        draw_fill(r, 0, 0, d->w, d->picture_h, SOLID_BACKDROP);
    } else if ((back = SDL_CreateTextureFromSurface(r, pic->backdrop)) != NULL) {
        SDL_SetTextureScaleMode(back, SDL_ScaleModeLinear);
        SDL_SetTextureBlendMode(back, SDL_BLENDMODE_NONE);
        SDL_SetTextureColorMod(back, BACKDROP_DIM, BACKDROP_DIM, BACKDROP_DIM);
        imgscale_rect cover = imgscale_fit_cover(pic->backdrop->w, pic->backdrop->h, d->w, d->picture_h);
        SDL_Rect dst = {cover.x, cover.y, cover.w, cover.h};
        SDL_Rect area = {0, 0, d->w, d->picture_h};
        SDL_RenderSetClipRect(r, &area);
        SDL_RenderCopy(r, back, NULL, &dst);
        SDL_RenderSetClipRect(r, NULL);
        /* destroying it runs the queued copy now: SDL's software renderer stretches it through a
         * temporary surface of dst's size (the cover rectangle overhangs the target), freed before the
         * picture's texture below is made, not next to it (issue 19: about 7 MB less at the peak) */
        SDL_DestroyTexture(back);
    }
    img = SDL_CreateTextureFromSurface(r, pic->image);
    if (img) {
        SDL_SetTextureScaleMode(img, SDL_ScaleModeLinear);
        imgscale_rect fit = imgscale_fit_contain(pic->image->w, pic->image->h, d->w, d->picture_h);
        SDL_Rect dst = {fit.x, fit.y, fit.w, fit.h};
        SDL_RenderCopy(r, img, NULL, &dst);
        SDL_DestroyTexture(img);
    }
}

static void draw_photo(SDL_Renderer *r, const design *d, const picture *pic)
{
    if (pic->fit == IMGSCALE_FIT_CONTAIN) {
        draw_contain(r, d, pic);
        return;
    }
    SDL_Texture *img = SDL_CreateTextureFromSurface(r, pic->image);
    if (!img) {
        return;
    }
    if (pic->fit == IMGSCALE_FIT_KENBURNS) {
        picture_draw_kenburns(r, d, img, pic->image->w, pic->image->h, pic->seed, pic->pose_t);
    } else { /* cover: the crop already has the area's aspect */
        SDL_Rect dst = {0, 0, d->w, d->picture_h};
        SDL_SetTextureScaleMode(img, SDL_ScaleModeLinear);
        SDL_SetTextureBlendMode(img, SDL_BLENDMODE_NONE);
        SDL_RenderCopy(r, img, NULL, &dst);
    }
    SDL_DestroyTexture(img);
}

void picture_draw(const slide_draw_ctx *c, const slide *s, const picture *pic)
{
    const design *d = c->design;
    SDL_Renderer *r = c->renderer;
    (void)s; /* its caption is in the slide's display list (slide_layout), painted by slide_draw */

    if (pic && pic->overlay_only) { /* replaced (not blended) by transparent black: premultiplied nothing */
        SDL_Rect area = {0, 0, d->w, d->picture_h};
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(r, 0, 0, 0, 0);
        SDL_RenderFillRect(r, &area);
    } else if (pic) {
        draw_photo(r, d, pic);
    }
}
