/* imghdr: see imghdr.h. Every multi-byte read goes through the helpers below after a bounds check
 * against len; positions are size_t and only ever compared with len before use. */
#include "imghdr.h"

#include <limits.h>
#include <string.h>

static uint32_t be16(const uint8_t *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le16(const uint8_t *p)
{
    return (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le24(const uint8_t *p)
{
    return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* Reads 16 or 32 bits in the byte order of a TIFF block. */
static uint32_t tiff16(const uint8_t *p, bool big)
{
    return big ? be16(p) : le16(p);
}

static uint32_t tiff32(const uint8_t *p, bool big)
{
    return big ? be32(p) : le32(p);
}

imghdr_format imghdr_sniff(const uint8_t *buf, size_t len)
{
    if (!buf) {
        return IMGHDR_UNKNOWN;
    }
    if (len >= 3 && buf[0] == 0xFF && buf[1] == 0xD8 && buf[2] == 0xFF) {
        return IMGHDR_JPEG;
    }
    if (len >= 8 && memcmp(buf, "\x89PNG\r\n\x1a\n", 8) == 0) {
        return IMGHDR_PNG;
    }
    if (len >= 6 && (memcmp(buf, "GIF87a", 6) == 0 || memcmp(buf, "GIF89a", 6) == 0)) {
        return IMGHDR_GIF;
    }
    if (len >= 2 && buf[0] == 'B' && buf[1] == 'M') {
        return IMGHDR_BMP;
    }
    if (len >= 12 && memcmp(buf, "RIFF", 4) == 0 && memcmp(buf + 8, "WEBP", 4) == 0) {
        return IMGHDR_WEBP;
    }
    return IMGHDR_UNKNOWN;
}

const char *imghdr_format_name(imghdr_format f)
{
    switch (f) {
    case IMGHDR_JPEG:
        return "JPEG";
    case IMGHDR_PNG:
        return "PNG";
    case IMGHDR_GIF:
        return "GIF";
    case IMGHDR_BMP:
        return "BMP";
    case IMGHDR_WEBP:
        return "WebP";
    case IMGHDR_UNKNOWN:
        break;
    }
    return "unknown";
}

int imghdr_exif_orientation(const uint8_t *tiff, size_t len)
{
    if (!tiff || len < 8) {
        return 0;
    }
    bool big;
    if (tiff[0] == 'I' && tiff[1] == 'I') {
        big = false;
    } else if (tiff[0] == 'M' && tiff[1] == 'M') {
        big = true;
    } else {
        return 0;
    }
    if (tiff16(tiff + 2, big) != 42) {
        return 0;
    }
    uint32_t ifd = tiff32(tiff + 4, big);
    if (ifd < 8 || ifd > len - 2) {
        return 0;
    }
    uint32_t n = tiff16(tiff + ifd, big);
    size_t room = (len - ifd - 2) / 12;
    if (n > room) {
        n = (uint32_t)room;
    }
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = tiff + ifd + 2 + (size_t)i * 12;
        if (tiff16(e, big) != 0x0112) {
            continue;
        }
        uint32_t type = tiff16(e + 2, big), count = tiff32(e + 4, big);
        uint32_t v = 0;
        if (type == 3 && count == 1) { /* SHORT, stored left-aligned in the value field */
            v = tiff16(e + 8, big);
        } else if (type == 4 && count == 1) { /* LONG: not what the standard says, but seen */
            v = tiff32(e + 8, big);
        }
        return v >= 1 && v <= 8 ? (int)v : 0;
    }
    return 0;
}

static bool is_sof(uint8_t m)
{
    /* SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static imghdr_status read_jpeg(const uint8_t *buf, size_t len, imghdr_info *out)
{
    size_t pos = 2;
    bool have_exif = false;
    for (;;) {
        /* Markers are 0xFF, any number of 0xFF fill bytes, then the code; stray bytes before a marker
         * are skipped as libjpeg does (with a warning there). */
        while (pos < len && buf[pos] != 0xFF) {
            pos++;
        }
        while (pos < len && buf[pos] == 0xFF) {
            pos++;
        }
        if (pos >= len) {
            return IMGHDR_NEED_MORE;
        }
        uint8_t m = buf[pos++];
        if (m == 0x00 || m == 0x01 || m == 0xD8 || (m >= 0xD0 && m <= 0xD7)) {
            continue; /* stuffed byte, TEM, SOI, RSTn: no length */
        }
        if (m == 0xD9 || m == 0xDA) {
            return IMGHDR_CORRUPT; /* end of image or scan data before any frame header */
        }
        if (len - pos < 2) {
            return IMGHDR_NEED_MORE;
        }
        size_t seglen = be16(buf + pos);
        if (seglen < 2) {
            return IMGHDR_CORRUPT;
        }
        const uint8_t *seg = buf + pos + 2;
        size_t body = seglen - 2;
        if (is_sof(m)) {
            if (body < 6) {
                return IMGHDR_CORRUPT;
            }
            if (len - pos - 2 < 6) {
                return IMGHDR_NEED_MORE;
            }
            out->height = (int)be16(seg + 1);
            out->width = (int)be16(seg + 3);
            out->components = seg[5];
            out->progressive = m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE;
            if (out->width == 0 || out->height == 0 || out->components == 0) { /* DNL heights: unsupported */
                return IMGHDR_CORRUPT;
            }
            return IMGHDR_OK;
        }
        if (m == 0xE1 && !have_exif && body >= 6 && len - pos - 2 >= 6 && memcmp(seg, "Exif\0\0", 6) == 0) {
            if (len - pos - 2 < body) {
                return IMGHDR_NEED_MORE;
            }
            int o = imghdr_exif_orientation(seg + 6, body - 6);
            have_exif = true; /* the first Exif segment is the one that counts */
            out->orientation = o ? o : 1;
        }
        if (len - pos < seglen) {
            return IMGHDR_NEED_MORE;
        }
        pos += seglen;
    }
}

static imghdr_status read_png(const uint8_t *buf, size_t len, imghdr_info *out)
{
    if (len < 8 + 8 + 13) {
        return IMGHDR_NEED_MORE;
    }
    if (be32(buf + 8) != 13 || memcmp(buf + 12, "IHDR", 4) != 0) {
        return IMGHDR_CORRUPT;
    }
    uint32_t w = be32(buf + 16), h = be32(buf + 20);
    if (w == 0 || h == 0 || w > INT_MAX || h > INT_MAX) {
        return IMGHDR_CORRUPT;
    }
    out->width = (int)w;
    out->height = (int)h;
    /* The chunks after IHDR, up to the first IDAT: an eXIf chunk holds the orientation. */
    size_t pos = 8 + 8 + 13 + 4;
    for (;;) {
        if (len < 8 || pos > len - 8) {
            return IMGHDR_NEED_MORE;
        }
        uint32_t clen = be32(buf + pos);
        const uint8_t *type = buf + pos + 4;
        if (clen > INT32_MAX) {
            return IMGHDR_CORRUPT;
        }
        if (memcmp(type, "IDAT", 4) == 0 || memcmp(type, "IEND", 4) == 0) {
            return IMGHDR_OK;
        }
        if (memcmp(type, "eXIf", 4) == 0) {
            if (len - pos - 8 < clen) {
                return IMGHDR_NEED_MORE;
            }
            int o = imghdr_exif_orientation(buf + pos + 8, clen);
            out->orientation = o ? o : 1;
            return IMGHDR_OK;
        }
        if (len - pos - 8 < (size_t)clen + 4) {
            return IMGHDR_NEED_MORE;
        }
        pos += 8 + (size_t)clen + 4;
    }
}

static imghdr_status read_gif(const uint8_t *buf, size_t len, imghdr_info *out)
{
    if (len < 13) {
        return IMGHDR_NEED_MORE;
    }
    /* The size is reported only once the first frame is found: decoders allocate the frame, which may
     * be larger than the logical screen (a size given with NEED_MORE must be final, see imghdr.h). */
    int sw = (int)le16(buf + 6), sh = (int)le16(buf + 8);
    size_t pos = 13;
    if (buf[10] & 0x80) {
        pos += 3u * (2u << (buf[10] & 7));
    }
    for (;;) {
        if (pos >= len) {
            return IMGHDR_NEED_MORE;
        }
        uint8_t b = buf[pos];
        if (b == 0x2C) { /* image descriptor: left, top, width, height */
            if (len - pos < 10) {
                return IMGHDR_NEED_MORE;
            }
            int fw = (int)le16(buf + pos + 5), fh = (int)le16(buf + pos + 7);
            out->width = fw > sw ? fw : sw;
            out->height = fh > sh ? fh : sh;
            return out->width && out->height && fw && fh ? IMGHDR_OK : IMGHDR_CORRUPT;
        }
        if (b != 0x21) { /* trailer or garbage before any frame */
            return IMGHDR_CORRUPT;
        }
        pos += 2; /* introducer and label, then data sub-blocks up to a zero length */
        for (;;) {
            if (pos >= len) {
                return IMGHDR_NEED_MORE;
            }
            uint8_t n = buf[pos++];
            if (n == 0) {
                break;
            }
            pos += n;
        }
    }
}

static imghdr_status read_bmp(const uint8_t *buf, size_t len, imghdr_info *out)
{
    if (len < 18) {
        return IMGHDR_NEED_MORE;
    }
    uint32_t dib = le32(buf + 14);
    if (dib == 12) { /* OS/2 BITMAPCOREHEADER: 16-bit sizes */
        if (len < 22) {
            return IMGHDR_NEED_MORE;
        }
        out->width = (int)le16(buf + 18);
        out->height = (int)le16(buf + 20);
    } else if (dib >= 16) {
        if (len < 26) {
            return IMGHDR_NEED_MORE;
        }
        int32_t w = (int32_t)le32(buf + 18), h = (int32_t)le32(buf + 22);
        if (w <= 0 || h == 0 || h == INT32_MIN) {
            return IMGHDR_CORRUPT;
        }
        out->width = w;
        out->height = h < 0 ? -h : h; /* negative: stored top-down */
    } else {
        return IMGHDR_CORRUPT;
    }
    return out->width > 0 && out->height > 0 ? IMGHDR_OK : IMGHDR_CORRUPT;
}

static imghdr_status read_webp(const uint8_t *buf, size_t len, imghdr_info *out)
{
    if (len < 30) {
        return IMGHDR_NEED_MORE;
    }
    const uint8_t *c = buf + 12, *d = buf + 20;
    if (memcmp(c, "VP8 ", 4) == 0) {
        if (d[3] != 0x9D || d[4] != 0x01 || d[5] != 0x2A) {
            return IMGHDR_CORRUPT;
        }
        out->width = (int)(le16(d + 6) & 0x3FFF);
        out->height = (int)(le16(d + 8) & 0x3FFF);
    } else if (memcmp(c, "VP8L", 4) == 0) {
        if (d[0] != 0x2F) {
            return IMGHDR_CORRUPT;
        }
        uint32_t bits = le32(d + 1);
        out->width = (int)(bits & 0x3FFF) + 1;
        out->height = (int)((bits >> 14) & 0x3FFF) + 1;
    } else if (memcmp(c, "VP8X", 4) == 0) {
        out->width = (int)le24(d + 4) + 1;
        out->height = (int)le24(d + 7) + 1;
    } else {
        return IMGHDR_CORRUPT;
    }
    return out->width > 0 && out->height > 0 ? IMGHDR_OK : IMGHDR_CORRUPT;
}

imghdr_status imghdr_read(const uint8_t *buf, size_t len, imghdr_info *out)
{
    memset(out, 0, sizeof *out);
    out->orientation = 1;
    out->format = imghdr_sniff(buf, len);
    switch (out->format) {
    case IMGHDR_JPEG:
        return read_jpeg(buf, len, out);
    case IMGHDR_PNG:
        return read_png(buf, len, out);
    case IMGHDR_GIF:
        return read_gif(buf, len, out);
    case IMGHDR_BMP:
        return read_bmp(buf, len, out);
    case IMGHDR_WEBP:
        return read_webp(buf, len, out);
    case IMGHDR_UNKNOWN:
        break;
    }
    /* Too short to tell: a few bytes of a file that may yet be a picture. */
    if (!buf || len < 12) {
        return IMGHDR_NEED_MORE;
    }
    return IMGHDR_NOT_IMAGE;
}
