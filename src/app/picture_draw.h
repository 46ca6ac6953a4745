/* picture_draw: an image slide: the picture letterboxed (contain) over a dark, blurred copy of itself,
 * and its caption on a translucent strip. */
#ifndef KIOSK_PICTURE_DRAW_H
#define KIOSK_PICTURE_DRAW_H

#include "picture.h"
#include "show.h"
#include "slide_draw.h"

/* pic may be NULL (the picture failed to decode): then only the background and caption are drawn. */
void picture_draw(const slide_draw_ctx *c, const slide *s, const picture *pic);

#endif
