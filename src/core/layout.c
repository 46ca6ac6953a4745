/* layout: greedy UAX #14 line breaking and sentence-aware pagination. See layout.h.
 * Ownership: a layout_lines / layout_pages owns its arrays; callers release them with the *_free
 * functions. Line and page records only hold byte offsets into the caller's text, never copies.
 * libunibreak 1.1 (Debian bookworm) has no graphemebreak.h: over-long words are cut between grapheme
 * clusters as textseg approximates them. */
#include "layout.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linebreak.h>

#include "textseg.h"
#include "utf8.h"

/* A first segment longer than this is measured by galloping over its graphemes instead of at once, so
 * a huge unbreakable run is never measured whole on every line. */
#define LONG_SEGMENT 512

static pthread_once_t lb_once = PTHREAD_ONCE_INIT;

static void lb_init(void)
{
    init_linebreak();
}

size_t layout_count_words(const char *text)
{
    return text ? textseg_count_words(text, strlen(text)) : 0;
}

int layout_block_height(const layout_box *box, size_t lines, size_t para_starts)
{
    long long h = (long long)lines * box->line_height + (long long)para_starts * box->para_gap;
    return h > INT_MAX ? INT_MAX : (h < INT_MIN ? INT_MIN : (int)h);
}

/* ---- line breaking ------------------------------------------------------------------------------ */

typedef struct {
    const char *s;
    size_t len;
    char *brks; /* owned: libunibreak's break after each byte */
    int max;
    layout_measure_fn measure;
    void *ctx;
    size_t *gb; /* owned scratch: grapheme boundaries of the segment being cut */
    size_t gb_cap;
    layout_line *v; /* owned until handed to the caller */
    size_t n, cap;
    size_t opp_from, opp; /* last next_opportunity answer: none in [opp_from, opp - 1) */
} breaker;

static int width(const breaker *b, size_t from, size_t to)
{
    int w = b->measure(b->ctx, b->s + from, to - from);
    return w < 0 ? 0 : w;
}

static bool fits(const breaker *b, size_t from, size_t to)
{
    return width(b, from, to) <= b->max;
}

/* Smallest e > from with a break allowed after byte e-1 (the last byte always is one). Remembers its
 * answer, so a long run without breaks is scanned once, not once per line. */
static size_t next_opportunity(breaker *b, size_t from)
{
    if (from >= b->opp_from && from < b->opp)
        return b->opp;
    size_t i = from;
    while (i < b->len && b->brks[i] != LINEBREAK_MUSTBREAK && b->brks[i] != LINEBREAK_ALLOWBREAK)
        i++;
    b->opp_from = from, b->opp = i < b->len ? i + 1 : b->len;
    return b->opp;
}

static int push_line(breaker *b, size_t start, size_t len)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        layout_line *v = realloc(b->v, cap * sizeof *v);
        if (!v)
            return -1;
        b->v = v, b->cap = cap;
    }
    b->v[b->n++] = (layout_line){start, len};
    return 0;
}

/* Ensures gb[0..want] hold grapheme boundaries from gb[0] (or up to end). *n is how many are stored. */
static int grow_boundaries(breaker *b, size_t *n, size_t want, size_t end)
{
    while (*n <= want && b->gb[*n - 1] < end) {
        if (*n == b->gb_cap) {
            size_t cap = b->gb_cap * 2;
            size_t *gb = realloc(b->gb, cap * sizeof *gb);
            if (!gb)
                return -1;
            b->gb = gb, b->gb_cap = cap;
        }
        b->gb[*n] = textseg_next_grapheme(b->s, end, b->gb[*n - 1]);
        (*n)++;
    }
    return 0;
}

/* *out = the longest run of whole graphemes from pos (within end) that fits, at least one grapheme.
 * Gallops (1, 2, 4... graphemes) then bisects: O(log k) measures of about a line each. */
static int fit_graphemes(breaker *b, size_t pos, size_t end, size_t *out)
{
    size_t n = 1, lo = 1, hi;
    if (!b->gb) {
        b->gb = malloc(64 * sizeof *b->gb);
        if (!b->gb)
            return -1;
        b->gb_cap = 64;
    }
    b->gb[0] = pos;
    if (grow_boundaries(b, &n, 1, end) != 0)
        return -1;
    if (!fits(b, pos, b->gb[1])) {
        *out = b->gb[1];
        return 0;
    }
    for (;;) {
        size_t want = lo * 2;
        if (grow_boundaries(b, &n, want, end) != 0)
            return -1;
        if (n - 1 < want) { /* reached the end of the segment */
            hi = n - 1;
            if (hi == lo || fits(b, pos, b->gb[hi])) {
                *out = b->gb[hi];
                return 0;
            }
            break;
        }
        if (!fits(b, pos, b->gb[want])) {
            hi = want;
            break;
        }
        lo = want;
    }
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (fits(b, pos, b->gb[mid]))
            lo = mid;
        else
            hi = mid;
    }
    *out = b->gb[lo];
    return 0;
}

/* Greedy fill: each line is the longest run up to a break opportunity that fits. */
static int fill(breaker *b)
{
    size_t pos = textseg_skip_space(b->s, b->len, 0, false);
    while (pos < b->len) {
        size_t e = pos, first_end = 0, split = 0, line_end = 0, next = 0;
        bool have = false;
        for (;;) {
            e = next_opportunity(b, e);
            size_t c = textseg_trim_end(b->s, pos, e);
            bool hard = b->brks[e - 1] == LINEBREAK_MUSTBREAK, ok;
            if (!have)
                first_end = c;
            if (c == pos) {
                ok = true; /* an empty line before a line end */
            } else if (!have && c - pos > LONG_SEGMENT) {
                if (fit_graphemes(b, pos, c, &split) != 0)
                    return -1;
                ok = split == c;
            } else {
                ok = fits(b, pos, c);
            }
            if (!ok)
                break;
            have = true, line_end = c, next = e;
            if (hard || e >= b->len)
                break;
        }
        if (!have) { /* the first segment alone is too wide: cut it between graphemes */
            if (!split && fit_graphemes(b, pos, first_end, &split) != 0)
                return -1;
            line_end = textseg_trim_end(b->s, pos, split), next = split;
        }
        if (push_line(b, pos, line_end - pos) != 0)
            return -1;
        pos = textseg_skip_space(b->s, b->len, next, false);
    }
    while (b->n > 0 && b->v[b->n - 1].len == 0)
        b->n--;
    return 0;
}

/* Avoids a lone word on the last line: when the line before holds >= 3 words (same paragraph), its last
 * word moves down if both lines still fit. Only moves a break, so nothing is lost. */
static void fix_widow(breaker *b)
{
    if (b->n < 2)
        return;
    layout_line *p = &b->v[b->n - 2], *l = &b->v[b->n - 1];
    size_t p_end = p->start + p->len, l_end = l->start + l->len, q = p_end;
    if (textseg_count_words(b->s + l->start, l->len) != 1 || textseg_count_words(b->s + p->start, p->len) < 3)
        return;
    for (size_t i = p_end; i < l->start; i++)
        if (b->brks[i] == LINEBREAK_MUSTBREAK)
            return;
    for (; q > p->start; q--) {
        uint32_t c;
        if (b->brks[q - 1] != LINEBREAK_ALLOWBREAK)
            continue;
        size_t j = textseg_prev_start(b->s, p->start, q);
        utf8_decode(b->s + j, q - j, &c);
        if (textseg_is_space(c))
            break;
    }
    size_t pe = textseg_trim_end(b->s, p->start, q);
    if (q <= p->start || pe <= p->start || !fits(b, q, l_end) || !fits(b, p->start, pe))
        return;
    p->len = pe - p->start;
    l->start = q, l->len = l_end - q;
}

/* libunibreak 1.1 (Debian bookworm) aborts on an assertion for U+FFFF and for every regional indicator
 * (flag letters U+1F1E6..U+1F1FF). It is handed a copy with same-length stand-ins instead: U+FFFD, and
 * for each flag letter pair an ideograph (U+20000) and a combining mark (U+1D167), which break like
 * flags do: between pairs, not inside one. Returns 0, or -1 when out of memory. */
static int safe_linebreaks(const char *s, size_t len, char *brks)
{
    int rc = -1;
    static const unsigned char ideograph[4] = {0xF0, 0xA0, 0x80, 0x80}, mark[4] = {0xF0, 0x9D, 0x85, 0xA7};
    const unsigned char *u = (const unsigned char *)s;
    char *copy = NULL;
    bool second = false;

    for (size_t i = 0; i < len; i++) {
        bool ri = i + 3 < len && u[i] == 0xF0 && u[i + 1] == 0x9F && u[i + 2] == 0x87 && u[i + 3] >= 0xA6 &&
                  u[i + 3] <= 0xBF;
        bool ffff = i + 2 < len && u[i] == 0xEF && u[i + 1] == 0xBF && u[i + 2] == 0xBF;
        if (!ri && !ffff) {
            second = false;
            continue;
        }
        if (!copy) {
            copy = malloc(len);
            if (!copy)
                goto cleanup;
            memcpy(copy, s, len);
        }
        if (ffff) {
            copy[i + 2] = (char)0xBD;
            i += 2;
        } else {
            memcpy(copy + i, second ? mark : ideograph, 4);
            second = !second;
            i += 3;
        }
    }
    set_linebreaks_utf8((const utf8_t *)(copy ? copy : s), len, NULL, brks);
    /* no line break inside a grapheme cluster (1.1 breaks after a zero-width joiner, for one) */
    for (size_t i = 0; i < len;) {
        size_t g = textseg_next_grapheme(s, len, i);
        for (; i + 1 < g; i++)
            if (brks[i] == LINEBREAK_ALLOWBREAK)
                brks[i] = LINEBREAK_NOBREAK;
        i = g;
    }
    rc = 0;
cleanup:
    free(copy);
    return rc;
}

/* Breaks s[0..len) (need not be NUL-terminated); line offsets are reported plus base. */
static int break_range(const char *s, size_t len, size_t base, int max_width, layout_measure_fn measure,
                       void *ctx, layout_lines *out)
{
    int rc = -1;
    breaker b = {.s = s, .len = len, .max = max_width, .measure = measure, .ctx = ctx};

    out->lines = NULL, out->count = 0;
    if (len == 0)
        return 0;
    pthread_once(&lb_once, lb_init);
    b.brks = malloc(len);
    if (!b.brks)
        goto cleanup;
    if (safe_linebreaks(s, len, b.brks) != 0 || fill(&b) != 0)
        goto cleanup;
    fix_widow(&b);
    for (size_t i = 0; i < b.n; i++)
        b.v[i].start += base;
    if (b.n > 0) {
        out->lines = b.v, out->count = b.n;
        b.v = NULL;
    }
    rc = 0;
cleanup:
    free(b.brks);
    free(b.gb);
    free(b.v);
    return rc;
}

int layout_break(const char *text, int max_width, layout_measure_fn measure, void *ctx, layout_lines *out)
{
    return break_range(text, text ? strlen(text) : 0, 0, max_width, measure, ctx, out);
}

void layout_lines_free(layout_lines *l)
{
    if (!l)
        return;
    free(l->lines);
    l->lines = NULL, l->count = 0;
}

/* ---- pagination --------------------------------------------------------------------------------- */

typedef struct {
    const layout_box *box;
    layout_measure_fn measure;
    void *ctx;
    layout_page *pages; /* owned: finished pages */
    size_t npages, cap_pages;
    layout_page_line *cur; /* owned: the page being filled */
    size_t ncur, cap_cur;
    size_t cur_gaps; /* paragraph starts on the current page after its first line */
} pager;

/* True when extra more lines, starting a new piece, fit on the current page (or an empty one). */
static bool pager_fits(const pager *pg, size_t extra)
{
    size_t gaps = pg->ncur > 0 ? pg->cur_gaps + 1 : 0;
    return layout_block_height(pg->box, pg->ncur + extra, gaps) <= pg->box->height;
}

static int pager_flush(pager *pg)
{
    if (pg->ncur == 0)
        return 0;
    if (pg->npages == pg->cap_pages) {
        size_t cap = pg->cap_pages ? pg->cap_pages * 2 : 8;
        layout_page *v = realloc(pg->pages, cap * sizeof *v);
        if (!v)
            return -1;
        pg->pages = v, pg->cap_pages = cap;
    }
    pg->pages[pg->npages++] = (layout_page){pg->cur, pg->ncur};
    pg->cur = NULL, pg->ncur = pg->cap_cur = pg->cur_gaps = 0;
    return 0;
}

/* Places lines[from..from+count) of paragraph para as one piece, on a new page when they don't fit. */
static int pager_add(pager *pg, size_t para, const layout_lines *l, size_t from, size_t count)
{
    if (pg->ncur > 0 && !pager_fits(pg, count) && pager_flush(pg) != 0)
        return -1;
    if (pg->ncur + count > pg->cap_cur) {
        size_t cap = pg->cap_cur ? pg->cap_cur : 16;
        while (cap < pg->ncur + count)
            cap *= 2;
        layout_page_line *v = realloc(pg->cur, cap * sizeof *v);
        if (!v)
            return -1;
        pg->cur = v, pg->cap_cur = cap;
    }
    if (pg->ncur > 0)
        pg->cur_gaps++;
    for (size_t k = 0; k < count; k++) {
        const layout_line *src = &l->lines[from + k];
        pg->cur[pg->ncur++] = (layout_page_line){para, src->start, src->len, k == 0};
    }
    return 0;
}

/* A paragraph taller than a page: chunks of whole sentences, each re-broken from its own start and as
 * large as fits the room left (the current page's rest, else a whole page). A sentence taller than a
 * page is cut between lines; its rest starts the next chunk. */
static int split_paragraph(pager *pg, size_t para, const char *text)
{
    int rc = -1;
    size_t len = strlen(text), a = 0;
    layout_lines best = {0}, t = {0};
    const layout_box *box = pg->box;

    for (;;) {
        a = textseg_skip_space(text, len, a, true);
        if (a >= len)
            break;
        size_t b = a;
        while (b < len) { /* grow the chunk by whole sentences while it fits */
            size_t nb = textseg_next_sentence(text, len, b);
            if (break_range(text + a, nb - a, a, box->width, pg->measure, pg->ctx, &t) != 0)
                goto cleanup;
            if (t.count == 0 || !pager_fits(pg, t.count))
                break;
            layout_lines_free(&best);
            best = t, b = nb;
            t = (layout_lines){0};
        }
        layout_lines_free(&t);
        if (best.count > 0) {
            if (pager_add(pg, para, &best, 0, best.count) != 0)
                goto cleanup;
            layout_lines_free(&best);
            a = b;
            continue;
        }
        if (pg->ncur > 0) { /* not even one sentence fits the rest of this page */
            if (pager_flush(pg) != 0)
                goto cleanup;
            continue;
        }
        size_t nb = textseg_next_sentence(text, len, a);
        if (break_range(text + a, nb - a, a, box->width, pg->measure, pg->ctx, &t) != 0)
            goto cleanup;
        size_t m = 1;
        while (m < t.count && pager_fits(pg, m + 1))
            m++;
        if (t.count > 0 && pager_add(pg, para, &t, 0, m < t.count ? m : t.count) != 0)
            goto cleanup;
        a = m < t.count ? t.lines[m].start : nb;
        if (m < t.count && pager_flush(pg) != 0)
            goto cleanup;
        layout_lines_free(&t);
    }
    rc = 0;
cleanup:
    layout_lines_free(&best);
    layout_lines_free(&t);
    return rc;
}

void layout_pages_free(layout_pages *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++)
        free(p->pages[i].lines);
    free(p->pages);
    p->pages = NULL, p->count = 0;
}

int layout_paginate(const char *const *paras, size_t n, const layout_box *box, layout_measure_fn measure,
                    void *ctx, layout_pages *out)
{
    int rc = -1;
    pager pg = {.box = box, .measure = measure, .ctx = ctx};
    layout_lines l = {0};

    out->pages = NULL, out->count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!paras[i])
            continue;
        if (break_range(paras[i], strlen(paras[i]), 0, box->width, measure, ctx, &l) != 0)
            goto cleanup;
        if (l.count > 0 && layout_block_height(box, l.count, 0) <= box->height) {
            if (pager_add(&pg, i, &l, 0, l.count) != 0)
                goto cleanup;
        } else if (l.count > 0 && split_paragraph(&pg, i, paras[i]) != 0) {
            goto cleanup;
        }
        layout_lines_free(&l);
    }
    if (pager_flush(&pg) != 0)
        goto cleanup;
    out->pages = pg.pages, out->count = pg.npages;
    pg.pages = NULL, pg.npages = 0;
    rc = 0;
cleanup:
    layout_lines_free(&l);
    free(pg.cur);
    layout_pages_free(&(layout_pages){pg.pages, pg.npages});
    return rc;
}
