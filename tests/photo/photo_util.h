/* photo_util: test pictures made by the photo tests themselves (nothing large is committed): flat
 * ARGB canvases with coloured blocks, JPEG files compressed with TurboJPEG with an APP1 Exif segment
 * carrying an orientation spliced in, PNG and BMP files through SDL, and pixel helpers.
 * Every function aborts the test program on failure (tests only). */
#ifndef KIOSK_PHOTO_UTIL_H
#define KIOSK_PHOTO_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "testfs.h" /* temp folders and files (tests/common) */

#define PU_RED 0xFFFF0000u
#define PU_GREEN 0xFF00FF00u
#define PU_BLUE 0xFF0000FFu
#define PU_WHITE 0xFFFFFFFFu
#define PU_BLACK 0xFF000000u
#define PU_GREY 0xFF808080u
#define PU_YELLOW 0xFFFFFF00u

typedef struct {
    int w, h;
    uint32_t *px; /* 0xAARRGGBB, row by row */
} pu_image;

pu_image pu_new(int w, int h, uint32_t fill);
void pu_free(pu_image *im);
void pu_fill(pu_image *im, int x, int y, int w, int h, uint32_t c);

/* JPEG of im (quality, 4:4:4 so colours stay put), malloc'd; *len gets its size. */
uint8_t *pu_jpeg(const pu_image *im, int quality, size_t *len);
/* A copy of a JPEG with an APP1 Exif segment (TIFF in big- or little-endian order, IFD0 holding the
 * orientation tag) inserted right after SOI. malloc'd. */
uint8_t *pu_with_exif(const uint8_t *jpeg, size_t len, int orientation, bool big_endian, size_t *out_len);
void pu_write(const char *path, const void *data, size_t len);
/* Writes im as a JPEG; orientation 0: no Exif segment. */
void pu_write_jpeg(const char *path, const pu_image *im, int quality, int orientation, bool big_endian);
/* Writes im as PNG (32-bit, or 24-bit when rgb24) or BMP through SDL. */
void pu_write_png(const char *path, const pu_image *im, bool rgb24);
void pu_write_bmp(const char *path, const pu_image *im);

/* The reference for pixel comparisons: the test's quadrant picture (w x h: red | green over blue | white)
 * as a fit mode should show it at pixel (x, y) of a box_w x box_h picture area; kenburns at progress t
 * with the motion of seed. Computed from the definitions (contain: largest centred rectangle with the
 * picture's aspect; cover: the largest centred region with the box's aspect, filling the box), not from
 * the code under test, except the Ken Burns pose itself (imgscale_kenburns). Returns false when the
 * pixel is not safely inside one quadrant: outside the picture (contain), or within margin pixels of a
 * quadrant's edge. */
bool pu_quad_expect(int fit, int w, int h, int box_w, int box_h, uint32_t seed, double t, int x, int y,
                    int margin, uint32_t *colour);
/* The contain rectangle of a w x h picture in the box (x, y, w, h), by the definition. */
void pu_contain_rect(int w, int h, int box_w, int box_h, int r[4]);

/* Writes im (at most 4 distinct colours, no alpha) as a GIF: LZW with a clear code every two pixels, so
 * every code is 3 bits wide (large, but valid and simple). */
void pu_write_gif(const char *path, const pu_image *im);
/* Writes im as WebP, lossless (VP8L) or lossy (VP8, quality 95), with libwebp. */
void pu_write_webp(const char *path, const pu_image *im, bool lossless);

/* ARGB of pixel (x, y) of any 32-bit surface of format ARGB8888. */
uint32_t pu_get(const SDL_Surface *s, int x, int y);
/* Every channel within tol. */
bool pu_near(uint32_t a, uint32_t b, int tol);

#endif
