/* imgscale: picture geometry and high-quality downscaling on plain pixel buffers. Pure math, no SDL.
 * Pixels are 3 or 4 bytes with 8-bit channels in any order (the channels are averaged independently).
 *
 * Fit modes (how a picture fills the picture area, the "box"):
 *   contain  the whole picture, letterboxed and centred (the rest is a backdrop);
 *   cover    cropped (centred) to the box's aspect and filling it;
 *   kenburns like cover, with a slow, subtle pan and zoom inside the crop while the slide is shown. */
#ifndef KIOSK_IMGSCALE_H
#define KIOSK_IMGSCALE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int x, y, w, h;
} imgscale_rect;

typedef struct {
    double x, y, w, h;
} imgscale_frect;

typedef enum { IMGSCALE_FIT_CONTAIN, IMGSCALE_FIT_COVER, IMGSCALE_FIT_KENBURNS } imgscale_fit;

/* "contain", "cover", "kenburns". */
const char *imgscale_fit_name(imgscale_fit f);
/* Parses one of those names; returns 0, or -1 (and leaves *out alone). */
int imgscale_parse_fit(const char *s, imgscale_fit *out);

/* The largest rectangle with the picture's aspect ratio inside the box (letterboxed, centred).
 * Width and height are at least 1. */
imgscale_rect imgscale_fit_contain(int pic_w, int pic_h, int box_w, int box_h);
/* The smallest rectangle with the picture's aspect ratio covering the box (centred; may overhang). */
imgscale_rect imgscale_fit_cover(int pic_w, int pic_h, int box_w, int box_h);
/* The largest centred region of the picture with the box's aspect ratio (what cover shows), in picture
 * pixels; inside the picture, at least 1x1. */
imgscale_rect imgscale_crop_cover(int pic_w, int pic_h, int box_w, int box_h);

/* What to keep of a picture (pic_w x pic_h as shown) for a fit mode and box, and the size to scale that
 * region to: never larger than the region (the CPU does not enlarge; the GPU stretches small
 * pictures), and no larger than the box needs. */
typedef struct {
    imgscale_rect crop; /* in picture pixels */
    int out_w, out_h;
} imgscale_plan;
imgscale_plan imgscale_plan_fit(imgscale_fit fit, int pic_w, int pic_h, int box_w, int box_h);

/* The DCT scaling of a JPEG decoder (1/1, 1/2, 1/4, 1/8): the largest denominator d (a power of two,
 * at most max_denom) for which a crop_w x crop_h region, decoded at 1/d, is still at least
 * out_w x out_h, so the final scaling only ever reduces. */
int imgscale_pick_denom(int crop_w, int crop_h, int out_w, int out_h, int max_denom);

/* Ken Burns: the region of a pic_w x pic_h picture (already cropped to the box's aspect) shown at
 * progress t (0: when the slide starts to appear, 1: when it has gone; clamped). A slow zoom between
 * 1 and 1 + IMGSCALE_KB_ZOOM and/or a pan inside the picture; seed picks one of several motions
 * (imgscale_seed of the file name keeps a picture's motion the same every time). The region keeps the
 * picture's aspect and always lies inside it. */
#define IMGSCALE_KB_ZOOM 0.08
imgscale_frect imgscale_kenburns(int pic_w, int pic_h, uint32_t seed, double t);
/* A stable 32-bit hash of a string (FNV-1a), e.g. for imgscale_kenburns. */
uint32_t imgscale_seed(const char *s);

/* Area-average (box filter with fractional coverage) resize of src (sw x sh, pitch in bytes) into dst
 * (dw x dh, pitch in bytes); meant for downscaling (dw <= sw, dh <= sh), where it does not alias.
 * Returns 0, or -1 when out of memory or sizes are invalid. dst is caller-owned. 4-byte pixels. */
int imgscale_area(const void *src, int sw, int sh, int src_pitch, void *dst, int dw, int dh, int dst_pitch);
/* The same for pixels of bpp bytes (1..4). */
int imgscale_area_n(const void *src, int sw, int sh, int src_pitch, void *dst, int dw, int dh, int dst_pitch,
                    int bpp);
/* The same reduction fed one source row at a time, for a picture decoded in bands and never held whole
 * (issue 19): dst (dw x dh, caller-owned) gets exactly the pixels imgscale_area_n would give. Only for
 * dh <= sh. imgscale_rows_create returns NULL when out of memory or the sizes are invalid. Push the sw x 1
 * source rows in order (each is read during the call only); imgscale_rows_complete is true once all sh
 * rows have been pushed and every destination row is written. */
typedef struct imgscale_rows imgscale_rows;
imgscale_rows *imgscale_rows_create(int sw, int sh, void *dst, int dw, int dh, int dst_pitch, int bpp);
int imgscale_rows_push(imgscale_rows *s, const void *src_row);
bool imgscale_rows_complete(const imgscale_rows *s);
void imgscale_rows_free(imgscale_rows *s);
/* Blurs 4-byte pixels in place: `passes` separable box blurs of the given radius (3 passes come close
 * to a Gaussian); edges repeat the border pixels. Returns 0, or -1 when out of memory or invalid. */
int imgscale_blur(void *pixels, int w, int h, int pitch, int radius, int passes);

#endif
