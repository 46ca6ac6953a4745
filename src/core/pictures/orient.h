/* orient: EXIF orientation on plain pixel buffers. The eight values say how the stored rows and
 * columns map onto the picture as it should be seen:
 *   1 as stored            2 mirrored left-right     3 turned 180 degrees     4 mirrored top-bottom
 *   5 transposed           6 turned 90 clockwise      7 transversed            8 turned 90 anticlockwise
 * (5 = mirrored across the top-left to bottom-right diagonal; 7 = across the other diagonal.)
 * Values 5..8 swap width and height. Anything else counts as 1. Pure: no allocation, no I/O; pixels
 * are 32-bit (any channel order). */
#ifndef KIOSK_ORIENT_H
#define KIOSK_ORIENT_H

#include <stdbool.h>

#include "imgscale.h"

/* True for 5..8 (the shown picture is the stored one with width and height swapped). */
bool orient_swaps(int orientation);
/* The shown size of a stored w x h picture. */
void orient_size(int orientation, int w, int h, int *shown_w, int *shown_h);
/* Where the stored pixel (x, y) of a stored w x h picture is shown. */
void orient_to_shown(int orientation, int w, int h, int x, int y, int *sx, int *sy);
/* Which stored pixel is shown at (sx, sy); the inverse of orient_to_shown. */
void orient_to_stored(int orientation, int w, int h, int sx, int sy, int *x, int *y);
/* The stored rectangle whose pixels are shown as rectangle r (in shown coordinates) of a stored
 * w x h picture. r must lie inside the shown picture. */
imgscale_rect orient_rect_to_stored(int orientation, int w, int h, imgscale_rect r);
/* Writes the shown picture of src (stored w x h, pitch in bytes) into dst (orient_size, dst_pitch in
 * bytes). src and dst must not overlap. Returns 0, or -1 for invalid sizes. */
int orient_apply(int orientation, const void *src, int w, int h, int src_pitch, void *dst, int dst_pitch);

#endif
