/* loader: from a content folder to its content: scans the folder, reads its kiosk.conf and playlist.txt,
 * leaves out pictures whose header already says they cannot be shown, and logs every problem
 * (event=content-error / content-warning). The exhibit (exhibit.h) is built on top of it. */
#ifndef KIOSK_LOADER_H
#define KIOSK_LOADER_H

#include <stdbool.h>

#include "cli.h"
#include "content.h"

/* Scans dir, reads its kiosk.conf (into the result's config) and playlist.txt (order and per-file
 * settings), probes picture headers against the limits of kiosk.conf with the command line over them
 * (cli: borrowed for the call, may be NULL), and logs every problem when log_problems. Returns NULL only
 * when out of memory. Free with content_free. */
content *loader_load(const char *dir, const cli_options *cli, bool log_problems);
/* The first item of the show alone, found without reading the whole folder (content_scan_first), with
 * the folder's kiosk.conf; problems are not logged (the whole load that follows logs them). NULL when
 * the order is not the folder's name order (a playlist.txt, a day's playlist, [show] language_order:
 * then the whole folder must be read first), when the walk found nothing showable, or when out of
 * memory. Free with content_free. */
content *loader_load_first(const char *dir, const cli_options *cli);
/* loader_load(dir, NULL, true). */
content *loader_scan(const char *dir);
/* Logs one content problem found after the scan (e.g. a picture that fails to decode). */
void loader_log_problem(const char *rel_path, const char *reason);
/* The default content folder: $KIOSK_CONTENT_DIR, else the source tree's content/ (when it exists), else
 * the installed one. */
const char *loader_default_dir(void);

#endif
