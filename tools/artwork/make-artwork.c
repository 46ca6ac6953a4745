/* make-artwork: draws the pictures of the bundled default exhibit (content/).
 *
 * Every picture is computed pixel by pixel from fixed seeds, so the output is the same on every run.
 * Colours are worked out in linear light, averaged over several samples per pixel (anti-aliasing),
 * gently tone-mapped, converted to sRGB and dithered so that dark gradients do not band.
 *
 * Build:  gcc -O2 -std=c17 tools/artwork/make-artwork.c $(pkg-config --cflags --libs sdl2 SDL2_image) -lm \
 *             -o /tmp/make-artwork
 * Run:    /tmp/make-artwork [--out DIR] [--preview DIR] [--only NAME] [--fast]
 *         --out DIR      where the JPEG files go (default: content)
 *         --preview DIR  also write a PNG copy of each picture there (to look at them)
 *         --only NAME    draw only the picture whose file name contains NAME
 *         --fast         one sample per pixel (quick drafts; not for the exhibit)
 */
#include <SDL.h>
#include <SDL_image.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

/* ---------------------------------------------------------------- small maths */

typedef struct {
    double r, g, b;
} col;

static col C(double r, double g, double b)
{
    col c = {r, g, b};
    return c;
}
static col cadd(col a, col b)
{
    return C(a.r + b.r, a.g + b.g, a.b + b.b);
}
static col cmul(col a, col b)
{
    return C(a.r * b.r, a.g * b.g, a.b * b.b);
}
static col cscale(col a, double s)
{
    return C(a.r * s, a.g * s, a.b * s);
}
static col cmix(col a, col b, double t)
{
    return C(a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t);
}
static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}
static double sat(double x)
{
    return clampd(x, 0.0, 1.0);
}
static double mixd(double a, double b, double t)
{
    return a + (b - a) * t;
}
static double smooth(double e0, double e1, double x)
{
    double t = sat((x - e0) / (e1 - e0));
    return t * t * (3.0 - 2.0 * t);
}

typedef struct {
    double x, y, z;
} v3;

static v3 V(double x, double y, double z)
{
    v3 v = {x, y, z};
    return v;
}
static v3 vsub(v3 a, v3 b)
{
    return V(a.x - b.x, a.y - b.y, a.z - b.z);
}
static v3 vadd(v3 a, v3 b)
{
    return V(a.x + b.x, a.y + b.y, a.z + b.z);
}
static v3 vscale(v3 a, double s)
{
    return V(a.x * s, a.y * s, a.z * s);
}
static double vdot(v3 a, v3 b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
static v3 vnorm(v3 a)
{
    double l = sqrt(vdot(a, a));
    return l > 0 ? vscale(a, 1.0 / l) : a;
}

/* ---------------------------------------------------------------- deterministic noise */

static uint32_t hash3(int32_t x, int32_t y, uint32_t s)
{
    uint32_t h = s * 0x9E3779B1u;
    h ^= (uint32_t)x * 0x85EBCA77u;
    h = (h << 13) | (h >> 19);
    h ^= (uint32_t)y * 0xC2B2AE3Du;
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    h *= 0x297A2D39u;
    h ^= h >> 15;
    return h;
}
static double rnd2(int32_t x, int32_t y, uint32_t s)
{
    return hash3(x, y, s) * (1.0 / 4294967296.0);
}

/* A tiny sequential generator for placing things (candles, flowers). */
static uint32_t rng_state = 1;
static void rng_seed(uint32_t s)
{
    rng_state = s ? s : 1;
}
static double frand(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state * (1.0 / 4294967296.0);
}
static double frange(double a, double b)
{
    return a + (b - a) * frand();
}

static double grad_tab[256][2];
static void noise_init(void)
{
    for (int i = 0; i < 256; i++) {
        double a = 2.0 * PI * (i + 0.5) / 256.0;
        grad_tab[i][0] = cos(a);
        grad_tab[i][1] = sin(a);
    }
}
static double gdot(int ix, int iy, uint32_t s, double dx, double dy)
{
    const double *g = grad_tab[hash3(ix, iy, s) >> 24];
    return g[0] * dx + g[1] * dy;
}
static double fade(double t)
{
    return t * t * t * (t * (t * 6.0 - 15.0) + 10.0);
}
/* Gradient noise, roughly in [-0.7, 0.7]. */
static double gnoise(double x, double y, uint32_t s)
{
    double fx = floor(x), fy = floor(y);
    int ix = (int)fx, iy = (int)fy;
    double tx = x - fx, ty = y - fy;
    double u = fade(tx), v = fade(ty);
    double a = gdot(ix, iy, s, tx, ty), b = gdot(ix + 1, iy, s, tx - 1, ty);
    double c = gdot(ix, iy + 1, s, tx, ty - 1), d = gdot(ix + 1, iy + 1, s, tx - 1, ty - 1);
    return mixd(mixd(a, b, u), mixd(c, d, u), v);
}
/* Fractal sum, roughly in [-0.5, 0.5]. */
static double fbm(double x, double y, int oct, uint32_t s)
{
    double sum = 0, amp = 1, norm = 0;
    for (int i = 0; i < oct; i++) {
        sum += amp * gnoise(x, y, s + (uint32_t)i * 101u);
        norm += amp;
        double nx = 0.8 * x - 0.6 * y, ny = 0.6 * x + 0.8 * y;
        x = nx * 2.03 + 17.1;
        y = ny * 2.03 - 9.7;
        amp *= 0.5;
    }
    return sum / norm;
}

/* ---------------------------------------------------------------- renderer */

typedef col (*shade_fn)(double x, double y, uint32_t sample);

static int IW, IH; /* size of the picture being drawn */

typedef struct {
    shade_fn fn;
    int ss;
    uint8_t *px;
    int pitch;
    int t, nt;
    double grain; /* film grain in linear units at mid grey (0 = none) */
} job;

static double tonemap(double c)
{
    if (c < 0)
        return 0;
    if (c < 0.78)
        return c;
    return 0.78 + 0.22 * (1.0 - exp(-(c - 0.78) / 0.22));
}
static double to_srgb(double c)
{
    return c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1.0 / 2.4) - 0.055;
}

static int worker(void *p)
{
    job *j = p;
    int ss = j->ss;
    double inv = 1.0 / (ss * ss);
    for (int y = j->t; y < IH; y += j->nt) {
        uint8_t *row = j->px + (size_t)y * j->pitch;
        for (int x = 0; x < IW; x++) {
            col acc = C(0, 0, 0);
            for (int sy = 0; sy < ss; sy++)
                for (int sx = 0; sx < ss; sx++) {
                    /* stratified sample with a small fixed jitter inside each cell */
                    double jx = ss > 1 ? (sx + 0.25 + 0.5 * rnd2(x * 8 + sx, y * 8 + sy, 77u)) / ss : 0.5;
                    double jy = ss > 1 ? (sy + 0.25 + 0.5 * rnd2(x * 8 + sx, y * 8 + sy, 78u)) / ss : 0.5;
                    acc = cadd(acc, j->fn(x + jx, y + jy, hash3(x * 8 + sx, y * 8 + sy, 4000u)));
                }
            acc = cscale(acc, inv);
            if (j->grain > 0) {
                /* luminance grain, stronger in the mid tones, weaker in deep black */
                double l = 0.2126 * acc.r + 0.7152 * acc.g + 0.0722 * acc.b;
                double n = (rnd2(x, y, 911u) + rnd2(x, y, 912u) - 1.0);
                double k = 1.0 + n * j->grain * (0.6 + 0.4 * sat(l * 4.0)) / (0.02 + sqrt(l));
                acc = cscale(acc, clampd(k, 0.9, 1.1));
            }
            double v[3] = {acc.r, acc.g, acc.b};
            for (int c = 0; c < 3; c++) {
                double s = to_srgb(sat(tonemap(v[c]))) * 255.0;
                /* triangular dither of +-1 code value against banding */
                s += rnd2(x, y, 1000u + (uint32_t)c) + rnd2(x, y, 2000u + (uint32_t)c) - 1.0;
                int q = (int)floor(s + 0.5);
                row[x * 3 + c] = (uint8_t)(q < 0 ? 0 : (q > 255 ? 255 : q));
            }
        }
    }
    return 0;
}

static SDL_Surface *render(int w, int h, int ss, double grain, shade_fn fn)
{
    IW = w;
    IH = h;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    if (!s)
        return NULL;
    enum { NT = 4 };
    job jobs[NT];
    SDL_Thread *th[NT];
    for (int i = 0; i < NT; i++) {
        jobs[i] = (job){fn, ss, s->pixels, s->pitch, i, NT, grain};
        th[i] = SDL_CreateThread(worker, "artwork", &jobs[i]);
        if (!th[i])
            worker(&jobs[i]);
    }
    for (int i = 0; i < NT; i++)
        if (th[i])
            SDL_WaitThread(th[i], NULL);
    return s;
}

/* ================================================================ carnations */

#define STEM_N 40
#define MAX_PETALS 64

/* one fan-shaped, fringed petal of the rosette */
typedef struct {
    double ang, half, rad; /* direction, angular half-width, length (units of R) */
    double k;              /* fringe teeth per radian */
    double shade;          /* its own slight difference of tone */
    double p1, p2, p3;     /* phases of its irregularities */
} petal;

typedef struct {
    /* bloom: a rosette of fringed petal layers, foreshortened along its axis */
    double cx, cy, R, ax, ay, squash;
    double vsq; /* extra foreshortening in picture height (1 = none), for flowers seen at a low angle */
    uint32_t seed;
    int np;
    petal pt[MAX_PETALS];
    /* calyx: tapered tube behind the bloom */
    double k0x, k0y, k1x, k1y, kw0, kw1;
    /* stem: polyline */
    double sx[STEM_N + 1], sy[STEM_N + 1], sw;
    /* leaves: two narrow leaves at a node */
    int nleaves;
    double lx[2], ly[2], ldx[2], ldy[2], llen[2], lwid[2], lcurve[2];
    /* bounding box of everything, with a margin for the shadow */
    double bx0, by0, bx1, by1;
    double shadow_off; /* how far (px) the bloom's shadow falls */
} flower;

/* light for flat-lying things: from the upper left, above the picture plane */
static v3 LIGHT2;

static const col PETAL_DEEP = {0.040, 0.0015, 0.0045};
static const col PETAL_MID = {0.255, 0.0085, 0.016};
static const col PETAL_LIGHT = {0.46, 0.040, 0.046};

static void flower_bbox_point(flower *f, double x, double y, double m)
{
    if (x - m < f->bx0)
        f->bx0 = x - m;
    if (y - m < f->by0)
        f->by0 = y - m;
    if (x + m > f->bx1)
        f->bx1 = x + m;
    if (y + m > f->by1)
        f->by1 = y + m;
}

static void flower_init(flower *f, double cx, double cy, double R, double angle_deg, double squash,
                        double endx, double endy, double bend, double leaf_at, uint32_t seed)
{
    memset(f, 0, sizeof *f);
    f->cx = cx;
    f->cy = cy;
    f->R = R;
    f->ax = cos(angle_deg * PI / 180.0);
    f->ay = sin(angle_deg * PI / 180.0);
    f->squash = squash;
    f->vsq = 1.0;
    f->seed = seed;
    rng_seed(seed * 2654435761u + 12345u);
    f->np = 46;
    double a0 = frange(0, 2 * PI);
    for (int i = 0; i < f->np; i++) {
        petal *p = &f->pt[i];
        double t = (double)i / (f->np - 1);
        p->ang = a0 + i * 2.39996323 + frange(-0.25, 0.25);
        p->rad = 1.0 - 0.80 * pow(t, 0.85) + frange(-0.05, 0.05);
        p->half = frange(0.70, 1.05) * (1.0 - 0.25 * t);
        p->k = 17.0 / (p->rad + 0.15);
        p->shade = frange(0.86, 1.14);
        p->p1 = frange(0, 2 * PI);
        p->p2 = frange(0, 2 * PI);
        p->p3 = frange(0, 2 * PI);
    }
    /* calyx: from under the bloom backwards along the axis */
    double back0 = 0.35 * R * squash, back1 = R * squash + 0.62 * R;
    f->k0x = cx - f->ax * back0;
    f->k0y = cy - f->ay * back0;
    f->k1x = cx - f->ax * back1;
    f->k1y = cy - f->ay * back1;
    f->kw0 = 0.21 * R;
    f->kw1 = 0.145 * R;
    /* stem: quadratic Bezier from the calyx to the end point */
    f->sw = 0.075 * R;
    double mx = 0.5 * (f->k1x + endx), my = 0.5 * (f->k1y + endy);
    double dx = endx - f->k1x, dy = endy - f->k1y, dl = sqrt(dx * dx + dy * dy);
    double ctlx = mx - dy / dl * bend, ctly = my + dx / dl * bend;
    for (int i = 0; i <= STEM_N; i++) {
        double t = (double)i / STEM_N, a = (1 - t) * (1 - t), b = 2 * (1 - t) * t, c = t * t;
        f->sx[i] = a * f->k1x + b * ctlx + c * endx;
        f->sy[i] = a * f->k1y + b * ctly + c * endy;
    }
    /* leaves */
    f->nleaves = leaf_at > 0 ? 2 : 0;
    if (f->nleaves) {
        int k = (int)(leaf_at * STEM_N);
        double tx = f->sx[k + 1] - f->sx[k], ty = f->sy[k + 1] - f->sy[k], tl = sqrt(tx * tx + ty * ty);
        tx /= tl;
        ty /= tl;
        for (int i = 0; i < 2; i++) {
            double side = i ? 1.0 : -1.0, ang = side * (0.22 + 0.08 * frand());
            /* leaves point back towards the head: along -t rotated by ang */
            double ca = cos(ang), sa = sin(ang);
            double ux = -tx, uy = -ty;
            f->lx[i] = f->sx[k];
            f->ly[i] = f->sy[k];
            f->ldx[i] = ux * ca - uy * sa;
            f->ldy[i] = ux * sa + uy * ca;
            f->llen[i] = R * (i ? frange(1.7, 2.1) : frange(1.2, 1.5));
            f->lwid[i] = R * 0.068;
            f->lcurve[i] = side * frange(0.16, 0.26) / R;
        }
    }
    f->bx0 = f->by0 = 1e9;
    f->bx1 = f->by1 = -1e9;
    flower_bbox_point(f, cx, cy, 1.25 * R + 60);
    for (int i = 0; i <= STEM_N; i++)
        flower_bbox_point(f, f->sx[i], f->sy[i], f->sw * 3 + 40);
    for (int i = 0; i < f->nleaves; i++)
        flower_bbox_point(f, f->lx[i] + f->ldx[i] * f->llen[i], f->ly[i] + f->ldy[i] * f->llen[i],
                          f->lwid[i] + f->llen[i] * 0.4 + 40);
    f->shadow_off = 0.16 * R;
}

static double wrap_angle(double a)
{
    a = fmod(a + PI, 2 * PI);
    if (a < 0)
        a += 2 * PI;
    return a - PI;
}

static double tri_wave(double x)
{
    double f = x - floor(x);
    return 1.0 - 2.0 * fabs(f - 0.5);
}

/* outline of petal i at angular offset d (radians from its middle); < 0 when outside its fan */
static double petal_boundary(const flower *f, int i, double d)
{
    const petal *p = &f->pt[i];
    double a = d / p->half;
    if (fabs(a) >= 1.0)
        return -1;
    double a2 = a * a;
    double shape = (1.0 - 0.10 * a2) * pow(1.0 - a2 * a2 * a2 * a2, 0.35);
    double irr = 0.05 * sin(2.3 * a * PI + p->p1) + 0.035 * sin(5.1 * a * PI + p->p2);
    double tp = d * p->k + 0.35 * sin(d * 9.0 + p->p3);
    double fr = 0.045 * tri_wave(tp) + 0.022 * tri_wave(tp * 2.7 + p->p1);
    return p->rad * shape * (0.90 + irr + fr);
}

/* Local coordinates of the bloom: returns r (in units of R) and the angle. */
static void bloom_local(const flower *f, double x, double y, double *r, double *th)
{
    double dx = x - f->cx, dy = (y - f->cy) / f->vsq;
    double u = (dx * f->ax + dy * f->ay) / f->squash, v = -dx * f->ay + dy * f->ax;
    *r = sqrt(u * u + v * v) / f->R;
    *th = atan2(v, u);
}

static int bloom_eval(const flower *f, double x, double y, col *out)
{
    double r, th;
    bloom_local(f, x, y, &r, &th);
    if (r > 1.12)
        return 0;
    double occ = 1.0;
    for (int i = f->np - 1; i >= 0; i--) {
        const petal *p = &f->pt[i];
        double d = wrap_angle(th - p->ang);
        double b = petal_boundary(f, i, d);
        if (b > 0 && r < b) {
            /* visible petal: lighter and thinner at its fringed edge, shadowed towards its base */
            double a = fabs(d / p->half);
            double edge = sat((b - r) / (0.22 * p->rad + 0.03));
            double base = smooth(0.0, 0.55 * p->rad + 0.05, r);
            double pleat = 0.80 + 0.20 * sin(d * p->k * 0.31 + 2.0 * sin(r * 7.0 + p->p2));
            double side = 1.0 - 0.35 * smooth(0.65, 1.0, a);
            uint32_t s = f->seed * 17u + 400u;
            double vein = 0.88 + 0.24 * gnoise(d * 60.0 + i * 3.7, r * 5.0, s);
            double dxn = (x - f->cx) / f->R, dyn = (y - f->cy) / f->R;
            double lit = 0.80 + 0.40 * (dxn * LIGHT2.x + dyn * LIGHT2.y);
            col c = cmix(PETAL_MID, PETAL_LIGHT, pow(1.0 - edge, 1.8) * 0.9);
            c = cmix(PETAL_DEEP, c, sat(occ * (0.35 + 0.65 * base) * side));
            *out = cscale(c, clampd(vein * pleat * lit * p->shade, 0.25, 1.6));
            return 1;
        }
        /* an upper petal near this point shades what lies beneath it */
        if (b > 0) {
            double gap = (r - b);
            occ *= 1.0 - 0.70 * exp(-gap / 0.03);
        } else {
            double over = (fabs(d) - p->half) * r;
            if (r < p->rad * 0.95 && over < 0.2)
                occ *= 1.0 - 0.35 * exp(-over / 0.025);
        }
    }
    return 0;
}

/* distance from p to segment a-b; t = position along (0..1); side = signed perpendicular distance */
static double seg_dist(double px, double py, double ax, double ay, double bx, double by, double *t,
                       double *side)
{
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    double u = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
    u = sat(u);
    double qx = ax + u * dx - px, qy = ay + u * dy - py;
    double l = sqrt(l2);
    *t = u;
    *side = l > 0 ? ((px - ax) * dy - (py - ay) * dx) / l : 0;
    return sqrt(qx * qx + qy * qy);
}

/* shading of a round green thing (stem, calyx, leaf) given its axis direction and position across */
static col green_shade(double tx, double ty, double across, double seed_n)
{
    double tl = sqrt(tx * tx + ty * ty);
    tx /= tl;
    ty /= tl;
    across = clampd(across, -1.0, 1.0);
    double nz = sqrt(1.0 - across * across);
    v3 n = V(-ty * across, tx * across, nz);
    double dif = fmax(0.0, vdot(n, LIGHT2));
    v3 h = vnorm(vadd(LIGHT2, V(0, 0, 1)));
    double spec = pow(fmax(0.0, vdot(n, h)), 24.0);
    col dark = C(0.008, 0.016, 0.013), lite = C(0.060, 0.100, 0.080);
    col c = cmix(dark, lite, dif);
    c = cscale(c, 0.92 + 0.16 * seed_n);
    return cadd(c, cscale(C(0.10, 0.12, 0.12), spec * 0.6));
}

static int stem_dist(const flower *f, double x, double y, double *best, double *bt, double *bside, int *bi)
{
    *best = 1e9;
    for (int i = 0; i < STEM_N; i++) {
        double t, side;
        double d = seg_dist(x, y, f->sx[i], f->sy[i], f->sx[i + 1], f->sy[i + 1], &t, &side);
        if (d < *best) {
            *best = d;
            *bt = t;
            *bside = side;
            *bi = i;
        }
    }
    return 1;
}

static double leaf_halfwidth(const flower *f, int i, double along)
{
    double a = along / f->llen[i];
    if (a < 0 || a > 1)
        return -1;
    return f->lwid[i] * pow(sin(PI * pow(a, 0.7)), 0.8);
}

/* position of p in a leaf's frame: along the leaf, and across (following its curve) */
static void leaf_local(const flower *f, int i, double x, double y, double *along, double *across)
{
    double dx = x - f->lx[i], dy = y - f->ly[i];
    double a = dx * f->ldx[i] + dy * f->ldy[i];
    double b = -dx * f->ldy[i] + dy * f->ldx[i];
    *along = a;
    *across = b - f->lcurve[i] * a * a;
}

static int flower_eval(const flower *f, double x, double y, col *out)
{
    if (x < f->bx0 || x > f->bx1 || y < f->by0 || y > f->by1)
        return 0;
    if (bloom_eval(f, x, y, out))
        return 1;
    /* calyx */
    {
        double t, side;
        double d = seg_dist(x, y, f->k0x, f->k0y, f->k1x, f->k1y, &t, &side);
        double w = mixd(f->kw0, f->kw1, pow(t, 0.8));
        /* sepal points at the front end */
        if (t < 0.25) {
            double ang = side / f->kw0 * 2.5;
            w *= 1.0 + 0.25 * (1.0 - t / 0.25) * fabs(sin(ang * PI));
        }
        if (d < w && !(t <= 0.0 && d > 0.8 * w)) {
            double n = gnoise(t * 6.0, side / f->R * 12.0, f->seed + 5u);
            col c = green_shade(f->k1x - f->k0x, f->k1y - f->k0y, side / w, n);
            double stripe = 0.9 + 0.1 * cos(side / w * 7.0);
            *out = cscale(c, stripe * 1.08);
            return 1;
        }
    }
    /* leaves */
    for (int i = 0; i < f->nleaves; i++) {
        double along, across;
        leaf_local(f, i, x, y, &along, &across);
        double hw = leaf_halfwidth(f, i, along);
        if (hw > 0 && fabs(across) < hw) {
            double tx = f->ldx[i] + (-f->ldy[i]) * 2 * f->lcurve[i] * along;
            double ty = f->ldy[i] + f->ldx[i] * 2 * f->lcurve[i] * along;
            /* a leaf is a shallow trough: folded along its midrib */
            double a = across / hw;
            double fold = a * 0.55;
            col c = green_shade(tx, ty, fold, gnoise(along / 30.0, across / 6.0, f->seed + 9u));
            double rib = 1.0 - 0.25 * exp(-fabs(across) / 1.2);
            *out = cscale(c, rib * 0.95);
            return 1;
        }
    }
    /* stem */
    double d, t, side;
    int si;
    stem_dist(f, x, y, &d, &t, &side, &si);
    double along = (si + t) / STEM_N;
    double w = f->sw * (1.0 - 0.12 * along);
    /* a node: slight swelling where the leaves grow */
    if (f->nleaves) {
        double nd = hypot(x - f->lx[0], y - f->ly[0]);
        w *= 1.0 + 0.35 * exp(-nd * nd / (f->sw * f->sw * 2.0));
    }
    if (d < w) {
        int i = si;
        double n = gnoise(along * 40.0, side / w, f->seed + 6u);
        *out = green_shade(f->sx[i + 1] - f->sx[i], f->sy[i + 1] - f->sy[i], side / w, n);
        return 1;
    }
    return 0;
}

/* how much this flower shades the ground at (x, y): 0 none, 1 full */
static double flower_shadow(const flower *f, double x, double y)
{
    if (x < f->bx0 || x > f->bx1 + 60 || y < f->by0 || y > f->by1 + 60)
        return 0;
    double o = f->shadow_off;
    double ox = -LIGHT2.x / LIGHT2.z, oy = -LIGHT2.y / LIGHT2.z;
    double cov = 0;
    /* the bloom stands high: a broad soft shadow */
    {
        double r, th;
        bloom_local(f, x - ox * o, y - oy * o, &r, &th);
        cov = fmax(cov, 0.85 * smooth(1.28, 0.62, r));
    }
    /* stem, calyx and leaves lie close to the stone: short, sharper shadows */
    double o2 = 0.05 * f->R;
    double sx = x - ox * o2, sy = y - oy * o2;
    double d, t, side;
    int si;
    stem_dist(f, sx, sy, &d, &t, &side, &si);
    cov = fmax(cov, 0.75 * smooth(f->sw * 2.6, f->sw * 0.4, d));
    d = seg_dist(x - ox * o2 * 2, y - oy * o2 * 2, f->k0x, f->k0y, f->k1x, f->k1y, &t, &side);
    cov = fmax(cov, 0.8 * smooth(f->kw0 * 1.8, f->kw1 * 0.5, d));
    for (int i = 0; i < f->nleaves; i++) {
        double along, across;
        leaf_local(f, i, sx, sy, &along, &across);
        double hw = leaf_halfwidth(f, i, along);
        if (hw > 0)
            cov = fmax(cov, 0.6 * smooth(hw * 2.2 + 4, hw * 0.3, fabs(across)));
    }
    return cov;
}

/* polished dark granite: fine even grain, a few pale crystals and rare glints of mica */
static col granite(double x, double y, uint32_t s)
{
    double m = fbm(x / 520.0, y / 520.0, 3, s);
    double v = 0.0115 + 0.0050 * m;
    v += 0.0022 * gnoise(x / 1.9, y / 1.9, s + 3u) + 0.0018 * gnoise(x / 4.5, y / 4.5, s + 5u);
    /* pale crystals: a jittered dot in some cells of a fine grid */
    double cs = 6.0;
    int ix = (int)floor(x / cs), iy = (int)floor(y / cs);
    for (int oy = -1; oy <= 1; oy++)
        for (int ox = -1; ox <= 1; ox++) {
            int cx = ix + ox, cy = iy + oy;
            double pr = rnd2(cx, cy, s + 20u);
            if (pr > 0.16)
                continue;
            double px = (cx + rnd2(cx, cy, s + 21u)) * cs, py = (cy + rnd2(cx, cy, s + 22u)) * cs;
            double rad = 0.5 + 1.3 * rnd2(cx, cy, s + 23u);
            double d = hypot(x - px, y - py);
            if (d < rad + 0.5)
                v += (0.003 + 0.008 * rnd2(cx, cy, s + 24u)) * smooth(rad + 0.5, rad - 0.5, d);
        }
    double sp = rnd2((int)floor(x / 2.0), (int)floor(y / 2.0), s + 13u);
    v += sp > 0.9975 ? 0.045 * (sp - 0.9975) / 0.0025 : 0; /* mica glints */
    return C(v * 1.02, v * 0.995, v * 0.985);
}

static flower CARN[3];
static int CARN_N;
static uint32_t GRANITE_SEED;

static col polished_sheen(double x, double y)
{
    /* a broad, very soft reflection of a window, as on polished stone */
    double u = (x / IW) * 0.9 + (y / IH) * 0.45;
    double band = exp(-pow((u - 0.38) / 0.16, 2.0));
    double fall = exp(-pow((y / IH - 0.15) / 0.55, 2.0));
    return C(0.010 * band * fall, 0.011 * band * fall, 0.013 * band * fall);
}

static double vignette(double x, double y, double amount)
{
    double dx = (x / IW - 0.5) * 2.0, dy = (y / IH - 0.5) * 2.0;
    double aspect = (double)IW / IH;
    double r2 = dx * dx * (aspect > 1 ? 1.0 : 0.8) + dy * dy * (aspect > 1 ? 0.8 : 1.0);
    return 1.0 - amount * smooth(0.2, 2.0, r2);
}

static col shade_carnations(double x, double y, uint32_t sample)
{
    (void)sample;
    col c;
    int hit = 0;
    for (int i = 0; i < CARN_N && !hit; i++)
        if (flower_eval(&CARN[i], x, y, &c)) {
            hit = 1;
            /* flowers above cast a little shadow on flowers below */
            double sh = 0;
            for (int k = 0; k < i; k++)
                sh = fmax(sh, flower_shadow(&CARN[k], x, y));
            c = cscale(c, 1.0 - 0.5 * sh);
        }
    if (!hit) {
        c = cadd(granite(x, y, GRANITE_SEED), polished_sheen(x, y));
        double sh = 0;
        for (int i = 0; i < CARN_N; i++)
            sh = fmax(sh, flower_shadow(&CARN[i], x, y));
        c = cscale(c, 1.0 - 0.72 * sh);
    }
    return cscale(c, vignette(x, y, 0.55));
}

static void init_carnations_landscape(void)
{
    LIGHT2 = vnorm(V(-0.50, -0.62, 0.60));
    GRANITE_SEED = 4242u;
    CARN_N = 3;
    /* top to bottom: CARN[0] lies on the others */
    flower_init(&CARN[0], 1215, 745, 128, -24, 0.80, -80, 1180, -60, 0.42, 31u);
    flower_init(&CARN[1], 1262, 420, 138, -36, 0.78, 150, 1250, 90, 0.55, 17u);
    flower_init(&CARN[2], 1530, 590, 122, -12, 0.82, -140, 1075, -40, 0.0, 5u);
}

static void init_carnation_portrait(void)
{
    LIGHT2 = vnorm(V(-0.45, -0.68, 0.58));
    GRANITE_SEED = 977u;
    CARN_N = 1;
    flower_init(&CARN[0], 640, 505, 175, -58, 0.80, 170, 1500, 70, 0.50, 101u);
}

/* ================================================================ the eternal flame */

/* camera */
static double CAM_Y, FOCAL, CX0, CY0;
static double FL_Z, RING_R, PIL_R, BOWL_R, BOWL_H, FL_H, FL_W;
static v3 FL_LIGHT;
static double FL_I;

static v3 cam_ray(double x, double y)
{
    return vnorm(V((x - CX0) / FOCAL, -(y - CY0) / FOCAL, 1.0));
}

/* flame emission at (X, Y) on its plane; coordinates in metres from the burner centre */
static col flame_emission(double X, double Y)
{
    double qy = (Y - BOWL_H) / FL_H, qx = X / FL_W;
    if (qy < -0.08 || qy > 1.35 || fabs(qx) > 2.0)
        return C(0, 0, 0);
    double sway = 0.30 * fbm(qy * 1.3 + 4.0, 0.7, 3, 71u) * sat(qy) + 0.10 * qy;
    double x = qx - sway;
    double q = sat(qy);
    double w = pow(q + 0.02, 0.42) * pow(sat(1.0 - q), 0.95) / 0.40;
    double tongue = fbm(x * 1.8, qy * 2.6 - 1.5, 4, 73u);
    double d = w * (0.85 + 0.6 * tongue) - fabs(x) * (1.0 + 0.6 * q);
    double dens = smooth(-0.05, 0.38, d) * smooth(-0.08, 0.05, qy);
    /* separate licks above the body */
    double lick = smooth(0.25, 0.55, fbm(x * 2.2 + 2.0, qy * 2.0 - 3.0, 3, 79u) + 0.35 - fabs(x) * 0.9) *
                  smooth(0.55, 0.9, qy) * smooth(1.35, 1.0, qy);
    dens = fmax(dens, 0.55 * lick);
    if (dens <= 0)
        return C(0, 0, 0);
    double T = dens * (1.05 - 0.55 * q) * (0.9 + 0.2 * smooth(0.3, -0.1, fabs(x)));
    col deep = C(0.22, 0.020, 0.004), orange = C(1.3, 0.36, 0.05), gold = C(2.3, 1.20, 0.36),
        core = C(3.2, 2.45, 1.35);
    col c;
    if (T < 0.35)
        c = cmix(C(0, 0, 0), deep, T / 0.35);
    else if (T < 0.6)
        c = cmix(deep, orange, (T - 0.35) / 0.25);
    else if (T < 0.85)
        c = cmix(orange, gold, (T - 0.6) / 0.25);
    else
        c = cmix(gold, core, sat((T - 0.85) / 0.25));
    /* a faint blue at the root, as in a gas flame */
    double root = smooth(0.10, 0.0, qy) * smooth(0.9, 0.3, fabs(x)) * dens;
    c = cadd(c, cscale(C(0.04, 0.08, 0.30), root));
    return c;
}

typedef struct {
    int kind; /* 0 none, 1 floor, 2 pillar, 3 bowl side, 4 bowl top */
    double t;
    v3 p, n;
} hit;

static void pillar_center(int k, double *x, double *z)
{
    double a = (22.5 + 45.0 * k) * PI / 180.0;
    *x = RING_R * sin(a);
    *z = FL_Z - RING_R * cos(a);
}

static int ray_cylinder(v3 ro, v3 rd, double cx, double cz, double r, double *t)
{
    double ox = ro.x - cx, oz = ro.z - cz;
    double a = rd.x * rd.x + rd.z * rd.z, b = 2 * (ox * rd.x + oz * rd.z), c = ox * ox + oz * oz - r * r;
    double disc = b * b - 4 * a * c;
    if (disc < 0 || a < 1e-12)
        return 0;
    double s = sqrt(disc), t0 = (-b - s) / (2 * a);
    if (t0 <= 1e-6)
        return 0;
    *t = t0;
    return 1;
}

static hit trace_flame_scene(v3 ro, v3 rd)
{
    hit h = {0, 1e30, {0, 0, 0}, {0, 0, 0}};
    if (rd.y < -1e-6) {
        double t = (0.0 - ro.y) / rd.y;
        if (t > 1e-6) {
            v3 p = vadd(ro, vscale(rd, t));
            if (p.z < FL_Z + 16.0) {
                h.kind = 1;
                h.t = t;
                h.p = p;
                h.n = V(0, 1, 0);
            }
        }
    }
    for (int k = 0; k < 8; k++) {
        double cx, cz, t;
        pillar_center(k, &cx, &cz);
        if (ray_cylinder(ro, rd, cx, cz, PIL_R, &t) && t < h.t) {
            v3 p = vadd(ro, vscale(rd, t));
            if (p.y > 0 && p.y < 30) {
                h.kind = 2;
                h.t = t;
                h.p = p;
                h.n = vnorm(V(p.x - cx, 0, p.z - cz));
            }
        }
    }
    double t;
    if (ray_cylinder(ro, rd, 0, FL_Z, BOWL_R, &t) && t < h.t) {
        v3 p = vadd(ro, vscale(rd, t));
        if (p.y > 0 && p.y < BOWL_H) {
            h.kind = 3;
            h.t = t;
            h.p = p;
            h.n = vnorm(V(p.x, 0, p.z - FL_Z));
        }
    }
    if (rd.y < -1e-6) {
        double tt = (BOWL_H - ro.y) / rd.y;
        v3 p = vadd(ro, vscale(rd, tt));
        if (tt > 1e-6 && tt < h.t && p.x * p.x + (p.z - FL_Z) * (p.z - FL_Z) < BOWL_R * BOWL_R) {
            h.kind = 4;
            h.t = tt;
            h.p = p;
            h.n = V(0, 1, 0);
        }
    }
    return h;
}

static double star_sdf(double x, double z)
{
    /* eight-pointed star: union of a square and the same square turned by 45 degrees */
    double hs = 1.12;
    double ax = fabs(x), az = fabs(z);
    double d1 = fmax(ax, az) - hs;
    double rx = fabs((x - z) * 0.70710678), rz = fabs((x + z) * 0.70710678);
    double d2 = fmax(rx, rz) - hs;
    return fmin(d1, d2);
}

/* light from the flame reaching p with normal n (with pillar shadows) */
static double flame_light(v3 p, v3 n)
{
    v3 l = vsub(FL_LIGHT, p);
    double d2 = vdot(l, l), d = sqrt(d2);
    v3 ld = vscale(l, 1.0 / d);
    double ndl = vdot(n, ld);
    if (ndl <= 0)
        return 0;
    /* pillars block the light (test in plan view) */
    double vis = 1.0;
    for (int k = 0; k < 8; k++) {
        double cx, cz, t, side;
        pillar_center(k, &cx, &cz);
        double dd = seg_dist(cx, cz, p.x, p.z, FL_LIGHT.x, FL_LIGHT.z, &t, &side);
        if (t > 0.0 && t < 0.999)
            vis = fmin(vis, smooth(PIL_R * 0.7, PIL_R * 1.4, dd));
    }
    /* the bowl's rim shades the floor right next to it */
    if (p.y < BOWL_H * 0.5) {
        double r = hypot(p.x, p.z - FL_Z);
        if (r > BOWL_R * 0.99) {
            double hgt = FL_LIGHT.y * (1.0 - BOWL_R / r);
            vis *= smooth(BOWL_H - 0.12, BOWL_H + 0.12, hgt);
        }
    }
    return FL_I * ndl * vis / (d2 + 0.05);
}

static col night_sky(v3 rd)
{
    double e = rd.y;
    col top = C(0.0022, 0.0030, 0.0058), hor = C(0.010, 0.0085, 0.0100);
    col c = cmix(hor, top, smooth(-0.02, 0.35, e));
    return c;
}

static col shade_surface_flame(hit h, v3 rd, int depth, uint32_t sample);

static col trace_flame_color(v3 ro, v3 rd, int depth, uint32_t sample)
{
    hit h = trace_flame_scene(ro, rd);
    col c = h.kind ? shade_surface_flame(h, rd, depth, sample) : night_sky(rd);
    /* the flame is translucent light on a plane through the burner */
    if (rd.z > 1e-6) {
        double tf = (FL_Z - ro.z) / rd.z;
        if (tf > 0 && tf < h.t) {
            v3 p = vadd(ro, vscale(rd, tf));
            c = cadd(c, flame_emission(p.x, p.y));
        }
    }
    return c;
}

static col shade_surface_flame(hit h, v3 rd, int depth, uint32_t sample)
{
    v3 p = h.p;
    col warm = C(1.0, 0.50, 0.17);
    if (h.kind == 1) {
        /* floor: dark polished stone, large slabs, an inlaid star */
        double sx = p.x, sz = p.z - FL_Z;
        double sd = star_sdf(sx, sz);
        double sd2 = star_sdf(sx * 1.0 / 0.78, sz / 0.78) * 0.78;
        double ang = atan2(sx, sz);
        double rr = hypot(sx, sz);
        double mottle = fbm(p.x * 1.3, p.z * 1.3, 4, 301u);
        double alb = 0.030 + 0.018 * mottle;
        col stone = C(alb, alb * 0.97, alb * 0.95);
        if (sd < 0) {
            /* inside the star: a warmer, dark red stone */
            stone = C(0.040 + 0.02 * mottle, 0.012, 0.010);
            if (sd2 < 0 && rr > BOWL_R * 1.25)
                stone = cscale(stone, 0.75);
        }
        /* slab joints outside the star */
        double jx = fabs(p.x / 1.1 - floor(p.x / 1.1 + 0.5)), jz = fabs(p.z / 1.1 - floor(p.z / 1.1 + 0.5));
        double joint = sd > 0.06 ? fmin(jx, jz) * 1.1 : 1.0;
        double fadej = smooth(26.0, 8.0, h.t);
        stone = cscale(stone, 1.0 - 0.5 * fadej * smooth(0.012, 0.004, joint));
        /* rays of the star, engraved */
        (void)ang;
        double light = flame_light(p, h.n);
        col c = cmul(stone, cscale(warm, light));
        c = cadd(c, cscale(C(0.004, 0.005, 0.008), alb / 0.03)); /* night sky fill */
        /* bronze inlay along the star outlines */
        double inlay = fmax(smooth(0.028, 0.012, fabs(sd)), 0.8 * smooth(0.020, 0.008, fabs(sd2)));
        if (inlay > 0) {
            double gl = light * 0.55;
            col bronze = cscale(C(0.55, 0.32, 0.12), gl + 0.02);
            /* a glint where the inlay faces the flame and the eye */
            v3 l = vnorm(vsub(FL_LIGHT, p));
            v3 hh = vnorm(vsub(l, rd));
            bronze = cadd(bronze, cscale(warm, pow(fmax(0, hh.y), 60.0) * light * 0.8));
            c = cmix(c, bronze, inlay);
        }
        if (depth == 0) {
            /* polished: a soft reflection */
            double rough = 0.018;
            v3 jit =
                V((rnd2((int)sample, 1, 31u) - 0.5) * rough, 0, (rnd2((int)sample, 2, 37u) - 0.5) * rough);
            v3 r = vnorm(V(rd.x + jit.x, -rd.y, rd.z + jit.z));
            double cosi = fabs(rd.y);
            double fres = 0.040 + 0.40 * pow(1.0 - cosi, 5.0);
            double rough_fade = (0.7 + 0.3 * mottle) * (1.0 - 0.6 * fadej * smooth(0.012, 0.004, joint));
            col rc = trace_flame_color(vadd(p, vscale(r, 1e-4)), r, depth + 1, sample);
            c = cadd(c, cscale(rc, fres * rough_fade));
        }
        return c;
    }
    if (h.kind == 2) {
        /* pale stone pillars, lit warm from the flame, cool from the night */
        double alb = 0.30 + 0.04 * fbm(atan2(h.n.x, h.n.z) * 2.0, p.y * 1.5, 3, 303u);
        double fl = 0.5 + 0.5 * cos(atan2(h.n.x, h.n.z) * 12.0); /* fluting */
        alb *= 0.9 + 0.1 * fl;
        double light = flame_light(p, h.n) * exp(-fmax(0.0, p.y - 1.6) / 1.6);
        col c = cscale(cmul(C(alb, alb * 0.93, alb * 0.84), warm), light);
        double amb = 0.0018 * (0.6 + 0.4 * sat(p.y / 6.0));
        c = cadd(c, C(amb * 0.8, amb * 0.9, amb * 1.3));
        /* up high the light fades into the night */
        return c;
    }
    if (h.kind == 3) {
        /* dark bronze bowl: catches the light on its lip */
        double lip = smooth(BOWL_H - 0.03, BOWL_H, p.y);
        double ang = atan2(h.n.x, -h.n.z);
        col c = C(0.012, 0.008, 0.005);
        c = cadd(c, cscale(C(0.9, 0.45, 0.14), lip * (0.25 + 0.15 * cos(ang * 2.0))));
        /* the floor's light reflected low on the bronze */
        c = cadd(c, cscale(C(0.012, 0.006, 0.0025), smooth(BOWL_H * 0.6, 0.0, p.y)));
        return c;
    }
    /* bowl top: the burner, glowing */
    double r = hypot(p.x, p.z - FL_Z) / BOWL_R;
    col c = cmix(C(1.4, 0.55, 0.12), C(0.20, 0.07, 0.02), smooth(0.1, 0.95, r));
    return cadd(c, cscale(C(1.0, 0.5, 0.15), smooth(0.88, 0.97, r) * smooth(1.0, 0.97, r) * 0.6));
}

static col shade_flame(double x, double y, uint32_t sample)
{
    v3 ro = V(0, CAM_Y, 0), rd = cam_ray(x, y);
    col c = trace_flame_color(ro, rd, 0, sample);
    /* glow in the air around the flame */
    v3 fc = V(0, BOWL_H + 0.40 * FL_H, FL_Z);
    double t = vdot(vsub(fc, ro), rd);
    v3 q = vsub(vadd(ro, vscale(rd, t)), fc);
    double d = sqrt(q.x * q.x + q.y * q.y * 0.7 + q.z * q.z);
    double g = 0.08 * exp(-d / 0.35) + 0.012 * exp(-d / 1.2) + 0.0012 * exp(-d / 4.0);
    c = cadd(c, cscale(C(1.0, 0.42, 0.12), g));
    return cscale(c, vignette(x, y, 0.45));
}

static void init_flame(void)
{
    CAM_Y = 1.35;
    FOCAL = 1.55 * 1080;
    CX0 = 960;
    CY0 = 0.36 * 1080;
    FL_Z = 8.5;
    RING_R = 2.9;
    PIL_R = 0.21;
    BOWL_R = 0.40;
    BOWL_H = 0.13;
    FL_H = 1.35;
    FL_W = 0.30;
    FL_LIGHT = V(0, BOWL_H + 0.45, FL_Z);
    FL_I = 2.6;
}

/* ================================================================ the Alley of Martyrs at dusk */

static double AL_EYE, AL_F, AL_CX, AL_CY;
#define AL_ROWS 46
static double AL_Z0 = 5.0, AL_DZ = 2.5;
static const double AL_COLS[2] = {2.45, 3.75};
static const double AL_SW = 0.36, AL_SH = 1.02, AL_ST = 0.12;
#define AL_TREES 20
static double TREE_Z[AL_TREES], TREE_X[AL_TREES], TREE_H[AL_TREES], TREE_W[AL_TREES];
static double AL_MON_Z = 128.0;

static col dusk_sky(v3 rd)
{
    double e = rd.y;
    double az = atan2(rd.x, rd.z);
    col zen = C(0.006, 0.009, 0.022), mid = C(0.030, 0.032, 0.058), low = C(0.16, 0.080, 0.055),
        hor = C(0.30, 0.14, 0.070);
    col c;
    if (e > 0.18)
        c = cmix(mid, zen, smooth(0.18, 0.55, e));
    else if (e > 0.05)
        c = cmix(low, mid, smooth(0.05, 0.18, e));
    else
        c = cmix(hor, low, smooth(0.0, 0.05, e));
    /* the afterglow is strongest straight ahead, where the sun went down */
    double glow = exp(-az * az / 0.5) * exp(-fmax(e, 0) / 0.08);
    c = cadd(c, cscale(C(0.12, 0.05, 0.02), glow));
    /* long thin clouds, dark above, faintly lit below */
    if (e > 0.0) {
        double u = rd.x / (e + 0.08), v = rd.z / (e + 0.08);
        double n = fbm(u * 0.35, v * 1.6, 5, 611u);
        double cl = smooth(0.05, 0.30, n) * smooth(0.01, 0.06, e) * smooth(0.45, 0.15, e);
        col cloud = cmix(C(0.09, 0.045, 0.035), C(0.018, 0.016, 0.026), smooth(0.03, 0.20, e));
        c = cmix(c, cloud, cl * 0.75);
    }
    return c;
}

/* stone shape in its own face coordinates: u across (from centre), y up */
static int stone_inside(double u, double y)
{
    if (fabs(u) > AL_SW || y < 0)
        return 0;
    return y < AL_SH;
}

typedef struct {
    int kind; /* 0 sky, 1 ground, 2 stone face, 3 stone side, 4 tree, 5 monument, 6 flower */
    double t;
    col flower;
    v3 p;
    double u; /* kind 2: across; kind 4: across normalised */
    int row, col;
} ahit;

static double tree_halfwidth(int i, double yn, double side)
{
    if (yn < 0 || yn > 1)
        return -1;
    double w = TREE_W[i] * pow(sin(PI * pow(yn, 0.62)), 0.75) * (1.0 - 0.25 * yn);
    w *=
        1.0 + 0.16 * gnoise(yn * 14.0, side * 3.0 + i * 7.0, 777u) + 0.08 * gnoise(yn * 40.0, side + i, 778u);
    if (yn < 0.06)
        w = fmax(w, TREE_W[i] * 0.10);
    return w;
}

/* Red carnations laid at the foot of a stone: plane 0 is a bunch leaning against the stone, plane 1
 * flowers lying on the ground in front of it. Returns 1 and the flower colour on a hit. */
static int alley_flowers(int k, int sidei, int c, int plane, double u, double y, col *out)
{
    uint32_t s = 900u + (uint32_t)(k * 8 + c * 2 + sidei) * 16u + (uint32_t)plane;
    int n = plane == 0 ? 3 + (int)(rnd2(k, c, s) * 5.0) : 1 + (int)(rnd2(k, c, s) * 4.0);
    double cu = (rnd2(k, c, s + 1) - 0.5) * 0.22;
    for (int i = 0; i < n; i++) {
        double fu = cu + (rnd2(i, k, s + 2) - 0.5) * (plane == 0 ? 0.16 : 0.44);
        double rad = 0.032 + 0.010 * rnd2(i, k, s + 4);
        double fy = plane == 0 ? 0.06 + 0.12 * rnd2(i, k, s + 3) : rad * 0.8;
        double dx = u - fu, dy = y - fy;
        double d = hypot(dx, dy);
        double ang = atan2(dy, dx);
        double fringe = 0.86 + 0.08 * tri_wave(ang * 13.0 / (2 * PI) + i * 0.37) + 0.06 * sin(ang * 3.0 + i);
        d /= fringe;
        if (d < rad) {
            double r = d / rad;
            double nz = sqrt(1.0 - r * r), ny = dy / rad;
            double lit = 0.35 + 0.65 * sat(0.75 * ny + 0.45 * nz);
            double ruffle = 0.75 + 0.25 * sin(ang * 11.0 + i + 6.0 * r) * r;
            double sh = 0.8 + 0.2 * rnd2(i, k, s + 5);
            *out = cscale(C(0.22, 0.009, 0.016), 0.30 * lit * ruffle * sh);
            return 1;
        }
        /* the stem of a leaning flower, down to the ground */
        if (plane == 0 && y < fy && fabs(dx + (fy - y) * 0.25 * (i % 2 ? 1 : -1)) < 0.0045) {
            *out = C(0.0025, 0.005, 0.0035);
            return 1;
        }
    }
    return 0;
}

static ahit trace_alley(v3 ro, v3 rd)
{
    ahit h;
    memset(&h, 0, sizeof h);
    h.t = 1e30;
    if (rd.y < -1e-7) {
        h.kind = 1;
        h.t = (0.0 - ro.y) / rd.y;
        h.p = vadd(ro, vscale(rd, h.t));
    }
    /* rows of stones: planes of constant z, nearest first */
    for (int k = 0; k < AL_ROWS; k++) {
        double z = AL_Z0 + k * AL_DZ;
        if (z > h.t * rd.z + 1.0)
            break;
        /* flowers in front of the stones (the lying ones first: they are nearer) */
        for (int plane = 1; plane >= 0; plane--) {
            double zp = z - (plane ? 0.17 : 0.035);
            double tp = (zp - ro.z) / rd.z;
            if (tp >= h.t)
                continue;
            v3 q = vadd(ro, vscale(rd, tp));
            if (q.y > 0.45 || q.y < 0)
                continue;
            int sidei = q.x > 0;
            for (int c = 0; c < 2; c++) {
                double u = q.x - (sidei ? 1 : -1) * AL_COLS[c];
                col fc;
                if (fabs(u) < 0.42 && alley_flowers(k, sidei, c, plane, u, q.y, &fc)) {
                    h.kind = 6;
                    h.t = tp;
                    h.p = q;
                    h.flower = fc;
                    break;
                }
            }
        }
        double t = (z - ro.z) / rd.z;
        v3 p = vadd(ro, vscale(rd, t));
        for (int s = 0; s < 2 && t < h.t; s++)
            for (int c = 0; c < 2; c++) {
                double xc = (s ? 1 : -1) * AL_COLS[c];
                if (stone_inside(p.x - xc, p.y) && t < h.t) {
                    h.kind = 2;
                    h.t = t;
                    h.p = p;
                    h.u = (p.x - xc) / AL_SW;
                    h.row = k;
                    h.col = c;
                }
                /* the side of the stone that faces the path */
                double xs = xc - (s ? 1 : -1) * AL_SW;
                if (fabs(rd.x) > 1e-9) {
                    double ts = (xs - ro.x) / rd.x;
                    v3 q = vadd(ro, vscale(rd, ts));
                    if (ts > 0 && ts < h.t && q.z > z && q.z < z + AL_ST && q.y > 0 && q.y < AL_SH) {
                        h.kind = 3;
                        h.t = ts;
                        h.p = q;
                        h.row = k;
                        h.col = c;
                    }
                }
            }
    }
    /* cypresses */
    for (int i = 0; i < AL_TREES; i++) {
        double t = (TREE_Z[i] - ro.z) / rd.z;
        if (t <= 0 || t >= h.t)
            continue;
        v3 p = vadd(ro, vscale(rd, t));
        double yn = p.y / TREE_H[i];
        double side = p.x > TREE_X[i] ? 1.0 : -1.0;
        double hw = tree_halfwidth(i, yn, side);
        if (hw > 0 && fabs(p.x - TREE_X[i]) < hw) {
            h.kind = 4;
            h.t = t;
            h.p = p;
            h.u = (p.x - TREE_X[i]) / hw;
            h.row = i;
        }
    }
    /* the memorial at the end of the alley: an octagonal drum under a pointed dome */
    {
        double t = (AL_MON_Z - ro.z) / rd.z;
        if (t > 0 && t < h.t) {
            v3 p = vadd(ro, vscale(rd, t));
            double ax = fabs(p.x);
            int in = 0;
            if (p.y >= 0 && p.y < 1.0 && ax < 6.5)
                in = 1; /* terrace */
            if (p.y >= 1.0 && p.y < 11.0 && ax < 3.3 - 0.25 * (p.y > 9.8))
                in = 1; /* drum with a cornice */
            if (p.y >= 11.0) {
                double q = (p.y - 11.0) / 5.2;
                if (q < 1.0 && ax < 3.05 * pow(1.0 - pow(q, 1.4), 0.55))
                    in = 1; /* dome */
                if (ax < 0.10 && p.y < 11.0 + 5.2 + 1.3)
                    in = 1; /* finial */
            }
            if (in) {
                h.kind = 5;
                h.t = t;
                h.p = p;
            }
        }
    }
    return h;
}

static col alley_sky_light(void)
{
    return C(0.040, 0.034, 0.046);
}

static col shade_alley_hit(ahit h, v3 rd)
{
    v3 p = h.p;
    col amb = alley_sky_light();
    col glow = C(0.30, 0.14, 0.07);
    col c;
    if (h.kind == 0)
        return dusk_sky(rd);
    if (h.kind == 6)
        c = h.flower;
    else if (h.kind == 1) {
        double ax = fabs(p.x);
        if (ax < 1.55) {
            /* the path: pale paving, slightly glossy */
            double tile = 0.050 + 0.010 * fbm(p.x * 2.0, p.z * 0.7, 3, 622u);
            double jx = fabs(p.x / 0.775 - floor(p.x / 0.775 + 0.5)) * 0.775;
            double jz = fabs(p.z / 1.1 - floor(p.z / 1.1 + 0.5)) * 1.1;
            double line = fmin(jx, jz);
            double fadel = smooth(45.0, 8.0, p.z);
            tile *= 1.0 - 0.45 * fadel * smooth(0.014, 0.005, line);
            double kerb = smooth(1.49, 1.55, ax) * smooth(1.62, 1.55, ax);
            tile *= 1.0 - 0.3 * kerb;
            c = cmul(C(tile, tile * 0.96, tile * 0.92), cscale(amb, 8.0));
            /* sheen: the bright west sky reflected along the path */
            v3 r = V(rd.x, -rd.y, rd.z);
            double fres = 0.03 + 0.5 * pow(1.0 - fabs(rd.y), 6.0);
            c = cadd(c, cscale(dusk_sky(r), fres * 0.45));
        } else {
            /* low clipped grass and soil between the graves */
            double g = 0.010 + 0.005 * fbm(p.x * 3.0, p.z * 3.0, 3, 623u);
            c = cmul(C(g * 0.75, g, g * 0.85), cscale(amb, 6.0));
            /* contact shadow behind and in front of stones */
            double rel = p.z - AL_Z0;
            int k = (int)floor(rel / AL_DZ + 0.5);
            if (k >= 0 && k < AL_ROWS) {
                double dz = p.z - (AL_Z0 + k * AL_DZ);
                double occ = 0;
                for (int cc = 0; cc < 2; cc++) {
                    double u = fabs(fabs(p.x) - AL_COLS[cc]);
                    if (u < AL_SW + 0.1)
                        occ = fmax(occ,
                                   smooth(0.5, 0.0, fabs(dz - 0.06)) * smooth(AL_SW + 0.1, AL_SW - 0.05, u));
                }
                c = cscale(c, 1.0 - 0.5 * occ);
            }
        }
    } else if (h.kind == 2) {
        /* polished black granite faces, turned to the path's far end */
        double edge = smooth(AL_SH - 0.025, AL_SH, p.y);
        double base = 0.004 + 0.001 * gnoise(p.x * 9.0, p.y * 9.0, 631u);
        c = cmul(C(base, base, base * 1.05), cscale(amb, 10.0));
        /* polished: a faint reflection of the darker sky behind the viewer */
        c = cadd(c, cscale(C(0.0035, 0.0040, 0.0075), 0.3 + 0.7 * sat(p.y / AL_SH)));
        /* the top edge catches the western light */
        c = cadd(c, cscale(glow, 0.06 * edge));
        /* a thin polished bevel all round */
        double u = fabs(h.u);
        c = cadd(c, cscale(C(0.003, 0.003, 0.004), smooth(0.95, 0.99, u)));
    } else if (h.kind == 3) {
        double base = 0.008;
        c = cmul(C(base, base, base * 1.05), cscale(amb, 10.0));
        c = cadd(c, cscale(glow, 0.025 * sat(p.y / AL_SH)));
    } else if (h.kind == 4) {
        /* cypress: almost black, a thin rim of afterglow on its edge */
        double rim = smooth(0.75, 1.0, fabs(h.u));
        double n = 0.85 + 0.5 * fbm(p.x * 5.0, p.y * 3.0, 3, 641u);
        c = cscale(C(0.0045, 0.0065, 0.0052), n);
        c = cadd(c, cscale(glow, 0.035 * rim * sat(p.y / TREE_H[h.row])));
    } else {
        /* the distant memorial: a dark shape, its arch lit from within by the flame */
        c = C(0.020, 0.017, 0.022);
        double ax = fabs(p.x);
        double archw = 1.1, archh = 5.8;
        double ay = p.y - 1.0;
        int in_arch = ay > 0 && ((ay < archh - archw && ax < archw) ||
                                 (ay >= archh - archw &&
                                  hypot(ax + archw * 0.6, ay - (archh - archw)) < archw * 1.6 && ax < archw));
        if (in_arch)
            c = cadd(c, cscale(C(1.0, 0.45, 0.12), 0.30 + 0.45 * smooth(archh, 0.5, ay)));
        /* the glow spills onto the terrace */
        if (p.y < 1.0)
            c = cadd(c, cscale(C(1.0, 0.45, 0.12), 0.06 * exp(-ax / 1.5)));
    }
    /* distance haze towards the horizon colour */
    double fog = 1.0 - exp(-h.t / 130.0);
    col hz = C(0.060, 0.036, 0.034);
    return cmix(c, hz, fog * 0.9);
}

static col shade_alley(double x, double y, uint32_t sample)
{
    (void)sample;
    v3 ro = V(0, AL_EYE, 0);
    v3 rd = vnorm(V((x - AL_CX) / AL_F, -(y - AL_CY) / AL_F, 1.0));
    ahit h = trace_alley(ro, rd);
    col c = shade_alley_hit(h, rd);
    return cscale(c, vignette(x, y, 0.50));
}

static void init_alley(void)
{
    AL_EYE = 1.55;
    AL_F = 1.15 * 1080;
    AL_CX = 960;
    AL_CY = 0.60 * 1080;
    rng_seed(20011990u);
    for (int i = 0; i < AL_TREES; i++) {
        int side = (i & 1) ? 1 : -1;
        TREE_Z[i] = 7.0 + (i / 2) * 5.0 + frange(-0.4, 0.4);
        TREE_X[i] = side * frange(5.05, 5.35);
        TREE_H[i] = frange(8.5, 10.5);
        TREE_W[i] = frange(0.75, 0.95);
    }
}

/* ================================================================ candles before a black stone wall */

#define MAX_CANDLES 40
typedef struct {
    double x, y0, z, r, h;
} candle;
static candle CAND[MAX_CANDLES];
static int NCAND;
static double CD_EYE, CD_F, CD_CX, CD_CY;
static double LEDGE_Z = 2.2, LEDGE_H = 0.26, WALL_Z = 2.72;

typedef struct {
    int kind; /* 0 nothing, 1 floor, 2 riser, 3 ledge top, 4 wall, 5 candle side, 6 candle top */
    double t;
    v3 p, n;
    int idx;
} chit;

static chit trace_candles(v3 ro, v3 rd)
{
    chit h;
    memset(&h, 0, sizeof h);
    h.t = 1e30;
    /* floor y=0 in front of the ledge */
    if (rd.y < 0) {
        double t = -ro.y / rd.y;
        v3 p = vadd(ro, vscale(rd, t));
        if (p.z < LEDGE_Z && t > 1e-6) {
            h = (chit){1, t, p, V(0, 1, 0), -1};
        }
    }
    /* riser z = LEDGE_Z, 0..LEDGE_H; coming from either side (reflections) */
    if (fabs(rd.z) > 1e-9) {
        double t = (LEDGE_Z - ro.z) / rd.z;
        v3 p = vadd(ro, vscale(rd, t));
        if (t > 1e-6 && t < h.t && p.y >= 0 && p.y <= LEDGE_H && ro.z < LEDGE_Z)
            h = (chit){2, t, p, V(0, 0, -1), -1};
    }
    /* ledge top */
    if (fabs(rd.y) > 1e-9) {
        double t = (LEDGE_H - ro.y) / rd.y;
        v3 p = vadd(ro, vscale(rd, t));
        if (t > 1e-6 && t < h.t && p.z >= LEDGE_Z && p.z <= WALL_Z && ro.y > LEDGE_H)
            h = (chit){3, t, p, V(0, 1, 0), -1};
    }
    /* wall */
    if (rd.z > 1e-9) {
        double t = (WALL_Z - ro.z) / rd.z;
        v3 p = vadd(ro, vscale(rd, t));
        if (t > 1e-6 && t < h.t && p.y >= LEDGE_H)
            h = (chit){4, t, p, V(0, 0, -1), -1};
    }
    /* candles */
    for (int i = 0; i < NCAND; i++) {
        const candle *c = &CAND[i];
        double t;
        if (ray_cylinder(ro, rd, c->x, c->z, c->r, &t) && t < h.t) {
            v3 p = vadd(ro, vscale(rd, t));
            if (p.y >= c->y0 && p.y <= c->y0 + c->h)
                h = (chit){5, t, p, vnorm(V(p.x - c->x, 0, p.z - c->z)), i};
        }
        if (fabs(rd.y) > 1e-9) {
            double top = c->y0 + c->h;
            double tt = (top - ro.y) / rd.y;
            v3 p = vadd(ro, vscale(rd, tt));
            if (tt > 1e-6 && tt < h.t && ro.y > top &&
                (p.x - c->x) * (p.x - c->x) + (p.z - c->z) * (p.z - c->z) < c->r * c->r)
                h = (chit){6, tt, p, V(0, 1, 0), i};
        }
    }
    return h;
}

static v3 candle_flame_pos(const candle *c)
{
    return V(c->x, c->y0 + c->h + 0.022, c->z);
}

/* the little flame of a candle, seen at (X, Y) on a plane through the wick */
static col small_flame(const candle *c, double X, double Y, int idx)
{
    double by = c->y0 + c->h + 0.004;
    double fh = 0.050 * (0.85 + 0.3 * rnd2(idx, 1, 55u)), fw = 0.0085;
    double qy = (Y - by) / fh;
    double lean = 0.08 * (rnd2(idx, 2, 55u) - 0.5);
    double qx = (X - c->x) / fw - lean * qy * qy * 6.0;
    if (qy < -0.15 || qy > 1.1)
        return C(0, 0, 0);
    double q = sat(qy);
    double w = pow(q + 0.03, 0.5) * pow(sat(1.0 - q), 1.1) / 0.38;
    double d = w - fabs(qx);
    double dens = smooth(-0.25, 0.35, d) * smooth(-0.15, 0.06, qy);
    if (dens <= 0)
        return C(0, 0, 0);
    double T = dens * (1.1 - 0.45 * q);
    col c1 = C(1.2, 0.40, 0.06), c2 = C(3.0, 1.9, 0.8), c3 = C(4.2, 3.4, 2.2);
    col col_ = T < 0.6 ? cmix(cscale(c1, 0.2), c1, T / 0.6)
                       : (T < 0.9 ? cmix(c1, c2, (T - 0.6) / 0.3) : cmix(c2, c3, sat((T - 0.9) / 0.2)));
    /* the dark wick and the blue root */
    double wick = smooth(0.9, 0.3, fabs(qx)) * smooth(0.25, 0.05, qy) * smooth(-0.1, 0.0, qy);
    col_ = cscale(col_, 1.0 - 0.85 * wick);
    col_ = cadd(col_, cscale(C(0.03, 0.06, 0.35), smooth(0.18, 0.0, qy) * smooth(1.2, 0.6, fabs(qx)) * 0.8));
    return cscale(col_, dens);
}

static double candle_light_at(v3 p, v3 n, int self)
{
    double sum = 0;
    for (int i = 0; i < NCAND; i++) {
        v3 l = vsub(candle_flame_pos(&CAND[i]), p);
        double d2 = vdot(l, l);
        if (d2 > 4.0)
            continue;
        double d = sqrt(d2);
        double ndl = vdot(n, vscale(l, 1.0 / d));
        if (i == self)
            ndl = 0.35; /* a candle's own flame lights its wax from within */
        if (ndl <= 0)
            continue;
        sum += ndl / (d2 + 0.004);
    }
    return sum * 0.0040;
}

static col shade_candle_hit(chit h, v3 ro, v3 rd, int depth, uint32_t sample);

static col trace_candle_color(v3 ro, v3 rd, int depth, uint32_t sample)
{
    chit h = trace_candles(ro, rd);
    col c = h.kind ? shade_candle_hit(h, ro, rd, depth, sample) : C(0.002, 0.002, 0.003);
    /* flames: translucent, on planes facing the camera through each wick */
    for (int i = 0; i < NCAND; i++) {
        const candle *cd = &CAND[i];
        if (fabs(rd.z) < 1e-9)
            continue;
        double t = (cd->z - ro.z) / rd.z;
        if (t <= 0 || t >= h.t)
            continue;
        v3 p = vadd(ro, vscale(rd, t));
        if (fabs(p.x - cd->x) > 0.03 || p.y < cd->y0 + cd->h - 0.01 || p.y > cd->y0 + cd->h + 0.07)
            continue;
        c = cadd(c, small_flame(cd, p.x, p.y, i));
    }
    return c;
}

static col shade_candle_hit(chit h, v3 ro, v3 rd, int depth, uint32_t sample)
{
    v3 p = h.p;
    col warm = C(1.0, 0.56, 0.22);
    if (h.kind == 5 || h.kind == 6) {
        const candle *c = &CAND[h.idx];
        double top = c->y0 + c->h;
        col wax = C(0.50, 0.44, 0.36);
        if (h.kind == 6) {
            /* the pool of molten wax, glowing from the flame above */
            double r = hypot(p.x - c->x, p.z - c->z) / c->r;
            col pool = cmix(C(0.9, 0.45, 0.14), C(0.5, 0.25, 0.09), r);
            double rim = smooth(0.82, 0.98, r);
            return cadd(cscale(pool, 0.55), cscale(C(0.7, 0.45, 0.22), rim * 0.5));
        }
        double light = candle_light_at(p, h.n, h.idx);
        col cc = cmul(wax, cscale(warm, light));
        /* seen in the black wall only as a faint shape: its flame is what the wall mirrors */
        if (depth > 0)
            cc = cscale(cc, 0.25);
        /* translucent wax: the top glows */
        double glow = exp(-(top - p.y) / 0.018);
        cc = cadd(cc, cscale(C(0.85, 0.38, 0.10), glow * 0.55));
        /* soft rim toward the camera edges */
        double facing = fabs(vdot(h.n, vnorm(V(rd.x, 0, rd.z))));
        cc = cscale(cc, (0.40 + 0.60 * pow(facing, 0.7)) * (0.50 + 0.50 * exp(-(top - p.y) / 0.10)));
        return cc;
    }
    double alb;
    col base;
    if (h.kind == 1) {
        double m = fbm(p.x * 2.2, p.z * 2.2, 4, 701u);
        alb = 0.040 + 0.018 * m;
        double jx = fabs((p.x + 0.3) / 0.6 - floor((p.x + 0.3) / 0.6 + 0.5)) * 0.6;
        double jz = fabs((p.z - 0.1) / 0.6 - floor((p.z - 0.1) / 0.6 + 0.5)) * 0.6;
        alb *= 1.0 - 0.5 * smooth(0.006, 0.002, fmin(jx, jz));
        base = C(alb, alb * 0.96, alb * 0.92);
    } else if (h.kind == 2 || h.kind == 3) {
        double m = fbm(p.x * 3.0, (p.y + p.z) * 3.0, 4, 703u);
        alb = 0.030 + 0.012 * m;
        base = C(alb, alb * 0.97, alb * 0.95);
        if (h.kind == 3 || (h.kind == 2 && p.y > LEDGE_H - 0.012))
            base = cscale(base, 1.1);
    } else {
        /* the wall: polished black granite with fine grain */
        double g = gnoise(p.x * 180.0, p.y * 180.0, 705u);
        alb = 0.008 + 0.004 * smooth(0.2, 0.5, g);
        base = C(alb, alb, alb * 1.03);
    }
    double light = candle_light_at(p, h.n, -1);
    col c = cmul(base, cscale(warm, light));
    c = cadd(c, cscale(base, 0.05)); /* faint night fill */
    if (h.kind == 4 && depth == 0) {
        /* polished black stone: each flame is mirrored as a soft, slightly drawn-out glow */
        for (int i = 0; i < NCAND; i++) {
            v3 fp = candle_flame_pos(&CAND[i]);
            v3 m = V(fp.x, fp.y, 2.0 * WALL_Z - fp.z);
            double t = vdot(vsub(m, ro), rd);
            v3 q = vsub(vadd(ro, vscale(rd, t)), m);
            double d2 = q.x * q.x + q.y * q.y * 0.35 + q.z * q.z;
            if (d2 > 0.2)
                continue;
            c = cadd(c, cscale(C(1.0, 0.52, 0.18),
                               0.10 * exp(-d2 / (0.018 * 0.018)) + 0.012 * exp(-sqrt(d2) / 0.06)));
        }
    }
    if (h.kind == 3 && depth == 0) {
        double rough = 0.015;
        double j1 = rnd2((int)sample, 1, 91u) - 0.5;
        double j2 = rnd2((int)sample, 2, 92u) - 0.5;
        v3 r = vnorm(V(rd.x + j1 * rough, -rd.y, rd.z + j2 * rough));
        double cosi = fabs(vdot(rd, h.n));
        double fres = 0.05 + 0.5 * pow(1.0 - cosi, 5.0);
        col rc = trace_candle_color(vadd(p, vscale(r, 1e-4)), r, depth + 1, sample);
        c = cadd(c, cscale(rc, fres));
    }
    return c;
}

static col shade_candles(double x, double y, uint32_t sample)
{
    v3 ro = V(0, CD_EYE, 0);
    v3 rd = vnorm(V((x - CD_CX) / CD_F, -(y - CD_CY) / CD_F, 1.0));
    col c;
    /* carnations lying on the floor in the foreground (drawn flat, in picture space) */
    int in_flower = 0;
    for (int i = 0; i < CARN_N && !in_flower; i++) {
        col fc;
        if (flower_eval(&CARN[i], x, y, &fc)) {
            double t = -ro.y / rd.y;
            v3 p = vadd(ro, vscale(rd, t));
            p.y = 0.04;
            double light = candle_light_at(p, vnorm(V(0, 0.6, 0.8)), -1);
            c = cmul(fc, cscale(C(1.0, 0.66, 0.42), 0.30 + 2.0 * light));
            in_flower = 1;
        }
    }
    if (!in_flower) {
        c = trace_candle_color(ro, rd, 0, sample);
        double sh = 0;
        for (int i = 0; i < CARN_N; i++)
            sh = fmax(sh, flower_shadow(&CARN[i], x, y));
        c = cscale(c, 1.0 - 0.6 * sh);
    }
    /* halos in the warm air around each flame */
    for (int i = 0; i < NCAND; i++) {
        v3 fp = candle_flame_pos(&CAND[i]);
        double t = vdot(vsub(fp, ro), rd);
        if (t <= 0)
            continue;
        v3 q = vsub(vadd(ro, vscale(rd, t)), fp);
        double d2 = vdot(q, q);
        if (d2 > 0.25)
            continue;
        double d = sqrt(d2);
        c = cadd(c, cscale(C(1.0, 0.48, 0.14), 0.040 * exp(-d / 0.030) + 0.008 * exp(-d / 0.13)));
    }
    return cscale(c, vignette(x, y, 0.55));
}

static void add_candle(double x, double z, double y0, double r, double h)
{
    if (NCAND >= MAX_CANDLES)
        return;
    CAND[NCAND++] = (candle){x, y0, z, r, h};
}

static void init_candles(void)
{
    CD_EYE = 0.45;
    CD_F = 1.50 * 1080;
    CD_CX = 960;
    CD_CY = 0.24 * 1080;
    NCAND = 0;
    rng_seed(1990u);
    /* on the ledge: pillar candles in loose groups */
    const double xs[] = {-1.22, -1.05, -0.80, -0.47, -0.33, 0.02, 0.19, 0.50, 0.86, 1.01, 1.26};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        double z = LEDGE_Z + frange(0.10, 0.36);
        double r = frange(0.028, 0.042);
        double hh = frange(0.08, 0.30);
        add_candle(xs[i] + frange(-0.04, 0.04), z, LEDGE_H, r, hh);
    }
    /* on the floor in front: short candles */
    const double fx[] = {-0.78, -0.52, -0.30, -0.62, 0.48, 0.80};
    const double fz[] = {1.70, 1.52, 1.80, 1.95, 1.90, 1.70};
    for (size_t i = 0; i < sizeof fx / sizeof fx[0]; i++)
        add_candle(fx[i], fz[i], 0.0, frange(0.026, 0.034), frange(0.035, 0.085));
    /* two carnations laid on the floor in front of them */
    LIGHT2 = vnorm(V(0.05, -0.75, 0.55));
    CARN_N = 2;
    flower_init(&CARN[0], 1080, 880, 84, -8, 0.85, 300, 1150, 25, 0.0, 211u);
    flower_init(&CARN[1], 1265, 975, 92, 5, 0.85, 380, 1210, -15, 0.52, 223u);
    CARN[0].vsq = CARN[1].vsq = 0.62;
}

/* ================================================================ main */

typedef struct {
    const char *name;
    int w, h, ss;
    double grain;
    void (*init)(void);
    shade_fn fn;
} artwork;

static const artwork ARTWORKS[] = {
    {"03-carnations.jpg", 1920, 1080, 3, 0.012, init_carnations_landscape, shade_carnations},
    {"04-eternal-flame.jpg", 1920, 1080, 3, 0.010, init_flame, shade_flame},
    {"07-alley-of-martyrs.jpg", 1920, 1080, 3, 0.010, init_alley, shade_alley},
    {"08-candles.jpg", 1920, 1080, 4, 0.010, init_candles, shade_candles},
    {"09-a-single-carnation.jpg", 1080, 1350, 3, 0.012, init_carnation_portrait, shade_carnations},
};

int main(int argc, char **argv)
{
    const char *out = "content", *preview = NULL, *only = NULL;
    int fast = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--out") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--preview") && i + 1 < argc)
            preview = argv[++i];
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--fast"))
            fast = 1;
        else {
            fprintf(stderr, "usage: %s [--out DIR] [--preview DIR] [--only NAME] [--fast]\n", argv[0]);
            return 2;
        }
    }
    if (SDL_Init(0) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    noise_init();
    int rc = 0;
    for (size_t i = 0; i < sizeof ARTWORKS / sizeof ARTWORKS[0]; i++) {
        const artwork *a = &ARTWORKS[i];
        if (only && !strstr(a->name, only))
            continue;
        a->init();
        SDL_Surface *s = render(a->w, a->h, fast ? 1 : a->ss, a->grain, a->fn);
        if (!s) {
            fprintf(stderr, "%s: %s\n", a->name, SDL_GetError());
            rc = 1;
            continue;
        }
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", out, a->name);
        if (IMG_SaveJPG(s, path, 88) != 0) {
            fprintf(stderr, "%s: %s\n", path, SDL_GetError());
            rc = 1;
        } else {
            printf("wrote %s (%dx%d)\n", path, a->w, a->h);
        }
        if (preview) {
            snprintf(path, sizeof path, "%s/%.*s.png", preview, (int)(strlen(a->name) - 4), a->name);
            if (IMG_SavePNG(s, path) != 0) {
                fprintf(stderr, "%s: %s\n", path, SDL_GetError());
                rc = 1;
            }
        }
        SDL_FreeSurface(s);
    }
    SDL_Quit();
    return rc;
}
