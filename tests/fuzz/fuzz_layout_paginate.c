/* Fuzz target: layout_paginate (src/core/text/paginate.c over layout.c) with fake measurers.
 * Input: 1 byte measurer, 7 bytes of box (width, height, line height, paragraph gap), then paragraphs
 * separated by newlines, made valid UTF-8.
 * Checks layout.h: no empty page, each page starts a paragraph piece, lines in order across pages,
 * each line fits (or is one grapheme cluster), each page within the box height (when a line fits at
 * all), and every non-space character of every paragraph on exactly one line, in order. */
#include "fuzz_layout_util.h"

#define MAX_PARAS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader r = {data, size};
    measurer m = {(measurer_kind)(fuzz_byte(&r) % M_COUNT), 0};
    layout_box box;
    box.width = (int)(fuzz_u16(&r) % 1200);
    box.height = (int)(fuzz_u16(&r) % 1500);
    box.line_height = (int)(fuzz_byte(&r) % 80);
    box.para_gap = (int)(fuzz_byte(&r) % 40);
    fuzz_byte(&r); /* reserved */
    char *text = layout_text(r.p, r.left);

    const char *paras[MAX_PARAS];
    size_t n = 0;
    for (char *p = text; n < MAX_PARAS;) {
        paras[n++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }

    layout_pages pages = {0};
    FUZZ_CHECK(layout_paginate(paras, n, &box, fake_measure, &m, &pages) == 0, "layout_paginate failed");
    bool sane = box.line_height > 0 && box.line_height <= box.height;
    size_t last_para = 0, last_end = 0;
    for (size_t pg = 0; pg < pages.count; pg++) {
        const layout_page *p = &pages.pages[pg];
        size_t starts = 0;
        FUZZ_CHECK(p->count > 0, "page %zu is empty", pg);
        FUZZ_CHECK(p->lines[0].para_start, "page %zu does not start a paragraph piece", pg);
        for (size_t i = 0; i < p->count; i++) {
            const layout_page_line *l = &p->lines[i];
            FUZZ_CHECK(l->para < n, "paragraph %zu of %zu", l->para, n);
            FUZZ_CHECK((pg == 0 && i == 0) || l->para > last_para ||
                           (l->para == last_para && l->start >= last_end),
                       "page %zu line %zu (para %zu at %zu) is out of order", pg, i, l->para, l->start);
            check_line(paras[l->para], strlen(paras[l->para]), l->start, l->len, box.width, &m, l->rtl);
            last_para = l->para, last_end = l->start + l->len;
            starts += i > 0 && l->para_start;
        }
        if (sane)
            FUZZ_CHECK(layout_block_height(&box, p->count, starts) <= box.height,
                       "page %zu is %d px high, the box %d (%zu lines, %zu gaps)", pg,
                       layout_block_height(&box, p->count, starts), box.height, p->count, starts);
    }
    for (size_t k = 0; k < n; k++) {
        size_t len = strlen(paras[k]);
        char *want = malloc(len + 1), *got = malloc(len + 1);
        FUZZ_CHECK(want && got, "malloc");
        size_t nwant = keep_ink(paras[k], len, want, 0), ngot = 0;
        for (size_t pg = 0; pg < pages.count; pg++)
            for (size_t i = 0; i < pages.pages[pg].count; i++) {
                const layout_page_line *l = &pages.pages[pg].lines[i];
                if (l->para != k)
                    continue;
                FUZZ_CHECK(ngot + l->len <= len, "paragraph %zu: lines hold more than its text", k);
                ngot = keep_ink(paras[k] + l->start, l->len, got, ngot);
            }
        FUZZ_CHECK(ngot == nwant && memcmp(got, want, nwant) == 0,
                   "paragraph %zu: the pages do not hold its characters (%zu of %zu bytes)", k, ngot, nwant);
        free(want);
        free(got);
    }
    layout_pages_free(&pages);
    free(text);
    return 0;
}
