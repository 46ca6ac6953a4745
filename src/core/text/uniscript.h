/* uniscript: the Unicode Script property (UAX #24) of a code point, as an ISO 15924 tag that HarfBuzz
 * understands ("Latn", "Cyrl", "Arab", "Deva", "Hani"...), from ICU (libicu72: Unicode 15): exact for every
 * code point. A Common or Inherited character that only one script uses (Script_Extensions) gets that
 * script; unassigned code points are Common. Pure, no allocation, no state of its own. */
#ifndef KIOSK_UNISCRIPT_H
#define KIOSK_UNISCRIPT_H

#include <stdbool.h>
#include <stdint.h>

#define UNISCRIPT_COMMON "Zyyy"    /* punctuation, digits, spaces, symbols: take a neighbour's script */
#define UNISCRIPT_INHERITED "Zinh" /* combining marks: take their base character's script */

/* The tag of cp: a static four-letter string (ICU's), never NULL. */
const char *uniscript_tag(uint32_t cp);
/* True for Common and Inherited (the tag is not a real script of its own). */
bool uniscript_is_neutral(const char *tag);
/* Default-ignorable code points (ZWJ, ZWNJ, variation selectors, bidi controls, soft hyphen, BOM...):
 * shapers hide them, so a font needs no glyph for them. ICU's Default_Ignorable_Code_Point. */
bool uniscript_is_ignorable(uint32_t cp);
/* Scripts written right to left (Arabic, Hebrew, Syriac, Thaana, N'Ko...): ICU's uscript_isRightToLeft of
 * the tag. */
bool uniscript_is_rtl(const char *tag);

#endif
