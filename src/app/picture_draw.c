/* picture_draw: see picture_draw.h. */
#include "picture_draw.h"

#include "draw.h"
#include "imgscale.h"

#define BAND_ROWS 64 /* a picture is drawn through a texture of this many rows */

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

/* Draws img unscaled with its top left corner at (x, y), a band of BAND_ROWS rows at a time through one
 * small streaming texture, so the picture is not held twice (its surface and a texture of its size:
 * 5.7 MiB for 1500x1000; issue 19). The same pixels as one texture made from img: the band gets img's
 * blend mode, and each copy is unscaled. False when the band's texture cannot be made. */
static bool copy_in_bands(SDL_Renderer *r, SDL_Surface *img, int x, int y, SDL_BlendMode blend)
{
    int rows = img->h < BAND_ROWS ? img->h : BAND_ROWS;
    SDL_Texture *band =
        SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, img->w, rows);
    if (!band) {
        return false;
    }
    SDL_SetTextureBlendMode(band, blend);
    for (int top = 0; top < img->h; top += rows) {
        int h = img->h - top < rows ? img->h - top : rows;
        SDL_Rect src = {0, 0, img->w, h}, dst = {x, y + top, img->w, h};
        /* updating a texture a queued copy still reads makes SDL run the queue first */
        if (SDL_UpdateTexture(band, &src, (const Uint8 *)img->pixels + (size_t)top * (size_t)img->pitch,
                              img->pitch) != 0) {
            break;
        }
        SDL_RenderCopy(r, band, &src, &dst);
    }
    SDL_DestroyTexture(band);
    return true;
}

/* Draws img over dst: in bands when it is unscaled (and ARGB8888, as pictures are), else through one
 * texture of its size (blend: SDL's default for the surface when keep_blend, else the one given). */
static void draw_image(SDL_Renderer *r, SDL_Surface *img, SDL_Rect dst, bool keep_blend, SDL_BlendMode blend)
{
    if (keep_blend) {
        SDL_GetSurfaceBlendMode(img, &blend);
    }
    if (dst.w == img->w && dst.h == img->h && img->format->format == SDL_PIXELFORMAT_ARGB8888 &&
        copy_in_bands(r, img, dst.x, dst.y, blend)) {
        return;
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, img);
    if (t) {
        SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
        if (!keep_blend) {
            SDL_SetTextureBlendMode(t, blend);
        }
        SDL_RenderCopy(r, t, NULL, &dst);
        SDL_DestroyTexture(t);
    }
}

static void draw_contain(SDL_Renderer *r, const design *d, const picture *pic)
{
    SDL_Texture *back = NULL; /* destroyed once drawn */
    if (pic->backdrop_kind == PICTURE_BACKDROP_SOLID || !pic->backdrop) {
        draw_fill(r, 0, 0, d->w, d->picture_h, SOLID_BACKDROP);
    } else if ((back = SDL_CreateTextureFromSurface(r, pic->backdrop)) != NULL) {
        /* already dimmed and cut to the area's aspect (picture.c): stretched over exactly the area, with
         * no colour modulation, SDL's software renderer needs no temporary surface (issue 19) */
        SDL_SetTextureScaleMode(back, SDL_ScaleModeLinear);
        SDL_SetTextureBlendMode(back, SDL_BLENDMODE_NONE);
        SDL_Rect area = {0, 0, d->w, d->picture_h};
        SDL_RenderCopy(r, back, NULL, &area);
        SDL_DestroyTexture(back);
    }
    imgscale_rect fit = imgscale_fit_contain(pic->image->w, pic->image->h, d->w, d->picture_h);
    draw_image(r, pic->image, (SDL_Rect){fit.x, fit.y, fit.w, fit.h}, true, SDL_BLENDMODE_NONE);
}

static void draw_photo(SDL_Renderer *r, const design *d, const picture *pic)
{
    if (pic->fit == IMGSCALE_FIT_CONTAIN) {
        draw_contain(r, d, pic);
        return;
    }
    if (pic->fit != IMGSCALE_FIT_KENBURNS) { /* cover: the crop already has the area's aspect */
        draw_image(r, pic->image, (SDL_Rect){0, 0, d->w, d->picture_h}, false, SDL_BLENDMODE_NONE);
        return;
    }
    SDL_Texture *img = SDL_CreateTextureFromSurface(r, pic->image);
    if (img) {
        picture_draw_kenburns(r, d, img, pic->image->w, pic->image->h, pic->seed, pic->pose_t);
        SDL_DestroyTexture(img);
    }
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
