/* photo_util: see photo_util.h. */
#define _XOPEN_SOURCE 700
#include "photo_util.h"

#include "imgscale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL_image.h>
#include <math.h>
#include <turbojpeg.h>
#include <webp/encode.h>

static void die(const char *what, const char *why)
{
    fprintf(stderr, "photo_util: %s: %s\n", what, why ? why : "");
    abort();
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("malloc", "out of memory");
    return p;
}

pu_image pu_new(int w, int h, uint32_t fill)
{
    pu_image im = {w, h, xmalloc((size_t)w * (size_t)h * 4)};
    for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
        im.px[i] = fill;
    return im;
}

void pu_free(pu_image *im)
{
    free(im->px);
    im->px = NULL;
}

void pu_fill(pu_image *im, int x, int y, int w, int h, uint32_t c)
{
    for (int j = y; j < y + h; j++)
        for (int i = x; i < x + w; i++)
            if (i >= 0 && j >= 0 && i < im->w && j < im->h)
                im->px[(size_t)j * (size_t)im->w + (size_t)i] = c;
}

uint8_t *pu_jpeg(const pu_image *im, int quality, size_t *len)
{
    tjhandle tj = tjInitCompress();
    unsigned char *out = NULL;
    unsigned long size = 0;
    if (!tj)
        die("tjInitCompress", tjGetErrorStr2(NULL));
    int pf = SDL_BYTEORDER == SDL_LIL_ENDIAN ? TJPF_BGRA : TJPF_ARGB;
    if (tjCompress2(tj, (const unsigned char *)im->px, im->w, im->w * 4, im->h, pf, &out, &size, TJSAMP_444,
                    quality, 0) != 0)
        die("tjCompress2", tjGetErrorStr2(tj));
    uint8_t *copy = xmalloc(size);
    memcpy(copy, out, size);
    tjFree(out);
    tjDestroy(tj);
    *len = size;
    return copy;
}

static size_t put16(uint8_t *p, unsigned v, bool big)
{
    p[big ? 0 : 1] = (uint8_t)(v >> 8);
    p[big ? 1 : 0] = (uint8_t)v;
    return 2;
}

static size_t put32(uint8_t *p, uint32_t v, bool big)
{
    put16(p + (big ? 0 : 2), v >> 16, big);
    put16(p + (big ? 2 : 0), v & 0xFFFF, big);
    return 4;
}

uint8_t *pu_with_exif(const uint8_t *jpeg, size_t len, int orientation, bool big, size_t *out_len)
{
    uint8_t seg[64];
    size_t n = 0;
    seg[n++] = 0xFF;
    seg[n++] = 0xE1;
    n += 2; /* length, below */
    memcpy(seg + n, "Exif\0\0", 6);
    n += 6;
    memcpy(seg + n, big ? "MM" : "II", 2);
    n += 2;
    n += put16(seg + n, 42, big);
    n += put32(seg + n, 8, big);
    n += put16(seg + n, 2, big); /* two entries: Make, Orientation */
    n += put16(seg + n, 0x010F, big);
    n += put16(seg + n, 2, big);
    n += put32(seg + n, 4, big);
    memcpy(seg + n, "Cam", 4);
    n += 4;
    n += put16(seg + n, 0x0112, big);
    n += put16(seg + n, 3, big);
    n += put32(seg + n, 1, big);
    n += put16(seg + n, (unsigned)orientation, big);
    n += put16(seg + n, 0, big);
    n += put32(seg + n, 0, big); /* no next IFD */
    seg[2] = (uint8_t)((n - 2) >> 8);
    seg[3] = (uint8_t)(n - 2);
    uint8_t *out = xmalloc(len + n);
    memcpy(out, jpeg, 2); /* SOI */
    memcpy(out + 2, seg, n);
    memcpy(out + 2 + n, jpeg + 2, len - 2);
    *out_len = len + n;
    return out;
}

void pu_write(const char *path, const void *data, size_t len)
{
    if (tf_write_file(path, data, len) != 0)
        die("write", path);
}

void pu_write_jpeg(const char *path, const pu_image *im, int quality, int orientation, bool big_endian)
{
    size_t len = 0, len2 = 0;
    uint8_t *j = pu_jpeg(im, quality, &len);
    if (orientation) {
        uint8_t *e = pu_with_exif(j, len, orientation, big_endian, &len2);
        free(j);
        j = e;
        len = len2;
    }
    pu_write(path, j, len);
    free(j);
}

static SDL_Surface *surface_of(const pu_image *im)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, im->w, im->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        die("surface", SDL_GetError());
    for (int y = 0; y < im->h; y++)
        memcpy((uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch, im->px + (size_t)y * (size_t)im->w,
               (size_t)im->w * 4);
    return s;
}

void pu_write_png(const char *path, const pu_image *im, bool rgb24)
{
    SDL_Surface *s = surface_of(im);
    if (rgb24) {
        SDL_Surface *t = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
        SDL_FreeSurface(s);
        s = t;
    }
    if (!s || IMG_SavePNG(s, path) != 0)
        die("IMG_SavePNG", IMG_GetError());
    SDL_FreeSurface(s);
}

void pu_write_bmp(const char *path, const pu_image *im)
{
    SDL_Surface *s = surface_of(im);
    if (SDL_SaveBMP(s, path) != 0)
        die("SDL_SaveBMP", SDL_GetError());
    SDL_FreeSurface(s);
}

uint32_t pu_get(const SDL_Surface *s, int x, int y)
{
    uint32_t v;
    memcpy(&v, (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch + (size_t)x * 4, 4);
    return v;
}

bool pu_near(uint32_t a, uint32_t b, int tol)
{
    for (int sh = 0; sh < 24; sh += 8) {
        int d = (int)((a >> sh) & 0xFF) - (int)((b >> sh) & 0xFF);
        if (d > tol || d < -tol)
            return false;
    }
    return true;
}

void pu_contain_rect(int w, int h, int box_w, int box_h, int r[4])
{
    double s = fmin((double)box_w / w, (double)box_h / h);
    r[2] = (int)lround(w * s);
    r[3] = (int)lround(h * s);
    r[0] = (box_w - r[2]) / 2;
    r[1] = (box_h - r[3]) / 2;
}

/* The source point of the picture shown at screen point (px, py); false outside the picture. */
static bool source_of(int fit, int w, int h, int box_w, int box_h, uint32_t seed, double t, double px,
                      double py, double *sx, double *sy)
{
    if (fit == IMGSCALE_FIT_CONTAIN) {
        int r[4];
        pu_contain_rect(w, h, box_w, box_h, r);
        if (px < r[0] || py < r[1] || px >= r[0] + r[2] || py >= r[1] + r[3])
            return false;
        *sx = (px - r[0]) * w / r[2];
        *sy = (py - r[1]) * h / r[3];
        return true;
    }
    /* the centred region with the box's aspect */
    double cw = w, ch = h;
    if ((double)w / h > (double)box_w / box_h)
        cw = h * (double)box_w / box_h;
    else
        ch = w * (double)box_h / box_w;
    double cx = (w - cw) / 2, cy = (h - ch) / 2;
    double u = px / box_w, v = py / box_h; /* 0..1 across the box */
    if (fit == IMGSCALE_FIT_KENBURNS) {
        /* the photo is the crop at out size; the pose is a region of it */
        int ow = cw > box_w && ch > box_h ? box_w : (int)lround(cw);
        int oh = cw > box_w && ch > box_h ? box_h : (int)lround(ch);
        imgscale_frect k = imgscale_kenburns(ow, oh, seed, t);
        u = (k.x + u * k.w) / ow;
        v = (k.y + v * k.h) / oh;
    }
    *sx = cx + u * cw;
    *sy = cy + v * ch;
    return true;
}

static int quadrant(int w, int h, double sx, double sy)
{
    return (sx >= w / 2.0) + 2 * (sy >= h / 2.0);
}

bool pu_quad_expect(int fit, int w, int h, int box_w, int box_h, uint32_t seed, double t, int x, int y,
                    int margin, uint32_t *colour)
{
    static const uint32_t q[4] = {PU_RED, PU_GREEN, PU_BLUE, PU_WHITE};
    double sx, sy;
    if (!source_of(fit, w, h, box_w, box_h, seed, t, x + 0.5, y + 0.5, &sx, &sy))
        return false;
    int k = quadrant(w, h, sx, sy);
    for (int dy = -margin; dy <= margin; dy += margin ? margin : 1)
        for (int dx = -margin; dx <= margin; dx += margin ? margin : 1) {
            double ax, ay;
            if (!source_of(fit, w, h, box_w, box_h, seed, t, x + 0.5 + dx, y + 0.5 + dy, &ax, &ay) ||
                quadrant(w, h, ax, ay) != k)
                return false;
        }
    *colour = q[k];
    return true;
}

typedef struct {
    uint8_t *buf;
    size_t len, cap;
    uint32_t acc;
    int bits;
} bitbuf;

static void bb_byte(bitbuf *b, uint8_t v)
{
    if (b->len == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 256;
        b->buf = realloc(b->buf, b->cap);
        if (!b->buf)
            die("realloc", "out of memory");
    }
    b->buf[b->len++] = v;
}

static void bb_code(bitbuf *b, unsigned code, int width)
{
    b->acc |= (uint32_t)code << b->bits;
    b->bits += width;
    while (b->bits >= 8) {
        bb_byte(b, (uint8_t)b->acc);
        b->acc >>= 8;
        b->bits -= 8;
    }
}

void pu_write_gif(const char *path, const pu_image *im)
{
    uint32_t pal[4] = {0, 0, 0, 0};
    int npal = 0;
    bitbuf lzw = {0}, out = {0};
    for (size_t i = 0; i < (size_t)im->w * (size_t)im->h; i++) {
        int k = 0;
        while (k < npal && pal[k] != im->px[i])
            k++;
        if (k == npal) {
            if (npal == 4)
                die("pu_write_gif", "more than 4 colours");
            pal[npal++] = im->px[i];
        }
    }
    /* min code size 2: clear 4, end 5; two literals after each clear keep codes at 3 bits */
    for (size_t i = 0; i < (size_t)im->w * (size_t)im->h; i++) {
        if (i % 2 == 0)
            bb_code(&lzw, 4, 3);
        int k = 0;
        while (pal[k] != im->px[i])
            k++;
        bb_code(&lzw, (unsigned)k, 3);
    }
    bb_code(&lzw, 5, 3);
    if (lzw.bits)
        bb_byte(&lzw, (uint8_t)lzw.acc);
    const uint8_t head[13] = {'G',
                              'I',
                              'F',
                              '8',
                              '9',
                              'a',
                              (uint8_t)im->w,
                              (uint8_t)(im->w >> 8),
                              (uint8_t)im->h,
                              (uint8_t)(im->h >> 8),
                              0x81,
                              0,
                              0};
    for (int i = 0; i < 13; i++)
        bb_byte(&out, head[i]);
    for (int k = 0; k < 4; k++) { /* global colour table, 4 entries */
        bb_byte(&out, (uint8_t)(pal[k] >> 16));
        bb_byte(&out, (uint8_t)(pal[k] >> 8));
        bb_byte(&out, (uint8_t)pal[k]);
    }
    const uint8_t desc[11] = {
        0x2C, 0, 0, 0, 0, (uint8_t)im->w, (uint8_t)(im->w >> 8), (uint8_t)im->h, (uint8_t)(im->h >> 8), 0, 2};
    for (int i = 0; i < 11; i++)
        bb_byte(&out, desc[i]);
    for (size_t off = 0; off < lzw.len; off += 255) {
        size_t n = lzw.len - off < 255 ? lzw.len - off : 255;
        bb_byte(&out, (uint8_t)n);
        for (size_t i = 0; i < n; i++)
            bb_byte(&out, lzw.buf[off + i]);
    }
    bb_byte(&out, 0);
    bb_byte(&out, 0x3B);
    pu_write(path, out.buf, out.len);
    free(lzw.buf);
    free(out.buf);
}

void pu_write_webp(const char *path, const pu_image *im, bool lossless)
{
    uint8_t *rgb = xmalloc((size_t)im->w * (size_t)im->h * 3), *out = NULL;
    for (size_t i = 0; i < (size_t)im->w * (size_t)im->h; i++) {
        rgb[i * 3] = (uint8_t)(im->px[i] >> 16);
        rgb[i * 3 + 1] = (uint8_t)(im->px[i] >> 8);
        rgb[i * 3 + 2] = (uint8_t)im->px[i];
    }
    size_t n = lossless ? WebPEncodeLosslessRGB(rgb, im->w, im->h, im->w * 3, &out)
                        : WebPEncodeRGB(rgb, im->w, im->h, im->w * 3, 95, &out);
    if (n == 0)
        die("WebPEncode", path);
    pu_write(path, out, n);
    WebPFree(out);
    free(rgb);
}
