/* textrun_sdl: see textrun_sdl.h. */
#include "textrun_sdl.h"

#include <string.h>

/* Prepares run k of l for SDL_ttf: its font, set to the run's script and direction, and its text as a
 * NUL-terminated copy (in the chain's scratch buffer). NULL when the run is not drawn. */
static TTF_Font *run_font(fonts_chain *c, const char *s, const textrun *run, const char **text)
{
    TTF_Font *font = run->font >= 0 ? fonts_chain_font(c, run->font) : NULL;
    char *buf = font ? fonts_chain_scratch(c, run->len) : NULL;
    if (!buf) {
        return NULL;
    }
    memcpy(buf, s + run->start, run->len);
    buf[run->len] = '\0';
    TTF_SetFontScriptName(font, run->script);
    TTF_SetFontDirection(font, (run->level & 1) ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    *text = buf;
    return font;
}

/* Runs of s: the whole text as one Latin run of the first font when it is plain ASCII that font has, in
 * a left-to-right paragraph (the common case, no split needed), else textrun_split. */
static int split(fonts_chain *c, const char *s, size_t len, bool rtl, textrun_list *l, textrun *one,
                 size_t *one_order)
{
    bool ascii = !rtl;
    TTF_Font *first = fonts_chain_font(c, 0);
    for (size_t i = 0; ascii && i < len; i++) {
        ascii = (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F &&
                TTF_GlyphIsProvided32(first, (unsigned char)s[i]);
    }
    if (!ascii) {
        textrun_fonts cb = fonts_chain_callbacks(c);
        return textrun_split(s, len, rtl, &cb, l);
    }
    *one = (textrun){.start = 0, .len = len, .font = 0, .script = "Latn", .level = 0};
    *one_order = 0;
    l->runs = NULL, l->visual = NULL, l->count = len > 0, l->rtl = false;
    return 0;
}

static int run_width(fonts_chain *c, const char *s, const textrun *run)
{
    const char *text = NULL;
    int w = 0;
    TTF_Font *font = run_font(c, s, run, &text);
    if (!font || TTF_SizeUTF8(font, text, &w, NULL) != 0) {
        return 0;
    }
    return w;
}

int textrun_sdl_measure(fonts_chain *c, const char *s, size_t len, bool rtl)
{
    textrun_list l = {0};
    textrun one;
    size_t one_order;
    int w = 0;
    if (len == 0 || split(c, s, len, rtl, &l, &one, &one_order) != 0) {
        return 0;
    }
    const textrun *runs = l.runs ? l.runs : &one;
    for (size_t i = 0; i < l.count; i++) {
        w += run_width(c, s, &runs[i]);
    }
    textrun_list_free(&l);
    return w;
}

int textrun_sdl_draw(SDL_Renderer *r, fonts_chain *c, const char *s, size_t len, bool rtl, int x, int y,
                     int line_h, SDL_Color col, SDL_Rect *ink)
{
    textrun_list l = {0};
    textrun one;
    size_t one_order;
    int pen = x, top = 0, bottom = 0;
    bool any = false;
    TTF_Font *first = fonts_chain_font(c, 0);

    if (ink) {
        *ink = (SDL_Rect){x, y, 0, 0};
    }
    if (len == 0 || !first || split(c, s, len, rtl, &l, &one, &one_order) != 0) {
        return 0;
    }
    const textrun *runs = l.runs ? l.runs : &one;
    const size_t *order = l.visual ? l.visual : &one_order;
    int baseline = y + (line_h - TTF_FontHeight(first)) / 2 + TTF_FontAscent(first);
    for (size_t k = 0; k < l.count; k++) {
        const textrun *run = &runs[order[k]];
        const char *text = NULL;
        int w = 0;
        TTF_Font *font = run_font(c, s, run, &text);
        if (!font || TTF_SizeUTF8(font, text, &w, NULL) != 0 || w == 0) {
            continue;
        }
        SDL_Surface *surf = TTF_RenderUTF8_Blended(font, text, col);
        SDL_Texture *tex = surf ? SDL_CreateTextureFromSurface(r, surf) : NULL;
        if (tex) {
            SDL_Rect dst = {pen, baseline - TTF_FontAscent(font), surf->w, surf->h};
            SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
            SDL_RenderCopy(r, tex, NULL, &dst);
            SDL_DestroyTexture(tex);
            if (!any || dst.y < top) {
                top = dst.y;
            }
            if (!any || dst.y + dst.h > bottom) {
                bottom = dst.y + dst.h;
            }
            any = true;
        }
        if (surf) {
            SDL_FreeSurface(surf);
        }
        pen += w;
    }
    if (ink && any) {
        *ink = (SDL_Rect){x, top, pen - x, bottom - top};
    }
    textrun_list_free(&l);
    return pen - x;
}
