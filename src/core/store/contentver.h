/* contentver: the id of the content version a screen shows, the same on every screen that shows the
 * same files (issue 17: the beacon of a [sync] group, syncpeers.h). Owned by the sync work.
 *   seal-HEX16    a sealed exhibit: the first 16 hex digits of its seal id (manifest.h; the version of
 *                 the store keeps it as .memorial-kiosk.manifest; `--seal` prints the whole id)
 *   folder-HEX16  an unsealed folder: FNV-1a 64 over the show's items in order (each name and size in
 *                 bytes) and the bytes of kiosk.conf, playlist.txt and playlist-remembrance.txt
 * Pure core (plain POSIX reads). Nothing to free. */
#ifndef KIOSK_CONTENTVER_H
#define KIOSK_CONTENTVER_H

#include <stddef.h>

#include "content.h"

#define CONTENTVER_MAX 32 /* with its NUL */

/* The version id of c (its folder c->root) into out (n >= CONTENTVER_MAX). */
void contentver_of(const content *c, char *out, size_t n);

#endif
