/* loader: from a content folder to a show laid out for one screen: scans the folder, logs every problem
 * (event=content-error / content-warning), and builds the slides with the real fonts as measurer. */
#ifndef KIOSK_LOADER_H
#define KIOSK_LOADER_H

#include "cli.h"
#include "content.h"
#include "picture.h"
#include "draw.h"
#include "design.h"
#include "fonts.h"
#include "show.h"

/* Scans dir, reads its kiosk.conf (into the result's config) and playlist.txt (order and per-file settings),
 * and logs every problem. Returns NULL only when out of memory. Free with content_free. */
content *loader_scan(const char *dir);
/* The command line, whose --fit and --max-pixels win over kiosk.conf (borrowed; set once by main). */
void loader_set_cli(const cli_options *o);
/* The picture settings for a loaded folder: its kiosk.conf [pictures] with the command line over it. */
picture_settings loader_picture_settings(const content *c);
/* Reads the folder's kiosk.conf and playlist.txt into a scanned c (config, order); problems go to c->diags,
 * not to the log. Returns 0, or -1 when out of memory. (loader_scan does this and logs.) */
int loader_settings(content *c);
/* Builds the show for the design with the folder's settings (durations, banner templates); speed scales
 * all durations. NULL only when out of memory. */
show *loader_build(const content *c, const design *d, const kiosk_fonts *fonts, double speed);
/* The first slide of the show alone, as loader_build lays it out (an article's title slide without its
 * pages): drawn at start while the whole show is laid out. Free with show_free. NULL when out of memory. */
show *loader_build_first(const content *c, const design *d, const kiosk_fonts *fonts, double speed);
/* The look of the folder's kiosk.conf for a screen of w x h: the design grid with its safe area, the fonts
 * of its [fonts] (opened into *fonts; close with fonts_close) and the palette of its [colors]. */
design loader_open_look(const content *c, int w, int h, kiosk_fonts *fonts);
/* Logs one content problem found after the scan (e.g. a picture that fails to decode). */
void loader_log_problem(const char *rel_path, const char *reason);
/* The default content folder: $KIOSK_CONTENT_DIR, else the source tree's content/ (when it exists), else
 * the installed one. */
const char *loader_default_dir(void);

#endif
