/* typo_util: helpers of the typography tests: a software-rendered canvas, ink boxes and pixel
 * comparisons, fontconfig look-ups, temp folders. Failures abort through cmocka's assertions. */
#ifndef KIOSK_TYPO_UTIL_H
#define KIOSK_TYPO_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

typedef struct {
    SDL_Surface *surf; /* ARGB8888, owned */
    SDL_Renderer *r;   /* software renderer drawing into surf, owned */
} typo_canvas;

void typo_canvas_new(typo_canvas *c, int w, int h);
void typo_canvas_clear(typo_canvas *c); /* black */
void typo_canvas_free(typo_canvas *c);
void typo_canvas_save(const typo_canvas *c, const char *path); /* PNG, for looking at a failure */

typedef struct {
    int x0, y0, x1, y1; /* inclusive; x1 < x0 when there is no ink */
    long count;
} typo_box;

/* Pixels whose brightest channel exceeds thr. */
typo_box typo_ink(const SDL_Surface *s, int thr);
/* Share of the pixels inked in a or b (> 40) whose brightest channels differ by more than tol. */
double typo_diff(const SDL_Surface *a, const SDL_Surface *b, int tol);

/* The file (malloc'd) and face index fontconfig gives for a pattern, or NULL. */
char *typo_font_file(const char *pattern, int *index);
/* True when some installed font has a glyph for cp. */
bool typo_font_covers(uint32_t cp);
/* The file name of a font path: what follows its last '/' (path itself without one). */
const char *typo_base_name(const char *path);

/* Temp folders and files: tests/common/testfs.h. */
#include "testfs.h"

#endif
