/* notice: the on-screen message of a USB import, a panel over the running show. The import writes its
 * status file P/.NAME.store/status for the content folder P/NAME (src/core/store/import_status.h); the notice
 * looks at it at most once a second (one stat; the file is read only when it changed) and shows:
 *   reading    "Reading the USB stick… 42 %" and a progress bar, while the import goes on (a status that
 *              has not changed for NOTICE_STALE_S is taken for a dead import and hidden);
 *   done       "New exhibit: 24 slides.", up to three problems, "You can remove the stick.";
 *   unchanged  "This exhibit is already showing.";
 *   refused    "Nothing on this stick can be shown." and its problems (no slides, some errors), else
 *              "The stick was not taken: REASON"; then "The exhibit has not changed.";
 *   no-folder  "This stick has no memorial-kiosk folder." and where to put it;
 * a final state for at most NOTICE_SHOW_S seconds after it was written (or until state=removed, or the
 * file goes). The words come from a strings table (assets/text, ui_strings.h).
 *
 * The panel: a rounded dark translucent box in the lower third of the screen, above the banner, centred,
 * large sans-serif type (FONT_BANNER's family); the show stays visible around it.
 *
 * Use from the main loop: n = notice_create(content_dir) once; every iteration notice_poll(n, now_ms)
 * (true: redraw); after drawing the slide, when notice_visible(n), notice_draw(n, renderer, design,
 * fonts, strings); wake up at least once a second while notice_visible(n) or a status may come.
 * Ownership: a notice owns its path, the status it last read and the texture of its panel (made on the
 * renderer last passed to notice_draw): notice_free releases them, so free the notice before that
 * renderer. It keeps pointers to the fonts and words only to notice a change, never uses them later. */
#ifndef KIOSK_NOTICE_H
#define KIOSK_NOTICE_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "design.h"
#include "fonts.h"
#include "import_status.h"
#include "ui_strings.h"

#define NOTICE_SHOW_S 60   /* a final state stays this long */
#define NOTICE_STALE_S 600 /* a `reading` not rewritten for this long is hidden */
#define NOTICE_POLL_MS 1000
#define NOTICE_USB_MOUNTS "/run/memorial-kiosk/usb/" /* where dist/usb-import mounts sticks */

typedef struct notice notice;

/* A notice for the content folder P/NAME (its status file P/.NAME.store/status). NULL when out of memory
 * or the folder's name gives no status path (then there is simply no notice). */
notice *notice_create(const char *content_dir);
void notice_free(notice *n);
/* Looks at the status file when NOTICE_POLL_MS have passed since the last look (now: monotonic ms, as
 * SDL_GetTicks64). Returns true when what the notice shows changed (appeared, went, or new words). */
bool notice_poll(notice *n, uint64_t now);
/* The same with the wall clock given (epoch seconds), for tests. */
bool notice_poll_at(notice *n, uint64_t now, int64_t wall);
bool notice_visible(const notice *n);
/* The status being shown (valid while notice_visible). */
const import_status *notice_status(const notice *n);
/* Draws the panel when visible. It is laid out and drawn once into a texture of r (again when the
 * status, the renderer, the screen size, the fonts or the words change), so each frame is one copy. */
void notice_draw(notice *n, SDL_Renderer *r, const design *d, const kiosk_fonts *f, const strings *s);
/* Draws the panel of st (whatever its age) and returns its box ({0} for none/removed). */
SDL_Rect notice_draw_status(const import_status *st, SDL_Renderer *r, const design *d, const kiosk_fonts *f,
                            const strings *s);

#endif
