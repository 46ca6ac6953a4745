/* draw: see draw.h. */
#include "draw.h"

#include "textrun_sdl.h"

/* a + (b - a) * t / 256 per channel */
static SDL_Color mix(SDL_Color a, SDL_Color b, int t)
{
    return (SDL_Color){(Uint8)(a.r + (b.r - a.r) * t / 256), (Uint8)(a.g + (b.g - a.g) * t / 256),
                       (Uint8)(a.b + (b.b - a.b) * t / 256), 255};
}

draw_palette draw_palette_make(SDL_Color background, SDL_Color text, SDL_Color accent, SDL_Color banner)
{
    SDL_Color black = {0, 0, 0, 255};
    return (draw_palette){
        .bg_top = background,
        .bg_bottom = mix(background, black, 128), /* the gradient darkens to half towards the bottom */
        .text = text,
        .text_dim = mix(text, background, 80),
        .accent = accent,
        .banner_bg = banner,
        .banner_text = mix(text, banner, 36),
    };
}

draw_palette draw_ctx_palette(const slide_draw_ctx *c)
{
    return c->palette ? *c->palette : draw_palette_default();
}

draw_palette draw_palette_default(void)
{
    return draw_palette_make((SDL_Color){28, 27, 30, 255}, (SDL_Color){238, 233, 224, 255},
                             (SDL_Color){150, 28, 32, 255}, (SDL_Color){8, 8, 9, 255});
}

void draw_fill(SDL_Renderer *r, int x, int y, int w, int h, SDL_Color c)
{
    SDL_Rect rect = {x, y, w, h};
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &rect);
}

void draw_background(SDL_Renderer *r, const draw_palette *p, int w, int h)
{
    const int band = 4;
    for (int y = 0; y < h; y += band) {
        int t = h > 1 ? y * 256 / h : 0;
        SDL_Color c = {
            (Uint8)(p->bg_top.r + (p->bg_bottom.r - p->bg_top.r) * t / 256),
            (Uint8)(p->bg_top.g + (p->bg_bottom.g - p->bg_top.g) * t / 256),
            (Uint8)(p->bg_top.b + (p->bg_bottom.b - p->bg_top.b) * t / 256),
            255,
        };
        draw_fill(r, 0, y, w, band, c);
    }
}

static draw_trace_fn trace_fn;
static void *trace_ctx;

void draw_set_trace(draw_trace_fn fn, void *ctx)
{
    trace_fn = fn, trace_ctx = ctx;
}

int draw_text(SDL_Renderer *r, const draw_style *st, const char *s, size_t len, bool rtl, int x, int y,
              int line_h, draw_align align)
{
    fonts_chain *c = st->fonts ? fonts_chain_get(st->fonts, st->role, st->size) : NULL;
    SDL_Rect ink;
    if (!c || len == 0) {
        return 0;
    }
    if (align != ALIGN_LEFT) {
        int w = textrun_sdl_measure(c, s, len, rtl);
        x -= align == ALIGN_CENTER ? w / 2 : w;
    }
    int drawn = textrun_sdl_draw(r, c, s, len, rtl, x, y, line_h, st->color, &ink);
    if (trace_fn && ink.w > 0) {
        trace_fn(trace_ctx, st->role, &ink, s, len);
    }
    return drawn;
}
