/* imgscale: picture geometry and high-quality downscaling on plain pixel buffers. Pure math, no SDL.
 * Pixels are 32-bit with four 8-bit channels in any order (the channels are averaged independently). */
#ifndef KIOSK_IMGSCALE_H
#define KIOSK_IMGSCALE_H

#include <stdint.h>

typedef struct {
    int x, y, w, h;
} imgscale_rect;

/* The largest rectangle with the picture's aspect ratio inside the box (letterboxed, centred).
 * Width and height are at least 1. */
imgscale_rect imgscale_fit_contain(int pic_w, int pic_h, int box_w, int box_h);
/* The smallest rectangle with the picture's aspect ratio covering the box (centred; may overhang). */
imgscale_rect imgscale_fit_cover(int pic_w, int pic_h, int box_w, int box_h);

/* Area-average (box filter with fractional coverage) resize of src (sw x sh, pitch in bytes) into dst
 * (dw x dh, pitch in bytes); meant for downscaling (dw <= sw, dh <= sh), where it does not alias.
 * Returns 0, or -1 when out of memory or sizes are invalid. dst is caller-owned. */
int imgscale_area(const void *src, int sw, int sh, int src_pitch, void *dst, int dw, int dh, int dst_pitch);

#endif
