/* Shared by fuzz_layout_break.c and fuzz_layout_paginate.c: fake measurers (no fonts) and the checks of
 * layout.h's promises: lines in order, trimmed, on code point boundaries, no wider than the line unless
 * they hold a single grapheme cluster (which cannot be cut), and every non-space character of the text
 * on exactly one line, in order. */
#ifndef KIOSK_FUZZ_LAYOUT_UTIL_H
#define KIOSK_FUZZ_LAYOUT_UTIL_H

#include "fuzz_util.h"

#include "layout.h"
#include "textseg.h"

/* Zero-width code points as a font draws them: combining marks, joiners, variation selectors. */
static bool zero_width(uint32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0483 && c <= 0x0489) || (c >= 0x0591 && c <= 0x05BD) ||
           (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || (c >= 0x0900 && c <= 0x0903) ||
           (c >= 0x093A && c <= 0x094F) || (c >= 0x200B && c <= 0x200F) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0100 && c <= 0xE01EF);
}

static bool wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x1F300 && c <= 0x1FAFF) ||
           (c >= 0x20000 && c <= 0x3FFFD);
}

typedef enum { M_CP10, M_SPACE5, M_FONTLIKE, M_ZERO, M_HUGE, M_KERNING, M_COUNT } measurer_kind;

typedef struct {
    measurer_kind kind;
    long calls;
} measurer;

static int fake_measure(void *ctx, const char *s, size_t len, bool rtl)
{
    measurer *m = ctx;
    long w = 0;
    uint32_t prev = 0;
    (void)rtl;
    m->calls++;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += utf8_decode(s + i, len - i, &c);
        switch (m->kind) {
        case M_CP10:
            w += 10;
            break;
        case M_SPACE5:
            w += c == ' ' ? 5 : 10;
            break;
        case M_FONTLIKE:
            w += zero_width(c) ? 0 : wide(c) ? 20 : c == ' ' ? 4 : 9;
            break;
        case M_ZERO:
            break;
        case M_HUGE:
            w += 100000;
            break;
        case M_KERNING: /* pairs that tuck in, as fonts kern "AV" and "To" */
            w += 12 - ((prev == 'A' && c == 'V') || (prev == 'T' && c == 'o') ? 4 : 0);
            break;
        case M_COUNT:
            break;
        }
        prev = c;
        if (w > 1000000000L)
            return 1000000000;
    }
    return (int)w;
}

/* Appends the characters of s[0..len) that are not white space (nor marks on white space) to out (capacity
 * checked by the caller: len + 1). */
static size_t keep_ink(const char *s, size_t len, char *out, size_t n)
{
    for (size_t i = 0; i < len;) {
        uint32_t c;
        utf8_decode(s + i, len - i, &c);
        size_t k = textseg_next_grapheme(s, len, i) - i; /* a space's marks are white space too */
        if (!textseg_is_space(c)) {
            memcpy(out + n, s + i, k);
            n += k;
        }
        i += k;
    }
    out[n] = '\0';
    return n;
}

static bool is_space_at(const char *s, size_t len, size_t i)
{
    uint32_t c;
    utf8_decode(s + i, len - i, &c);
    return textseg_is_space(c);
}

/* One line of text[0..len): on code point boundaries, trimmed, fits (or is a single grapheme). */
static void check_line(const char *text, size_t len, size_t start, size_t n, int max_width, measurer *m,
                       bool rtl)
{
    FUZZ_CHECK(start <= len && n <= len - start, "line %zu+%zu outside text of %zu", start, n, len);
    FUZZ_CHECK(start == len || ((unsigned char)text[start] & 0xC0) != 0x80,
               "line starts inside a code point");
    FUZZ_CHECK(start + n == len || ((unsigned char)text[start + n] & 0xC0) != 0x80,
               "line ends inside a code point");
    if (n == 0)
        return;
    FUZZ_CHECK(!is_space_at(text, len, start), "line %zu+%zu starts with a space", start, n);
    size_t last = textseg_prev_start(text, start, start + n);
    /* (a space that a Prepend character holds in its cluster, U+0605 U+0020, is not trailing space) */
    FUZZ_CHECK(!is_space_at(text, start + n, last) || textseg_trim_end(text, start, start + n) == start + n,
               "line %zu+%zu ends with a space", start, n);
    int w = fake_measure(m, text + start, n, rtl);
    if (w > max_width)
        FUZZ_CHECK(textseg_next_grapheme(text, start + n, start) == start + n,
                   "line %zu+%zu is %d px wide, more than %d, yet holds more than one grapheme cluster",
                   start, n, w, max_width);
}

/* Marks in is_boundary[0..len] every grapheme cluster boundary of text[0..len), walking from its start
 * (layout.h: a word is cut "between grapheme clusters"; a line never starts inside one). */
static bool *grapheme_boundaries(const char *text, size_t len)
{
    bool *b = calloc(len + 1, 1);
    FUZZ_CHECK(b != NULL, "calloc");
    for (size_t i = 0; i < len;) {
        b[i] = true;
        size_t next = textseg_next_grapheme(text, len, i);
        FUZZ_CHECK(next > i && next <= len, "textseg_next_grapheme(%zu) = %zu of %zu", i, next, len);
        i = next;
    }
    b[len] = true;
    return b;
}

/* A NUL-terminated, valid UTF-8 text from the fuzzer's bytes. */
static char *layout_text(const uint8_t *data, size_t size)
{
    return fuzz_utf8(data, size);
}

#endif
