/* slide_draw: draws one slide at rest onto the renderer's current target, following the design grid.
 * Text that was laid out by the show is drawn line by line; titles are laid out here with the same
 * layout module. Nothing is drawn outside the safe area except backdrops and the banner strip. */
#ifndef KIOSK_SLIDE_DRAW_H
#define KIOSK_SLIDE_DRAW_H

#include <SDL.h>

#include "design.h"
#include "draw.h" /* slide_draw_ctx */
#include "fonts.h"
#include "picture.h"
#include "show.h"

/* The height the emblem is drawn at on a screen of design d (load it at that height). */
int slide_draw_emblem_height(const design *d);

/* pic: the decoded picture of an image slide, or NULL (then the slide is drawn as a quiet empty frame). */
void slide_draw(const slide_draw_ctx *c, const slide *s, const picture *pic);

#endif
