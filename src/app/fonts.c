/* fonts: see fonts.h.
 * State: a table of opened faces (file, face index, size -> TTF_Font), shared by the chains that use
 * them, and a table of chains (role, size -> the faces in fallback order). The chains of the design
 * sizes are pinned; other sizes (auto-fitted titles) are dropped least recently used first, closing the
 * faces no other chain uses. Characters no installed font has are remembered per role, so fontconfig is
 * asked about each at most once. */
#include "fonts.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fontfind.h"
#include "log.h"

#define CHAIN_MAX 16 /* fonts in one chain */
#define CHAINS_MAX 24
#define FACES_MAX 128
#define MISSING_MAX 256 /* remembered missing characters per role */

typedef struct {
    char *file; /* owned; NULL: free slot */
    int index, size;
    TTF_Font *font; /* owned */
} face;

struct fonts_chain {
    fonts_state *st;
    font_role role;
    int size;
    int faces[CHAIN_MAX]; /* slots in st->faces */
    int n;                /* 0: free slot */
    bool pinned;
    uint64_t used;
};

struct fonts_state {
    fontfind *ff; /* owned; NULL until the first fallback is needed */
    bool ff_failed;
    char *family[FONT_ROLE_COUNT]; /* owned */
    bool italic[FONT_ROLE_COUNT];
    char *file[FONT_ROLE_COUNT]; /* owned: the role's own font file, NULL when none */
    int index[FONT_ROLE_COUNT];
    face faces[FACES_MAX];
    fonts_chain chains[CHAINS_MAX];
    uint64_t clock;
    uint32_t missing[FONT_ROLE_COUNT][MISSING_MAX];
    int nmissing[FONT_ROLE_COUNT];
    char *scratch; /* owned */
    size_t scratch_cap;
};

fonts_config fonts_config_default(void)
{
    return (fonts_config){"Noto Serif", "Noto Serif", "Noto Sans"};
}

char *fonts_find_file(const char *pattern)
{
    int index;
    bool exact;
    return fontfind_match(pattern, &index, &exact);
}

/* ---- faces and chains -------------------------------------------------------------------------- */

static int face_open(fonts_state *st, const char *file, int index, int size)
{
    int free_slot = -1;
    for (int i = 0; i < FACES_MAX; i++) {
        face *fc = &st->faces[i];
        if (!fc->file) {
            free_slot = free_slot < 0 ? i : free_slot;
            continue;
        }
        if (fc->index == index && fc->size == size && strcmp(fc->file, file) == 0) {
            return i;
        }
    }
    if (free_slot < 0) {
        return -1;
    }
    face *fc = &st->faces[free_slot];
    fc->font = TTF_OpenFontIndex(file, size, index);
    fc->file = fc->font ? strdup(file) : NULL;
    if (!fc->file) {
        if (fc->font) {
            TTF_CloseFont(fc->font);
        }
        fc->font = NULL;
        return -1;
    }
    fc->index = index, fc->size = size;
    TTF_SetFontHinting(fc->font, TTF_HINTING_LIGHT);
    return free_slot;
}

static void face_close(face *fc)
{
    if (fc->font) {
        TTF_CloseFont(fc->font);
    }
    free(fc->file);
    memset(fc, 0, sizeof *fc);
}

/* Drops chain c, closing the faces no other chain uses. */
static void chain_drop(fonts_state *st, fonts_chain *c)
{
    for (int k = 0; k < c->n; k++) {
        bool shared = false;
        for (int j = 0; j < CHAINS_MAX && !shared; j++) {
            const fonts_chain *o = &st->chains[j];
            for (int m = 0; o != c && m < o->n && !shared; m++) {
                shared = o->faces[m] == c->faces[k];
            }
        }
        if (!shared) {
            face_close(&st->faces[c->faces[k]]);
        }
    }
    memset(c, 0, sizeof *c);
}

fonts_chain *fonts_chain_get(const kiosk_fonts *f, font_role role, int size)
{
    fonts_state *st = f->state;
    fonts_chain *slot = NULL;
    if (!st || role < 0 || role >= FONT_ROLE_COUNT || !st->file[role]) {
        return NULL;
    }
    if (size <= 0) {
        size = f->size[role];
    }
    st->clock++;
    for (int i = 0; i < CHAINS_MAX; i++) {
        fonts_chain *c = &st->chains[i];
        if (c->n > 0 && c->role == role && c->size == size) {
            c->used = st->clock;
            return c;
        }
        if (c->n == 0 && !slot) {
            slot = c;
        }
    }
    if (!slot) { /* drop the least recently used chain that is not pinned */
        for (int i = 0; i < CHAINS_MAX; i++) {
            fonts_chain *c = &st->chains[i];
            if (!c->pinned && (!slot || c->used < slot->used)) {
                slot = c;
            }
        }
        if (!slot) {
            return NULL;
        }
        chain_drop(st, slot);
    }
    int fc = face_open(st, st->file[role], st->index[role], size);
    if (fc < 0) {
        return NULL;
    }
    *slot = (fonts_chain){.st = st, .role = role, .size = size, .faces = {fc}, .n = 1, .used = st->clock};
    return slot;
}

TTF_Font *fonts_chain_font(const fonts_chain *c, int k)
{
    return k >= 0 && k < c->n ? c->st->faces[c->faces[k]].font : NULL;
}

int fonts_chain_count(const fonts_chain *c)
{
    return c->n;
}

int fonts_chain_size(const fonts_chain *c)
{
    return c->size;
}

char *fonts_chain_scratch(fonts_chain *c, size_t n)
{
    fonts_state *st = c->st;
    if (n + 1 > st->scratch_cap) {
        size_t cap = (n + 1) * 2;
        char *p = realloc(st->scratch, cap);
        if (!p) {
            return NULL;
        }
        st->scratch = p, st->scratch_cap = cap;
    }
    return st->scratch;
}

static bool cb_has(void *ctx, int k, uint32_t cp)
{
    TTF_Font *font = fonts_chain_font(ctx, k);
    return font && TTF_GlyphIsProvided32(font, cp) != 0;
}

static int cb_count(void *ctx)
{
    return fonts_chain_count(ctx);
}

static bool is_missing(const fonts_state *st, font_role role, uint32_t cp)
{
    for (int i = 0; i < st->nmissing[role]; i++) {
        if (st->missing[role][i] == cp) {
            return true;
        }
    }
    return false;
}

static void log_font_event(log_level lv, const char *event, font_role role, uint32_t cp, const char *key,
                           const char *value)
{
    char u[16];
    snprintf(u, sizeof u, "U+%04X", (unsigned)cp);
    log_line l;
    log_begin(&l, lv, event);
    log_str(&l, "role", font_role_name(role));
    log_str(&l, "char", u);
    log_str(&l, key, value);
    log_end(&l);
}

/* textrun's find: the best installed stand-in for cp, appended to the chain. */
static int cb_find(void *ctx, uint32_t cp)
{
    fonts_chain *c = ctx;
    fonts_state *st = c->st;
    int index = 0, k = -1;
    const char *file = NULL;

    if (is_missing(st, c->role, cp) || c->n >= CHAIN_MAX) {
        return -1;
    }
    if (!st->ff && !st->ff_failed) {
        st->ff = fontfind_new();
        st->ff_failed = !st->ff;
    }
    if (st->ff) {
        file = fontfind_fallback(st->ff, st->family[c->role], st->italic[c->role], cp, &index);
    }
    for (int j = 0; file && j < c->n; j++) {
        if (st->faces[c->faces[j]].index == index && strcmp(st->faces[c->faces[j]].file, file) == 0) {
            file = NULL; /* fontconfig says it has cp, FreeType says not: no use asking again */
        }
    }
    int fc = file ? face_open(st, file, index, c->size) : -1;
    if (fc >= 0) {
        c->faces[c->n] = fc;
        k = c->n++;
        if (c->pinned) {
            log_font_event(LOG_INFO, "font-fallback", c->role, cp, "using", file);
        }
    } else {
        if (st->nmissing[c->role] < MISSING_MAX) {
            st->missing[c->role][st->nmissing[c->role]++] = cp;
        }
        log_font_event(LOG_WARN, "glyph-missing", c->role, cp, "reason",
                       file ? "the font cannot be opened" : "no installed font has this character");
    }
    return k;
}

textrun_fonts fonts_chain_callbacks(fonts_chain *c)
{
    return (textrun_fonts){cb_has, cb_count, cb_find, c};
}

/* ---- opening ----------------------------------------------------------------------------------- */

static int open_role(kiosk_fonts *f, font_role r, const char *family, bool italic, int size)
{
    fonts_state *st = f->state;
    char pattern[256];
    bool exact = false;
    snprintf(pattern, sizeof pattern, "%s:style=%s", family, italic ? "Italic" : "Regular");
    st->family[r] = strdup(family);
    st->italic[r] = italic;
    st->file[r] = fontfind_match(pattern, &st->index[r], &exact);
    f->size[r] = size;
    if (st->file[r] && !exact) {
        log_line l;
        log_begin(&l, LOG_WARN, "font-substitute");
        log_str(&l, "role", font_role_name(r));
        log_str(&l, "wanted", pattern);
        log_str(&l, "using", st->file[r]);
        log_end(&l);
    }
    fonts_chain *c = st->family[r] && st->file[r] ? fonts_chain_get(f, r, size) : NULL;
    if (c) {
        c->pinned = true;
        f->font[r] = fonts_chain_font(c, 0);
        return 0;
    }
    log_line l;
    log_begin(&l, LOG_ERROR, "font-missing");
    log_str(&l, "role", font_role_name(r));
    log_str(&l, "wanted", pattern);
    log_str(&l, "reason",
            st->file[r] ? TTF_GetError() : "fontconfig found no font (install fonts-noto-core)");
    log_end(&l);
    free(st->file[r]);
    st->file[r] = NULL;
    return -1;
}

int fonts_open_config(kiosk_fonts *f, const design *d, const fonts_config *cfg)
{
    int missing = 0;
    fonts_config def = fonts_config_default(), c = cfg ? *cfg : def;
    const char *title = c.title_family ? c.title_family : def.title_family;
    const char *body = c.body_family ? c.body_family : def.body_family;
    const char *banner = c.banner_family ? c.banner_family : def.banner_family;
    const struct {
        const char *family;
        bool italic;
        int size;
    } roles[FONT_ROLE_COUNT] = {
        [FONT_TITLE] = {title, false, d->title_size},      [FONT_DATELINE] = {body, true, d->dateline_size},
        [FONT_BODY] = {body, false, d->body_size},         [FONT_SMALL] = {banner, false, d->small_size},
        [FONT_CAPTION] = {banner, false, d->caption_size}, [FONT_BANNER] = {banner, false, d->banner_size},
    };
    memset(f, 0, sizeof *f);
    f->state = calloc(1, sizeof *f->state);
    if (!f->state) {
        return -1;
    }
    for (int r = 0; r < FONT_ROLE_COUNT; r++) {
        if (open_role(f, (font_role)r, roles[r].family, roles[r].italic, roles[r].size) != 0) {
            missing++;
        }
    }
    return missing ? -1 : 0;
}

int fonts_open(kiosk_fonts *f, const design *d)
{
    return fonts_open_config(f, d, NULL);
}

void fonts_close(kiosk_fonts *f)
{
    fonts_state *st = f->state;
    if (st) {
        for (int i = 0; i < FACES_MAX; i++) {
            face_close(&st->faces[i]);
        }
        for (int r = 0; r < FONT_ROLE_COUNT; r++) {
            free(st->family[r]);
            free(st->file[r]);
        }
        fontfind_free(st->ff);
        free(st->scratch);
        free(st);
    }
    memset(f, 0, sizeof *f);
}
