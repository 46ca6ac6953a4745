/* text_block: a paragraph of text wrapped to a width and drawn centred, line by line, with the layout
 * module's line breaking and the role's font. Used for titles, datelines and captions. */
#ifndef KIOSK_TEXT_BLOCK_H
#define KIOSK_TEXT_BLOCK_H

#include <SDL.h>

#include "fonts.h"
#include "slide_draw.h"

/* Draws text wrapped into width, centred on cx, from top y; returns the height used. */
int text_block_draw_centered(const slide_draw_ctx *c, font_role role, const char *text, int cx, int y,
                             int width, int line_h, SDL_Color col);
/* The height text_block_draw_centered would use. */
int text_block_height(const slide_draw_ctx *c, font_role role, const char *text, int width, int line_h);

#endif
