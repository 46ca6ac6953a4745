/* layout: greedy UAX #14 line breaking. See layout.h (pagination is in paginate.c).
 * Ownership: a layout_lines owns its array; callers release it with layout_lines_free. Line records only
 * hold byte offsets into the caller's text, never copies.
 * libunibreak 1.1 (Debian bookworm) has no graphemebreak.h: over-long words are cut between grapheme
 * clusters as textseg approximates them. */
#include "layout.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linebreak.h>

#include "bidi.h"
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
    bool rtl; /* the paragraph's base direction, handed to the measurer */
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
    int w = b->measure(b->ctx, b->s + from, to - from, b->rtl);
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
    if (from >= b->opp_from && from < b->opp) {
        return b->opp;
    }
    size_t i = from;
    while (i < b->len && b->brks[i] != LINEBREAK_MUSTBREAK && b->brks[i] != LINEBREAK_ALLOWBREAK) {
        i++;
    }
    b->opp_from = from, b->opp = i < b->len ? i + 1 : b->len;
    return b->opp;
}

static int push_line(breaker *b, size_t start, size_t len)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        layout_line *v = realloc(b->v, cap * sizeof *v);
        if (!v) {
            return -1;
        }
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
            if (!gb) {
                return -1;
            }
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
        if (!b->gb) {
            return -1;
        }
        b->gb_cap = 64;
    }
    b->gb[0] = pos;
    if (grow_boundaries(b, &n, 1, end) != 0) {
        return -1;
    }
    if (!fits(b, pos, b->gb[1])) {
        *out = b->gb[1];
        return 0;
    }
    for (;;) {
        size_t want = lo * 2;
        if (grow_boundaries(b, &n, want, end) != 0) {
            return -1;
        }
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
        if (fits(b, pos, b->gb[mid])) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    *out = b->gb[lo];
    return 0;
}

/* Characters that never start a line: closing brackets and quotes, stops, commas, CJK closing marks. */
static bool is_closing(uint32_t c)
{
    static const uint32_t list[] = {')',    ']',    '}',    ',',    '.',    ';',    ':',    '!',
                                    '?',    0x00BB, 0x2019, 0x201D, 0x203A, 0x2025, 0x2026, 0x3001,
                                    0x3002, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015,
                                    0x3017, 0x309D, 0x309E, 0x30FC, 0x30FD, 0x30FE, 0xFF01, 0xFF09,
                                    0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) {
        if (c == list[i]) {
            return true;
        }
    }
    return false;
}

/* Marks after which a URL or a long compound reads well broken. */
static bool is_soft_end(uint32_t c)
{
    return c == '/' || c == '-' || c == '_' || c == '?' || c == '&' || c == '=' || c == '#' || c == '.' ||
           c == ',' || c == ':' || c == ';' || c == '~' || c == '|' || c == 0x2010 || c == 0x2013 ||
           c == 0x2014;
}

/* A word longer than the line is cut at split (the most graphemes that fit, from pos; the word ends at
 * end). Moves the cut back to just after a slash, hyphen or similar mark in the line's second half, and
 * never leaves closing punctuation at the start of the next line. */
static size_t refine_cut(const breaker *b, size_t pos, size_t split, size_t end)
{
    size_t half = pos + (split - pos) / 2, soft = 0, ok = 0;
    for (size_t g = pos; g < split;) {
        uint32_t c, next = 0;
        size_t ng = textseg_next_grapheme(b->s, end, g);
        utf8_decode(b->s + g, ng - g, &c);
        if (ng < end) {
            utf8_decode(b->s + ng, end - ng, &next);
        }
        if (ng >= end || !is_closing(next)) {
            ok = ng;
            if (is_soft_end(c) && ng >= half) {
                soft = ng;
            }
        }
        g = ng;
    }
    return soft ? soft : ok ? ok : split;
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
            if (!have) {
                first_end = c;
            }
            if (c == pos) {
                ok = true; /* an empty line before a line end */
            } else if (!have && c - pos > LONG_SEGMENT) {
                if (fit_graphemes(b, pos, c, &split) != 0) {
                    return -1;
                }
                ok = split == c;
            } else {
                ok = fits(b, pos, c);
            }
            if (!ok) {
                break;
            }
            have = true, line_end = c, next = e;
            if (hard || e >= b->len) {
                break;
            }
        }
        if (!have) { /* the first segment alone is too wide: cut it between graphemes */
            if (!split && fit_graphemes(b, pos, first_end, &split) != 0) {
                return -1;
            }
            split = refine_cut(b, pos, split, first_end);
            line_end = textseg_trim_end(b->s, pos, split), next = split;
        }
        if (push_line(b, pos, line_end - pos) != 0) {
            return -1;
        }
        pos = textseg_skip_space(b->s, b->len, next, false);
    }
    while (b->n > 0 && b->v[b->n - 1].len == 0) {
        b->n--;
    }
    return 0;
}

/* Avoids a lone word on the last line: when the line before holds >= 3 words (same paragraph), its last
 * word moves down if both lines still fit. Only moves a break, so nothing is lost. */
static void fix_widow(breaker *b)
{
    if (b->n < 2) {
        return;
    }
    layout_line *p = &b->v[b->n - 2], *l = &b->v[b->n - 1];
    size_t p_end = p->start + p->len, l_end = l->start + l->len, q = p_end;
    if (textseg_count_words(b->s + l->start, l->len) != 1 ||
        textseg_count_words(b->s + p->start, p->len) < 3) {
        return;
    }
    for (size_t i = p_end; i < l->start; i++) {
        if (b->brks[i] == LINEBREAK_MUSTBREAK) {
            return;
        }
    }
    for (; q > p->start; q--) {
        uint32_t c;
        if (b->brks[q - 1] != LINEBREAK_ALLOWBREAK) {
            continue;
        }
        size_t j = textseg_prev_start(b->s, p->start, q);
        utf8_decode(b->s + j, q - j, &c);
        if (textseg_is_space(c)) {
            break;
        }
    }
    size_t pe = textseg_trim_end(b->s, p->start, q);
    q = textseg_skip_space(b->s, l_end, q, false); /* the last line starts at its word, not at white space */
    if (q <= p->start || q >= l_end || pe <= p->start || !fits(b, q, l_end) || !fits(b, p->start, pe)) {
        return;
    }
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
            if (!copy) {
                goto cleanup;
            }
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
        for (; i + 1 < g; i++) {
            if (brks[i] == LINEBREAK_ALLOWBREAK) {
                brks[i] = LINEBREAK_NOBREAK;
            }
        }
        i = g;
    }
    rc = 0;
cleanup:
    free(copy);
    return rc;
}

int layout_break_range(const char *s, size_t len, size_t base, bool rtl, int max_width,
                       layout_measure_fn measure, void *ctx, layout_lines *out)
{
    int rc = -1;
    breaker b = {.s = s, .len = len, .max = max_width, .rtl = rtl, .measure = measure, .ctx = ctx};

    out->lines = NULL, out->count = 0, out->rtl = rtl;
    if (len == 0) {
        return 0;
    }
    pthread_once(&lb_once, lb_init);
    b.brks = malloc(len);
    if (!b.brks) {
        goto cleanup;
    }
    if (safe_linebreaks(s, len, b.brks) != 0 || fill(&b) != 0) {
        goto cleanup;
    }
    fix_widow(&b);
    for (size_t i = 0; i < b.n; i++) {
        b.v[i].start += base;
    }
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
    size_t len = text ? strlen(text) : 0;
    return layout_break_range(text, len, 0, len && bidi_text_is_rtl(text, len), max_width, measure, ctx, out);
}

void layout_lines_free(layout_lines *l)
{
    if (!l) {
        return;
    }
    free(l->lines);
    l->lines = NULL, l->count = 0;
}
