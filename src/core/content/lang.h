/* lang: which of the exhibit's languages an article is written in, and the order of articles by
 * language (kiosk.conf [show] language_order). Pure.
 * The language comes from the file name when it says so ("name.az.txt", "name-az.txt", "name_ru.txt"),
 * else from the letters of the title and first paragraph: Cyrillic is Russian; ə, ğ, ı, İ, ş (with
 * Latin) are Azerbaijani; other Latin text is English. */
#ifndef KIOSK_LANG_H
#define KIOSK_LANG_H

#include <stddef.h>

#include "config.h"
#include "content.h"

/* The article's language; CONFIG_LANG_EN when nothing tells. */
config_lang lang_of_item(const content_item *it);
/* Parses "az en ru" or "az, en" into order (up to 3 distinct languages). Returns the count, or -1 for an
 * unknown word. */
int lang_parse_order(const char *spec, config_lang *order, size_t cap);
/* Reorders each run of consecutive articles (pictures end a run) so that their languages follow order;
 * articles of languages not in order keep their place after the listed ones. Stable. */
void lang_apply_order(content *c, const config_lang *order, size_t n);
/* The exhibit's languages (at most cap, at least 1) into out: those of spec ("az en ru"; kiosk.conf
 * [banner] slide_languages) when it names any; else ("" or "auto") the languages of c's articles, those
 * of c's language_order first, then in order of appearance; else fallback alone. Returns the count. */
size_t lang_of_exhibit(const content *c, const char *spec, config_lang fallback, config_lang *out,
                       size_t cap);

#endif
