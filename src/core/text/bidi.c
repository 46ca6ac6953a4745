/* bidi: see bidi.h. FriBidi 1.0 (Debian bookworm) does the resolution; the paragraph direction scan
 * and the run reordering are done here, on runs rather than characters. */
#include "bidi.h"

#include <limits.h>
#include <stdlib.h>

#include <fribidi.h>

#include "utf8.h"

bool bidi_text_is_rtl(const char *s, size_t len)
{
    int isolates = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        FriBidiCharType t = fribidi_get_bidi_type(cp);
        if (t == FRIBIDI_TYPE_LRI || t == FRIBIDI_TYPE_RLI || t == FRIBIDI_TYPE_FSI) {
            isolates++;
        } else if (t == FRIBIDI_TYPE_PDI && isolates > 0) {
            isolates--;
        } else if (isolates == 0 &&
                   (t == FRIBIDI_TYPE_LTR || t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL)) {
            return t != FRIBIDI_TYPE_LTR;
        }
    }
    return false;
}

bool bidi_needs_levels(const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (cps[i] < 0x0590) {
            continue;
        }
        FriBidiCharType t = fribidi_get_bidi_type(cps[i]);
        if (FRIBIDI_IS_RTL(t) || FRIBIDI_IS_EXPLICIT(t) || FRIBIDI_IS_ISOLATE(t) || t == FRIBIDI_TYPE_AN) {
            return true;
        }
    }
    return false;
}

int bidi_levels(const uint32_t *cps, size_t n, bool rtl, uint8_t *levels)
{
    int rc = -1;
    FriBidiCharType *types = NULL;
    FriBidiBracketType *brackets = NULL;
    FriBidiLevel *lv = NULL;
    FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;

    if (n == 0) {
        return 0;
    }
    if (!rtl && !bidi_needs_levels(cps, n)) {
        for (size_t i = 0; i < n; i++) {
            levels[i] = 0;
        }
        return 0;
    }
    types = malloc(n * sizeof *types);
    brackets = malloc(n * sizeof *brackets);
    lv = malloc(n * sizeof *lv);
    if (!types || !brackets || !lv || n > (size_t)INT_MAX) {
        goto cleanup;
    }
    fribidi_get_bidi_types(cps, (FriBidiStrIndex)n, types);
    fribidi_get_bracket_types(cps, (FriBidiStrIndex)n, types, brackets);
    if (fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &base, lv) == 0) {
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        levels[i] = (uint8_t)lv[i];
    }
    rc = 0;
cleanup:
    free(types);
    free(brackets);
    free(lv);
    return rc;
}

void bidi_visual_order(const uint8_t *levels, size_t n, size_t *order)
{
    uint8_t hi = 0, lo_odd = 255;
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
        if (levels[i] > hi) {
            hi = levels[i];
        }
        if ((levels[i] & 1) && levels[i] < lo_odd) {
            lo_odd = levels[i];
        }
    }
    /* From the highest level down to the lowest odd one, reverse every maximal sequence of runs at
     * that level or above. order[k] holds a logical index; its level is levels[order[k]]. */
    for (int lv = hi; lv >= lo_odd && lv > 0; lv--) {
        for (size_t k = 0; k < n;) {
            if (levels[order[k]] < lv) {
                k++;
                continue;
            }
            size_t e = k;
            while (e < n && levels[order[e]] >= lv) {
                e++;
            }
            for (size_t a = k, b = e - 1; a < b; a++, b--) {
                size_t t = order[a];
                order[a] = order[b], order[b] = t;
            }
            k = e;
        }
    }
}
