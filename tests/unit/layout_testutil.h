/* Shared helpers of the layout tests: fake measurers (no fonts) and invariant checks.
 * Included by test_layout.c and test_paginate.c after cmocka.h; everything is static inline so a test
 * that uses only some of it builds without warnings. */
#ifndef KIOSK_LAYOUT_TESTUTIL_H
#define KIOSK_LAYOUT_TESTUTIL_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

/* ---- fake measurers ----------------------------------------------------------------------------- */

static inline int code_points(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Every code point is 10 px. */
static inline int measure_cp10(void *ctx, const char *s, size_t len, bool rtl)
{
    (void)ctx, (void)rtl;
    return 10 * code_points(s, len);
}

/* Spaces are 5 px, every other code point 10 px. */
static inline int measure_sp5(void *ctx, const char *s, size_t len, bool rtl)
{
    int spaces = 0;
    (void)ctx, (void)rtl;
    for (size_t i = 0; i < len; i++)
        spaces += s[i] == ' ';
    return 10 * code_points(s, len) - 5 * spaces;
}

typedef struct {
    long calls;
    long bytes;
} counter;

static inline int measure_counting(void *ctx, const char *s, size_t len, bool rtl)
{
    counter *c = ctx;
    c->calls++;
    c->bytes += (long)len;
    return measure_cp10(NULL, s, len, rtl);
}

/* ---- helpers ------------------------------------------------------------------------------------ */

static inline int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copy of s[0..len) without white space (caller frees). */
static inline char *strip(const char *s, size_t len)
{
    char *d = malloc(len + 1);
    size_t n = 0;
    assert_non_null(d);
    for (size_t i = 0; i < len; i++)
        if (!is_ws(s[i]))
            d[n++] = s[i];
    d[n] = '\0';
    return d;
}

/* Lines are ordered, trimmed, on code point boundaries, fit (when a code point fits at all), and hold
 * every non-space byte of text in order. */
static inline void check_lines(const char *text, const layout_lines *l, int width, layout_measure_fn m)
{
    size_t total = 0, prev_end = 0;
    char *want = strip(text, strlen(text));
    char *got = calloc(strlen(text) + 1, 1);
    assert_non_null(got);
    for (size_t i = 0; i < l->count; i++) {
        const layout_line *ln = &l->lines[i];
        assert_true(ln->start >= prev_end);
        prev_end = ln->start + ln->len;
        assert_true(prev_end <= strlen(text));
        if (ln->len > 0) {
            assert_false(is_ws(text[ln->start]));
            assert_false(is_ws(text[prev_end - 1]));
            assert_int_not_equal((unsigned char)text[ln->start] & 0xC0, 0x80);
        }
        assert_int_not_equal((unsigned char)text[prev_end] & 0xC0, 0x80);
        if (width >= 10)
            assert_true(m(NULL, text + ln->start, ln->len, false) <= width);
        char *part = strip(text + ln->start, ln->len);
        memcpy(got + total, part, strlen(part) + 1);
        total += strlen(part);
        free(part);
    }
    assert_string_equal(got, want);
    free(got);
    free(want);
}

static inline void expect_lines(const char *text, int width, layout_measure_fn m, const char *const *want,
                                size_t n)
{
    layout_lines l = {0};
    assert_int_equal(layout_break(text, width, m, NULL, &l), 0);
    check_lines(text, &l, width, m);
    assert_int_equal(l.count, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(l.lines[i].len, strlen(want[i]));
        assert_memory_equal(text + l.lines[i].start, want[i], l.lines[i].len);
    }
    layout_lines_free(&l);
}

/* True when a and b hold the same words (runs of non-space) in the same order. */
static inline int same_words(const char *a, const char *b)
{
    for (;;) {
        while (is_ws(*a))
            a++;
        while (is_ws(*b))
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        while (*a && !is_ws(*a) && *a == *b)
            a++, b++;
        if ((*a && !is_ws(*a)) || (*b && !is_ws(*b)))
            return 0;
    }
}

/* No empty page, every page within the box, lines fit, paragraphs in order, and every non-space byte of
 * every paragraph on exactly one line, in order. With words, also every word whole on one line. */
static inline void check_pages(const char *const *paras, size_t n, const layout_box *box, layout_measure_fn m,
                               const layout_pages *pages, int words)
{
    size_t last_para = 0, last_end = 0;
    for (size_t pg = 0; pg < pages->count; pg++) {
        const layout_page *p = &pages->pages[pg];
        size_t starts = 0;
        assert_true(p->count > 0);
        assert_true(p->lines[0].para_start);
        for (size_t i = 0; i < p->count; i++) {
            const layout_page_line *l = &p->lines[i];
            assert_true(l->para < n);
            assert_true(l->para > last_para || (l->para == last_para && l->start >= last_end) ||
                        (pg == 0 && i == 0));
            last_para = l->para, last_end = l->start + l->len;
            assert_true(m(NULL, paras[l->para] + l->start, l->len, l->rtl) <= box->width);
            starts += i > 0 && l->para_start;
        }
        assert_true(layout_block_height(box, p->count, starts) <= box->height);
    }
    for (size_t k = 0; k < n; k++) {
        size_t cap = strlen(paras[k]) * 2 + 2, len = 0;
        char *joined = calloc(cap, 1);
        assert_non_null(joined);
        for (size_t pg = 0; pg < pages->count; pg++)
            for (size_t i = 0; i < pages->pages[pg].count; i++) {
                const layout_page_line *l = &pages->pages[pg].lines[i];
                if (l->para != k)
                    continue;
                memcpy(joined + len, paras[k] + l->start, l->len);
                len += l->len;
                joined[len++] = ' ';
            }
        char *got = strip(joined, len), *want = strip(paras[k], strlen(paras[k]));
        assert_string_equal(got, want);
        if (words)
            assert_true(same_words(joined, paras[k]));
        free(got);
        free(want);
        free(joined);
    }
}

/* Appends a deterministic sentence of `words` words to buf (at least 1 word). */
static inline void add_sentence(char *buf, size_t cap, unsigned *seed, int words)
{
    static const char *const vocab[] = {"martyrs", "alley",     "memory", "of",  "the",   "January", "people",
                                        "Baku",    "carnation", "grief",  "and", "pride", "nation",  "we"};
    size_t n = strlen(buf);
    for (int w = 0; w < words; w++) {
        *seed = *seed * 1103515245u + 12345u;
        const char *v = vocab[(*seed >> 16) % (sizeof vocab / sizeof vocab[0])];
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", w == 0 ? "" : " ", v);
        if (w == 0 && buf[n - strlen(v)] >= 'a' && buf[n - strlen(v)] <= 'z')
            buf[n - strlen(v)] -= 'a' - 'A'; /* sentences start with a capital */
    }
    snprintf(buf + n, cap - n, ". ");
}

#endif
