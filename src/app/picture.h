/* picture: decodes a picture file and scales it for the screen with an area filter (no aliasing on
 * large reductions). Ownership: the returned picture owns both surfaces; picture_free releases them. */
#ifndef KIOSK_PICTURE_H
#define KIOSK_PICTURE_H

#include <stddef.h>

#include <SDL.h>

typedef struct {
    SDL_Surface *image;     /* ARGB8888, at most the box size (smaller pictures are not enlarged here) */
    SDL_Surface *backdrop;  /* ARGB8888, a tiny copy (e.g. 32x18) to be stretched as a blurred backdrop */
    int source_w, source_h; /* size of the file's picture */
} picture;

/* Loads path and fits it into box_w x box_h. Returns NULL with a plain-words reason in err. */
picture *picture_load(const char *path, int box_w, int box_h, char *err, size_t errlen);
void picture_free(picture *p);

#endif
