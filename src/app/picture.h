/* picture: a photograph made ready for the screen, CPU-side: decoded no larger than needed (imgfile:
 * header checked against the limits first, JPEG DCT scaling), reduced with an area filter (no aliasing
 * on fine detail), turned by its EXIF orientation, cut to the fit mode, and with a small blurred copy
 * for the contain backdrop. Makes no renderer calls, so it runs on the decoder's worker thread;
 * textures are made from it on the render thread (picture_draw, slide_cache).
 * Ownership: the returned picture owns both surfaces; picture_free releases them. */
#ifndef KIOSK_PICTURE_H
#define KIOSK_PICTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "cli.h"
#include "config.h"
#include "imgscale.h"

/* The blurred backdrop is dimmed to this much of its brightness (out of 255). */
#define PICTURE_BACKDROP_DIM 70u

typedef enum { PICTURE_BACKDROP_BLUR, PICTURE_BACKDROP_SOLID } picture_backdrop;

typedef struct {
    imgscale_fit fit;          /* contain (default), cover, kenburns */
    picture_backdrop backdrop; /* contain: a dark blurred copy of the photo (default) or a solid colour */
    uint64_t max_pixels;       /* larger pictures are refused (default CLI_MAX_PIXELS_DEFAULT) */
    int max_side;              /* wider or taller pictures are refused (default CLI_MAX_SIDE) */
} picture_settings;

typedef struct {
    SDL_Surface *image;     /* ARGB8888, shown orientation. contain: the whole picture, at most the box's
                             * fitted size; cover, kenburns: the crop with the box's aspect, at most the
                             * box's size (smaller pictures are not enlarged here) */
    SDL_Surface *backdrop;  /* ARGB8888 tiny blurred and dimmed copy of what would cover the picture area,
                             * to stretch over exactly that area behind a contained picture; NULL for the
                             * other fits and for a solid backdrop */
    int source_w, source_h; /* size of the file's picture, as stored */
    int orientation;        /* the EXIF orientation that was applied (1..8) */
    imgscale_fit fit;       /* what image was made for */
    picture_backdrop backdrop_kind;
    uint32_t seed;     /* kenburns: which motion (from the file name) */
    int jpeg_denom;    /* DCT scaling used (1, 2, 4, 8); 0 when the file is not a JPEG */
    char warning[192]; /* a harmless flaw worked around (stray bytes in a JPEG), or "" */
    /* How to draw it, set by whoever draws (zero: the slide at rest, start pose, everything): */
    double pose_t;     /* kenburns progress 0..1 */
    bool overlay_only; /* draw only what lies over the photo (caption strip); leave the picture area
                        * transparent, for a photo drawn under it every frame (kenburns) */
} picture;

/* Defaults: contain, blurred backdrop, CLI_MAX_PIXELS_DEFAULT, CLI_MAX_SIDE. */
picture_settings picture_settings_default(void);
/* The settings of the command line (--fit, --max-pixels). */
picture_settings picture_settings_from_cli(const cli_options *o);
/* The settings of a content folder's kiosk.conf ([pictures] fit, backdrop, max_megapixels), with the
 * command line's --fit and --max-pixels over them where they were given. */
picture_settings picture_settings_resolve(const kiosk_config *k, const cli_options *o);
/* Logs settings (event=pictures: fit, backdrop, max_pixels, max_side). */
void picture_log_settings(const picture_settings *s);
/* s with the fit mode of one slide: fit is an imgscale_fit, or -1 to keep that of s (playlist.txt fit=). */
picture_settings picture_settings_for_fit(const picture_settings *s, int fit);

/* Checks only what the header of path says (format, size) against s's limits, as picture_load_with
 * would before decoding: 0 when the picture may be decoded, else -1 with the same reason in err. Reads
 * at most the header; thread-safe. For a scan that leaves out unusable pictures early (loader). */
int picture_probe(const char *path, const picture_settings *s, char *err, size_t errlen);
/* For `--check`: 1 when path is proved whole without decoding it (a common JPEG within s's limits whose
 * coded data jpeg_whole walks to the end: picture_load_with would load it); 0 when not proved (decode it
 * to know); -1 when the header already refuses it, with the reason picture_load_with would give in err.
 * Thread-safe. */
int picture_proved_whole(const char *path, const picture_settings *s, char *err, size_t errlen);
/* Loads path for a box_w x box_h picture area with settings s and a slide's fit (-1: that of s). Returns
 * NULL with a plain-words reason in err. Thread-safe. */
picture *picture_load_for(const char *path, int box_w, int box_h, const picture_settings *s, int fit,
                          char *err, size_t errlen);
/* The same with the fit of s; thread-safe. */
picture *picture_load_with(const char *path, int box_w, int box_h, const picture_settings *s, char *err,
                           size_t errlen);
void picture_free(picture *p);

#endif
