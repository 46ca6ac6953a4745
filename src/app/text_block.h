/* text_block: a title, dateline or caption fitted into its box (textfit: wrapped, shrunk down to the
 * design's minimum size, then cut with an ellipsis and a logged warning, event=text-truncated) and drawn
 * centred line by line through the role's fallback chain. The box is width wide and as high as the design
 * gives the role (title_box_h, dateline_box_h, caption_box_h; other roles: one line). */
#ifndef KIOSK_TEXT_BLOCK_H
#define KIOSK_TEXT_BLOCK_H

#include <stddef.h>

#include <SDL.h>

#include "fonts.h"
#include "draw.h"

/* Draws text fitted into width, centred on cx, from top y; line_h is the line height at the role's
 * design size (it shrinks with the type). Returns the height used. */
int text_block_draw_centered(const slide_draw_ctx *c, font_role role, const char *text, int cx, int y,
                             int width, int line_h, SDL_Color col);
/* Logs event=text-truncated (level warn) with the role, the size, the lines kept and the text's start. */
void text_block_log_truncated(font_role role, int size, size_t lines, const char *text);
/* The height text_block_draw_centered would use. */
int text_block_height(const slide_draw_ctx *c, font_role role, const char *text, int width, int line_h);

#endif
