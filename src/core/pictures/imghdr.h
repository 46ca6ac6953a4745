/* imghdr: what the first bytes of a picture file say, without decoding it: the format (by its magic
 * bytes, not its name), the size in pixels, and the EXIF orientation (JPEG APP1 "Exif", PNG eXIf).
 * Used to refuse decompression bombs and absurd sizes before any decoder allocates, and to stand
 * portraits up. Pure: parses a caller's buffer, no I/O, no allocation; every read is bounds-checked,
 * so any bytes at all are safe to pass. */
#ifndef KIOSK_IMGHDR_H
#define KIOSK_IMGHDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { IMGHDR_UNKNOWN, IMGHDR_JPEG, IMGHDR_PNG, IMGHDR_GIF, IMGHDR_BMP, IMGHDR_WEBP } imghdr_format;

typedef enum {
    IMGHDR_OK,        /* everything below is known */
    IMGHDR_NEED_MORE, /* the buffer ends first: pass more of the file (what was found so far is filled) */
    IMGHDR_NOT_IMAGE, /* none of the formats above */
    IMGHDR_CORRUPT,   /* a known format whose header is impossible (zero size, bad lengths, ...) */
} imghdr_status;

typedef struct {
    imghdr_format format;
    int width, height; /* as stored, before orientation; 0 while unknown */
    int orientation;   /* EXIF orientation 1..8 (1 when absent or invalid) */
    bool progressive;  /* JPEG: progressive (its decoder keeps the whole picture's coefficients) */
    int components;    /* JPEG: 1 grey, 3 YCbCr or RGB, 4 CMYK or YCCK; 0 for other formats */
} imghdr_info;

/* The format by magic bytes (needs at most 12 bytes; fewer give IMGHDR_UNKNOWN). */
imghdr_format imghdr_sniff(const uint8_t *buf, size_t len);
/* Reads the header of buf[0..len). out is always filled as far as the header was read; a width and
 * height in out are final even with IMGHDR_NEED_MORE (then only optional parts, the orientation, may be
 * missing), so a caller that cannot read more may go on with them.
 * JPEG: the size from the first SOFn marker, the orientation from an APP1 Exif segment before it.
 * PNG: IHDR, and an eXIf chunk before the first IDAT. GIF: the larger of the logical screen and the
 * first frame (decoders allocate the frame). BMP: the info header (top-down heights as positive).
 * WebP: VP8, VP8L or VP8X (canvas). */
imghdr_status imghdr_read(const uint8_t *buf, size_t len, imghdr_info *out);
/* The orientation tag (0x0112) of IFD0 of a TIFF-structured EXIF block that starts with "II*\0" or
 * "MM\0*" (offsets are relative to its start): 1..8, or 0 when absent, invalid or out of bounds. */
int imghdr_exif_orientation(const uint8_t *tiff, size_t len);
/* "JPEG", "PNG", "GIF", "BMP", "WebP", "unknown". */
const char *imghdr_format_name(imghdr_format f);

#endif
