/* photo_bench: time to first display and peak memory of the kiosk's picture pipeline (header check,
 * libjpeg-turbo DCT scaling, area filter, on the decoder's worker thread), next to a plain IMG_Load +
 * convert + area scale of the same files (the pipeline before this one).
 *   1. one 6000x4000 JPEG (24 megapixels, like a camera's);
 *   2. a folder of N photos (default 200, 4000x3000): time from the folder scan to the first picture
 *      ready for display, then every photo in show order with at most 3 decoded at once (as the slide
 *      cache keeps them), peak memory after 10 photos and after all of them.
 * Every measurement runs in its own child process; its peak memory is the child's maximum resident set
 * (getrusage), shown also above a baseline child that only starts SDL; every child sets glibc's
 * M_MMAP_THRESHOLD as the app does (freed pictures go back to the system at once). The test photos are made
 * here (TurboJPEG, synthetic detail: gradients, grain and fine lines) in a temp folder and removed afterwards
 * (--keep DIR reuses/keeps them). Usage:
 *   photo_bench [--count N] [--screen WxH] [--photo WxH] [--keep DIR] */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>
#include <turbojpeg.h>

#include "content.h"
#include "decoder.h"
#include "imgscale.h"
#include "picture.h"

typedef struct {
    int count, screen_w, screen_h, photo_w, photo_h;
    const char *keep;
} options;

typedef struct {
    double first_ms, total_ms;  /* to the first picture ready; for all */
    long peak10_kb, peak100_kb; /* peak RSS after 10 and 100 photos (folder runs) */
    int done;
} result;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static long peak_kb(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

/* ---- test photos ---- */

static int write_photo(const char *path, int w, int h, uint32_t seed)
{
    int rc = -1;
    uint8_t *px = malloc((size_t)w * (size_t)h * 3);
    unsigned char *jpg = NULL;
    unsigned long size = 0;
    tjhandle tj = tjInitCompress();
    if (!px || !tj)
        goto cleanup;
    uint32_t x32 = seed * 2654435761u + 1;
    for (int y = 0; y < h; y++) {
        uint8_t *row = px + (size_t)y * (size_t)w * 3;
        for (int x = 0; x < w; x++) {
            x32 ^= x32 << 13, x32 ^= x32 >> 17, x32 ^= x32 << 5;
            int grain = (int)(x32 & 31) - 16;
            int line = (x % 7 == 0 || y % 11 == 0) ? 60 : 0; /* fine detail that aliases when done badly */
            int r = x * 200 / w + 30 + grain + line, g = y * 200 / h + 20 + grain,
                b = ((x ^ y) & 255) / 2 + grain;
            row[x * 3] = (uint8_t)(r < 0 ? 0 : r > 255 ? 255 : r);
            row[x * 3 + 1] = (uint8_t)(g < 0 ? 0 : g > 255 ? 255 : g);
            row[x * 3 + 2] = (uint8_t)(b < 0 ? 0 : b > 255 ? 255 : b);
        }
    }
    if (tjCompress2(tj, px, w, w * 3, h, TJPF_RGB, &jpg, &size, TJSAMP_420, 90, 0) != 0)
        goto cleanup;
    FILE *f = fopen(path, "wb");
    if (!f)
        goto cleanup;
    rc = fwrite(jpg, 1, size, f) == size ? 0 : -1;
    if (fclose(f) != 0)
        rc = -1;
cleanup:
    if (rc != 0)
        fprintf(stderr, "photo_bench: cannot write %s\n", path);
    tjFree(jpg);
    if (tj)
        tjDestroy(tj);
    free(px);
    return rc;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && st.st_size > 0;
}

static int make_photos(const char *dir, const options *o)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/big.jpg", dir);
    if (!exists(path) && write_photo(path, 6000, 4000, 1) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/folder", dir);
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        return -1;
    for (int i = 0; i < o->count; i++) {
        snprintf(path, sizeof path, "%s/folder/photo-%03d.jpg", dir, i + 1);
        if (!exists(path) && write_photo(path, o->photo_w, o->photo_h, (uint32_t)i + 2) != 0)
            return -1;
    }
    return 0;
}

/* ---- the two pipelines ---- */

/* The plain way: decode the whole file, convert, scale to fit with the area filter. */
static SDL_Surface *plain_load(const char *path, int box_w, int box_h)
{
    SDL_Surface *raw = IMG_Load(path), *argb = NULL, *out = NULL;
    if (raw)
        argb = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    if (argb) {
        imgscale_rect r = imgscale_fit_contain(argb->w, argb->h, box_w, box_h);
        out = SDL_CreateRGBSurfaceWithFormat(0, r.w, r.h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (out)
            imgscale_area(argb->pixels, argb->w, argb->h, argb->pitch, out->pixels, r.w, r.h, out->pitch);
    }
    if (argb)
        SDL_FreeSurface(argb);
    if (raw)
        SDL_FreeSurface(raw);
    return out;
}

/* One picture, synchronously. */
static void run_one(const char *path, const options *o, bool kiosk, result *res)
{
    double t0 = now_ms();
    char err[256];
    picture_settings s = picture_settings_default();
    if (kiosk) {
        picture *p = picture_load_with(path, o->screen_w, o->screen_h, &s, err, sizeof err);
        res->done = p != NULL;
        picture_free(p);
    } else {
        SDL_Surface *p = plain_load(path, o->screen_w, o->screen_h);
        res->done = p != NULL;
        SDL_FreeSurface(p);
    }
    res->first_ms = res->total_ms = now_ms() - t0;
}

/* The kiosk's way through a show: the worker decodes the current and next slides; pictures of the
 * previous, current and next slides are kept (as the slide cache keeps them), older ones freed. */
typedef struct {
    size_t index;
    picture *pic;
    bool used;
} kept;

static kept *kept_find(kept *k, size_t n, size_t index)
{
    for (size_t i = 0; i < n; i++)
        if (k[i].used && k[i].index == index)
            return &k[i];
    return NULL;
}

/* Frees the kept pictures outside [lo, hi]. */
static void kept_trim(kept *k, size_t n, size_t lo, size_t hi)
{
    for (size_t i = 0; i < n; i++)
        if (k[i].used && (k[i].index < lo || k[i].index > hi)) {
            picture_free(k[i].pic);
            k[i].used = false;
        }
}

static void kiosk_show(const content *c, const options *o, result *res, double t0)
{
    picture_settings s = picture_settings_default();
    decoder *d = decoder_create(&s, 0);
    kept k[4];
    memset(k, 0, sizeof k);
    for (size_t i = 0; d && i < c->count; i++) {
        decoder_job jobs[2];
        size_t n = 0;
        for (size_t j = i; j < c->count && j <= i + 1; j++)
            if (!kept_find(k, 4, j))
                jobs[n++] = (decoder_job){
                    .index = j, .path = c->items[j].abs_path, .box_w = o->screen_w, .box_h = o->screen_h};
        decoder_want(d, jobs, n);
        while (!kept_find(k, 4, i)) {
            decoder_result r;
            bool any = false;
            while (decoder_take(d, &r)) {
                any = true;
                kept_trim(k, 4, i ? i - 1 : 0, i + 1);
                kept *slot = NULL;
                for (size_t m = 0; m < 4 && !slot; m++)
                    slot = k[m].used ? NULL : &k[m];
                if (slot && r.pic)
                    *slot = (kept){r.index, r.pic, true};
                else
                    picture_free(r.pic);
                if (!r.pic && r.index == i) /* a picture that fails is skipped */
                    break;
            }
            if (!any)
                SDL_Delay(1);
            if (!any && !kept_find(k, 4, i) && !decoder_pending(d, i))
                break;
        }
        res->done += kept_find(k, 4, i) != NULL;
        kept_trim(k, 4, i ? i - 1 : 0, i + 1);
        if (i == 0)
            res->first_ms = now_ms() - t0;
        if (i == 9)
            res->peak10_kb = peak_kb();
        if (i == 99)
            res->peak100_kb = peak_kb();
    }
    decoder_free(d);
    kept_trim(k, 4, 1, 0);
}

/* The plain way through a show: each photo decoded when it is due, the last three kept. */
static void plain_show(const content *c, const options *o, result *res, double t0)
{
    SDL_Surface *held[3] = {NULL, NULL, NULL};
    for (size_t i = 0; i < c->count; i++) {
        if (held[i % 3])
            SDL_FreeSurface(held[i % 3]);
        held[i % 3] = plain_load(c->items[i].abs_path, o->screen_w, o->screen_h);
        res->done += held[i % 3] != NULL;
        if (i == 0)
            res->first_ms = now_ms() - t0;
        if (i == 9)
            res->peak10_kb = peak_kb();
        if (i == 99)
            res->peak100_kb = peak_kb();
    }
    for (int k = 0; k < 3; k++)
        if (held[k])
            SDL_FreeSurface(held[k]);
}

/* The folder as a show goes through it, as fast as the pictures come: scan, then every photo in order. */
static void run_folder(const char *dir, const options *o, bool kiosk, result *res)
{
    double t0 = now_ms();
    content *c = content_scan(dir);
    if (!c)
        return;
    if (kiosk)
        kiosk_show(c, o, res, t0);
    else
        plain_show(c, o, res, t0);
    res->total_ms = now_ms() - t0;
    content_free(c);
}

typedef enum { JOB_BASELINE, JOB_ONE, JOB_FOLDER } job_kind;

/* Runs a job in a child process; returns its peak RSS in KB, and its result through a pipe. */
static long in_child(job_kind kind, const char *path, const options *o, bool kiosk, result *res)
{
    int fd[2];
    struct rusage u;
    int status = 0;
    memset(res, 0, sizeof *res);
    if (pipe(fd) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        result r = {0};
#ifdef __GLIBC__
        mallopt(M_MMAP_THRESHOLD, 256 * 1024); /* as the app sets it (app.c), for both pipelines */
#endif
        SDL_Init(0);
        IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG);
        if (kind == JOB_ONE)
            run_one(path, o, kiosk, &r);
        else if (kind == JOB_FOLDER)
            run_folder(path, o, kiosk, &r);
        ssize_t wr = write(fd[1], &r, sizeof r);
        _exit(wr == (ssize_t)sizeof r ? 0 : 1);
    }
    close(fd[1]);
    if (pid < 0 || read(fd[0], res, sizeof *res) != (ssize_t)sizeof *res)
        res->done = -1;
    close(fd[0]);
    if (pid < 0 || wait4(pid, &status, 0, &u) < 0)
        return -1;
    return u.ru_maxrss;
}

static void row(const char *what, double ms, long kb, long base_kb, const char *extra)
{
    printf("  %-40s %9.0f ms %8.1f MB %8.1f MB  %s\n", what, ms, kb / 1024.0, (kb - base_kb) / 1024.0, extra);
}

static void folder_extra(char *buf, size_t n, const result *r)
{
    int len = snprintf(buf, n, "all %d in %.1f s (%.0f ms each); peak after 10: %.1f MB", r->done,
                       r->total_ms / 1e3, r->total_ms / (r->done > 0 ? r->done : 1), r->peak10_kb / 1024.0);
    if (r->peak100_kb && len > 0 && (size_t)len < n)
        snprintf(buf + len, n - (size_t)len, ", after 100: %.1f MB", r->peak100_kb / 1024.0);
}

static int parse_wh(const char *s, int *w, int *h)
{
    return sscanf(s, "%dx%d", w, h) == 2 && *w > 0 && *h > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    options o = {200, 1920, 1080, 4000, 3000, NULL};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--count") == 0 && i + 1 < argc)
            o.count = atoi(argv[++i]);
        else if (strcmp(argv[i], "--screen") == 0 && i + 1 < argc &&
                 parse_wh(argv[i + 1], &o.screen_w, &o.screen_h) == 0)
            i++;
        else if (strcmp(argv[i], "--photo") == 0 && i + 1 < argc &&
                 parse_wh(argv[i + 1], &o.photo_w, &o.photo_h) == 0)
            i++;
        else if (strcmp(argv[i], "--keep") == 0 && i + 1 < argc)
            o.keep = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--count N] [--screen WxH] [--photo WxH] [--keep DIR]\n", argv[0]);
            return 2;
        }
    }
    if (o.count < 1)
        o.count = 1;
    char dir[4096];
    if (o.keep) {
        snprintf(dir, sizeof dir, "%s", o.keep);
        mkdir(dir, 0755);
    } else {
        snprintf(dir, sizeof dir, "%s/kiosk-photo-bench-XXXXXX",
                 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        if (!mkdtemp(dir))
            return 1;
    }
    printf("photo_bench: screen %dx%d; making the test photos in %s ...\n", o.screen_w, o.screen_h, dir);
    fflush(stdout);
    double t0 = now_ms();
    if (make_photos(dir, &o) != 0)
        return 1;
    printf("  made 1 photo of 6000x4000 and %d of %dx%d in %.1f s\n\n", o.count, o.photo_w, o.photo_h,
           (now_ms() - t0) / 1e3);

    char big[4200], folder[4200], extra[160];
    snprintf(big, sizeof big, "%s/big.jpg", dir);
    snprintf(folder, sizeof folder, "%s/folder", dir);
    result r;
    long base = in_child(JOB_BASELINE, NULL, &o, false, &r);
    printf("  %-40s %12s %11s %11s\n", "", "time", "peak RSS", "above base");
    row("baseline (SDL started, nothing loaded)", 0, base, base, "");

    printf("\n6000x4000 JPEG, time to a picture ready for display:\n");
    long kb = in_child(JOB_ONE, big, &o, true, &r);
    row("kiosk: header check + DCT 1/2 + area", r.first_ms, kb, base, r.done == 1 ? "" : "FAILED");
    kb = in_child(JOB_ONE, big, &o, false, &r);
    row("plain: IMG_Load + convert + area", r.first_ms, kb, base, r.done == 1 ? "" : "FAILED");

    printf("\nfolder of %d photos (%dx%d), shown in order:\n", o.count, o.photo_w, o.photo_h);
    kb = in_child(JOB_FOLDER, folder, &o, true, &r);
    folder_extra(extra, sizeof extra, &r);
    row("kiosk: scan + first picture (worker)", r.first_ms, kb, base, extra);
    kb = in_child(JOB_FOLDER, folder, &o, false, &r);
    folder_extra(extra, sizeof extra, &r);
    row("plain: scan + first picture", r.first_ms, kb, base, extra);

    if (!o.keep) {
        char path[4300];
        for (int i = 0; i < o.count; i++) {
            snprintf(path, sizeof path, "%s/photo-%03d.jpg", folder, i + 1);
            remove(path);
        }
        remove(folder);
        remove(big);
        remove(dir);
    }
    return 0;
}
