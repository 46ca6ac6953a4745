/* paginate: sentence-aware packing of paragraphs into pages, then balancing of the last two pages.
 * See layout.h. Ownership: a layout_pages owns its arrays (layout_pages_free). Page records only hold
 * byte offsets into the caller's paragraphs, never copies. */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "textseg.h"

typedef struct {
    const layout_box *box;
    layout_measure_fn measure;
    void *ctx;
    layout_page *pages; /* owned: finished pages */
    size_t npages, cap_pages;
    layout_page_line *cur; /* owned: the page being filled */
    size_t ncur, cap_cur;
    size_t cur_gaps; /* paragraph starts on the current page after its first line */
    bool rtl;        /* the paragraph being added */
} pager;

/* True when extra more lines, starting a new piece, fit on the current page (or an empty one). */
static bool pager_fits(const pager *pg, size_t extra)
{
    size_t gaps = pg->ncur > 0 ? pg->cur_gaps + 1 : 0;
    return layout_block_height(pg->box, pg->ncur + extra, gaps) <= pg->box->height;
}

static int pager_flush(pager *pg)
{
    if (pg->ncur == 0) {
        return 0;
    }
    if (pg->npages == pg->cap_pages) {
        size_t cap = pg->cap_pages ? pg->cap_pages * 2 : 8;
        layout_page *v = realloc(pg->pages, cap * sizeof *v);
        if (!v) {
            return -1;
        }
        pg->pages = v, pg->cap_pages = cap;
    }
    pg->pages[pg->npages++] = (layout_page){pg->cur, pg->ncur};
    pg->cur = NULL, pg->ncur = pg->cap_cur = pg->cur_gaps = 0;
    return 0;
}

/* Places lines[from..from+count) of paragraph para as one piece, on a new page when they don't fit. */
static int pager_add(pager *pg, size_t para, const layout_lines *l, size_t from, size_t count)
{
    if (pg->ncur > 0 && !pager_fits(pg, count) && pager_flush(pg) != 0) {
        return -1;
    }
    if (pg->ncur + count > pg->cap_cur) {
        size_t cap = pg->cap_cur ? pg->cap_cur : 16;
        while (cap < pg->ncur + count) {
            cap *= 2;
        }
        layout_page_line *v = realloc(pg->cur, cap * sizeof *v);
        if (!v) {
            return -1;
        }
        pg->cur = v, pg->cap_cur = cap;
    }
    if (pg->ncur > 0) {
        pg->cur_gaps++;
    }
    for (size_t k = 0; k < count; k++) {
        const layout_line *src = &l->lines[from + k];
        pg->cur[pg->ncur++] = (layout_page_line){para, src->start, src->len, k == 0, pg->rtl};
    }
    return 0;
}

/* A paragraph taller than a page: chunks of whole sentences, each re-broken from its own start and as
 * large as fits the room left (the current page's rest, else a whole page). A sentence taller than a
 * page is cut between lines; its rest starts the next chunk. */
/* At most this much of a paragraph is broken into lines at once: far more than any page holds, and it
 * keeps a huge paragraph without sentence ends (a list of names on one line) linear, not quadratic. */
#define SPLIT_WINDOW (64 * 1024)

/* The end of the next sentence after b, but no further than SPLIT_WINDOW from a (at a letter boundary);
 * *clamped tells whether the window cut it. */
static size_t next_piece(const char *text, size_t len, size_t a, size_t b, bool *clamped)
{
    size_t nb = textseg_next_sentence(text, len, b);
    *clamped = false;
    if (nb - a > SPLIT_WINDOW) {
        nb = a + SPLIT_WINDOW;
        while (nb > a + 1 && ((unsigned char)text[nb] & 0xC0) == 0x80) {
            nb--;
        }
        *clamped = true;
    }
    return nb;
}

static int split_paragraph(pager *pg, size_t para, const char *text)
{
    int rc = -1;
    size_t len = strlen(text), a = 0;
    layout_lines best = {0}, t = {0};
    const layout_box *box = pg->box;

    for (;;) {
        a = textseg_skip_space(text, len, a, true);
        if (a >= len) {
            break;
        }
        size_t b = a;
        bool clamped = false;
        while (b < len) { /* grow the chunk by whole sentences while it fits */
            size_t nb = next_piece(text, len, a, b, &clamped);
            if (clamped) {
                break; /* a piece this long never fits a page */
            }
            if (layout_break_range(text + a, nb - a, a, pg->rtl, box->width, pg->measure, pg->ctx, &t) != 0) {
                goto cleanup;
            }
            if (t.count == 0 || !pager_fits(pg, t.count)) {
                break;
            }
            layout_lines_free(&best);
            best = t, b = nb;
            t = (layout_lines){0};
        }
        layout_lines_free(&t);
        if (best.count > 0) {
            if (pager_add(pg, para, &best, 0, best.count) != 0) {
                goto cleanup;
            }
            layout_lines_free(&best);
            a = b;
            continue;
        }
        if (pg->ncur > 0) { /* not even one sentence fits the rest of this page */
            if (pager_flush(pg) != 0) {
                goto cleanup;
            }
            continue;
        }
        size_t nb = next_piece(text, len, a, a, &clamped);
        if (layout_break_range(text + a, nb - a, a, pg->rtl, box->width, pg->measure, pg->ctx, &t) != 0) {
            goto cleanup;
        }
        size_t m = 1;
        /* with a cut window its last line may end mid-word: it is never taken, the next round starts there */
        size_t usable = clamped && t.count > 1 ? t.count - 1 : t.count;
        while (m < usable && pager_fits(pg, m + 1)) {
            m++;
        }
        if (t.count > 0 && pager_add(pg, para, &t, 0, m < t.count ? m : t.count) != 0) {
            goto cleanup;
        }
        a = m < t.count ? t.lines[m].start : nb;
        if (m < t.count && pager_flush(pg) != 0) {
            goto cleanup;
        }
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
    if (!p) {
        return;
    }
    for (size_t i = 0; i < p->count; i++) {
        free(p->pages[i].lines);
    }
    free(p->pages);
    p->pages = NULL, p->count = 0;
}

/* Packs the paragraphs into pages of box (no balancing). */
static int pack(const char *const *paras, size_t n, const layout_box *box, layout_measure_fn measure,
                void *ctx, layout_pages *out)
{
    int rc = -1;
    pager pg = {.box = box, .measure = measure, .ctx = ctx};
    layout_lines l = {0};

    out->pages = NULL, out->count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!paras[i]) {
            continue;
        }
        size_t len = strlen(paras[i]);
        pg.rtl = bidi_text_is_rtl(paras[i], len);
        if (layout_break_range(paras[i], len, 0, pg.rtl, box->width, measure, ctx, &l) != 0) {
            goto cleanup;
        }
        if (l.count > 0 && layout_block_height(box, l.count, 0) <= box->height) {
            if (pager_add(&pg, i, &l, 0, l.count) != 0) {
                goto cleanup;
            }
        } else if (l.count > 0 && split_paragraph(&pg, i, paras[i]) != 0) {
            goto cleanup;
        }
        layout_lines_free(&l);
    }
    if (pager_flush(&pg) != 0) {
        goto cleanup;
    }
    out->pages = pg.pages, out->count = pg.npages;
    pg.pages = NULL, pg.npages = 0;
    rc = 0;
cleanup:
    layout_lines_free(&l);
    free(pg.cur);
    layout_pages_free(&(layout_pages){pg.pages, pg.npages});
    return rc;
}

static int page_height(const layout_box *box, const layout_page *p)
{
    size_t starts = 0;
    for (size_t i = 1; i < p->count; i++) {
        starts += p->lines[i].para_start;
    }
    return layout_block_height(box, p->count, starts);
}

/* When the last page holds less than this share of the one before, the two are balanced. */
#define BALANCE_NUM 3
#define BALANCE_DEN 5

/* Balances the last two pages: the text from the start of the one before last is packed again into the
 * lowest box (binary search on its height) that still takes at most two pages. */
static int balance_tail(const char *const *paras, size_t n, const layout_box *box, layout_measure_fn measure,
                        void *ctx, layout_pages *pages)
{
    int rc = -1;
    layout_pages best = {0}, t = {0};
    const char **tail = NULL;

    if (pages->count < 2) {
        return 0;
    }
    layout_page *a = &pages->pages[pages->count - 2], *b = &pages->pages[pages->count - 1];
    int ha = page_height(box, a), hb = page_height(box, b);
    if ((long long)hb * BALANCE_DEN >= (long long)ha * BALANCE_NUM) {
        return 0;
    }
    size_t p0 = a->lines[0].para, off = a->lines[0].start, tn = n - p0;
    tail = malloc(tn * sizeof *tail);
    if (!tail) {
        goto cleanup;
    }
    for (size_t k = 0; k < tn; k++) {
        tail[k] = paras[p0 + k];
    }
    tail[0] += off;
    int lo = hb, hi = box->height;
    while (lo < hi) {
        layout_box low = *box;
        low.height = lo + (hi - lo) / 2;
        if (pack(tail, tn, &low, measure, ctx, &t) != 0) {
            goto cleanup;
        }
        if (t.count >= 1 && t.count <= 2) {
            layout_pages_free(&best);
            best = t, hi = low.height;
        } else {
            layout_pages_free(&t);
            lo = low.height + 1;
        }
        t = (layout_pages){0};
    }
    if (best.count == 2 && page_height(box, &best.pages[1]) > hb) {
        for (size_t pg = 0; pg < best.count; pg++) {
            for (size_t i = 0; i < best.pages[pg].count; i++) {
                layout_page_line *l = &best.pages[pg].lines[i];
                l->start += l->para == 0 ? off : 0;
                l->para += p0;
            }
        }
        free(a->lines);
        free(b->lines);
        *a = best.pages[0], *b = best.pages[1];
        best.count = 0;
    }
    rc = 0;
cleanup:
    layout_pages_free(&t);
    layout_pages_free(&best);
    free(tail);
    return rc;
}

int layout_paginate(const char *const *paras, size_t n, const layout_box *box, layout_measure_fn measure,
                    void *ctx, layout_pages *out)
{
    if (pack(paras, n, box, measure, ctx, out) != 0) {
        return -1;
    }
    if (balance_tail(paras, n, box, measure, ctx, out) != 0) {
        layout_pages_free(out);
        return -1;
    }
    return 0;
}
