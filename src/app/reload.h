/* reload: live reload of the content folder. A watch (inotify, debounced until writes settle) notices
 * changes; the exhibit is then loaded again on a background thread (exhibit_load: content, kiosk.conf,
 * playlist.txt, with the command line over them), and the result handed to the main thread, which decides
 * whether to swap it in (at a slide boundary, and only when it has something to show). The event loop never
 * waits for a scan. Ownership: reload_open returns a reloader owned by the caller (reload_close frees it and
 * joins the thread); reload_poll hands over ownership of a finished scan. */
#ifndef KIOSK_RELOAD_H
#define KIOSK_RELOAD_H

#include <stdint.h>

#include "cli.h"
#include "exhibit.h"

typedef struct reloader reloader;

/* settle_ms: quiet time after the last change before the folder is read. NULL when the folder cannot be
 * watched (inotify unavailable): the show then runs without live reload (logged). */
reloader *reload_open(const char *dir, const cli_options *cli, uint32_t settle_ms);
void reload_close(reloader *r);
/* Non-blocking. Starts a scan when the folder has settled; returns a finished exhibit (the caller owns
 * it; its problems are already logged) or NULL. */
exhibit *reload_poll(reloader *r, uint64_t now_ms);
/* When reload_poll next needs to run (UINT64_MAX: only on an event; a running scan wakes the loop with an
 * SDL user event of type reload_event_type()). */
uint64_t reload_deadline(const reloader *r);
uint32_t reload_event_type(void);
/* Asks for a rescan at the next reload_poll even without a change (e.g. the day of remembrance began). */
void reload_request(reloader *r);

#endif
