/* utf8: validation and decoding of UTF-8 text. Pure functions, no allocation. */
#ifndef KIOSK_UTF8_H
#define KIOSK_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
 * On failure *bad_offset (if not NULL) is the byte offset of the first bad sequence. */
bool utf8_validate(const char *s, size_t len, size_t *bad_offset);
/* Decodes one code point at s (len > 0). Returns the bytes consumed (1..4); on a bad sequence
 * returns 1 and sets *cp to U+FFFD. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Number of code points in s[0..len). */
size_t utf8_length(const char *s, size_t len);
/* Cleans one piece of text in place: trims leading and trailing whitespace (ASCII whitespace, other
 * control characters and U+00A0 no-break space) and replaces every inner run of ASCII whitespace or
 * control characters (line breaks included) with one space. Writes a NUL at s[result], so s needs
 * room for len + 1 bytes. Returns the new length. */
size_t utf8_squeeze_space(char *s, size_t len);

#endif
