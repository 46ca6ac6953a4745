/* textrun: splits one line of text into runs that a shaper can take one at a time: each run has one font
 * (from the caller's fallback chain, chosen by glyph coverage through a callback), one script (for
 * HarfBuzz) and one bidi embedding level (its direction), and the runs come with their visual order.
 * Fonts are chosen per grapheme cluster, so a combining mark stays with its base letter:
 *   - a cluster of a real script gets the first font of the chain that has all its characters (asking
 *     the caller to find one more font when none has);
 *   - punctuation, digits and spaces (script Common) stay in the font of the text before them (else
 *     after them) when it has them, so "(سلام)" or "Bakı, 1990" are not cut into needless runs;
 *   - invisible controls (ZWJ, bidi marks, variation selectors) need no glyph.
 * Pure: fonts are only indices; the SDL side measures and draws runs. */
#ifndef KIOSK_TEXTRUN_H
#define KIOSK_TEXTRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t start, len; /* bytes of the text */
    int font;          /* index in the chain; -1: no font has these characters (the run is not drawn) */
    char script[5];    /* ISO 15924 tag, e.g. "Latn", "Arab"; "Zyyy" when the text has no script */
    uint8_t level;     /* bidi embedding level: odd is right to left */
} textrun;

typedef struct {
    textrun *runs;  /* owned: count runs in logical order */
    size_t *visual; /* owned: visual[k] is the index of the run drawn k-th from the left */
    size_t count;
    bool rtl; /* the base direction the line was split with */
} textrun_list;

/* The caller's font chain. Index 0 is the preferred font; the chain may grow through find. */
typedef struct {
    /* True when font k (0 <= k < count) has a glyph for cp. */
    bool (*has_glyph)(void *ctx, int font, uint32_t cp);
    /* The number of fonts in the chain now. */
    int (*count)(void *ctx);
    /* Adds a font that has cp to the chain and returns its index, or -1 (none installed). May be NULL. */
    int (*find)(void *ctx, uint32_t cp);
    void *ctx;
} textrun_fonts;

/* Splits s[0..len) (UTF-8), a line of a paragraph whose base direction is rtl. Returns 0, or -1 when out
 * of memory (out is then empty). An empty text gives no runs. Free out with textrun_list_free. */
int textrun_split(const char *s, size_t len, bool rtl, const textrun_fonts *fonts, textrun_list *out);
void textrun_list_free(textrun_list *l);

#endif
