/* fonts: the typefaces of the show, found through fontconfig by family name and opened with SDL_ttf at
 * sizes from the design grid. A font that cannot be found is logged (event=font-missing) and its role
 * falls back to any font fontconfig offers; with no font at all, text is skipped but the show goes on.
 * Ownership: kiosk_fonts owns its TTF_Font handles; fonts_close releases them. */
#ifndef KIOSK_FONTS_H
#define KIOSK_FONTS_H

#include <stddef.h>

#include <SDL_ttf.h>

#include "design.h"

typedef enum {
    FONT_TITLE,
    FONT_DATELINE,
    FONT_BODY,
    FONT_SMALL,
    FONT_CAPTION,
    FONT_BANNER,
    FONT_ROLE_COUNT
} font_role;

typedef struct {
    TTF_Font *font[FONT_ROLE_COUNT]; /* NULL when no font could be opened for the role */
    int size[FONT_ROLE_COUNT];
} kiosk_fonts;

/* Opens all roles for the design's sizes. Returns 0 when every role has a font, -1 otherwise (the
 * missing ones are NULL and logged). Needs TTF_Init. */
int fonts_open(kiosk_fonts *f, const design *d);
void fonts_close(kiosk_fonts *f);
/* Width in pixels of s[0..len) in the role's font (an estimate when the font is missing). */
int fonts_measure(const kiosk_fonts *f, font_role role, const char *s, size_t len);

/* A layout_measure_fn adapter: ctx is a fonts_measurer. */
typedef struct {
    const kiosk_fonts *fonts;
    font_role role;
} fonts_measurer;
int fonts_measure_cb(void *ctx, const char *s, size_t len);

/* Resolves a fontconfig pattern ("Noto Serif:style=Italic") to a font file path (malloc'd), or NULL. */
char *fonts_find_file(const char *pattern);

#endif
