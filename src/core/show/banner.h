/* banner: the text of the date banner, from a template with placeholders, in en, az or ru. Pure.
 *   {date}          the commemorated date, e.g. "20 January 1990" / "20 yanvar 1990" / "20 января 1990"
 *   {years}         whole years from the commemorated date to today, e.g. "36"
 *   {today}         today's date
 *   {category}      the article's category (closing line), empty when none
 *   {article_date}  the article's date, empty when none
 *   {{ and }}       literal braces
 * An unknown placeholder is kept as written (and reported by banner_check). */
#ifndef KIOSK_BANNER_H
#define KIOSK_BANNER_H

#include <stddef.h>

#include "config.h"

typedef struct {
    int year, month, day;
} banner_date; /* year 0: no date */

typedef struct {
    config_lang language;
    banner_date commemorated;
    banner_date today;
    const char *category;     /* NULL or "" when none */
    banner_date article_date; /* year 0 when none */
} banner_values;

/* Writes the expanded template into out (always NUL-terminated, cut at a UTF-8 boundary). Collapses the
 * separators left dangling by empty values (" · " at either end) and trims spaces. Returns out. */
char *banner_format(const char *tmpl, const banner_values *v, char *out, size_t n);
/* Formats a date in the language: "20 January 1990" (the one date format of the show: banners, the
 * closing line of an article's title slide). Year 0 (no date): "". A month outside 1..12: "1990-13-01".
 * out NULL or n 0: nothing written. Returns out. */
char *banner_format_date(banner_date d, config_lang lang, char *out, size_t n);
/* Whole years from d to today (0 when today is before d). */
int banner_years_since(banner_date d, banner_date today);
/* The first unknown placeholder of tmpl copied into name (e.g. "{yaers}"), returning 1; 0 when all known. */
int banner_check(const char *tmpl, char *name, size_t n);

#endif
