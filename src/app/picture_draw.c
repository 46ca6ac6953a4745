/* picture_draw: see picture_draw.h. */
#include "picture_draw.h"

#include "draw.h"
#include "imgscale.h"
#include "text_block.h"

static int px(double v)
{
    return (int)(v + 0.5);
}

void picture_draw(const slide_draw_ctx *c, const slide *s, const picture *pic)
{
    const design *d = c->design;
    SDL_Renderer *r = c->renderer;
    SDL_Texture *back = NULL, *img = NULL;

    if (!pic)
        goto cleanup;
    back = SDL_CreateTextureFromSurface(r, pic->backdrop);
    img = SDL_CreateTextureFromSurface(r, pic->image);
    if (back) { /* a dark, blurred copy of the picture fills the letterbox */
        SDL_SetTextureScaleMode(back, SDL_ScaleModeLinear);
        SDL_SetTextureColorMod(back, 70, 70, 70);
        imgscale_rect cover = imgscale_fit_cover(pic->backdrop->w, pic->backdrop->h, d->w, d->picture_h);
        SDL_Rect dst = {cover.x, cover.y, cover.w, cover.h};
        SDL_RenderCopy(r, back, NULL, &dst);
    }
    if (img) {
        SDL_SetTextureScaleMode(img, SDL_ScaleModeLinear);
        imgscale_rect fit = imgscale_fit_contain(pic->image->w, pic->image->h, d->w, d->picture_h);
        SDL_Rect dst = {fit.x, fit.y, fit.w, fit.h};
        SDL_RenderCopy(r, img, NULL, &dst);
    }
cleanup:
    if (s->caption && *s->caption) {
        int w = d->safe_w - 2 * px(d->w * 0.04);
        int text_h = text_block_height(c, FONT_CAPTION, s->caption, w, d->caption_line_h);
        int pad = px(d->caption_size * 0.6);
        int strip_h = text_h + 2 * pad;
        int y = d->picture_h - strip_h;
        draw_fill(r, 0, y, d->w, strip_h, (SDL_Color){0, 0, 0, 165});
        text_block_draw_centered(c, FONT_CAPTION, s->caption, d->w / 2, y + pad, w, d->caption_line_h,
                                 DRAW_TEXT);
    }
    if (back)
        SDL_DestroyTexture(back);
    if (img)
        SDL_DestroyTexture(img);
}
