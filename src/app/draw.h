/* draw: small drawing primitives on an SDL_Renderer: the palette, filled rectangles, the background
 * gradient and text lines. Text goes through the role's fallback chain (textrun_sdl: per-run fonts,
 * HarfBuzz shaping, bidi order), so every script is drawn with real glyphs and measured as drawn. */
#ifndef KIOSK_DRAW_H
#define KIOSK_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "design.h"
#include "fonts.h"
#include "fonts_measure.h"

/* draw_align (ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT): the core's textstyle.h, through fonts.h. */

/* The palette of an exhibit: dark, warm, restrained (the defaults); kiosk.conf [colors] changes it. A
 * value, owned by whoever holds it (the exhibit); drawing functions take it as a parameter. */
typedef struct {
    SDL_Color bg_top, bg_bottom; /* the background gradient */
    SDL_Color text, text_dim, accent, banner_bg, banner_text;
} draw_palette;

/* The palette from the four colours of kiosk.conf [colors]; the others are mixed from them. */
draw_palette draw_palette_make(SDL_Color background, SDL_Color text, SDL_Color accent, SDL_Color banner);
/* The default palette (kiosk.conf's defaults). */
draw_palette draw_palette_default(void);

/* What drawing a slide needs (slide_draw, picture_draw): the target, the design grid, the
 * fonts, the palette and the emblem, all borrowed. */
typedef struct {
    SDL_Renderer *renderer;
    const design *design;
    const kiosk_fonts *fonts;
    const draw_palette *palette; /* borrowed; NULL: draw_palette_default() */
    SDL_Surface *emblem; /* borrowed, may be NULL (then an accent rule): the emblem of the banner slide and
                          * of the fallback card, slide_layout_emblem_height(design) high */
} slide_draw_ctx;

/* The context's palette (the default one when it has none). */
draw_palette draw_ctx_palette(const slide_draw_ctx *c);

/* How a piece of text is set: the role's fonts at a type size (0: the role's design size), a colour. */
typedef struct {
    const kiosk_fonts *fonts;
    font_role role;
    int size;
    SDL_Color color;
} draw_style;

void draw_fill(SDL_Renderer *r, int x, int y, int w, int h, SDL_Color c);
/* Vertical gradient of the palette over the whole target. */
void draw_background(SDL_Renderer *r, const draw_palette *p, int w, int h);
/* Draws s[0..len), a line of a paragraph of direction rtl, in a line box whose top is y and height
 * line_h; x is the left edge, the centre or the right edge depending on align. Returns the drawn width
 * (0 when the role has no font or the text is empty). */
int draw_text(SDL_Renderer *r, const draw_style *st, const char *s, size_t len, bool rtl, int x, int y,
              int line_h, draw_align align);

/* A hook for tests: called for every line draw_text draws, with the box of the pixels it may have
 * touched (the rendered runs) and the line. NULL (the default) turns it off. Not thread-safe. */
typedef void (*draw_trace_fn)(void *ctx, font_role role, const SDL_Rect *ink, const char *s, size_t len);
void draw_set_trace(draw_trace_fn fn, void *ctx);

#endif
