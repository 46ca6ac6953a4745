/* textfit: see textfit.h. Ownership: a textfit_result owns its lines (textfit_result_free). */
#include "textfit.h"

#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "textseg.h"

typedef struct {
    textfit_measure_fn measure;
    void *ctx;
    int size;
} sized;

static int measure_at(void *ctx, const char *text, size_t len, bool rtl)
{
    const sized *z = ctx;
    return z->measure(z->ctx, z->size, text, len, rtl);
}

static int line_height(const textfit_box *box, int size)
{
    int h = (int)(size * box->line_ratio + 0.5);
    return h > 0 ? h : 1;
}

static size_t lines_allowed(const textfit_box *box, int line_h)
{
    int n = box->height / line_h;
    if (box->max_lines > 0 && n > box->max_lines) {
        n = box->max_lines;
    }
    return n > 0 ? (size_t)n : 1;
}

/* True when text[start..end) (trailing space trimmed) followed by an ellipsis fits width. */
static int fits_with_ellipsis(const sized *z, const char *text, size_t start, size_t end, bool rtl, int width,
                              char *buf)
{
    size_t n = textseg_trim_end(text, start, end) - start;
    memcpy(buf, text + start, n);
    memcpy(buf + n, TEXTFIT_ELLIPSIS, 3);
    return measure_at((void *)z, buf, n + 3, rtl) <= width;
}

/* Cuts line l so that it and an ellipsis fit: at the last word end that keeps at least 60% of the longest
 * grapheme cut that fits, else at that grapheme cut. Returns 0 or -1 (no memory). */
static int cut_last_line(const sized *z, const char *text, layout_line *l, bool rtl, int width)
{
    size_t end = l->start + l->len;
    size_t g_best = l->start; /* the last grapheme cut that fits */
    size_t w_best = g_best;   /* the last word end that fits */
    char *buf = malloc(l->len + 4);
    if (!buf) {
        return -1;
    }
    for (size_t g = l->start; g < end;) {
        size_t ng = textseg_next_grapheme(text, end, g);
        if (!fits_with_ellipsis(z, text, l->start, ng, rtl, width, buf)) {
            break;
        }
        g_best = ng;
        uint32_t c = ' ';
        if (ng < end) {
            c = (unsigned char)text[ng];
        }
        if (c == ' ') {
            w_best = ng;
        }
        g = ng;
    }
    free(buf);
    size_t cut = (w_best - l->start) * 10 >= (g_best - l->start) * 6 ? w_best : g_best;
    l->len = textseg_trim_end(text, l->start, cut) - l->start;
    return 0;
}

int textfit_fit(const char *text, const textfit_box *box, textfit_measure_fn measure, void *ctx,
                textfit_result *out)
{
    size_t len = text ? strlen(text) : 0;
    bool rtl = len && bidi_text_is_rtl(text, len);
    int min = box->min_size < box->max_size ? box->min_size : box->max_size;
    sized z = {measure, ctx, box->max_size};

    memset(out, 0, sizeof *out);
    for (;;) {
        out->size = z.size, out->line_h = line_height(box, z.size);
        if (layout_break_range(text, len, 0, rtl, box->width, measure_at, &z, &out->lines) != 0) {
            return -1;
        }
        size_t allowed = lines_allowed(box, out->line_h);
        out->shrunk = z.size < box->max_size;
        if (out->lines.count <= allowed) {
            return 0;
        }
        if (z.size <= min) {
            out->lines.count = allowed;
            out->truncated = true;
            if (cut_last_line(&z, text, &out->lines.lines[allowed - 1], rtl, box->width) != 0) {
                textfit_result_free(out);
                return -1;
            }
            return 0;
        }
        layout_lines_free(&out->lines);
        int step = (int)(z.size * 0.06 + 0.5);
        z.size -= step > 0 ? step : 1;
        if (z.size < min) {
            z.size = min;
        }
    }
}

void textfit_result_free(textfit_result *r)
{
    if (!r) {
        return;
    }
    layout_lines_free(&r->lines);
    memset(r, 0, sizeof *r);
}

int textfit_height(const textfit_result *r)
{
    return (int)r->lines.count * r->line_h;
}
