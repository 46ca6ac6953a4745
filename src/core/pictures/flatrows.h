/* flatrows: the parts of a frame that are not flat rows. A flat row is one colour from edge to edge (a
 * vertical gradient, a band, a rule across the screen); the rest, the "marked" rows, hold what is drawn
 * on that ground (text, an emblem, a photograph). Pure math on a plain pixel buffer, no SDL.
 *
 * The kiosk's first frame on an X server uses it (src/app/backdrop.c): the server paints the flat rows
 * itself from one column of the frame, and only the marked runs are sent (issue 19). */
#ifndef KIOSK_FLATROWS_H
#define KIOSK_FLATROWS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int x, y, w, h;
} flatrows_rect;

/* Finds the runs of marked rows of a w x h frame of 32-bit pixels (`pitch` bytes from one row to the
 * next), top to bottom: each run is a rectangle narrowed to the columns where one of its rows differs
 * from that row's first pixel. Runs closer than `gap` flat rows are joined into one. Writes up to `max`
 * rectangles to out and returns how many there are (0: every row is flat), or -1 when more than `max`
 * would be needed or the arguments are not a frame (w or h below 1, pitch below 4 * w). */
int flatrows_find(const uint32_t *pixels, size_t pitch, int w, int h, int gap, flatrows_rect *out, int max);

/* The number of pixels the rectangles cover. */
long flatrows_area(const flatrows_rect *rects, int n);

#endif
