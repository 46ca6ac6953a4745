/* check_bench: how fast `memorial-kiosk --check` goes over a folder of camera-sized photos, and how much
 * memory a loaded exhibit takes per photo.
 *   check_bench photos DIR N
 *       writes N JPEGs into DIR (made if missing): a mix of 4000x3000, 3000x4000, 4608x3456 and 1920x1280
 *       pictures with grain and fine lines (quality 90, 4:2:0: 2 to 8 MB each, like a camera's). Four base
 *       photos are encoded once; each file is one of them with its own comment segment (its number), so
 *       every file differs and N files are written in seconds. Existing photo-NNNNN.jpg files are kept.
 *   check_bench jpeg FILE W H
 *       writes one photo-like W x H JPEG (quality 90, 4:2:0) to FILE: a valid picture for benchmarks that
 *       need many small ones (bench/first-frame.sh), without ImageMagick.
 *   check_bench time BIN DIR [LABEL]
 *       runs `BIN --check DIR` as shipped (no SDL variables but SDL_VIDEODRIVER=dummy, which --check does
 *       not use), its stdout and stderr thrown away, and prints one line: the label, the photos (*.jpg
 *       in DIR), the seconds, photos per second, the CPU seconds (user + system, all threads), the exit
 *       status and the peak resident memory.
 *   check_bench memory [N...]
 *       for each N (default 10 1000 20000): a temp folder of N empty-but-valid tiny JPEGs (8x8, 300
 *       bytes), loaded with exhibit_load in a child process; prints the heap (mallinfo2: bytes in use)
 *       that the exhibit holds, less that of an exhibit of an empty folder, divided by N.
 * Exit status 0, or 1 with a message on stderr. */
#include <errno.h>
#include <malloc.h>
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

#include <dirent.h>
#include <turbojpeg.h>

#include "exhibit.h"

typedef struct {
    unsigned char *data;
    unsigned long size;
} jpeg_bytes;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A w x h photo-like picture (gradients, grain, fine lines) encoded at quality 90, 4:2:0. */
static int encode_photo(int w, int h, uint32_t seed, int quality, jpeg_bytes *out)
{
    int rc = -1;
    uint8_t *px = malloc((size_t)w * (size_t)h * 3);
    tjhandle tj = tjInitCompress();
    out->data = NULL;
    out->size = 0;
    if (!px || !tj)
        goto cleanup;
    uint32_t x32 = seed * 2654435761u + 1;
    for (int y = 0; y < h; y++) {
        uint8_t *row = px + (size_t)y * (size_t)w * 3;
        for (int x = 0; x < w; x++) {
            x32 ^= x32 << 13, x32 ^= x32 >> 17, x32 ^= x32 << 5;
            int grain = (int)(x32 & 31) - 16, line = (x % 7 == 0 || y % 11 == 0) ? 60 : 0;
            int r = x * 200 / w + 30 + grain + line, g = y * 200 / h + 20 + grain,
                b = ((x ^ y) & 255) / 2 + grain;
            row[x * 3] = (uint8_t)(r < 0 ? 0 : r > 255 ? 255 : r);
            row[x * 3 + 1] = (uint8_t)(g < 0 ? 0 : g > 255 ? 255 : g);
            row[x * 3 + 2] = (uint8_t)(b < 0 ? 0 : b > 255 ? 255 : b);
        }
    }
    if (tjCompress2(tj, px, w, w * 3, h, TJPF_RGB, &out->data, &out->size, TJSAMP_420, quality, 0) == 0)
        rc = 0;
cleanup:
    if (rc != 0)
        fprintf(stderr, "check_bench: cannot encode a %dx%d photo\n", w, h);
    if (tj)
        tjDestroy(tj);
    free(px);
    return rc;
}

/* base with a comment segment after its SOI marker holding text: the same picture, other bytes. */
static int write_with_comment(const char *path, const jpeg_bytes *base, const char *text)
{
    size_t n = strlen(text);
    unsigned char seg[4 + 64] = {0xFF, 0xFE, (unsigned char)((n + 2) >> 8), (unsigned char)(n + 2)};
    memcpy(seg + 4, text, n < 64 ? n : 64);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    bool ok = fwrite(base->data, 1, 2, f) == 2 && fwrite(seg, 1, 4 + n, f) == 4 + n &&
              fwrite(base->data + 2, 1, base->size - 2, f) == base->size - 2;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static int make_photos(const char *dir, long n)
{
    static const int sizes[][2] = {{4000, 3000}, {3000, 4000}, {4608, 3456}, {1920, 1280}};
    enum { KINDS = sizeof sizes / sizeof sizes[0] };
    jpeg_bytes base[KINDS] = {{0}};
    int rc = -1;
    char path[4200], text[64];
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "check_bench: cannot make %s: %s\n", dir, strerror(errno));
        return -1;
    }
    for (int k = 0; k < KINDS; k++)
        if (encode_photo(sizes[k][0], sizes[k][1], (uint32_t)k + 1, 90, &base[k]) != 0)
            goto cleanup;
    for (long i = 0; i < n; i++) {
        struct stat st;
        snprintf(path, sizeof path, "%s/photo-%05ld.jpg", dir, i + 1);
        if (stat(path, &st) == 0 && st.st_size > 0)
            continue;
        snprintf(text, sizeof text, "check_bench photo %ld", i + 1);
        if (write_with_comment(path, &base[i % KINDS], text) != 0) {
            fprintf(stderr, "check_bench: cannot write %s: %s\n", path, strerror(errno));
            goto cleanup;
        }
    }
    rc = 0;
cleanup:
    for (int k = 0; k < KINDS; k++)
        tjFree(base[k].data);
    return rc;
}

static int make_one(const char *path, int w, int h)
{
    jpeg_bytes j;
    if (w <= 0 || h <= 0 || encode_photo(w, h, 3, 90, &j) != 0)
        return -1;
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(j.data, 1, j.size, f) == j.size;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "check_bench: cannot write %s: %s\n", path, strerror(errno));
    tjFree(j.data);
    return ok ? 0 : -1;
}

static long count_jpegs(const char *dir)
{
    long n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        n += len > 4 && strcmp(e->d_name + len - 4, ".jpg") == 0;
    }
    if (d)
        closedir(d);
    return n;
}

static int time_check(const char *bin, const char *dir, const char *label)
{
    long photos = count_jpegs(dir);
    double t0 = now_s();
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            _exit(127);
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        execl(bin, bin, "--check", dir, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid)
        return 1;
    double s = now_s() - t0;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
                 (double)ru.ru_stime.tv_usec / 1e6;
    printf("%-8s photos=%ld seconds=%.2f photos_per_s=%.1f cpu_seconds=%.2f exit=%d peak_rss_mib=%.1f\n",
           label, photos, s, s > 0 ? (double)photos / s : 0.0, cpu, code, (double)ru.ru_maxrss / 1024.0);
    return code == 127 || code >= 128;
}

/* ---- memory per photo of a loaded exhibit ---- */

static int fill_tiny(const char *dir, long n, const jpeg_bytes *tiny)
{
    char path[4200];
    for (long i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/p%06ld.jpg", dir, i);
        FILE *f = fopen(path, "wb");
        bool ok = f && fwrite(tiny->data, 1, tiny->size, f) == tiny->size;
        if (!f || fclose(f) != 0 || !ok)
            return -1;
    }
    return 0;
}

/* In a child: the heap an exhibit of dir holds, in bytes, written to the pipe fd. */
static long heap_of_exhibit(const char *dir)
{
    int fds[2];
    long bytes = -1;
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        struct mallinfo2 before = mallinfo2();
        exhibit *e = exhibit_load(dir, NULL, false);
        struct mallinfo2 after = mallinfo2();
        long held = e ? (long)(after.uordblks + after.hblkhd) - (long)(before.uordblks + before.hblkhd) : -1;
        _exit(write(fds[1], &held, sizeof held) == (ssize_t)sizeof held ? 0 : 1);
    }
    close(fds[1]);
    if (pid > 0 && read(fds[0], &bytes, sizeof bytes) != (ssize_t)sizeof bytes)
        bytes = -1;
    close(fds[0]);
    if (pid > 0)
        waitpid(pid, NULL, 0);
    return bytes;
}

static int memory_per_photo(int argc, char **argv)
{
    static char *defaults[] = {"10", "1000", "20000"};
    char tmpl[] = "/tmp/check-bench-XXXXXX", dir[64];
    jpeg_bytes tiny;
    int rc = 1;
    if (argc == 0) {
        argc = 3;
        argv = defaults;
    }
    if (encode_photo(8, 8, 7, 75, &tiny) != 0 || !mkdtemp(tmpl))
        return 1;
    snprintf(dir, sizeof dir, "%s/empty", tmpl);
    mkdir(dir, 0755);
    long base = heap_of_exhibit(dir);
    printf("exhibit of an empty folder: %ld bytes of heap\n", base);
    for (int i = 0; i < argc; i++) {
        long n = atol(argv[i]);
        snprintf(dir, sizeof dir, "%s/n%ld", tmpl, n);
        if (n <= 0 || mkdir(dir, 0755) != 0 || fill_tiny(dir, n, &tiny) != 0)
            goto cleanup;
        long held = heap_of_exhibit(dir);
        if (held < 0 || base < 0)
            goto cleanup;
        printf("photos=%ld heap_bytes=%ld bytes_per_photo=%.0f\n", n, held - base, (double)(held - base) / n);
        fflush(stdout);
    }
    rc = 0;
cleanup:
    tjFree(tiny.data);
    if (fork() == 0) {
        execlp("rm", "rm", "-rf", tmpl, (char *)NULL);
        _exit(127);
    }
    wait(NULL);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "photos") == 0)
        return make_photos(argv[2], atol(argv[3])) == 0 ? 0 : 1;
    if (argc == 5 && strcmp(argv[1], "jpeg") == 0)
        return make_one(argv[2], atoi(argv[3]), atoi(argv[4])) == 0 ? 0 : 1;
    if ((argc == 4 || argc == 5) && strcmp(argv[1], "time") == 0)
        return time_check(argv[2], argv[3], argc == 5 ? argv[4] : "check");
    if (argc >= 2 && strcmp(argv[1], "memory") == 0)
        return memory_per_photo(argc - 2, argv + 2);
    fprintf(stderr, "usage: check_bench photos DIR N\n"
                    "       check_bench jpeg FILE W H\n"
                    "       check_bench time BIN DIR [LABEL]\n"
                    "       check_bench memory [N...]\n");
    return 1;
}
