/* loader: from a content folder to a show laid out for one screen: scans the folder, logs every problem
 * (event=content-error / content-warning), and builds the slides with the real fonts as measurer. */
#ifndef KIOSK_LOADER_H
#define KIOSK_LOADER_H

#include "content.h"
#include "design.h"
#include "fonts.h"
#include "show.h"

/* Scans dir and logs its diagnostics. Returns NULL only when out of memory. Free with content_free. */
content *loader_scan(const char *dir);
/* Builds the show for the design; speed scales all durations. NULL only when out of memory. */
show *loader_build(const content *c, const design *d, const kiosk_fonts *fonts, double speed);
/* Logs one content problem found after the scan (e.g. a picture that fails to decode). */
void loader_log_problem(const char *rel_path, const char *reason);
/* The default content folder: $KIOSK_CONTENT_DIR, else the source tree's content/ (when it exists), else
 * the installed one. */
const char *loader_default_dir(void);

#endif
