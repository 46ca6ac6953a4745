/* check.jpegwalk: what jpeg_whole proves whole, libjpeg decodes without an error or a warning.
 *   kiosk_jpegwalk_cross [MUTANTS]
 * Makes JPEGs of several kinds with libjpeg in memory (4:2:0, 4:2:2, 4:4:4 and 4:4:0 YCbCr, greyscale,
 * optimised Huffman tables, restart markers every few MCUs and every row, odd sizes, 1x1, quality 50 to
 * 100 over a noisy picture), and the kinds jpeg_whole leaves to the decoder (progressive, arithmetic,
 * 4:1:1). Every original must be proved whole when of the common kind and not proved otherwise, and
 * decode cleanly. Then MUTANTS (default 400) damaged copies of each (cut short, a bit flipped, a byte
 * changed, removed or added, a run zeroed or filled with FF, a stretch repeated; positions from a fixed
 * seed): for every copy proved whole, jpeg_rows_decode (the kiosk's decoder, at 1/8 as --check had it)
 * must give no error and no warning. Prints the counts per kind; exit 0, or 1 on the first kind that
 * breaks the rule. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include <SDL.h>

#include "jpeg_rows.h"
#include "jpeg_whole.h"

typedef struct {
    const char *name;
    int w, h, comps, hs, vs; /* size, components, the luma's sampling */
    int quality, restart_mcus, restart_rows;
    bool optimize, progressive, arith;
    bool common; /* jpeg_whole is to prove the original whole */
} kind;

static const kind kinds[] = {
    {"4:2:0 q90 333x250", 333, 250, 3, 2, 2, 90, 0, 0, false, false, false, true},
    {"4:2:2 q75 restart 3", 320, 96, 3, 2, 1, 75, 3, 0, false, false, false, true},
    {"4:4:4 q100 restart/row", 130, 70, 3, 1, 1, 100, 0, 1, false, false, false, true},
    {"4:4:0 q85 optimised", 96, 130, 3, 1, 2, 85, 0, 0, true, false, false, true},
    {"grey q50 optimised 201x77", 201, 77, 1, 1, 1, 50, 0, 0, true, false, false, true},
    {"grey 1x1", 1, 1, 1, 1, 1, 90, 0, 0, false, false, false, true},
    {"4:2:0 restart 1", 64, 48, 3, 2, 2, 95, 1, 0, false, false, false, true},
    {"progressive 4:2:0", 200, 150, 3, 2, 2, 90, 0, 0, false, true, false, false},
    {"arithmetic 4:2:0", 200, 150, 3, 2, 2, 90, 0, 0, false, false, true, false},
    {"4:1:1", 200, 64, 3, 4, 1, 90, 0, 0, false, false, false, false},
};

static uint32_t rng = 0x9e3779b9u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* A picture with gradients, edges and noise: long and short codes alike. */
static unsigned char *pixels(const kind *k)
{
    unsigned char *px = malloc((size_t)k->w * (size_t)k->h * (size_t)k->comps);
    for (int y = 0; px && y < k->h; y++) {
        for (int x = 0; x < k->w; x++) {
            for (int c = 0; c < k->comps; c++) {
                int v = (x * (3 + c) + y * (5 - c)) % 256 + ((x / 9 + y / 7) % 2) * 60 + (int)(next() % 40);
                px[((size_t)y * (size_t)k->w + (size_t)x) * (size_t)k->comps + (size_t)c] =
                    (unsigned char)(v > 255 ? 255 : v);
            }
        }
    }
    return px;
}

/* The JPEG of kind k (malloc'd, *size bytes), or NULL when this libjpeg cannot write it. */
static unsigned char *encode(const kind *k, unsigned long *size)
{
    struct jpeg_compress_struct ci;
    struct jpeg_error_mgr err;
    unsigned char *out = NULL, *px = pixels(k);
    *size = 0;
    ci.err = jpeg_std_error(&err);
    jpeg_create_compress(&ci);
    jpeg_mem_dest(&ci, &out, size);
    ci.image_width = (JDIMENSION)k->w;
    ci.image_height = (JDIMENSION)k->h;
    ci.input_components = k->comps;
    ci.in_color_space = k->comps == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&ci);
    jpeg_set_quality(&ci, k->quality, TRUE);
    ci.comp_info[0].h_samp_factor = k->hs;
    ci.comp_info[0].v_samp_factor = k->vs;
    ci.optimize_coding = k->optimize;
    ci.arith_code = k->arith;
    ci.restart_interval = (unsigned)k->restart_mcus;
    ci.restart_in_rows = k->restart_rows;
    if (k->progressive) {
        jpeg_simple_progression(&ci);
    }
    jpeg_start_compress(&ci, TRUE);
    while (ci.next_scanline < ci.image_height) {
        JSAMPROW row = px + (size_t)ci.next_scanline * (size_t)k->w * (size_t)k->comps;
        jpeg_write_scanlines(&ci, &row, 1);
    }
    jpeg_finish_compress(&ci);
    jpeg_destroy_compress(&ci);
    free(px);
    return out;
}

/* The kiosk's decode at 1/8: true when it gives a picture with no warning at all. */
static bool decodes_cleanly(const unsigned char *data, size_t size, int w, int h)
{
    int sw = (w + 7) / 8, sh = (h + 7) / 8;
    jpeg_rows_job job = {.denom = 8, .r = {0, 0, sw, sh}, .out_w = sw, .out_h = sh};
    SDL_Surface *s = jpeg_rows_decode(data, size, &job);
    bool clean = s && job.warning[0] == '\0';
    if (s) {
        SDL_FreeSurface(s);
    }
    return clean;
}

/* A damaged copy of data into m (room for size + 64 bytes); returns its size. */
static size_t mutate(const unsigned char *data, size_t size, unsigned char *m)
{
    memcpy(m, data, size);
    size_t at = 2 + next() % (size - 2), n = 1 + next() % 64;
    n = at + n > size ? size - at : n;
    switch (next() % 8) {
    case 0:
        return at; /* cut short */
    case 1:
        m[at] ^= (unsigned char)(1u << (next() % 8));
        return size;
    case 2:
        m[at] = (unsigned char)next();
        return size;
    case 3:
        memmove(m + at, m + at + 1, size - at - 1);
        return size - 1;
    case 4:
        memmove(m + at + 1, m + at, size - at);
        m[at] = (unsigned char)next();
        return size + 1;
    case 5:
        memset(m + at, 0, n);
        return size;
    case 6:
        memset(m + at, 0xFF, n);
        return size;
    default: /* a stretch repeated */
        memmove(m + at + n, m + at, size - at);
        return size + n;
    }
}

int main(int argc, char **argv)
{
    int mutants = argc > 1 ? atoi(argv[1]) : 400, failures = 0;
    SDL_Init(0);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        const kind *k = &kinds[i];
        unsigned long size = 0;
        unsigned char *jpg = encode(k, &size);
        if (!jpg || size < 4) {
            printf("%-28s not written by this libjpeg: left out\n", k->name);
            free(jpg);
            continue;
        }
        bool proved = jpeg_whole(jpg, size, k->w, k->h), clean = decodes_cleanly(jpg, size, k->w, k->h);
        if (proved != k->common || !clean) {
            printf("FAIL %s: the original is %sproved whole and decodes %s\n", k->name, proved ? "" : "not ",
                   clean ? "cleanly" : "with a warning or an error");
            failures++;
        }
        unsigned char *m = malloc(size + 64);
        int n_proved = 0, n_clean = 0, broken = 0;
        for (int j = 0; m && j < mutants; j++) {
            size_t msize = mutate(jpg, size, m);
            bool p = jpeg_whole(m, msize, k->w, k->h), c = decodes_cleanly(m, msize, k->w, k->h);
            n_proved += p;
            n_clean += c;
            if (p && !c) {
                printf("FAIL %s: damaged copy %d (%zu bytes) proved whole but libjpeg has more to say\n",
                       k->name, j, msize);
                broken++;
            }
        }
        printf("%-28s %6lu bytes, original %s; %d damaged copies: %d decode cleanly, %d proved whole, "
               "%d proved wrongly\n",
               k->name, size, proved ? "proved whole" : "left to the decoder", mutants, n_clean, n_proved,
               broken);
        failures += broken;
        free(m);
        free(jpg);
    }
    SDL_Quit();
    printf(failures ? "%d failure(s)\n" : "check.jpegwalk: every picture proved whole decodes cleanly\n",
           failures);
    return failures ? 1 : 0;
}
