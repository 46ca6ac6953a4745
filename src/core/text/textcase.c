/* textcase: see textcase.h. Case pairs by block: most blocks alternate upper (even) and lower (odd). */
#include "textcase.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* Alternating pairs from lo (upper case), lo + 1 (its lower case)...: lo is even. */
static const uint32_t even_pairs[][2] = {
    {0x0100, 0x012F}, {0x0132, 0x0137}, {0x014A, 0x0177}, {0x0182, 0x0185}, {0x01A0, 0x01A5},
    {0x01DE, 0x01EF}, {0x01F8, 0x021F}, {0x0222, 0x0233}, {0x0246, 0x024F}, {0x03D8, 0x03EF},
    {0x0460, 0x0481}, {0x048A, 0x04BF}, {0x04D0, 0x052F}, {0x1E00, 0x1E95}, {0x1EA0, 0x1EFF},
};
/* The same where lo is odd. */
static const uint32_t odd_pairs[][2] = {
    {0x0139, 0x0148}, {0x0179, 0x017E}, {0x01B3, 0x01B6}, {0x01CD, 0x01DC}, {0x04C1, 0x04CE},
};

static uint32_t greek_upper(uint32_t c)
{
    /* all capitals carry no accents: ά έ ή ί ό ύ ώ and their capitals lose the tonos */
    static const uint32_t plain[][2] = {
        {0x03AC, 0x0391}, {0x03AD, 0x0395}, {0x03AE, 0x0397}, {0x03AF, 0x0399}, {0x03CC, 0x039F},
        {0x03CD, 0x03A5}, {0x03CE, 0x03A9}, {0x0386, 0x0391}, {0x0388, 0x0395}, {0x0389, 0x0397},
        {0x038A, 0x0399}, {0x038C, 0x039F}, {0x038E, 0x03A5}, {0x038F, 0x03A9}, {0x0390, 0x03AA},
        {0x03B0, 0x03AB}, {0x03C2, 0x03A3}};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (c == plain[i][0])
            return plain[i][1];
    if ((c >= 0x03B1 && c <= 0x03C1) || (c >= 0x03C3 && c <= 0x03CB))
        return c - 0x20;
    return c;
}

static uint32_t upper(uint32_t c, bool turkic)
{
    if (c < 0x80)
        return turkic && c == 'i' ? 0x0130 : (c >= 'a' && c <= 'z' ? c - 0x20 : c);
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7))
        return c - 0x20;
    if (c == 0xFF)
        return 0x0178;
    if (c == 0x0131 || c == 0x017F)
        return c == 0x0131 ? 'I' : 'S';
    if (c == 0x0259)
        return 0x018F; /* ə Ə */
    if (c == 0x01DD)
        return 0x018E;
    if (c == 0x0292)
        return 0x01B7;
    if (c >= 0x0370 && c <= 0x03FF)
        return greek_upper(c);
    if (c >= 0x0430 && c <= 0x044F)
        return c - 0x20;
    if (c >= 0x0450 && c <= 0x045F)
        return c - 0x50;
    if (c == 0x04CF)
        return 0x04C0;
    if (c >= 0x0561 && c <= 0x0586)
        return c - 0x30;
    for (size_t i = 0; i < sizeof even_pairs / sizeof even_pairs[0]; i++)
        if (c >= even_pairs[i][0] && c <= even_pairs[i][1])
            return (c - even_pairs[i][0]) % 2 ? c - 1 : c;
    for (size_t i = 0; i < sizeof odd_pairs / sizeof odd_pairs[0]; i++)
        if (c >= odd_pairs[i][0] && c <= odd_pairs[i][1])
            return (c - odd_pairs[i][0]) % 2 ? c - 1 : c;
    return c;
}

bool textcase_is_turkic(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += utf8_decode(s + i, len - i, &c);
        if (c == 0x0259 || c == 0x018F || c == 0x0131 || c == 0x0130 || c == 0x011F || c == 0x011E)
            return true;
    }
    return false;
}

static size_t encode(uint32_t c, char *b)
{
    if (c < 0x80)
        return b[0] = (char)c, 1;
    if (c < 0x800)
        return b[0] = (char)(0xC0 | c >> 6), b[1] = (char)(0x80 | (c & 0x3F)), 2;
    if (c < 0x10000)
        return b[0] = (char)(0xE0 | c >> 12), b[1] = (char)(0x80 | ((c >> 6) & 0x3F)),
               b[2] = (char)(0x80 | (c & 0x3F)), 3;
    return b[0] = (char)(0xF0 | c >> 18), b[1] = (char)(0x80 | ((c >> 12) & 0x3F)),
           b[2] = (char)(0x80 | ((c >> 6) & 0x3F)), b[3] = (char)(0x80 | (c & 0x3F)), 4;
}

size_t textcase_upper(const char *s, size_t len, const char *lang, char *out, size_t cap)
{
    bool turkic = lang ? (strcmp(lang, "az") == 0 || strcmp(lang, "tr") == 0) : textcase_is_turkic(s, len);
    size_t n = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        char b[8];
        i += utf8_decode(s + i, len - i, &c);
        size_t k;
        if (c == 0xDF) /* ß */
            k = 2, b[0] = 'S', b[1] = 'S';
        else if (c == 0x0587) /* և */
            k = encode(0x0535, b), k += encode(0x0552, b + k);
        else
            k = encode(upper(c, turkic), b);
        if (n + k + 1 > cap)
            break;
        memcpy(out + n, b, k);
        n += k;
    }
    out[n] = '\0';
    return n;
}
