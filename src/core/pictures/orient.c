/* orient: see orient.h. Each orientation is an affine map of pixel coordinates:
 *   shown x = ax * x + bx * y + cx,  shown y = ay * x + by * y + cy
 * with a, b in {-1, 0, 1}; orient_apply walks the stored picture row by row and steps through dst by
 * the matching byte offsets, so one loop serves all eight. */
#include "orient.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    int ax, bx, cx, ay, by, cy;
} affine;

static int norm(int o)
{
    return o >= 1 && o <= 8 ? o : 1;
}

static affine map_of(int o, int w, int h)
{
    switch (norm(o)) {
    case 2:
        return (affine){-1, 0, w - 1, 0, 1, 0};
    case 3:
        return (affine){-1, 0, w - 1, 0, -1, h - 1};
    case 4:
        return (affine){1, 0, 0, 0, -1, h - 1};
    case 5:
        return (affine){0, 1, 0, 1, 0, 0};
    case 6:
        return (affine){0, -1, h - 1, 1, 0, 0};
    case 7:
        return (affine){0, -1, h - 1, -1, 0, w - 1};
    case 8:
        return (affine){0, 1, 0, -1, 0, w - 1};
    default:
        return (affine){1, 0, 0, 0, 1, 0};
    }
}

bool orient_swaps(int orientation)
{
    return norm(orientation) >= 5;
}

void orient_size(int orientation, int w, int h, int *shown_w, int *shown_h)
{
    bool swap = orient_swaps(orientation);
    *shown_w = swap ? h : w;
    *shown_h = swap ? w : h;
}

void orient_to_shown(int orientation, int w, int h, int x, int y, int *sx, int *sy)
{
    affine m = map_of(orientation, w, h);
    *sx = m.ax * x + m.bx * y + m.cx;
    *sy = m.ay * x + m.by * y + m.cy;
}

void orient_to_stored(int orientation, int w, int h, int sx, int sy, int *x, int *y)
{
    /* The inverse of an axis permutation with signs: solve the two equations for x and y. */
    affine m = map_of(orientation, w, h);
    if (m.ax != 0) { /* x depends on shown x, y on shown y */
        *x = (sx - m.cx) * m.ax;
        *y = (sy - m.cy) * m.by;
    } else { /* swapped axes */
        *y = (sx - m.cx) * m.bx;
        *x = (sy - m.cy) * m.ay;
    }
}

imgscale_rect orient_rect_to_stored(int orientation, int w, int h, imgscale_rect r)
{
    int x0, y0, x1, y1;
    orient_to_stored(orientation, w, h, r.x, r.y, &x0, &y0);
    orient_to_stored(orientation, w, h, r.x + r.w - 1, r.y + r.h - 1, &x1, &y1);
    imgscale_rect s;
    s.x = x0 < x1 ? x0 : x1;
    s.y = y0 < y1 ? y0 : y1;
    s.w = (x0 < x1 ? x1 - x0 : x0 - x1) + 1;
    s.h = (y0 < y1 ? y1 - y0 : y0 - y1) + 1;
    return s;
}

int orient_apply(int orientation, const void *src, int w, int h, int src_pitch, void *dst, int dst_pitch)
{
    if (!src || !dst || w <= 0 || h <= 0 || src_pitch < w * 4) {
        return -1;
    }
    int sw, sh;
    orient_size(orientation, w, h, &sw, &sh);
    if (dst_pitch < sw * 4) {
        return -1;
    }
    affine m = map_of(orientation, w, h);
    ptrdiff_t step_x = (ptrdiff_t)m.ay * dst_pitch + (ptrdiff_t)m.ax * 4;
    ptrdiff_t step_y = (ptrdiff_t)m.by * dst_pitch + (ptrdiff_t)m.bx * 4;
    ptrdiff_t origin = (ptrdiff_t)m.cy * dst_pitch + (ptrdiff_t)m.cx * 4;
    for (int y = 0; y < h; y++) {
        const uint8_t *s = (const uint8_t *)src + (size_t)y * (size_t)src_pitch;
        uint8_t *d = (uint8_t *)dst + origin + step_y * y;
        for (int x = 0; x < w; x++, s += 4, d += step_x) {
            memcpy(d, s, 4);
        }
    }
    return 0;
}
