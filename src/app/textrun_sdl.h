/* textrun_sdl: measuring and drawing a line of text through its runs (textrun_split): each run is shaped
 * by SDL_ttf's HarfBuzz with its own font, script (TTF_SetFontScriptName) and direction
 * (TTF_SetFontDirection), and the runs are placed side by side in visual order. Measuring and drawing
 * share the split and the per-run widths, so what layout measured is exactly what is drawn. */
#ifndef KIOSK_TEXTRUN_SDL_H
#define KIOSK_TEXTRUN_SDL_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "fonts.h"

/* Width in pixels of s[0..len), a line of a paragraph of direction rtl, in chain c. */
int textrun_sdl_measure(fonts_chain *c, const char *s, size_t len, bool rtl);
/* Draws s[0..len) with its left edge at x, its baseline where the chain's first font puts it in a line
 * box of height line_h whose top is y. Returns the width drawn; *ink (if not NULL) gets the union of the
 * rendered run boxes (w = 0 when nothing was drawn). */
int textrun_sdl_draw(SDL_Renderer *r, fonts_chain *c, const char *s, size_t len, bool rtl, int x, int y,
                     int line_h, SDL_Color col, SDL_Rect *ink);

#endif
