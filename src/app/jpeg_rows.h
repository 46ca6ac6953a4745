/* jpeg_rows: a JPEG decoded a band of rows at a time (libjpeg's scanline API) and reduced as it comes
 * (imgscale_rows), so a large photo is never held whole at its decoded size: a 3000x2000 photo shown at
 * 1620x1080 needs the 7 MB of the result and a few rows, not 24 MB more for the full decode (issue 19).
 * The pixels are those of decoding whole with TurboJPEG at the same scale (tjDecompress2, no flags) and
 * reducing with imgscale_area_n: the same libjpeg settings (accurate integer DCT, fancy upsampling) and
 * the same arithmetic. Thread-safe (no shared state). */
#ifndef KIOSK_JPEG_ROWS_H
#define KIOSK_JPEG_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "imgscale.h"

typedef struct {
    int denom;         /* DCT scaling 1/denom (1, 2, 4, 8) */
    imgscale_rect r;   /* the region to keep, in the coordinates of the scaled picture */
    int out_w, out_h;  /* its size on output (at most r.w x r.h) */
    char warning[200]; /* out: libjpeg's first warning ("" when none); the picture was decoded all the same */
    char error[200];   /* out: why it failed */
} jpeg_rows_job;

/* Decodes data (size bytes, a whole JPEG) as job says into a new ARGB8888 surface of out_w x out_h
 * (CMYK and YCCK turned into RGB). NULL on failure, with job->error; the caller frees the surface. */
SDL_Surface *jpeg_rows_decode(const uint8_t *data, size_t size, jpeg_rows_job *job);

#endif
