/* Fuzz target: jpegwalk_whole (src/core/pictures/jpegwalk.c), the walk of a JPEG's coded data that
 * `--check` trusts instead of decoding. The input gives the frame (size, components, sampling, table
 * numbers, restart interval) and four Huffman tables (16 counts, then the symbols), the rest is the coded
 * data, in an exactly sized heap copy so AddressSanitizer sees a read past its end.
 * Checks: the walk is deterministic; it never reads past the data; what follows EOI is never looked at
 * (data proved whole stays whole with bytes added at its end). */
#include "fuzz_util.h"

#include "jpegwalk.h"

static void read_table(fuzz_reader *r, jpegwalk_table *t)
{
    int n = 0;
    t->present = fuzz_byte(r) != 0xEE; /* now and then a table the file did not define */
    for (int l = 1; l <= 16; l++) {
        t->bits[l] = (uint8_t)(fuzz_byte(r) % 8);
        n += t->bits[l];
    }
    for (int i = 0; i < n && i < 256; i++) {
        t->vals[i] = (uint8_t)fuzz_byte(r);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader r = {data, size};
    jpegwalk_frame f;
    memset(&f, 0, sizeof f);
    f.ncomps = 1 + (int)(fuzz_byte(&r) % 4);
    f.width = 1 + (int)(fuzz_u16(&r) % 300);
    f.height = 1 + (int)(fuzz_u16(&r) % 300);
    f.restart_interval = fuzz_byte(&r) % 6;
    for (int i = 0; i < 4; i++) {
        unsigned b = fuzz_byte(&r);
        f.comps[i] =
            (jpegwalk_comp){1 + (int)(b & 3), 1 + (int)(b >> 2 & 3), (int)(b >> 4 & 1), (int)(b >> 5 & 1)};
    }
    for (int i = 0; i < 2; i++) {
        read_table(&r, &f.dc[i]);
        read_table(&r, &f.ac[i]);
    }
    size_t n = r.left;
    uint8_t *coded = fuzz_dup(r.p, n);
    bool whole = jpegwalk_whole(&f, coded, n);
    FUZZ_CHECK(jpegwalk_whole(&f, coded, n) == whole, "two walks of the same data disagree");
    if (whole) {
        uint8_t *longer = malloc(n + 3);
        FUZZ_CHECK(longer != NULL, "out of memory");
        memcpy(longer, coded, n);
        memcpy(longer + n, "\xFF\x00\x12", 3);
        FUZZ_CHECK(jpegwalk_whole(&f, longer, n + 3), "bytes after EOI changed the verdict");
        free(longer);
    }
    free(coded);
    return 0;
}
