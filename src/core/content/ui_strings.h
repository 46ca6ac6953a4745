/* ui_strings (not strings.h: that name would hide POSIX <strings.h>, which <string.h> includes): the kiosk's
 * own words on screen (the fallback card, the minute of silence, the banner slide, the staff panel, the
 * messages of the USB import) in en, az or ru. Pure: no SDL, no file access.
 *
 * The words come from files of `key = text` lines (assets/text/en.txt, az.txt, ru.txt; `#` starts a
 * note, UTF-8). A table has two layers parsed from such files, the language's own and English, and under
 * them the English words compiled into the program; a lookup falls through them in that order, so a
 * missing or broken file never leaves a blank. Texts hold {placeholders} ({years}, {percent}, …) filled
 * by strings_fill; `{{` and `}}` are literal braces. Keys ending in .one/.few/.many/.other are the plural
 * forms of a word after a number (CLDR categories for integers: en one/other, ru one/few/many, az other).
 *
 * Ownership: a strings table owns every key and text it holds (copies); strings_free releases them. The
 * texts returned by strings_get and strings_get_count belong to the table (or are static) and stay valid
 * until strings_free. */
#ifndef KIOSK_UI_STRINGS_H
#define KIOSK_UI_STRINGS_H

#include <stddef.h>

#include "config.h"
#include "diag.h"

typedef struct strings strings;

typedef enum {
    STRINGS_LAYER_LANGUAGE, /* the words of the table's language (az.txt for az) */
    STRINGS_LAYER_ENGLISH   /* en.txt, used where the language's layer lacks a key */
} strings_layer;

/* A value for a {name} placeholder. */
typedef struct {
    const char *name; /* without braces: "years" */
    const char *value;
} strings_arg;

/* An empty table for lang (only the built-in English words). NULL when out of memory. */
strings *strings_create(config_lang lang);
void strings_free(strings *s);
config_lang strings_language(const strings *s);

/* Parses text (NUL-terminated; NULL is empty) into one layer of s. Each problem is added to diags as a
 * warning `path:line: message` (an unknown key, a line without `=`, an empty text, text that is not
 * UTF-8, a key given twice, a placeholder the key does not know); the line is then ignored (a key given
 * twice: the later line wins). Returns the number of problems, or -1 when out of memory. */
int strings_parse(strings *s, strings_layer layer, const char *text, const char *path, diag_list *diags);

/* The text of key: the language's layer, else the English layer, else the built-in English words. A
 * key the program does not know at all returns the key itself (never NULL, never empty). */
const char *strings_get(const strings *s, const char *key);
/* The template of a word after the number n: base.<category of n in the table's language>, then
 * base.other, in the language's layer; else the same with the English category in the English layer
 * and the built-in words. Example: strings_get_count(ru, "banner.years", 33) -> "{years} года". */
const char *strings_get_count(const strings *s, const char *base, long long n);

/* Copies tmpl into out (always NUL-terminated, cut at a UTF-8 boundary) with every {name} of args
 * replaced by its value; an unknown {name} is kept as written, `{{` and `}}` become `{` and `}`.
 * Returns out. */
char *strings_fill(const char *tmpl, const strings_arg *args, size_t nargs, char *out, size_t n);
/* strings_fill of strings_get(s, key). Returns out. */
char *strings_format(const strings *s, const char *key, const strings_arg *args, size_t nargs, char *out,
                     size_t n);
/* The word after a number, filled: the template of strings_get_count with its placeholder (the last
 * part of base: {years} for "banner.years") set to n. "36 лет", "31 год", "36 il". Returns out. */
char *strings_count(const strings *s, const char *base, long long n, char *out, size_t size);

/* The CLDR plural category of the integer n in lang: "one", "few", "many" or "other". */
const char *strings_plural_category(config_lang lang, long long n);
/* The language's file name stem: "en", "az", "ru". */
const char *strings_language_code(config_lang lang);

/* The built-in English words, for tests and tools: key i (0 <= i < strings_builtin_count()), its text. */
size_t strings_builtin_count(void);
const char *strings_builtin_key(size_t i);
const char *strings_builtin_text(size_t i);

#endif
