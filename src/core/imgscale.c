/* imgscale: see imgscale.h. */
#include "imgscale.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static imgscale_rect centred(int w, int h, int box_w, int box_h)
{
    imgscale_rect r;
    r.w = w < 1 ? 1 : w;
    r.h = h < 1 ? 1 : h;
    r.x = (box_w - r.w) / 2;
    r.y = (box_h - r.h) / 2;
    return r;
}

imgscale_rect imgscale_fit_contain(int pic_w, int pic_h, int box_w, int box_h)
{
    if (pic_w <= 0 || pic_h <= 0 || box_w <= 0 || box_h <= 0)
        return centred(1, 1, box_w, box_h);
    /* Compare pic_w/pic_h with box_w/box_h without floating point rounding surprises. */
    if ((long long)pic_w * box_h >= (long long)box_w * pic_h) {
        long long h = ((long long)box_w * pic_h + pic_w / 2) / pic_w;
        return centred(box_w, (int)h, box_w, box_h);
    }
    long long w = ((long long)box_h * pic_w + pic_h / 2) / pic_h;
    return centred((int)w, box_h, box_w, box_h);
}

imgscale_rect imgscale_fit_cover(int pic_w, int pic_h, int box_w, int box_h)
{
    if (pic_w <= 0 || pic_h <= 0 || box_w <= 0 || box_h <= 0)
        return centred(1, 1, box_w, box_h);
    if ((long long)pic_w * box_h >= (long long)box_w * pic_h) {
        long long w = ((long long)box_h * pic_w + pic_h / 2) / pic_h;
        return centred((int)w, box_h, box_w, box_h);
    }
    long long h = ((long long)box_w * pic_h + pic_w / 2) / pic_w;
    return centred(box_w, (int)h, box_w, box_h);
}

/* For one axis: destination pixel i covers source span [i*scale, (i+1)*scale). Accumulates the weighted
 * channels of a source row (or column) of n pixels into out (4 floats per destination pixel). */
typedef struct {
    int first;       /* first source index touched */
    int count;       /* number of source indices touched */
    float weight[2]; /* weight of the first and last touched index (middle ones weigh 1) */
    float norm;      /* 1 / span length */
} span;

static int make_spans(int sn, int dn, span *spans)
{
    double scale = (double)sn / dn;
    for (int i = 0; i < dn; i++) {
        double a = i * scale, b = (i + 1) * scale;
        int first = (int)floor(a), last = (int)ceil(b) - 1;
        if (last >= sn)
            last = sn - 1;
        if (last < first)
            last = first;
        spans[i].first = first;
        spans[i].count = last - first + 1;
        spans[i].weight[0] = (float)(fmin(b, first + 1.0) - a);
        spans[i].weight[1] = (float)(b - last);
        if (spans[i].count == 1)
            spans[i].weight[0] = spans[i].weight[1] = (float)(b - a);
        spans[i].norm = (float)(1.0 / (b - a));
    }
    return 0;
}

static float span_weight(const span *s, int k)
{
    if (k == 0)
        return s->weight[0];
    if (k == s->count - 1)
        return s->weight[1];
    return 1.0f;
}

int imgscale_area(const void *src, int sw, int sh, int src_pitch, void *dst, int dw, int dh, int dst_pitch)
{
    int rc = -1;
    span *xs = NULL, *ys = NULL;
    float *row = NULL; /* one horizontally-scaled source row: dw * 4 floats */
    float *acc = NULL; /* vertical accumulation of one destination row */

    if (!src || !dst || sw <= 0 || sh <= 0 || dw <= 0 || dh <= 0)
        goto cleanup;
    xs = malloc(sizeof *xs * (size_t)dw);
    ys = malloc(sizeof *ys * (size_t)dh);
    row = malloc(sizeof *row * 4 * (size_t)dw);
    acc = malloc(sizeof *acc * 4 * (size_t)dw);
    if (!xs || !ys || !row || !acc)
        goto cleanup;
    make_spans(sw, dw, xs);
    make_spans(sh, dh, ys);

    for (int dy = 0; dy < dh; dy++) {
        const span *sy = &ys[dy];
        memset(acc, 0, sizeof *acc * 4 * (size_t)dw);
        for (int k = 0; k < sy->count; k++) {
            const uint8_t *srow = (const uint8_t *)src + (size_t)(sy->first + k) * (size_t)src_pitch;
            float wy = span_weight(sy, k);
            for (int dx = 0; dx < dw; dx++) {
                const span *sx = &xs[dx];
                float c[4] = {0, 0, 0, 0};
                for (int j = 0; j < sx->count; j++) {
                    const uint8_t *p = srow + (size_t)(sx->first + j) * 4;
                    float wx = span_weight(sx, j);
                    c[0] += p[0] * wx;
                    c[1] += p[1] * wx;
                    c[2] += p[2] * wx;
                    c[3] += p[3] * wx;
                }
                for (int ch = 0; ch < 4; ch++)
                    row[dx * 4 + ch] = c[ch] * sx->norm;
            }
            for (int i = 0; i < dw * 4; i++)
                acc[i] += row[i] * wy;
        }
        uint8_t *drow = (uint8_t *)dst + (size_t)dy * (size_t)dst_pitch;
        for (int i = 0; i < dw * 4; i++) {
            float v = acc[i] * sy->norm + 0.5f;
            drow[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
    }
    rc = 0;
cleanup:
    free(xs);
    free(ys);
    free(row);
    free(acc);
    return rc;
}
