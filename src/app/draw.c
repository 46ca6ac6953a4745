/* draw: see draw.h. */
#include "draw.h"

#include <stdlib.h>
#include <string.h>

const SDL_Color DRAW_BG_TOP = {28, 27, 30, 255};
const SDL_Color DRAW_BG_BOTTOM = {14, 14, 16, 255};
const SDL_Color DRAW_TEXT = {238, 233, 224, 255};
const SDL_Color DRAW_TEXT_DIM = {170, 163, 152, 255};
const SDL_Color DRAW_ACCENT = {150, 28, 32, 255};
const SDL_Color DRAW_BANNER_BG = {8, 8, 9, 255};
const SDL_Color DRAW_BANNER_TEXT = {206, 198, 186, 255};

void draw_fill(SDL_Renderer *r, int x, int y, int w, int h, SDL_Color c)
{
    SDL_Rect rect = {x, y, w, h};
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &rect);
}

void draw_background(SDL_Renderer *r, int w, int h)
{
    const int band = 4;
    for (int y = 0; y < h; y += band) {
        int t = h > 1 ? y * 256 / h : 0;
        SDL_Color c = {
            (Uint8)(DRAW_BG_TOP.r + (DRAW_BG_BOTTOM.r - DRAW_BG_TOP.r) * t / 256),
            (Uint8)(DRAW_BG_TOP.g + (DRAW_BG_BOTTOM.g - DRAW_BG_TOP.g) * t / 256),
            (Uint8)(DRAW_BG_TOP.b + (DRAW_BG_BOTTOM.b - DRAW_BG_TOP.b) * t / 256),
            255,
        };
        draw_fill(r, 0, y, w, band, c);
    }
}

int draw_text(SDL_Renderer *r, TTF_Font *font, const char *s, size_t len, int x, int y, int line_h,
              draw_align align, SDL_Color c)
{
    int drawn = 0;
    char stackbuf[512];
    char *buf = stackbuf;
    SDL_Surface *surf = NULL;
    SDL_Texture *tex = NULL;

    if (!font || len == 0)
        goto cleanup;
    if (len >= sizeof stackbuf && !(buf = malloc(len + 1)))
        goto cleanup;
    memcpy(buf, s, len);
    buf[len] = '\0';
    surf = TTF_RenderUTF8_Blended(font, buf, c);
    if (!surf)
        goto cleanup;
    tex = SDL_CreateTextureFromSurface(r, surf);
    if (!tex)
        goto cleanup;
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    SDL_Rect dst = {x, y + (line_h - TTF_FontHeight(font)) / 2, surf->w, surf->h};
    if (align == ALIGN_CENTER)
        dst.x = x - surf->w / 2;
    else if (align == ALIGN_RIGHT)
        dst.x = x - surf->w;
    SDL_RenderCopy(r, tex, NULL, &dst);
    drawn = surf->w;
cleanup:
    if (tex)
        SDL_DestroyTexture(tex);
    if (surf)
        SDL_FreeSurface(surf);
    if (buf != stackbuf)
        free(buf);
    return drawn;
}
