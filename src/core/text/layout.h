/* layout: line breaking and pagination of text, with a measuring callback so it runs without a window.
 * Break opportunities follow Unicode UAX #14 (libunibreak): CJK text wraps between ideographs, no line
 * starts with closing punctuation. A word (or URL) wider than the line is broken rather than clipped:
 * after a slash, hyphen or similar mark when one is near the end of the line, else between grapheme
 * clusters. Each paragraph's base direction (UAX #9) is found here and handed to the measurer, so right-
 * to-left text is measured as it will be drawn. Pure: all sizes are in pixels supplied by the caller.
 * layout.c breaks lines; paginate.c packs them into pages. */
#ifndef KIOSK_LAYOUT_H
#define KIOSK_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

/* Width in pixels of text[0..len) in the caller's font, a piece of a paragraph whose base direction is
 * right to left when rtl is true. Must be >= 0. */
typedef int (*layout_measure_fn)(void *ctx, const char *text, size_t len, bool rtl);

typedef struct {
    size_t start; /* byte offset into the text */
    size_t len;   /* bytes, trailing spaces and the newline excluded */
} layout_line;

typedef struct {
    layout_line *lines;
    size_t count;
    bool rtl; /* the text's base direction (first strong character): draw its lines right-aligned */
} layout_lines;

/* Breaks text (UTF-8, NUL-terminated) into lines no wider than max_width. Every non-space byte of text
 * lands in exactly one line, in order. Returns 0, or -1 when out of memory (out is then empty).
 * Free out with layout_lines_free. */
int layout_break(const char *text, int max_width, layout_measure_fn measure, void *ctx, layout_lines *out);
/* Breaks s[0..len) (need not be NUL-terminated), a piece of a paragraph whose base direction is rtl;
 * line offsets are reported plus base. Same contract as layout_break. */
int layout_break_range(const char *s, size_t len, size_t base, bool rtl, int max_width,
                       layout_measure_fn measure, void *ctx, layout_lines *out);
void layout_lines_free(layout_lines *l);

typedef struct {
    int width;       /* line width limit */
    int height;      /* page height limit */
    int line_height; /* distance between baselines of two lines */
    int para_gap;    /* extra space before a paragraph that is not first on its page */
} layout_box;

typedef struct {
    size_t para;  /* index of the paragraph the line belongs to */
    size_t start; /* byte range within that paragraph's text */
    size_t len;
    bool para_start; /* first line of a paragraph (or of a continued chunk) on this page: gap before */
    bool rtl;        /* the paragraph's base direction is right to left */
} layout_page_line;

typedef struct {
    layout_page_line *lines;
    size_t count;
} layout_page;

typedef struct {
    layout_page *pages;
    size_t count;
} layout_pages;

/* Packs paragraphs into as few pages as fit box: a page holds whole paragraphs; a paragraph taller than a
 * page is split at sentence boundaries (and, if one sentence is taller than a page, between lines).
 * Then the last two pages are balanced when the last is much emptier than the one before: they are
 * packed again into a lower box, as low as still gives two pages, so both are about equally full.
 * Nothing is lost: every word of every paragraph is on exactly one page. Returns 0 or -1 (no memory). */
int layout_paginate(const char *const *paras, size_t n, const layout_box *box, layout_measure_fn measure,
                    void *ctx, layout_pages *out);
void layout_pages_free(layout_pages *p);

/* Height of n lines with para_starts paragraph starts (the first not counted) in box:
 * lines * line_height + para_starts * para_gap. para_starts counts the lines flagged para_start other than
 * the first line of the page (no gap is drawn above it); layout_paginate keeps every page within
 * box->height by this measure. */
int layout_block_height(const layout_box *box, size_t lines, size_t para_starts);
/* Number of words (runs of non-space characters) in text. */
size_t layout_count_words(const char *text);

#endif
