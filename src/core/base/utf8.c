/* utf8: validation and decoding of UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
 * Pure functions; nothing is allocated, so there is no ownership to track. */
#include "utf8.h"

#include <stdbool.h>

/* Length of the well-formed sequence at s (1..4), or 0 when the bytes there are not one. */
static size_t seq_len(const unsigned char *s, size_t len)
{
    unsigned char b = s[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */

    if (b < 0x80) {
        return 1;
    } else if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        if (b == 0xE0) {
            lo = 0xA0; /* overlong */
        } else if (b == 0xED) {
            hi = 0x9F; /* surrogates */
        }
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        if (b == 0xF0) {
            lo = 0x90; /* overlong */
        } else if (b == 0xF4) {
            hi = 0x8F; /* above U+10FFFF */
        }
    } else {
        return 0;
    }
    if (len < n || s[1] < lo || s[1] > hi) {
        return 0;
    }
    for (size_t i = 2; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
    }
    return n;
}

bool utf8_validate(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t n = seq_len(p + i, len - i);
        if (n == 0) {
            if (bad_offset) {
                *bad_offset = i;
            }
            return false;
        }
        i += n;
    }
    return true;
}

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = len > 0 ? seq_len(p, len) : 0;
    uint32_t v;

    switch (n) {
    case 1:
        v = p[0];
        break;
    case 2:
        v = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
        break;
    case 3:
        v = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        break;
    case 4:
        v = ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
            ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        break;
    default:
        v = 0xFFFD;
        n = 1;
        break;
    }
    if (cp) {
        *cp = v;
    }
    return n;
}

size_t utf8_length(const char *s, size_t len)
{
    size_t count = 0;
    size_t i = 0;
    while (i < len) {
        i += utf8_decode(s + i, len - i, NULL);
        count++;
    }
    return count;
}

static bool is_space_byte(unsigned char c)
{
    return c <= 0x20 || c == 0x7F;
}

static bool is_nbsp(const unsigned char *p, size_t avail)
{
    return avail >= 2 && p[0] == 0xC2 && p[1] == 0xA0;
}

size_t utf8_squeeze_space(char *s, size_t len)
{
    unsigned char *p = (unsigned char *)s;
    size_t start = 0;
    size_t end = len;

    while (start < end) {
        if (is_space_byte(p[start])) {
            start++;
        } else if (is_nbsp(p + start, end - start)) {
            start += 2;
        } else {
            break;
        }
    }
    while (end > start) {
        if (is_space_byte(p[end - 1])) {
            end--;
        } else if (end - start >= 2 && is_nbsp(p + end - 2, 2)) {
            end -= 2;
        } else {
            break;
        }
    }
    /* Writing never overtakes reading: a run of >= 1 space bytes becomes exactly one. */
    size_t w = 0;
    bool pending = false;
    for (size_t i = start; i < end; i++) {
        if (is_space_byte(p[i])) {
            pending = true;
            continue;
        }
        if (pending) {
            p[w++] = ' ';
            pending = false;
        }
        p[w++] = p[i];
    }
    p[w] = '\0';
    return w;
}
