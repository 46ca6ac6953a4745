/* Unit tests of imghdr: formats, sizes and EXIF orientation read from byte buffers built here, every
 * truncation of them, and damaged headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "imghdr.h"

/* ---- a small byte builder ---- */

typedef struct {
    uint8_t b[4096];
    size_t n;
} bytes;

static void put(bytes *o, const void *p, size_t n)
{
    assert_true(o->n + n <= sizeof o->b);
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

static void u8(bytes *o, unsigned v)
{
    uint8_t c = (uint8_t)v;
    put(o, &c, 1);
}

static void be16(bytes *o, unsigned v)
{
    u8(o, v >> 8);
    u8(o, v);
}

static void be32(bytes *o, uint32_t v)
{
    be16(o, v >> 16);
    be16(o, v & 0xFFFF);
}

static void le16(bytes *o, unsigned v)
{
    u8(o, v);
    u8(o, v >> 8);
}

static void le32(bytes *o, uint32_t v)
{
    le16(o, v & 0xFFFF);
    le16(o, v >> 16);
}

/* A TIFF block with IFD0 holding (tag, type, count, value) entries. */
typedef struct {
    unsigned tag, type;
    uint32_t count, value;
} tiff_entry;

static void tiff(bytes *o, bool big, const tiff_entry *e, size_t n)
{
    void (*w16)(bytes *, unsigned) = big ? be16 : le16;
    void (*w32)(bytes *, uint32_t) = big ? be32 : le32;
    put(o, big ? "MM" : "II", 2);
    w16(o, 42);
    w32(o, 8);
    w16(o, (unsigned)n);
    for (size_t i = 0; i < n; i++) {
        w16(o, e[i].tag);
        w16(o, e[i].type);
        w32(o, e[i].count);
        if (e[i].type == 3) { /* SHORT: left-aligned in the 4-byte value field */
            w16(o, e[i].value);
            w16(o, 0);
        } else {
            w32(o, e[i].value);
        }
    }
    w32(o, 0); /* no next IFD */
}

static void exif_orientation(bytes *o, bool big, unsigned orientation)
{
    tiff_entry e[] = {{0x010F, 2, 4, 0}, {0x0112, 3, 1, orientation}, {0x011A, 5, 1, 0}};
    tiff(o, big, e, 3);
}

/* A JPEG header: SOI, APP0, optional APP1 Exif with an orientation, a DQT, SOFn, SOS. */
static void jpeg(bytes *o, int w, int h, int orientation, bool big, uint8_t sof)
{
    o->n = 0;
    be16(o, 0xFFD8);
    be16(o, 0xFFE0);
    be16(o, 16);
    put(o, "JFIF\0\1\1\0\0\1\0\1\0\0", 14);
    if (orientation >= 0) {
        bytes t = {.n = 0};
        exif_orientation(&t, big, (unsigned)orientation);
        be16(o, 0xFFE1);
        be16(o, (unsigned)(2 + 6 + t.n));
        put(o, "Exif\0\0", 6);
        put(o, t.b, t.n);
    }
    be16(o, 0xFFDB);
    be16(o, 67);
    u8(o, 0);
    for (int i = 0; i < 64; i++)
        u8(o, 1);
    u8(o, 0xFF);
    u8(o, sof);
    be16(o, 17);
    u8(o, 8);
    be16(o, (unsigned)h);
    be16(o, (unsigned)w);
    u8(o, 3);
    for (int i = 0; i < 3; i++) {
        u8(o, (unsigned)i + 1);
        u8(o, i ? 0x11 : 0x22);
        u8(o, 0);
    }
    be16(o, 0xFFDA);
    be16(o, 8);
    put(o, "\1\1\0\0\x3f\0", 6);
}

static void png_chunk(bytes *o, const char *type, const uint8_t *data, uint32_t n)
{
    be32(o, n);
    put(o, type, 4);
    if (n)
        put(o, data, n);
    be32(o, 0); /* CRC: not checked by a header reader */
}

static void png(bytes *o, uint32_t w, uint32_t h, int orientation, bool exif_after_idat)
{
    o->n = 0;
    put(o, "\x89PNG\r\n\x1a\n", 8);
    uint8_t ihdr[13] = {0};
    for (int i = 0; i < 4; i++) {
        ihdr[i] = (uint8_t)(w >> (24 - 8 * i));
        ihdr[4 + i] = (uint8_t)(h >> (24 - 8 * i));
    }
    ihdr[8] = 8;
    ihdr[9] = 6;
    png_chunk(o, "IHDR", ihdr, 13);
    png_chunk(o, "tEXt", (const uint8_t *)"Title\0Alley", 11);
    bytes t = {.n = 0};
    if (orientation >= 0)
        exif_orientation(&t, true, (unsigned)orientation);
    if (orientation >= 0 && !exif_after_idat)
        png_chunk(o, "eXIf", t.b, (uint32_t)t.n);
    png_chunk(o, "IDAT", (const uint8_t *)"xx", 2);
    if (orientation >= 0 && exif_after_idat)
        png_chunk(o, "eXIf", t.b, (uint32_t)t.n);
    png_chunk(o, "IEND", NULL, 0);
}

/* ---- tests ---- */

static void test_sniff(void **state)
{
    (void)state;
    assert_int_equal(imghdr_sniff((const uint8_t *)"\xFF\xD8\xFF\xE0", 4), IMGHDR_JPEG);
    assert_int_equal(imghdr_sniff((const uint8_t *)"\x89PNG\r\n\x1a\n", 8), IMGHDR_PNG);
    assert_int_equal(imghdr_sniff((const uint8_t *)"GIF89a", 6), IMGHDR_GIF);
    assert_int_equal(imghdr_sniff((const uint8_t *)"GIF87a", 6), IMGHDR_GIF);
    assert_int_equal(imghdr_sniff((const uint8_t *)"BM", 2), IMGHDR_BMP);
    assert_int_equal(imghdr_sniff((const uint8_t *)"RIFF\0\0\0\0WEBP", 12), IMGHDR_WEBP);
    assert_int_equal(imghdr_sniff((const uint8_t *)"RIFF\0\0\0\0WAVE", 12), IMGHDR_UNKNOWN);
    assert_int_equal(imghdr_sniff(NULL, 0), IMGHDR_UNKNOWN);
    assert_string_equal(imghdr_format_name(IMGHDR_WEBP), "WebP");
    assert_string_equal(imghdr_format_name(IMGHDR_UNKNOWN), "unknown");
}

static void test_jpeg_size_and_every_orientation(void **state)
{
    (void)state;
    bytes b;
    imghdr_info info;
    for (int big = 0; big <= 1; big++)
        for (int o = 1; o <= 8; o++) {
            jpeg(&b, 6000, 4000, o, big, 0xC0);
            assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
            assert_int_equal(info.format, IMGHDR_JPEG);
            assert_int_equal(info.width, 6000);
            assert_int_equal(info.height, 4000);
            assert_int_equal(info.components, 3);
            assert_false(info.progressive);
            assert_int_equal(info.orientation, o);
        }
    jpeg(&b, 640, 480, -1, false, 0xC2);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_true(info.progressive);
    assert_int_equal(info.orientation, 1);
}

static void test_jpeg_invalid_orientation_counts_as_1(void **state)
{
    (void)state;
    bytes b;
    imghdr_info info;
    jpeg(&b, 10, 10, 9, false, 0xC0);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_int_equal(info.orientation, 1);
    jpeg(&b, 10, 10, 0, true, 0xC1);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_int_equal(info.orientation, 1);
}

/* Every prefix of a header is either "need more" or the right answer: never a wrong size, never a read
 * past the end (ASan watches the copies made for each length). */
static void test_jpeg_every_truncation(void **state)
{
    (void)state;
    bytes b;
    jpeg(&b, 1234, 567, 6, true, 0xC0);
    for (size_t n = 0; n < b.n; n++) {
        uint8_t *copy = malloc(n ? n : 1);
        assert_non_null(copy);
        memcpy(copy, b.b, n);
        imghdr_info info;
        imghdr_status st = imghdr_read(copy, n, &info);
        if (st == IMGHDR_OK) {
            assert_int_equal(info.width, 1234);
            assert_int_equal(info.height, 567);
            assert_int_equal(info.orientation, 6);
        } else {
            assert_int_equal(st, IMGHDR_NEED_MORE);
        }
        free(copy);
    }
}

static void test_jpeg_damaged(void **state)
{
    (void)state;
    imghdr_info info;
    /* zero width */
    bytes b;
    jpeg(&b, 0, 100, -1, false, 0xC0);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_CORRUPT);
    /* a segment length below 2 */
    const uint8_t bad_len[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0, 0, 0, 0, 0, 0};
    assert_int_equal(imghdr_read(bad_len, sizeof bad_len, &info), IMGHDR_CORRUPT);
    /* scan data before any frame header */
    const uint8_t sos_first[] = {0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0};
    assert_int_equal(imghdr_read(sos_first, sizeof sos_first, &info), IMGHDR_CORRUPT);
    /* end of image */
    const uint8_t eoi[] = {0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0xD9, 0, 0, 0, 0, 0, 0};
    assert_int_equal(imghdr_read(eoi, sizeof eoi, &info), IMGHDR_CORRUPT);
    /* a frame header shorter than its fields */
    const uint8_t short_sof[] = {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x04, 8, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(imghdr_read(short_sof, sizeof short_sof, &info), IMGHDR_CORRUPT);
}

static void test_exif_parser_bounds(void **state)
{
    (void)state;
    bytes t = {.n = 0};
    exif_orientation(&t, false, 8);
    assert_int_equal(imghdr_exif_orientation(t.b, t.n), 8);
    /* cut inside the entry: the orientation is not there */
    assert_int_equal(imghdr_exif_orientation(t.b, 8 + 2 + 12 + 4), 0);
    /* IFD offset pointing outside */
    uint8_t far[] = {'I', 'I', 42, 0, 0xF0, 0xFF, 0xFF, 0x7F, 0, 0};
    assert_int_equal(imghdr_exif_orientation(far, sizeof far), 0);
    /* IFD offset inside the header itself */
    uint8_t inside[] = {'M', 'M', 0, 42, 0, 0, 0, 2, 0, 0, 0, 0};
    assert_int_equal(imghdr_exif_orientation(inside, sizeof inside), 0);
    /* an entry count far larger than the block: only what is there is read */
    bytes big = {.n = 0};
    tiff_entry e[] = {{0x0112, 3, 1, 3}};
    tiff(&big, true, e, 1);
    big.b[8] = 0xFF;
    big.b[9] = 0xFF;
    assert_int_equal(imghdr_exif_orientation(big.b, big.n), 3);
    /* wrong magic, wrong byte order mark, wrong count, LONG type */
    assert_int_equal(imghdr_exif_orientation((const uint8_t *)"II\x2b\0\x08\0\0\0", 8), 0);
    assert_int_equal(imghdr_exif_orientation((const uint8_t *)"XX\x2a\0\x08\0\0\0", 8), 0);
    bytes c2 = {.n = 0};
    tiff_entry e2[] = {{0x0112, 3, 2, 6}};
    tiff(&c2, false, e2, 1);
    assert_int_equal(imghdr_exif_orientation(c2.b, c2.n), 0);
    bytes l = {.n = 0};
    tiff_entry e3[] = {{0x0112, 4, 1, 5}};
    tiff(&l, false, e3, 1);
    assert_int_equal(imghdr_exif_orientation(l.b, l.n), 5);
    assert_int_equal(imghdr_exif_orientation(NULL, 100), 0);
}

static void test_png(void **state)
{
    (void)state;
    bytes b;
    imghdr_info info;
    png(&b, 640, 480, -1, false);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_int_equal(info.format, IMGHDR_PNG);
    assert_int_equal(info.width, 640);
    assert_int_equal(info.height, 480);
    assert_int_equal(info.orientation, 1);
    png(&b, 100000, 100000, 6, false); /* a bomb's header is a header like any other */
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_int_equal(info.width, 100000);
    assert_int_equal(info.orientation, 6);
    png(&b, 640, 480, 6, true); /* eXIf after the image data does not count */
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_int_equal(info.orientation, 1);
    /* the size is known from 24 bytes on, even when the rest is cut */
    png(&b, 640, 480, 6, false);
    assert_int_equal(imghdr_read(b.b, 30, &info), IMGHDR_NEED_MORE);
    assert_int_equal(info.width, 640);
    assert_int_equal(info.height, 480);
    for (size_t n = 0; n < b.n; n++) {
        uint8_t *copy = malloc(n ? n : 1);
        memcpy(copy, b.b, n);
        imghdr_status st = imghdr_read(copy, n, &info);
        assert_true(st == IMGHDR_NEED_MORE || (st == IMGHDR_OK && info.orientation == 6));
        free(copy);
    }
    png(&b, 0, 480, -1, false);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_CORRUPT);
    png(&b, 0x80000000u, 480, -1, false);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_CORRUPT);
    png(&b, 640, 480, -1, false);
    b.b[11] = 14; /* IHDR length */
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_CORRUPT);
}

static void test_gif_frame_larger_than_screen(void **state)
{
    (void)state;
    bytes b = {.n = 0};
    put(&b, "GIF89a", 6);
    le16(&b, 10);
    le16(&b, 12);
    u8(&b, 0x81); /* global colour table of 4 entries */
    u8(&b, 0);
    u8(&b, 0);
    for (int i = 0; i < 12; i++)
        u8(&b, 0);
    put(&b, "\x21\xF9\x04\x00\x00\x00\x00\x00", 8); /* graphic control extension */
    put(&b,
        "\x21\xFE\x03"
        "abc\x00",
        7); /* comment */
    u8(&b, 0x2C);
    le16(&b, 0);
    le16(&b, 0);
    le16(&b, 30000);
    le16(&b, 5);
    u8(&b, 0);
    imghdr_info info;
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_int_equal(info.format, IMGHDR_GIF);
    assert_int_equal(info.width, 30000);
    assert_int_equal(info.height, 12);
    for (size_t n = 0; n < b.n; n++) {
        assert_int_equal(imghdr_read(b.b, n, &info), IMGHDR_NEED_MORE);
        /* no size before the frame: the logical screen (10x12) is not what a decoder allocates */
        assert_int_equal(info.width, 0);
        assert_int_equal(info.height, 0);
    }
    b.b[b.n - 10] = 0x3B; /* trailer instead of the frame: no picture */
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_CORRUPT);
}

static void test_bmp(void **state)
{
    (void)state;
    bytes b = {.n = 0};
    put(&b, "BM", 2);
    le32(&b, 0);
    le32(&b, 0);
    le32(&b, 54);
    le32(&b, 40);
    le32(&b, 800);
    le32(&b, (uint32_t)-600); /* top-down */
    imghdr_info info;
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_int_equal(info.format, IMGHDR_BMP);
    assert_int_equal(info.width, 800);
    assert_int_equal(info.height, 600);
    b.n = 14;
    le32(&b, 12); /* OS/2 core header */
    le16(&b, 320);
    le16(&b, 200);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_int_equal(info.width, 320);
    assert_int_equal(info.height, 200);
    b.n = 14;
    le32(&b, 40);
    le32(&b, (uint32_t)-5);
    le32(&b, 5);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_CORRUPT);
    b.n = 14;
    le32(&b, 40);
    le32(&b, 5);
    le32(&b, 0x80000000u);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_CORRUPT);
}

static void webp(bytes *b, const char *chunk, const uint8_t *data, size_t n)
{
    b->n = 0;
    put(b, "RIFF", 4);
    le32(b, (uint32_t)(4 + 8 + n));
    put(b, "WEBP", 4);
    put(b, chunk, 4);
    le32(b, (uint32_t)n);
    put(b, data, n);
}

static void test_webp(void **state)
{
    (void)state;
    bytes b;
    imghdr_info info;
    const uint8_t vp8[10] = {0, 0, 0, 0x9D, 0x01, 0x2A, 0x80, 0x07, 0x38, 0x04}; /* 1920x1080 */
    webp(&b, "VP8 ", vp8, sizeof vp8);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_int_equal(info.format, IMGHDR_WEBP);
    assert_int_equal(info.width, 1920);
    assert_int_equal(info.height, 1080);
    /* VP8L: 14 bits of width - 1, then 14 bits of height - 1 */
    uint32_t bits = (640 - 1) | (uint32_t)(480 - 1) << 14;
    uint8_t vp8l[10] = {0x2F, (uint8_t)bits, (uint8_t)(bits >> 8), (uint8_t)(bits >> 16),
                        (uint8_t)(bits >> 24)};
    webp(&b, "VP8L", vp8l, sizeof vp8l);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_int_equal(info.width, 640);
    assert_int_equal(info.height, 480);
    uint8_t vp8x[10] = {0, 0, 0, 0, 0x1F, 0x4E, 0x00, 0x9F, 0x0F, 0x00}; /* 20000 x 4000 */
    webp(&b, "VP8X", vp8x, sizeof vp8x);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_OK);
    assert_int_equal(info.width, 20000);
    assert_int_equal(info.height, 4000);
    uint8_t bad[10] = {0, 0, 0, 1, 2, 3, 0, 0, 0, 0};
    webp(&b, "VP8 ", bad, sizeof bad);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_CORRUPT);
    webp(&b, "ANIM", bad, sizeof bad);
    assert_int_equal(imghdr_read(b.b, b.n, &info), IMGHDR_CORRUPT);
}

static void test_not_an_image(void **state)
{
    (void)state;
    imghdr_info info;
    const char *text = "Baku, January 20, AZERTAC";
    assert_int_equal(imghdr_read((const uint8_t *)text, strlen(text), &info), IMGHDR_NOT_IMAGE);
    assert_int_equal(info.format, IMGHDR_UNKNOWN);
    assert_int_equal(imghdr_read((const uint8_t *)"abc", 3, &info), IMGHDR_NEED_MORE);
    assert_int_equal(imghdr_read(NULL, 0, &info), IMGHDR_NEED_MORE);
}

/* Random bytes behind each magic never crash or read out of bounds (ASan), and give a sane answer. */
static void test_random_bytes(void **state)
{
    (void)state;
    static const char *const magic[] = {"\xFF\xD8\xFF", "\x89PNG\r\n\x1a\n", "GIF89a", "BM",
                                        "RIFF\0\0\0\0WEBP"};
    static const size_t mlen[] = {3, 8, 6, 2, 12};
    uint32_t x = 12345;
    for (int round = 0; round < 4000; round++) {
        size_t m = (size_t)round % 5, n = 16 + (size_t)(round * 7) % 300;
        uint8_t *buf = malloc(n);
        assert_non_null(buf);
        memcpy(buf, magic[m], mlen[m]);
        for (size_t i = mlen[m]; i < n; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = (uint8_t)(x >> 16);
            if (m == 0 && (x >> 8) % 5 == 0)
                buf[i] = 0xFF; /* many markers */
        }
        imghdr_info info;
        imghdr_status st = imghdr_read(buf, n, &info);
        if (st == IMGHDR_OK) {
            assert_true(info.width > 0 && info.height > 0);
            assert_true(info.orientation >= 1 && info.orientation <= 8);
        }
        free(buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_jpeg_size_and_every_orientation),
        cmocka_unit_test(test_jpeg_invalid_orientation_counts_as_1),
        cmocka_unit_test(test_jpeg_every_truncation),
        cmocka_unit_test(test_jpeg_damaged),
        cmocka_unit_test(test_exif_parser_bounds),
        cmocka_unit_test(test_png),
        cmocka_unit_test(test_gif_frame_larger_than_screen),
        cmocka_unit_test(test_bmp),
        cmocka_unit_test(test_webp),
        cmocka_unit_test(test_not_an_image),
        cmocka_unit_test(test_random_bytes),
    };
    return cmocka_run_group_tests_name("imghdr", tests, NULL, NULL);
}
