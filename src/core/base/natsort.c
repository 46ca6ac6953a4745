/* natsort: natural order of names. Pure; nothing is allocated.
 *
 * The order is a lexicographic comparison of three keys, each a function of one string alone, which
 * makes it a total order (transitive, and 0 only for identical strings):
 *   1. the token sequence: a run of digits is one token compared by numeric value; any other byte is
 *      one token, ASCII letters folded to lower case. A number sorts where the byte '0' would.
 *   2. the leading-zero counts of the numbers, first difference wins (fewer zeros first);
 *   3. plain byte order (strcmp). */
#include "natsort.h"

#include <string.h>

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static unsigned char fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

/* Compares a[0..alen) with b[0..blen). */
static int compare_n(const char *as, size_t alen, const char *bs, size_t blen)
{
    const unsigned char *a = (const unsigned char *)as;
    const unsigned char *b = (const unsigned char *)bs;
    size_t i = 0, j = 0;
    int zeros = 0; /* key 2: first difference in leading zeros */

    while (i < alen && j < blen) {
        unsigned char ca = a[i], cb = b[j];
        if (is_digit(ca) && is_digit(cb)) {
            size_t za = 0, zb = 0, ea = i, eb = j;
            while (i + za < alen && a[i + za] == '0') {
                za++;
            }
            while (j + zb < blen && b[j + zb] == '0') {
                zb++;
            }
            while (ea < alen && is_digit(a[ea])) {
                ea++;
            }
            while (eb < blen && is_digit(b[eb])) {
                eb++;
            }
            size_t sa = ea - i - za, sb = eb - j - zb; /* significant digits */
            if (sa != sb) {
                return sa < sb ? -1 : 1;
            }
            int r = sa > 0 ? memcmp(a + i + za, b + j + zb, sa) : 0;
            if (r != 0) {
                return sign(r);
            }
            if (zeros == 0 && za != zb) {
                zeros = za < zb ? -1 : 1;
            }
            i = ea;
            j = eb;
        } else if (is_digit(ca)) {
            return '0' < fold(cb) ? -1 : 1;
        } else if (is_digit(cb)) {
            return fold(ca) < '0' ? -1 : 1;
        } else {
            unsigned char fa = fold(ca), fb = fold(cb);
            if (fa != fb) {
                return fa < fb ? -1 : 1;
            }
            i++;
            j++;
        }
    }
    if (i < alen || j < blen) {
        return i < alen ? 1 : -1;
    }
    if (zeros != 0) {
        return zeros;
    }
    size_t m = alen < blen ? alen : blen;
    int r = memcmp(as, bs, m);
    if (r != 0) {
        return sign(r);
    }
    return (alen > blen) - (alen < blen);
}

int natsort_compare(const char *a, const char *b)
{
    return compare_n(a, strlen(a), b, strlen(b));
}

int natsort_compare_path(const char *a, const char *b)
{
    for (;;) {
        size_t la = strcspn(a, "/"), lb = strcspn(b, "/");
        int r = compare_n(a, la, b, lb);
        if (r != 0) {
            return r;
        }
        a += la;
        b += lb;
        if (*a == '\0' || *b == '\0') {
            return (*a != '\0') - (*b != '\0');
        }
        a++;
        b++;
    }
}
