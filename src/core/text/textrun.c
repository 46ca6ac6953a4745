/* textrun: see textrun.h.
 * Ownership: a textrun_list owns its two arrays (textrun_list_free); the scratch arrays of a split (code
 * points, levels, clusters) are freed before textrun_split returns. */
#include "textrun.h"

#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "textseg.h"
#include "uniscript.h"
#include "utf8.h"

typedef struct {
    size_t b0, b1;      /* bytes of the cluster */
    size_t c0, c1;      /* its code points */
    const char *script; /* its base character's script; neutral ones are resolved later */
    int font;
    uint8_t level;
    bool neutral;   /* Common or Inherited base */
    bool invisible; /* only default-ignorable code points */
} cluster;

typedef struct {
    const textrun_fonts *f;
    const uint32_t *cps;
} chooser;

static bool covers(const chooser *ch, int k, const cluster *c)
{
    for (size_t i = c->c0; i < c->c1; i++) {
        if (!uniscript_is_ignorable(ch->cps[i]) && !ch->f->has_glyph(ch->f->ctx, k, ch->cps[i])) {
            return false;
        }
    }
    return true;
}

static int first_covering(const chooser *ch, const cluster *c)
{
    int n = ch->f->count(ch->f->ctx);
    for (int k = 0; k < n; k++) {
        if (covers(ch, k, c)) {
            return k;
        }
    }
    return -1;
}

/* The font of a cluster: the first of the chain that has all its characters; else, after asking for a
 * font for each character no font has, the first that has them all, or failing that its base character;
 * -1 when no font has even that. */
static int choose(const chooser *ch, const cluster *c)
{
    int k = first_covering(ch, c);
    if (k >= 0 || !ch->f->find) {
        goto partial;
    }
    bool asked = false;
    for (size_t i = c->c0; i < c->c1; i++) {
        uint32_t cp = ch->cps[i];
        if (uniscript_is_ignorable(cp)) {
            continue;
        }
        int n = ch->f->count(ch->f->ctx), j = 0;
        while (j < n && !ch->f->has_glyph(ch->f->ctx, j, cp)) {
            j++;
        }
        if (j == n && ch->f->find(ch->f->ctx, cp) >= 0) {
            asked = true;
        }
    }
    if (asked) {
        k = first_covering(ch, c);
    }
partial:
    if (k < 0) {
        int n = ch->f->count(ch->f->ctx);
        size_t i = c->c0;
        while (i < c->c1 && uniscript_is_ignorable(ch->cps[i])) {
            i++;
        }
        for (int j = 0; i < c->c1 && j < n && k < 0; j++) {
            if (ch->f->has_glyph(ch->f->ctx, j, ch->cps[i])) {
                k = j;
            }
        }
    }
    return k;
}

/* Code points and grapheme clusters of s; returns the number of clusters. A cluster's script is that of
 * its first visible code point (its base letter). */
static size_t scan(const char *s, size_t len, uint32_t *cps, cluster *cl)
{
    size_t n = 0, m = 0;
    for (size_t b = 0; b < len;) {
        size_t e = textseg_next_grapheme(s, len, b);
        cluster *c = &cl[m++];
        memset(c, 0, sizeof *c);
        c->b0 = b, c->b1 = e, c->c0 = n;
        while (b < e) {
            b += utf8_decode(s + b, e - b, &cps[n]);
            if (!c->script && !uniscript_is_ignorable(cps[n])) {
                c->script = uniscript_tag(cps[n]);
            }
            n++;
        }
        c->c1 = n;
        c->invisible = !c->script;
        c->neutral = c->invisible || uniscript_is_neutral(c->script);
    }
    return m;
}

/* Neutral clusters (punctuation, digits, spaces, lone marks) take the script and, when it has their
 * glyphs, the font of a neighbour: the text before them, unless only the next strong text is at their
 * bidi level (a space before a Latin word in Arabic text goes with the word). */
static void resolve_neutrals(const chooser *ch, cluster *cl, size_t m)
{
    for (size_t i = 0; i < m; i++) {
        cluster *c = &cl[i];
        if (!c->neutral) {
            continue;
        }
        size_t j = i + 1;
        while (j < m && cl[j].neutral) {
            j++;
        }
        const cluster *prev = i > 0 ? &cl[i - 1] : NULL, *next = j < m ? &cl[j] : NULL;
        if (c->invisible && prev) {
            c->level = prev->level;
        }
        bool after = !prev || (next && prev->level != c->level && next->level == c->level);
        const cluster *side = after ? next : prev, *other = after ? prev : next;
        c->script = side ? side->script : UNISCRIPT_COMMON;
        if (c->invisible) {
            c->font = side ? side->font : other ? other->font : 0;
        } else if (side && side->font >= 0 && covers(ch, side->font, c)) {
            c->font = side->font;
        } else if (other && other->font >= 0 && covers(ch, other->font, c)) {
            c->font = other->font;
        } else {
            c->font = choose(ch, c);
        }
        if (c->font < 0 && c->invisible) {
            c->font = 0;
        }
    }
}

static int build_runs(const cluster *cl, size_t m, bool rtl, textrun_list *out)
{
    size_t count = 0;
    out->runs = malloc(m * sizeof *out->runs);
    out->visual = malloc(m * sizeof *out->visual);
    uint8_t *levels = malloc(m);
    if (!out->runs || !out->visual || !levels) {
        free(levels);
        return -1;
    }
    for (size_t i = 0; i < m; i++) {
        const cluster *c = &cl[i];
        textrun *r = count ? &out->runs[count - 1] : NULL;
        if (r && r->font == c->font && r->level == c->level && strcmp(r->script, c->script) == 0) {
            r->len = c->b1 - r->start;
            continue;
        }
        r = &out->runs[count++];
        r->start = c->b0, r->len = c->b1 - c->b0, r->font = c->font, r->level = c->level;
        memcpy(r->script, c->script, 4);
        r->script[4] = '\0';
        levels[count - 1] = c->level;
    }
    bidi_visual_order(levels, count, out->visual);
    free(levels);
    out->count = count, out->rtl = rtl;
    return 0;
}

int textrun_split(const char *s, size_t len, bool rtl, const textrun_fonts *fonts, textrun_list *out)
{
    int rc = -1;
    uint32_t *cps = NULL;
    uint8_t *levels = NULL;
    cluster *cl = NULL;

    memset(out, 0, sizeof *out);
    out->rtl = rtl;
    if (len == 0) {
        return 0;
    }
    cps = malloc(len * sizeof *cps);
    levels = malloc(len);
    cl = malloc(len * sizeof *cl);
    if (!cps || !levels || !cl) {
        goto cleanup;
    }
    size_t m = scan(s, len, cps, cl);
    size_t n = cl[m - 1].c1;
    if (bidi_levels(cps, n, rtl, levels) != 0) {
        goto cleanup;
    }
    chooser ch = {fonts, cps};
    for (size_t i = 0; i < m; i++) {
        cl[i].level = levels[cl[i].c0];
        cl[i].font = cl[i].neutral ? -1 : choose(&ch, &cl[i]);
    }
    resolve_neutrals(&ch, cl, m);
    if (build_runs(cl, m, rtl, out) != 0) {
        goto cleanup;
    }
    rc = 0;
cleanup:
    if (rc != 0) {
        textrun_list_free(out);
    }
    free(cps);
    free(levels);
    free(cl);
    return rc;
}

void textrun_list_free(textrun_list *l)
{
    if (!l) {
        return;
    }
    free(l->runs);
    free(l->visual);
    l->runs = NULL, l->visual = NULL, l->count = 0;
}
