/* Fuzz target: layout_break (src/core/text/layout.c, with textseg.c, bidi.c and libunibreak) with fake
 * measurers. Input: 1 byte choosing the measurer, 2 bytes of line width, then the text, made valid
 * UTF-8 (layout.h asks for UTF-8; the kiosk validates every text it lays out).
 * Checks layout.h: lines in order, trimmed, on code point boundaries, each no wider than the width
 * unless it is one grapheme cluster, and every non-space character of the text on exactly one line. */
#include "fuzz_layout_util.h"

/* A line starts and ends between grapheme clusters. */
static void check_boundary(const char *text, size_t len, const bool *boundary, size_t at, const char *what,
                           size_t line)
{
    if (boundary[at])
        return;
    size_t base = at;
    while (base > 0 && !boundary[base])
        base--;
    uint32_t c;
    utf8_decode(text + base, len - base, &c);
    FUZZ_CHECK(false, "line %zu %s at %zu, inside a grapheme cluster that starts at %zu with U+%04X", line,
               what, at, base, (unsigned)c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader r = {data, size};
    measurer m = {(measurer_kind)(fuzz_byte(&r) % M_COUNT), 0};
    int max_width = (int)(fuzz_u16(&r) % 2000) - 5;
    char *text = layout_text(r.p, r.left);
    size_t len = strlen(text);

    layout_lines l = {0};
    FUZZ_CHECK(layout_break(text, max_width, fake_measure, &m, &l) == 0, "layout_break failed");
    char *want = malloc(len + 1), *got = malloc(len + 1);
    FUZZ_CHECK(want && got, "malloc");
    size_t nwant = keep_ink(text, len, want, 0), ngot = 0;
    size_t prev_end = 0;
    bool *boundary = grapheme_boundaries(text, len);
    for (size_t i = 0; i < l.count; i++) {
        const layout_line *ln = &l.lines[i];
        FUZZ_CHECK(ln->start >= prev_end, "line %zu starts at %zu, before the end of the line before (%zu)",
                   i, ln->start, prev_end);
        check_line(text, len, ln->start, ln->len, max_width, &m, l.rtl);
        check_boundary(text, len, boundary, ln->start, "starts", i);
        check_boundary(text, len, boundary, ln->start + ln->len, "ends", i);
        prev_end = ln->start + ln->len;
        FUZZ_CHECK(ngot + ln->len <= len, "lines hold more than the text");
        ngot = keep_ink(text + ln->start, ln->len, got, ngot);
    }
    FUZZ_CHECK(ngot == nwant && memcmp(got, want, nwant) == 0, "the lines do not hold the text's characters");
    FUZZ_CHECK(l.count == 0 || l.lines[l.count - 1].len > 0, "empty last line");
    FUZZ_CHECK(layout_count_words(text) <= len, "word count");
    layout_lines_free(&l);
    free(boundary);
    free(want);
    free(got);
    free(text);
    return 0;
}
