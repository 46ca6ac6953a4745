/* picture_draw: an image slide's picture area: the photo in its fit mode (its caption strip is in the
 * slide's display list, slide_layout).
 *   contain   the whole photo, letterboxed over a dark, dimmed, blurred copy of itself (or a solid colour);
 *   cover     the photo cropped to fill the area;
 *   kenburns  like cover, at a pose of its slow pan and zoom (pic->pose_t; 0, the start pose, at rest).
 * With pic->overlay_only, only what lies over the photo is drawn and the picture area is left
 * transparent (premultiplied alpha), so the photo can be drawn under it every frame (kenburns).
 * Ownership: nothing is kept; textures made here are destroyed before returning. */
#ifndef KIOSK_PICTURE_DRAW_H
#define KIOSK_PICTURE_DRAW_H

#include <stdint.h>

#include "picture.h"
#include "show.h"
#include "draw.h"

/* pic may be NULL (the picture failed to decode, or is not decoded yet): then nothing is drawn here,
 * a quiet empty frame. */
void picture_draw(const slide_draw_ctx *c, const slide *s, const picture *pic);
/* Draws photo (w x h, made for kenburns: the picture area's aspect) into the picture area at Ken Burns
 * progress t, clipped to the area. */
void picture_draw_kenburns(SDL_Renderer *r, const design *d, SDL_Texture *photo, int w, int h, uint32_t seed,
                           double t);

#endif
