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

#endif
