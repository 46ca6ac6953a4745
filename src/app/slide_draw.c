/* slide_draw: see slide_draw.h. */
#include "slide_draw.h"

#include <string.h>

#include "assets.h"
#include "draw.h"
#include "fonts_measure.h"
#include "picture_draw.h"
#include "slide_layout.h"

/* The colour of a colour role in the context's palette. */
static SDL_Color ink_color(const draw_palette *p, dl_ink ink)
{
    switch (ink) {
    case DL_INK_TEXT:
        return p->text;
    case DL_INK_TEXT_DIM:
        return p->text_dim;
    case DL_INK_ACCENT:
        return p->accent;
    case DL_INK_BANNER_BG:
        return p->banner_bg;
    case DL_INK_BANNER_TEXT:
        return p->banner_text;
    case DL_INK_RULE:
        return (SDL_Color){70, 66, 62, 255};
    case DL_INK_SHADE:
        return (SDL_Color){0, 0, 0, 165};
    }
    return p->text;
}

/* The emblem centred in box (an accent rule when there is none). */
static void draw_emblem(const slide_draw_ctx *c, SDL_Rect box, SDL_Color accent)
{
    SDL_Texture *t = c->emblem ? SDL_CreateTextureFromSurface(c->renderer, c->emblem) : NULL;
    assets_draw_emblem(c->renderer, t, box, accent);
    if (t) {
        SDL_DestroyTexture(t);
    }
}

static void paint(const slide_draw_ctx *c, const display_list *l)
{
    draw_palette p = draw_ctx_palette(c);
    for (size_t i = 0; i < l->count; i++) {
        const dl_item *it = &l->items[i];
        SDL_Color col = ink_color(&p, it->ink);
        if (it->kind == DL_FILL) {
            draw_fill(c->renderer, it->x, it->y, it->w, it->h, col);
        } else if (it->kind == DL_EMBLEM) {
            draw_emblem(c, (SDL_Rect){it->x, it->y, it->w, it->h}, col);
        } else {
            draw_style st = {c->fonts, it->role, it->size, col};
            int x = it->align == ALIGN_LEFT     ? it->x
                    : it->align == ALIGN_CENTER ? it->x + it->w / 2
                                                : it->x + it->w;
            draw_text(c->renderer, &st, it->text, strlen(it->text), it->rtl, x, it->y, it->h, it->align);
        }
    }
}

void slide_draw(const slide_draw_ctx *c, const slide *s, const picture *pic)
{
    draw_palette p = draw_ctx_palette(c);
    draw_background(c->renderer, &p, c->design->w, c->design->h);
    if (s->kind == SLIDE_IMAGE) {
        picture_draw(c, s, pic);
    }
    if (s->boxes.count > 0) {
        paint(c, &s->boxes);
        return;
    }
    /* a slide of the app's own (the minute of silence's card) or of a show built without a look */
    slide_look look = fonts_look(c->fonts, c->design);
    display_list boxes = {0};
    slide_layout(s, &look, &boxes);
    paint(c, &boxes);
    display_list_free(&boxes);
}
