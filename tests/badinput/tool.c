/* badinput_tool: the helper of the bad-input test (badinput.sh). It writes the test's pictures, so no
 * binary file is committed, and measures a program's peak memory.
 *   badinput_tool png  OUT W H          a real W x H PNG (a colour gradient), through SDL2_image
 *   badinput_tool jpeg OUT W H          a real W x H baseline JPEG (quality 85), through libturbojpeg
 *   badinput_tool png-header OUT W H    a PNG whose IHDR claims W x H (valid CRCs) with one empty IDAT:
 *                                       a decompression bomb's header, a few dozen bytes on disk
 *   badinput_tool gif-late-frame OUT SW SH FW FH PAD
 *                                       a GIF with a SW x SH logical screen, PAD bytes of comment blocks,
 *                                       then a FW x FH frame: the frame's size is read only past PAD
 *   badinput_tool maxrss FILE -- PROGRAM ARGS...
 *                                       runs PROGRAM, writes its peak resident memory in KiB to FILE and
 *                                       exits with its status (128 + N when killed by signal N)
 * Exit status 0, or 1 with a message. */
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <turbojpeg.h>

static int usage(void)
{
    fprintf(stderr, "usage: badinput_tool png|jpeg|png-header OUT W H\n"
                    "       badinput_tool gif-late-frame OUT SW SH FW FH PAD\n"
                    "       badinput_tool maxrss FILE -- PROGRAM ARGS...\n");
    return 1;
}

static uint8_t *gradient_rgb(int w, int h)
{
    uint8_t *px = malloc((size_t)w * (size_t)h * 3);
    if (!px)
        return NULL;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = px + ((size_t)y * (size_t)w + (size_t)x) * 3;
            p[0] = (uint8_t)(40 + 180 * x / (w > 1 ? w - 1 : 1));
            p[1] = (uint8_t)(30 + 120 * y / (h > 1 ? h - 1 : 1));
            p[2] = (uint8_t)((x / 16 + y / 16) % 2 ? 90 : 150);
        }
    return px;
}

static int write_png(const char *out, int w, int h)
{
    uint8_t *px = gradient_rgb(w, h);
    if (!px)
        return 1;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormatFrom(px, w, h, 24, w * 3, SDL_PIXELFORMAT_RGB24);
    int rc = !s || IMG_SavePNG(s, out) != 0;
    if (rc)
        fprintf(stderr, "badinput_tool: %s: %s\n", out, SDL_GetError());
    SDL_FreeSurface(s);
    free(px);
    return rc;
}

static int write_jpeg(const char *out, int w, int h)
{
    uint8_t *px = gradient_rgb(w, h), *jpg = NULL;
    unsigned long size = 0;
    tjhandle tj = tjInitCompress();
    int rc = 1;
    if (px && tj && tjCompress2(tj, px, w, 0, h, TJPF_RGB, &jpg, &size, TJSAMP_420, 85, 0) == 0) {
        FILE *f = fopen(out, "wb");
        rc = !f || fwrite(jpg, 1, size, f) != size;
        if (f && fclose(f) != 0)
            rc = 1;
    }
    if (rc)
        fprintf(stderr, "badinput_tool: %s: %s\n", out, tj ? tjGetErrorStr2(tj) : "no turbojpeg");
    tjFree(jpg);
    if (tj)
        tjDestroy(tj);
    free(px);
    return rc;
}

static uint32_t crc_table[256];

static uint32_t crc32_png(const uint8_t *p, size_t n)
{
    if (!crc_table[1])
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            crc_table[i] = c;
        }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

static void chunk(FILE *f, const char *type, const uint8_t *data, uint32_t n)
{
    uint8_t buf[64];
    put32(buf, n);
    memcpy(buf + 4, type, 4);
    if (n > 0)
        memcpy(buf + 8, data, n);
    put32(buf + 8 + n, crc32_png(buf + 4, 4 + n));
    fwrite(buf, 1, 12 + n, f);
}

static int write_png_header(const char *out, uint32_t w, uint32_t h)
{
    static const uint8_t zlib_empty[] = {0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01};
    uint8_t ihdr[13];
    FILE *f = fopen(out, "wb");
    if (!f)
        return 1;
    fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
    put32(ihdr, w);
    put32(ihdr + 4, h);
    ihdr[8] = 8, ihdr[9] = 2, ihdr[10] = 0, ihdr[11] = 0, ihdr[12] = 0; /* 8-bit RGB */
    chunk(f, "IHDR", ihdr, 13);
    chunk(f, "IDAT", zlib_empty, sizeof zlib_empty);
    chunk(f, "IEND", NULL, 0);
    return fclose(f) != 0;
}

static void le16(FILE *f, unsigned v)
{
    fputc((int)(v & 0xFF), f);
    fputc((int)(v >> 8 & 0xFF), f);
}

static int write_gif_late_frame(const char *out, unsigned sw, unsigned sh, unsigned fw, unsigned fh, long pad)
{
    FILE *f = fopen(out, "wb");
    if (!f)
        return 1;
    fwrite("GIF89a", 1, 6, f);
    le16(f, sw);
    le16(f, sh);
    fputc(0x80, f); /* a global colour table of 2 entries */
    fputc(0, f);
    fputc(0, f);
    fwrite("\x00\x00\x00\xff\xff\xff", 1, 6, f);
    fputc(0x21, f); /* a comment extension, in 255-byte sub-blocks */
    fputc(0xFE, f);
    for (long left = pad; left > 0; left -= 255) {
        int n = left < 255 ? (int)left : 255;
        fputc(n, f);
        for (int i = 0; i < n; i++)
            fputc('c', f);
    }
    fputc(0, f);
    fputc(0x2C, f); /* the frame */
    le16(f, 0);
    le16(f, 0);
    le16(f, fw);
    le16(f, fh);
    fputc(0, f);
    fwrite("\x02\x02\x44\x01\x00", 1, 5, f); /* LZW minimum code size 2, one tiny block */
    fputc(0x3B, f);
    return fclose(f) != 0;
}

static int run_maxrss(const char *file, char **argv)
{
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid)
        return 1;
    FILE *f = fopen(file, "w");
    if (!f || fprintf(f, "%ld\n", ru.ru_maxrss) < 0 || fclose(f) != 0)
        return 1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
    if (argc >= 5 && strcmp(argv[1], "maxrss") == 0 && strcmp(argv[3], "--") == 0)
        return run_maxrss(argv[2], argv + 4);
    if (argc < 5)
        return usage();
    const char *kind = argv[1], *out = argv[2];
    int w = atoi(argv[3]), h = atoi(argv[4]);
    if (strcmp(kind, "png") == 0 && w > 0 && h > 0)
        return write_png(out, w, h);
    if (strcmp(kind, "jpeg") == 0 && w > 0 && h > 0)
        return write_jpeg(out, w, h);
    if (strcmp(kind, "png-header") == 0)
        return write_png_header(out, (uint32_t)strtoul(argv[3], NULL, 10),
                                (uint32_t)strtoul(argv[4], NULL, 10));
    if (strcmp(kind, "gif-late-frame") == 0 && argc == 8)
        return write_gif_late_frame(out, (unsigned)w, (unsigned)h, (unsigned)atoi(argv[5]),
                                    (unsigned)atoi(argv[6]), atol(argv[7]));
    return usage();
}
