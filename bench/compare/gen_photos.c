/* gen_photos: one test photograph of bench/compare/run.sh, made with libjpeg-turbo (TurboJPEG).
 *
 *   gen_photos FILE.jpg WxH SEED
 *
 * run.sh calls it once per photo, several at a time. Every seed gives a different picture with the
 * detail of a real one, so it is as costly to decode and as large as a camera's JPEG (about 0.4 byte
 * per pixel): a colour field that changes across the picture, soft shapes, fine lines and grain,
 * baseline JPEG at quality 90 with 4:2:0 chroma. Deterministic: the same arguments give the same
 * file. Exit status 0, or 1 with a message. */
#include <math.h>
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <turbojpeg.h>

static uint32_t rng(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static unsigned char clamp(double v)
{
    return v < 0 ? 0 : v > 255 ? 255 : (unsigned char)v;
}

static int write_photo(tjhandle tj, const char *path, int w, int h, uint32_t seed)
{
    int rc = 1;
    unsigned char *px = malloc((size_t)w * h * 3), *jpg = NULL;
    unsigned long size = 0;
    if (!px) {
        fprintf(stderr, "gen_photos: out of memory\n");
        return 1;
    }
    uint32_t s = seed * 2654435761u + 1;
    double hue0 = (rng(&s) % 360) * M_PI / 180, hue1 = (rng(&s) % 360) * M_PI / 180;
    double cx[4], cy[4], rad[4];
    for (int k = 0; k < 4; k++) {
        cx[k] = (rng(&s) % 1000) / 1000.0 * w;
        cy[k] = (rng(&s) % 1000) / 1000.0 * h;
        rad[k] = (0.08 + (rng(&s) % 1000) / 1000.0 * 0.25) * h;
    }
    double freq = 0.02 + (rng(&s) % 100) / 2000.0, angle = (rng(&s) % 360) * M_PI / 180;
    double ca = cos(angle), sa = sin(angle);
    for (int y = 0; y < h; y++) {
        double fy = (double)y / h;
        for (int x = 0; x < w; x++) {
            double fx = (double)x / w;
            double hue = hue0 + (hue1 - hue0) * (fx * 0.7 + fy * 0.3);
            double light = 90 + 60 * fy;
            for (int k = 0; k < 4; k++) {
                double dx = x - cx[k], dy = y - cy[k];
                double d2 = (dx * dx + dy * dy) / (rad[k] * rad[k]);
                if (d2 < 4)
                    light += 70 * exp(-d2);
            }
            double stripes = 18 * sin((x * ca + y * sa) * freq) * sin((x * sa - y * ca) * freq * 0.37);
            double grain = (double)(rng(&s) % 41) - 20;
            double v = light + stripes + grain;
            unsigned char *p = px + ((size_t)y * w + x) * 3;
            p[0] = clamp(v + 70 * cos(hue));
            p[1] = clamp(v + 70 * cos(hue - 2.094));
            p[2] = clamp(v + 70 * cos(hue + 2.094));
        }
    }
    /* fine dark lines (branches, wires): edges the decoder and the scaler must keep */
    for (int l = 0; l < 40; l++) {
        double x0 = rng(&s) % w, y0 = rng(&s) % h, a = (rng(&s) % 360) * M_PI / 180;
        int len = (int)(h * (0.1 + (rng(&s) % 100) / 250.0));
        for (int t = 0; t < len; t++) {
            int x = (int)(x0 + t * cos(a)), y = (int)(y0 + t * sin(a));
            if (x < 0 || y < 0 || x >= w || y >= h)
                break;
            for (int k = 0; k < 2 && x + k < w; k++) {
                unsigned char *p = px + ((size_t)y * w + x + k) * 3;
                p[0] /= 4;
                p[1] /= 4;
                p[2] /= 4;
            }
        }
    }
    if (tjCompress2(tj, px, w, w * 3, h, TJPF_RGB, &jpg, &size, TJSAMP_420, 90, 0) != 0) {
        fprintf(stderr, "gen_photos: %s: %s\n", path, tjGetErrorStr2(tj));
        goto cleanup;
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(jpg, 1, size, f) != size) {
        fprintf(stderr, "gen_photos: cannot write %s\n", path);
        if (f)
            fclose(f);
        goto cleanup;
    }
    rc = fclose(f) == 0 ? 0 : 1;
cleanup:
    tjFree(jpg);
    free(px);
    return rc;
}

static int parse_size(const char *s, int *w, int *h)
{
    return sscanf(s, "%dx%d", w, h) == 2 && *w >= 16 && *h >= 16 && *w <= 20000 && *h <= 20000 ? 0 : -1;
}

int main(int argc, char **argv)
{
    int w, h;
    if (argc != 4 || parse_size(argv[2], &w, &h) != 0) {
        fprintf(stderr, "usage: gen_photos FILE.jpg WxH SEED\n");
        return 1;
    }
    tjhandle tj = tjInitCompress();
    if (!tj) {
        fprintf(stderr, "gen_photos: %s\n", tjGetErrorStr2(NULL));
        return 1;
    }
    int rc = write_photo(tj, argv[1], w, h, (uint32_t)strtoul(argv[3], NULL, 10));
    tjDestroy(tj);
    return rc;
}
