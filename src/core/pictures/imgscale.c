/* imgscale: see imgscale.h. */
#include "imgscale.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
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
    if (pic_w <= 0 || pic_h <= 0 || box_w <= 0 || box_h <= 0) {
        return centred(1, 1, box_w, box_h);
    }
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
    if (pic_w <= 0 || pic_h <= 0 || box_w <= 0 || box_h <= 0) {
        return centred(1, 1, box_w, box_h);
    }
    if ((long long)pic_w * box_h >= (long long)box_w * pic_h) {
        long long w = ((long long)box_h * pic_w + pic_h / 2) / pic_h;
        return centred((int)w, box_h, box_w, box_h);
    }
    long long h = ((long long)box_w * pic_h + pic_w / 2) / pic_w;
    return centred(box_w, (int)h, box_w, box_h);
}

const char *imgscale_fit_name(imgscale_fit f)
{
    switch (f) {
    case IMGSCALE_FIT_COVER:
        return "cover";
    case IMGSCALE_FIT_KENBURNS:
        return "kenburns";
    case IMGSCALE_FIT_CONTAIN:
        break;
    }
    return "contain";
}

int imgscale_parse_fit(const char *s, imgscale_fit *out)
{
    static const imgscale_fit all[] = {IMGSCALE_FIT_CONTAIN, IMGSCALE_FIT_COVER, IMGSCALE_FIT_KENBURNS};
    for (size_t i = 0; s && i < sizeof all / sizeof all[0]; i++) {
        if (strcmp(s, imgscale_fit_name(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    }
    return -1;
}

imgscale_rect imgscale_crop_cover(int pic_w, int pic_h, int box_w, int box_h)
{
    imgscale_rect r = {0, 0, pic_w < 1 ? 1 : pic_w, pic_h < 1 ? 1 : pic_h};
    if (pic_w <= 0 || pic_h <= 0 || box_w <= 0 || box_h <= 0) {
        return r;
    }
    if ((long long)pic_w * box_h >= (long long)box_w * pic_h) { /* wider than the box: keep the height */
        long long w = ((long long)pic_h * box_w + box_h / 2) / box_h;
        r.w = (int)(w < 1 ? 1 : w > pic_w ? pic_w : w);
    } else {
        long long h = ((long long)pic_w * box_h + box_w / 2) / box_w;
        r.h = (int)(h < 1 ? 1 : h > pic_h ? pic_h : h);
    }
    r.x = (pic_w - r.w) / 2;
    r.y = (pic_h - r.h) / 2;
    return r;
}

imgscale_plan imgscale_plan_fit(imgscale_fit fit, int pic_w, int pic_h, int box_w, int box_h)
{
    imgscale_plan p;
    pic_w = pic_w < 1 ? 1 : pic_w;
    pic_h = pic_h < 1 ? 1 : pic_h;
    if (fit == IMGSCALE_FIT_CONTAIN) {
        p.crop = (imgscale_rect){0, 0, pic_w, pic_h};
        imgscale_rect r = imgscale_fit_contain(pic_w, pic_h, box_w, box_h);
        bool smaller = r.w < pic_w && r.h < pic_h;
        p.out_w = smaller ? r.w : pic_w;
        p.out_h = smaller ? r.h : pic_h;
        return p;
    }
    p.crop = imgscale_crop_cover(pic_w, pic_h, box_w, box_h);
    bool smaller = box_w > 0 && box_h > 0 && box_w < p.crop.w && box_h < p.crop.h;
    p.out_w = smaller ? box_w : p.crop.w;
    p.out_h = smaller ? box_h : p.crop.h;
    return p;
}

int imgscale_pick_denom(int crop_w, int crop_h, int out_w, int out_h, int max_denom)
{
    int d = 1;
    if (out_w <= 0 || out_h <= 0) {
        return 1;
    }
    while (d * 2 <= max_denom && (long long)out_w * d * 2 <= crop_w && (long long)out_h * d * 2 <= crop_h) {
        d *= 2;
    }
    return d;
}

uint32_t imgscale_seed(const char *s)
{
    uint32_t h = 2166136261u;
    for (; s && *s; s++) {
        h ^= (uint8_t)*s;
        h *= 16777619u;
    }
    return h;
}

imgscale_frect imgscale_kenburns(int pic_w, int pic_h, uint32_t seed, double t)
{
    /* Anchors as fractions of the slack (how far the region can move at a zoom): away from the edges,
     * so the motion never ends pressed against a border. */
    static const double ax[4] = {0.25, 0.75, 0.25, 0.75}, ay[4] = {0.3, 0.3, 0.7, 0.7};
    const double z_max = 1.0 + IMGSCALE_KB_ZOOM, z_pan = 1.0 + IMGSCALE_KB_ZOOM * 0.75;
    double z0, z1, fx0, fy0, fx1, fy1;
    int a = (int)((seed >> 2) % 4);
    if (!(t >= 0)) { /* also NaN */
        t = 0;
    }
    if (t > 1) {
        t = 1;
    }
    switch (seed % 4) {
    case 0: /* zoom in, from the centre towards an anchor */
        z0 = 1.0, z1 = z_max, fx0 = 0.5, fy0 = 0.5, fx1 = ax[a], fy1 = ay[a];
        break;
    case 1: /* zoom out, from an anchor back to the whole */
        z0 = z_max, z1 = 1.0, fx0 = ax[a], fy0 = ay[a], fx1 = 0.5, fy1 = 0.5;
        break;
    case 2: /* pan to the right, drifting a little up or down */
        z0 = z1 = z_pan, fx0 = 0.15, fx1 = 0.85, fy0 = 0.5, fy1 = ay[a];
        break;
    default: /* pan to the left */
        z0 = z1 = z_pan, fx0 = 0.85, fx1 = 0.15, fy0 = ay[a], fy1 = 0.5;
        break;
    }
    double z = z0 + (z1 - z0) * t, fx = fx0 + (fx1 - fx0) * t, fy = fy0 + (fy1 - fy0) * t;
    double w = pic_w > 0 ? pic_w : 1, h = pic_h > 0 ? pic_h : 1;
    imgscale_frect r = {0, 0, w / z, h / z};
    r.x = fx * (w - r.w);
    r.y = fy * (h - r.h);
    return r;
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
        if (last >= sn) {
            last = sn - 1;
        }
        if (last < first) {
            last = first;
        }
        spans[i].first = first;
        spans[i].count = last - first + 1;
        spans[i].weight[0] = (float)(fmin(b, first + 1.0) - a);
        spans[i].weight[1] = (float)(b - last);
        if (spans[i].count == 1) {
            spans[i].weight[0] = spans[i].weight[1] = (float)(b - a);
        }
        spans[i].norm = (float)(1.0 / (b - a));
    }
    return 0;
}

static float span_weight(const span *s, int k)
{
    if (k == 0) {
        return s->weight[0];
    }
    if (k == s->count - 1) {
        return s->weight[1];
    }
    return 1.0f;
}

/* One source row reduced horizontally: dw * bpp floats into row. */
static void hscale_row(const uint8_t *srow, const span *xs, int dw, int bpp, float *row)
{
    for (int dx = 0; dx < dw; dx++) {
        const span *sx = &xs[dx];
        float c[4] = {0, 0, 0, 0};
        const uint8_t *p = srow + (size_t)sx->first * (size_t)bpp;
        for (int j = 0; j < sx->count; j++, p += bpp) {
            float wx = span_weight(sx, j);
            for (int ch = 0; ch < bpp; ch++) {
                c[ch] += p[ch] * wx;
            }
        }
        for (int ch = 0; ch < bpp; ch++) {
            row[(size_t)dx * (size_t)bpp + (size_t)ch] = c[ch] * sx->norm;
        }
    }
}

static void add_row(float *acc, const float *row, size_t n, float wy)
{
    for (size_t i = 0; i < n; i++) {
        acc[i] += row[i] * wy;
    }
}

static void finish_row(const float *acc, size_t n, float norm, uint8_t *drow)
{
    for (size_t i = 0; i < n; i++) {
        float v = acc[i] * norm + 0.5f;
        drow[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}

int imgscale_area_n(const void *src, int sw, int sh, int src_pitch, void *dst, int dw, int dh, int dst_pitch,
                    int bpp)
{
    int rc = -1;
    span *xs = NULL, *ys = NULL;
    float *row = NULL; /* one horizontally-scaled source row: dw * bpp floats */
    float *acc = NULL; /* vertical accumulation of one destination row */

    if (!src || !dst || sw <= 0 || sh <= 0 || dw <= 0 || dh <= 0 || bpp < 1 || bpp > 4) {
        goto cleanup;
    }
    size_t n = (size_t)dw * (size_t)bpp;
    xs = malloc(sizeof *xs * (size_t)dw);
    ys = malloc(sizeof *ys * (size_t)dh);
    row = malloc(sizeof *row * n);
    acc = malloc(sizeof *acc * n);
    if (!xs || !ys || !row || !acc) {
        goto cleanup;
    }
    make_spans(sw, dw, xs);
    make_spans(sh, dh, ys);

    for (int dy = 0; dy < dh; dy++) {
        const span *sy = &ys[dy];
        memset(acc, 0, sizeof *acc * n);
        for (int k = 0; k < sy->count; k++) {
            hscale_row((const uint8_t *)src + (size_t)(sy->first + k) * (size_t)src_pitch, xs, dw, bpp, row);
            add_row(acc, row, n, span_weight(sy, k));
        }
        finish_row(acc, n, sy->norm, (uint8_t *)dst + (size_t)dy * (size_t)dst_pitch);
    }
    rc = 0;
cleanup:
    free(xs);
    free(ys);
    free(row);
    free(acc);
    return rc;
}

/* imgscale_rows: at most two destination rows are open at once (dh <= sh: spans overlap by one row at
 * most), each with its accumulator; a source row is reduced horizontally once and added to both. */
struct imgscale_rows {
    int sw, sh, dw, dh, bpp, dst_pitch;
    uint8_t *dst;
    span *xs, *ys;
    float *row, *acc[2];
    int y;    /* the next source row */
    int done; /* destination rows finished */
};

void imgscale_rows_free(imgscale_rows *s)
{
    if (!s) {
        return;
    }
    free(s->xs);
    free(s->ys);
    free(s->row);
    free(s->acc[0]);
    free(s->acc[1]);
    free(s);
}

imgscale_rows *imgscale_rows_create(int sw, int sh, void *dst, int dw, int dh, int dst_pitch, int bpp)
{
    if (!dst || sw <= 0 || sh <= 0 || dw <= 0 || dh <= 0 || dh > sh || bpp < 1 || bpp > 4) {
        return NULL;
    }
    imgscale_rows *s = calloc(1, sizeof *s);
    if (!s) {
        return NULL;
    }
    size_t n = (size_t)dw * (size_t)bpp;
    *s = (imgscale_rows){sw, sh, dw, dh, bpp, dst_pitch, dst, NULL, NULL, NULL, {NULL, NULL}, 0, 0};
    s->xs = malloc(sizeof *s->xs * (size_t)dw);
    s->ys = malloc(sizeof *s->ys * (size_t)dh);
    s->row = malloc(sizeof *s->row * n);
    s->acc[0] = calloc(n, sizeof *s->acc[0]);
    s->acc[1] = calloc(n, sizeof *s->acc[1]);
    if (!s->xs || !s->ys || !s->row || !s->acc[0] || !s->acc[1]) {
        imgscale_rows_free(s);
        return NULL;
    }
    make_spans(sw, dw, s->xs);
    make_spans(sh, dh, s->ys);
    return s;
}

int imgscale_rows_push(imgscale_rows *s, const void *src_row)
{
    if (!s || !src_row || s->y >= s->sh) {
        return -1;
    }
    size_t n = (size_t)s->dw * (size_t)s->bpp;
    bool reduced = false;
    for (int k = 0; k < 2 && s->done + k < s->dh; k++) { /* destination rows done, done + 1 */
        int dy = s->done + k;
        const span *sy = &s->ys[dy];
        if (sy->first > s->y) {
            break;
        }
        if (s->y >= sy->first + sy->count) {
            continue;
        }
        if (!reduced) {
            hscale_row(src_row, s->xs, s->dw, s->bpp, s->row);
        }
        reduced = true;
        add_row(s->acc[dy & 1], s->row, n, span_weight(sy, s->y - sy->first));
    }
    while (s->done < s->dh && s->y == s->ys[s->done].first + s->ys[s->done].count - 1) {
        const span *sy = &s->ys[s->done];
        float *acc = s->acc[s->done & 1];
        finish_row(acc, n, sy->norm, s->dst + (size_t)s->done * (size_t)s->dst_pitch);
        memset(acc, 0, sizeof *acc * n);
        s->done++;
    }
    s->y++;
    return 0;
}

bool imgscale_rows_complete(const imgscale_rows *s)
{
    return s && s->done == s->dh;
}

int imgscale_area(const void *src, int sw, int sh, int src_pitch, void *dst, int dw, int dh, int dst_pitch)
{
    return imgscale_area_n(src, sw, sh, src_pitch, dst, dw, dh, dst_pitch, 4);
}

/* One box blur of n pixels of 4 bytes, `stride` bytes apart, via line (n * 4 bytes of scratch). */
static void blur_line(uint8_t *p, int n, ptrdiff_t stride, int r, uint8_t *line)
{
    for (int i = 0; i < n; i++) {
        memcpy(line + (size_t)i * 4, p + stride * i, 4);
    }
    int sum[4] = {0, 0, 0, 0};
    int width = 2 * r + 1;
    /* the window around pixel 0, with the edge pixel repeated */
    for (int k = -r; k <= r; k++) {
        int idx = k < 0 ? 0 : k >= n ? n - 1 : k;
        for (int ch = 0; ch < 4; ch++) {
            sum[ch] += line[(size_t)idx * 4 + (size_t)ch];
        }
    }
    for (int i = 0; i < n; i++) {
        uint8_t *d = p + stride * i;
        for (int ch = 0; ch < 4; ch++) {
            d[ch] = (uint8_t)((sum[ch] + width / 2) / width);
        }
        int out = i - r < 0 ? 0 : i - r, in = i + r + 1 >= n ? n - 1 : i + r + 1;
        for (int ch = 0; ch < 4; ch++) {
            sum[ch] += line[(size_t)in * 4 + (size_t)ch] - line[(size_t)out * 4 + (size_t)ch];
        }
    }
}

int imgscale_blur(void *pixels, int w, int h, int pitch, int radius, int passes)
{
    if (!pixels || w <= 0 || h <= 0 || pitch < w * 4 || radius < 0 || passes < 0) {
        return -1;
    }
    if (radius == 0 || passes == 0) {
        return 0;
    }
    uint8_t *line = malloc((size_t)(w > h ? w : h) * 4);
    if (!line) {
        return -1;
    }
    uint8_t *base = pixels;
    for (int p = 0; p < passes; p++) {
        for (int y = 0; y < h; y++) {
            blur_line(base + (size_t)y * (size_t)pitch, w, 4, radius, line);
        }
        for (int x = 0; x < w; x++) {
            blur_line(base + (size_t)x * 4, h, pitch, radius, line);
        }
    }
    free(line);
    return 0;
}
