/* fonts: the typefaces of the show, found through fontconfig by family name (configurable per role) and
 * opened with SDL_ttf at sizes from the design grid, each role with a fallback chain: a character that
 * the role's font lacks is drawn with the installed font that best stands in for it (fontfind), opened
 * lazily at the role's size. A font that cannot be found is logged (event=font-missing) and its role
 * falls back to any font fontconfig offers; with no font at all, text is skipped but the show goes on.
 * A character no installed font has is left out (logged once, event=glyph-missing), never drawn as a box.
 * Ownership: kiosk_fonts owns its TTF_Font handles and its fallback state; fonts_close releases them
 * (also for a zeroed or half-opened kiosk_fonts). Chains returned by fonts_chain_get belong to it. */
#ifndef KIOSK_FONTS_H
#define KIOSK_FONTS_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL_ttf.h>

#include "design.h"
#include "textrun.h"
#include "textstyle.h"

/* font_role (FONT_TITLE ... FONT_BANNER) and font_role_name: the core's textstyle.h. */

/* Family names (fontconfig) of the roles; NULL fields take the default. */
typedef struct {
    const char *title_family;  /* titles (default "Noto Serif") */
    const char *body_family;   /* body text, and its italic for datelines (default "Noto Serif") */
    const char *banner_family; /* banner, running heads, dates, captions (default "Noto Sans") */
} fonts_config;

typedef struct fonts_state fonts_state;

typedef struct {
    TTF_Font *font[FONT_ROLE_COUNT]; /* each role's own font at its design size; NULL when none opened */
    int size[FONT_ROLE_COUNT];
    fonts_state *state; /* owned: fallback chains, fallback fonts, fontconfig's font list */
} kiosk_fonts;

fonts_config fonts_config_default(void);
/* Opens all roles for the design's sizes with the default families. Returns 0 when every role has a
 * font, -1 otherwise (the missing ones are NULL and logged). Needs TTF_Init. */
int fonts_open(kiosk_fonts *f, const design *d);
/* The same with the families of cfg (NULL: defaults). */
int fonts_open_config(kiosk_fonts *f, const design *d, const fonts_config *cfg);
void fonts_close(kiosk_fonts *f);

/* A role's fallback chain at one type size (0: the role's design size): the role's font first, then the
 * fallbacks found so far. NULL when the role has no font. Kept until fonts_close (at most a bounded
 * number of sizes per kiosk_fonts; the least recently used extra size is dropped for a new one). */
typedef struct fonts_chain fonts_chain;
fonts_chain *fonts_chain_get(const kiosk_fonts *f, font_role role, int size);
/* Font k of the chain (0 <= k < fonts_chain_count), its callbacks for textrun_split, and a scratch
 * buffer of at least n + 1 bytes (NULL when out of memory; valid until the next call). */
TTF_Font *fonts_chain_font(const fonts_chain *c, int k);
int fonts_chain_count(const fonts_chain *c);
textrun_fonts fonts_chain_callbacks(fonts_chain *c);
char *fonts_chain_scratch(fonts_chain *c, size_t n);
/* The chain's type size and role. */
int fonts_chain_size(const fonts_chain *c);

/* Resolves a fontconfig pattern ("Noto Serif:style=Italic") to a font file path (malloc'd), or NULL. */
char *fonts_find_file(const char *pattern);

#endif
