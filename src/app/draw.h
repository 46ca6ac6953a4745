/* draw: small drawing primitives on an SDL_Renderer: the palette, filled rectangles, the background
 * gradient and text lines. Text is rendered with SDL_ttf (HarfBuzz shaping) into a temporary texture. */
#ifndef KIOSK_DRAW_H
#define KIOSK_DRAW_H

#include <stddef.h>

#include <SDL.h>
#include <SDL_ttf.h>

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } draw_align;

/* The palette of the exhibit: dark, warm, restrained. */
extern const SDL_Color DRAW_BG_TOP, DRAW_BG_BOTTOM, DRAW_TEXT, DRAW_TEXT_DIM, DRAW_ACCENT, DRAW_BANNER_BG,
    DRAW_BANNER_TEXT;

void draw_fill(SDL_Renderer *r, int x, int y, int w, int h, SDL_Color c);
/* Vertical gradient over the whole target. */
void draw_background(SDL_Renderer *r, int w, int h);
/* Draws s[0..len) in a line box whose top is y and height line_h; x is the left edge, the centre or the
 * right edge depending on align. Returns the drawn width (0 when font is NULL or text is empty). */
int draw_text(SDL_Renderer *r, TTF_Font *font, const char *s, size_t len, int x, int y, int line_h,
              draw_align align, SDL_Color c);

#endif
