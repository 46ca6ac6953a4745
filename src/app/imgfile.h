/* imgfile: reads a picture file into ARGB8888 pixels no larger than needed.
 * The header is read first (imghdr) and checked against the limits before anything is decoded, so a
 * decompression bomb costs a few kilobytes of reading and a logged reason. The format is told by the
 * file's bytes, not its name. JPEGs are decoded by libjpeg-turbo with DCT scaling (1/2, 1/4, 1/8) to the
 * smallest size at or above the one needed; other formats (PNG, GIF, BMP, WebP) by SDL_image. The
 * wanted region is then reduced to its final size with the area filter (imgscale).
 * Thread-safe: no renderer, no shared state; meant to run on the decoder's worker thread.
 * Ownership: an imgfile owns the file bytes it read (imgfile_close frees them); imgfile_decode returns
 * a new surface owned by the caller. */
#ifndef KIOSK_IMGFILE_H
#define KIOSK_IMGFILE_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "imghdr.h"
#include "imgscale.h"

#define IMGFILE_MAX_FILE_BYTES (256u << 20) /* larger files are refused */

typedef struct {
    uint64_t max_pixels; /* width * height above this is refused */
    int max_side;        /* width or height above this is refused */
} imgfile_limits;

typedef struct {
    const char *path; /* borrowed */
    imghdr_info info; /* format, stored size, EXIF orientation */
    uint8_t *data;    /* JPEG: the whole file (the decoder reads from memory); otherwise NULL */
    size_t size;      /* bytes of the file */
} imgfile;

/* Reads the header of path and checks the picture against lim. Returns 0, or -1 with a reason in
 * plain words in err (e.g. "the picture is too large: ..."); imgfile_close is safe either way. */
int imgfile_open(imgfile *f, const char *path, const imgfile_limits *lim, char *err, size_t errlen);
/* The same checks without keeping anything: reads at most the header (never a whole JPEG). *info (if
 * not NULL) gets what the header says. Returns 0, or -1 with the reason in err. */
int imgfile_probe(const char *path, const imgfile_limits *lim, imghdr_info *info, char *err, size_t errlen);
/* Decodes the region crop (stored orientation, inside the picture) scaled to out_w x out_h (at most
 * the crop's size) into a new ARGB8888 surface. *denom (if not NULL) gets the DCT scaling used
 * (1, 2, 4 or 8; 1 for other formats). A damaged picture (a JPEG cut short or with corrupt data: part
 * of it would be missing) is refused. A harmless flaw the decoder worked around (stray bytes before a
 * JPEG marker) is described in warn (else warn is ""). Returns NULL with a reason in err. */
SDL_Surface *imgfile_decode(imgfile *f, imgscale_rect crop, int out_w, int out_h, int *denom, char *warn,
                            size_t warnlen, char *err, size_t errlen);
void imgfile_close(imgfile *f);

#endif
