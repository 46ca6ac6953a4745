/* slide_layout: lays out one slide at rest for a screen, as a display list (displaylist.h), following the
 * design grid: the title slide's centred group (title, accent rule, dateline, date; the fallback card
 * with the emblem above it), an excerpt's running head (the article title in capitals, cut with an
 * ellipsis to one line, and the part number; mirrored for a right-to-left article), its rule and body
 * lines (already broken by the show; right-to-left paragraphs flush right), an image's caption strip,
 * the banner slide's card (emblem, date set large, years, rule, memorial lines) and the date banner strip
 * along the bottom of every other slide. Titles, datelines and captions are fitted (textfit: wrapped,
 * shrunk down to the design's minimum size, then cut with an ellipsis and a logged warning,
 * event=text-truncated). Pure: text is measured through a callback that takes the role and size. */
#ifndef KIOSK_SLIDE_LAYOUT_H
#define KIOSK_SLIDE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "displaylist.h"
#include "show.h"

/* Appends slide s's boxes to out, in paint order. 0, or -1 when out of memory. */
int slide_layout(const slide *s, const slide_look *look, display_list *out);
/* Lays out every slide of sh into its boxes (emptied first). 0, or -1 when out of memory. */
int slide_layout_show(show *sh, const slide_look *look);
/* The height the emblem is drawn at on a screen of design d (load it at that height). */
int slide_layout_emblem_height(const design *d);

#endif
