/* slide_draw: draws one slide at rest onto the renderer's current target: the background, an image
 * slide's picture, then the slide's display list as the show laid it out (slide_layout: every text line,
 * rule, strip and the emblem, positioned and sized), each box painted as it says and nothing decided
 * here. A slide without a display list (a card the app made itself) is laid out first, the same way. */
#ifndef KIOSK_SLIDE_DRAW_H
#define KIOSK_SLIDE_DRAW_H

#include <SDL.h>

#include "design.h"
#include "draw.h" /* slide_draw_ctx */
#include "fonts.h"
#include "picture.h"
#include "show.h"

/* pic: the decoded picture of an image slide, or NULL (then the slide is drawn as a quiet empty frame). */
void slide_draw(const slide_draw_ctx *c, const slide *s, const picture *pic);

#endif
