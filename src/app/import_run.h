/* import_run: the modes that change the exhibit through the content store (src/core/store/store.h, import.h):
 * --import SOURCE_DIR [CONTENT_DIR], --rollback [CONTENT_DIR], --import-status removed [CONTENT_DIR],
 * --seal DIR (seal_run.h);
 * and the store's recovery before the live show. The check of a folder to import is the live show's
 * scan (loader_scan: content, kiosk.conf, playlist.txt, picture headers), its problems logged.
 * Ownership: nothing is allocated for the caller. */
#ifndef KIOSK_IMPORT_RUN_H
#define KIOSK_IMPORT_RUN_H

#include <stdbool.h>

#include "cli.h"

/* True when the command line asks for one of the modes above. */
bool import_run_wanted(const cli_options *o);
/* Runs it. Returns the exit status: 0 in (or unchanged, or done), 1 refused. */
int import_run(const cli_options *o, const char *content_dir);
/* Repairs the store of content_dir before the live show (store_recover with the bundled exhibit). */
void import_run_recover(const char *content_dir);
/* The bundled exhibit: the source tree's content/ when the program runs from it, else the installed one
 * (/usr/share/memorial-kiosk/content). */
const char *import_run_bundled_dir(void);

#endif
