/* flatrows: see flatrows.h. */
#include "flatrows.h"

#include <stdbool.h>

/* The first and last column of a row that differ from its first pixel; false for a flat row. */
static bool row_marks(const uint32_t *row, int w, int *first, int *last)
{
    const uint32_t ground = row[0];
    int a = 1;
    while (a < w && row[a] == ground) {
        a++;
    }
    if (a == w) {
        return false;
    }
    int b = w - 1;
    while (row[b] == ground) {
        b--;
    }
    *first = a;
    *last = b;
    return true;
}

int flatrows_find(const uint32_t *pixels, size_t pitch, int w, int h, int gap, flatrows_rect *out, int max)
{
    if (!pixels || w < 1 || h < 1 || pitch < 4 * (size_t)w || max < 0) {
        return -1;
    }
    int n = 0;
    int top = -1, bottom = -1, left = 0, right = 0; /* the run being gathered (top -1: none) */
    for (int y = 0; y <= h; y++) {
        int a = 0, b = 0;
        bool marked =
            y < h &&
            row_marks((const uint32_t *)((const unsigned char *)pixels + pitch * (size_t)y), w, &a, &b);
        if (marked && top >= 0 && y - bottom - 1 <= gap) { /* the run goes on */
            bottom = y;
            left = a < left ? a : left;
            right = b > right ? b : right;
            continue;
        }
        if (top >= 0 && (marked || y == h || y - bottom - 1 > gap)) { /* the run ends */
            if (n == max) {
                return -1;
            }
            out[n++] = (flatrows_rect){left, top, right - left + 1, bottom - top + 1};
            top = -1;
        }
        if (marked) {
            top = bottom = y;
            left = a;
            right = b;
        }
    }
    return n;
}

long flatrows_area(const flatrows_rect *rects, int n)
{
    long area = 0;
    for (int i = 0; i < n; i++) {
        area += (long)rects[i].w * rects[i].h;
    }
    return area;
}
