/* textcase: see textcase.h. ICU's full upper-case mapping (ucasemap_utf8ToUpper) with the language's
 * case locale: "az" and "tr" (dotted İ), else "el" (Greek capitals without accents; the Greek rules
 * touch Greek letters only). Georgian is copied as it is. */
#include "textcase.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucasemap.h>

#include "utf8.h"

bool textcase_is_turkic(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += utf8_decode(s + i, len - i, &c);
        if (c == 0x0259 || c == 0x018F || c == 0x0131 || c == 0x0130 || c == 0x011F || c == 0x011E) {
            return true;
        }
    }
    return false;
}

/* The case locale of ICU for lang, or for the text when lang is NULL. */
static const char *case_locale(const char *s, size_t len, const char *lang)
{
    if (lang && (strcmp(lang, "az") == 0 || strcmp(lang, "tr") == 0)) {
        return lang;
    }
    return !lang && textcase_is_turkic(s, len) ? "tr" : "el";
}

/* Georgian Mkhedruli letters: ICU would write them as Mtavruli capitals; running heads keep them as
 * written, as before (tests/unit/test_textcase asserts it). */
static bool is_georgian(uint32_t c)
{
    return (c >= 0x10D0 && c <= 0x10FA) || (c >= 0x10FD && c <= 0x10FF);
}

/* Appends b[0..k) to out at *n, whole characters only, keeping room for the NUL; false when full. */
static bool put(char *out, size_t cap, size_t *n, const char *b, size_t k)
{
    size_t room = cap - 1 - *n;
    if (k <= room) {
        memcpy(out + *n, b, k);
        *n += k;
        return true;
    }
    while (room > 0 && ((unsigned char)b[room] & 0xC0) == 0x80) {
        room--;
    }
    memcpy(out + *n, b, room);
    *n += room;
    return false;
}

/* Appends the upper case of s[0..len) (no Georgian in it); false when out is full. */
static bool put_upper(UCaseMap *map, const char *s, size_t len, char *out, size_t cap, size_t *n)
{
    char small[512], *big = NULL;
    const char *b = s;
    int32_t k = (int32_t)len;
    if (map && len < INT32_MAX / 4) {
        UErrorCode err = U_ZERO_ERROR;
        k = ucasemap_utf8ToUpper(map, small, (int32_t)sizeof small, s, (int32_t)len, &err);
        b = small;
        if (err == U_BUFFER_OVERFLOW_ERROR && (big = malloc((size_t)k + 1)) != NULL) {
            err = U_ZERO_ERROR;
            k = ucasemap_utf8ToUpper(map, big, k + 1, s, (int32_t)len, &err);
            b = big;
        }
        if (U_FAILURE(err)) {
            b = s; /* ICU could not: the text as it is */
            k = (int32_t)len;
        }
    }
    bool fits = put(out, cap, n, b, (size_t)k);
    free(big);
    return fits;
}

size_t textcase_upper(const char *s, size_t len, const char *lang, char *out, size_t cap)
{
    size_t n = 0;
    if (cap == 0) {
        return 0;
    }
    UErrorCode err = U_ZERO_ERROR;
    UCaseMap *map = ucasemap_open(case_locale(s, len, lang), 0, &err);
    if (U_FAILURE(err)) {
        ucasemap_close(map);
        map = NULL;
    }
    bool fits = true;
    for (size_t i = 0; i < len && fits;) { /* runs of Georgian and of the rest */
        uint32_t c;
        size_t j = i + utf8_decode(s + i, len - i, &c);
        bool georgian = is_georgian(c);
        while (j < len && is_georgian(c) == georgian) {
            size_t k = utf8_decode(s + j, len - j, &c);
            if (is_georgian(c) != georgian) {
                break;
            }
            j += k;
        }
        fits = georgian ? put(out, cap, &n, s + i, j - i) : put_upper(map, s + i, j - i, out, cap, &n);
        i = j;
    }
    ucasemap_close(map);
    out[n] = '\0';
    return n;
}
