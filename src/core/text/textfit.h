/* textfit: fits a title or caption into its box, never clipping it silently. The text is wrapped (UAX
 * #14, layout_break) at the largest type size, from max_size down to min_size in steps of about 6%, at
 * which its lines fit the box; a text that does not fit even at min_size keeps the lines that fit there,
 * the last one cut (at a word when one is near, else between graphemes) and followed by an ellipsis.
 * Pure: measured through a callback that takes the type size. */
#ifndef KIOSK_TEXTFIT_H
#define KIOSK_TEXTFIT_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"

#define TEXTFIT_ELLIPSIS "\xE2\x80\xA6" /* U+2026 */

/* Width in pixels of text[0..len) at type size px (paragraph direction rtl). Must be >= 0. */
typedef int (*textfit_measure_fn)(void *ctx, int size, const char *text, size_t len, bool rtl);

typedef struct {
    int width, height;      /* the box */
    int max_size, min_size; /* type sizes in pixels (min_size <= max_size) */
    double line_ratio;      /* line height = size * line_ratio, rounded */
    int max_lines;          /* at most this many lines (0: as many as the height holds); at least 1 */
} textfit_box;

typedef struct {
    int size, line_h;   /* the type size chosen, and its line height */
    layout_lines lines; /* owned: the lines (byte ranges of the text); lines.rtl is its direction */
    bool shrunk;        /* size < max_size */
    bool truncated;     /* text was left out: draw TEXTFIT_ELLIPSIS after the last line */
} textfit_result;

/* Fits text (UTF-8, NUL-terminated; NULL or empty gives no lines) into box. Returns 0, or -1 when out of
 * memory. Free out with textfit_result_free. */
int textfit_fit(const char *text, const textfit_box *box, textfit_measure_fn measure, void *ctx,
                textfit_result *out);
void textfit_result_free(textfit_result *r);
/* Height of the fitted lines: count * line_h. */
int textfit_height(const textfit_result *r);

#endif
