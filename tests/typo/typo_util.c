/* typo_util: see typo_util.h. */
#include "typo_util.h"

#include <setjmp.h>
#include <stdarg.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>
#include <fontconfig/fontconfig.h>

void typo_canvas_new(typo_canvas *c, int w, int h)
{
    c->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(c->surf);
    c->r = SDL_CreateSoftwareRenderer(c->surf);
    assert_non_null(c->r);
    typo_canvas_clear(c);
}

void typo_canvas_clear(typo_canvas *c)
{
    SDL_FillRect(c->surf, NULL, SDL_MapRGBA(c->surf->format, 0, 0, 0, 255));
}

void typo_canvas_free(typo_canvas *c)
{
    if (c->r)
        SDL_DestroyRenderer(c->r);
    if (c->surf)
        SDL_FreeSurface(c->surf);
    c->r = NULL, c->surf = NULL;
}

void typo_canvas_save(const typo_canvas *c, const char *path)
{
    IMG_SavePNG(c->surf, path);
}

static int level(const SDL_Surface *s, int x, int y)
{
    Uint32 p = ((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x];
    int r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
    int m = r > g ? r : g;
    return m > b ? m : b;
}

typo_box typo_ink(const SDL_Surface *s, int thr)
{
    typo_box b = {s->w, s->h, -1, -1, 0};
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            if (level(s, x, y) > thr) {
                b.count++;
                b.x0 = x < b.x0 ? x : b.x0, b.x1 = x > b.x1 ? x : b.x1;
                b.y0 = y < b.y0 ? y : b.y0, b.y1 = y > b.y1 ? y : b.y1;
            }
    return b;
}

double typo_diff(const SDL_Surface *a, const SDL_Surface *b, int tol)
{
    long inked = 0, differ = 0;
    assert_int_equal(a->w, b->w);
    assert_int_equal(a->h, b->h);
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++) {
            int la = level(a, x, y), lb = level(b, x, y);
            if (la <= 40 && lb <= 40)
                continue;
            inked++;
            differ += abs(la - lb) > tol;
        }
    return inked ? (double)differ / inked : 0.0;
}

char *typo_font_file(const char *pattern, int *index)
{
    char *path = NULL;
    FcResult res = FcResultNoMatch;
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    FcChar8 *file = NULL, *want = NULL, *got = NULL;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    *index = 0;
    /* only the family asked for, not a substitute */
    if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(pat, FC_FAMILY, 0, &want) == FcResultMatch &&
        FcPatternGetString(m, FC_FAMILY, 0, &got) == FcResultMatch &&
        strcmp((char *)want, (char *)got) == 0) {
        path = strdup((const char *)file);
        FcPatternGetInteger(m, FC_INDEX, 0, index);
    }
    if (m)
        FcPatternDestroy(m);
    FcPatternDestroy(pat);
    return path;
}

bool typo_font_covers(uint32_t cp)
{
    FcPattern *pat = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, cp);
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, (char *)NULL);
    FcFontSet *set = FcFontList(NULL, pat, os);
    bool any = set && set->nfont > 0;
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    return any;
}

const char *typo_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}
