/* banner_place: where the date banner slide comes in the show, by kiosk.conf [banner] slide: none, once
 * per round (after the last item, so the show still opens with its first item), or after every N items
 * (and at the end of the round, when the round does not already end with one). A folder whose
 * playlist.txt places "@banner" lines itself keeps exactly those; an empty folder gets none (it shows
 * the fallback card). Pure. */
#ifndef KIOSK_BANNER_PLACE_H
#define KIOSK_BANNER_PLACE_H

#include "content.h"

/* Adds CONTENT_BANNER items to c by every (CONFIG_BANNER_SLIDE_NONE, _ONCE or N > 0). Returns the
 * number added, or -1 when out of memory (c unchanged). */
int banner_place(content *c, int every);

#endif
