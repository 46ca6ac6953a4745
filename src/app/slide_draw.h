/* slide_draw: draws one slide at rest onto the renderer's current target, following the design grid.
 * Text that was laid out by the show is drawn line by line; titles are laid out here with the same
 * layout module. Nothing is drawn outside the safe area except backdrops and the banner strip. */
#ifndef KIOSK_SLIDE_DRAW_H
#define KIOSK_SLIDE_DRAW_H

#include <SDL.h>

#include "design.h"
#include "draw.h"
#include "fonts.h"
#include "picture.h"
#include "show.h"

typedef struct {
    SDL_Renderer *renderer;
    const design *design;
    const kiosk_fonts *fonts;
    const draw_palette *palette; /* borrowed; NULL: draw_palette_default() */
    SDL_Surface *emblem; /* borrowed, may be NULL (then an accent rule): the emblem of the banner slide and
                          * of the fallback card, slide_draw_emblem_height(design) high */
} slide_draw_ctx;

/* The height the emblem is drawn at on a screen of design d (load it at that height). */
int slide_draw_emblem_height(const design *d);

/* The context's palette (the default one when it has none). */
draw_palette slide_draw_palette(const slide_draw_ctx *c);

/* pic: the decoded picture of an image slide, or NULL (then the slide is drawn as a quiet empty frame). */
void slide_draw(const slide_draw_ctx *c, const slide *s, const picture *pic);

#endif
