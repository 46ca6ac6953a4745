/* bidi: the Unicode Bidirectional Algorithm (UAX #9) through GNU FriBidi: the direction of a paragraph,
 * the embedding level of each character of a line, and the visual order of runs. Pure: works on
 * caller-owned arrays; only bidi_levels allocates (scratch, freed before it returns). */
#ifndef KIOSK_BIDI_H
#define KIOSK_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when the first strong character of s[0..len) (UTF-8) is right to left (UAX #9 P2-P3, isolates
 * skipped). Text without strong characters is left to right. */
bool bidi_text_is_rtl(const char *s, size_t len);
/* True when any code point of cps[0..n) is right to left, an Arabic number or an explicit embedding,
 * override or isolate: only then can levels differ from all 0 in a left-to-right paragraph. */
bool bidi_needs_levels(const uint32_t *cps, size_t n);
/* Embedding levels (UAX #9 up to rule I2) of the code points cps[0..n) in a paragraph whose base
 * direction is rtl: levels[i] odd means right to left. Returns 0, or -1 when out of memory. */
int bidi_levels(const uint32_t *cps, size_t n, bool rtl, uint8_t *levels);
/* UAX #9 L2 on n runs of the given levels (in logical order): order[k] is the logical index of the run
 * drawn k-th from the left. */
void bidi_visual_order(const uint8_t *levels, size_t n, size_t *order);

#endif
