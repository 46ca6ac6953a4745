/* textcase: locale-correct upper-casing of UTF-8 text for all-capitals display (running heads):
 * Turkish and Azerbaijani map i to İ and ı to I; Greek capitals drop their accents; ß becomes SS.
 * ICU's full upper-case mapping (every cased script: ﬁ becomes FI, ǆ Ǆ, և ԵՒ), with the case locale
 * "az"/"tr" for Turkic text and "el" otherwise (its rules touch only Greek letters); scripts without case
 * (Arabic, Hebrew, CJK, Devanagari...) and Georgian (ICU would write Mtavruli) are left as they are. Pure;
 * ICU allocates its case map per call. */
#ifndef KIOSK_TEXTCASE_H
#define KIOSK_TEXTCASE_H

#include <stdbool.h>
#include <stddef.h>

/* True when text looks Turkic (Azerbaijani ə, or dotless ı / dotted İ / ğ): the i/İ rules apply. */
bool textcase_is_turkic(const char *s, size_t len);
/* Writes the upper-case form of s[0..len) to out (NUL-terminated, cut on a character boundary when cap
 * is too small); lang "az" or "tr" forces the Turkic rules, "" forbids them, NULL guesses them from the
 * text. Returns the bytes written (without the NUL). */
size_t textcase_upper(const char *s, size_t len, const char *lang, char *out, size_t cap);

#endif
