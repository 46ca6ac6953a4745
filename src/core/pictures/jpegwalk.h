/* jpegwalk: proves that the coded data of a sequential Huffman JPEG is whole without decoding a pixel.
 * It follows the Huffman codes as libjpeg does (the same codes, the same end of every block, the same
 * restart markers) and keeps nothing of them: about three times faster than libjpeg's own pass over the
 * codes, which is what most of `--check`'s time went to (issue 19). Pure C, no libjpeg: the caller gives
 * the frame as libjpeg's jpeg_read_header read it (src/app/jpeg_whole.c).
 *
 * "Whole" is strict: every MCU of the picture decodes with valid codes, the restart markers come in turn
 * exactly where they are due, and the data ends with fewer than 8 bits to spare right before EOI.
 * Anything else (a bad code, data cut short, bytes to spare, a restart marker missing or out of turn,
 * fill bytes, another marker before EOI, a Huffman table libjpeg would refuse) is "not proved": the caller
 * then decodes the picture, and libjpeg's verdict and message stay the authority. A picture proved whole
 * decodes in libjpeg without an error or a warning about its coded data. */
#ifndef KIOSK_JPEGWALK_H
#define KIOSK_JPEGWALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    bool present;      /* false: the file defined no such table */
    uint8_t bits[17];  /* bits[l]: how many codes have l bits (1..16); bits[0] unused */
    uint8_t vals[256]; /* the symbols, in code order */
} jpegwalk_table;

typedef struct {
    int h, v;   /* sampling factors, 1..4 */
    int dc, ac; /* Huffman table numbers, 0..3 */
} jpegwalk_comp;

/* A baseline or extended sequential, Huffman-coded frame whose one scan holds all its components. */
typedef struct {
    int width, height; /* pixels */
    int ncomps;        /* 1..4, in the scan's order */
    jpegwalk_comp comps[4];
    jpegwalk_table dc[4], ac[4];
    unsigned restart_interval; /* MCUs between restart markers; 0: none */
} jpegwalk_frame;

/* Walks the coded data: data points at the first byte after the scan's SOS segment, size bytes to the
 * end of the file. True when it is whole (above); false when it is not, or not proved (out of memory
 * included). Reads data only; thread-safe. */
bool jpegwalk_whole(const jpegwalk_frame *f, const uint8_t *data, size_t size);

#endif
