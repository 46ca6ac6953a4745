/* fonts_measure: the width of a line of text in a role's font, as it will be drawn (textrun_sdl's
 * runs, shaped with the role's fallback chain), and the measuring adapters that layout, paginate and
 * textfit take as callbacks. Above both fonts (the chains) and textrun_sdl (the shaping), so that
 * neither includes the other. No state of its own; the fonts belong to the caller's kiosk_fonts. */
#ifndef KIOSK_FONTS_MEASURE_H
#define KIOSK_FONTS_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

#include "fonts.h"
#include "displaylist.h"

/* Width in pixels of s[0..len) in the role's font at its design size (direction from the text), the
 * same width the text is drawn with (an estimate when the role has no font). */
int fonts_measure(const kiosk_fonts *f, font_role role, const char *s, size_t len);
/* The same at a type size (0: the design size), in a paragraph of direction rtl. */
int fonts_measure_sized(const kiosk_fonts *f, font_role role, int size, const char *s, size_t len, bool rtl);

/* Measuring adapters: ctx is a fonts_measurer. fonts_measure_cb is a layout_measure_fn at the
 * measurer's size (0: design size); fonts_fit_measure_cb a textfit_measure_fn (its size argument wins). */
typedef struct {
    const kiosk_fonts *fonts;
    font_role role;
    int size;
} fonts_measurer;
int fonts_measure_cb(void *ctx, const char *s, size_t len, bool rtl);
int fonts_fit_measure_cb(void *ctx, int size, const char *s, size_t len, bool rtl);

/* The look slides are laid out for (slide_layout.h): design d, measured with f (borrowed, both), each
 * role at f's design size. */
slide_look fonts_look(const kiosk_fonts *f, const design *d);

#endif
