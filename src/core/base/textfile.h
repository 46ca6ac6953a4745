/* textfile: a whole file read into memory with a size cap, for every text the kiosk reads (articles,
 * captions, kiosk.conf, playlist.txt, the kiosk's own words). A base module: it includes nothing of the
 * project, so config, content and the assets all build on it without including each other.
 * Ownership: on success *data is a malloc'd buffer owned by the caller (free it); on failure *data is
 * NULL and nothing is left allocated.
 * The function keeps the name it had in content (content_read_file), so its callers did not change. */
#ifndef KIOSK_TEXTFILE_H
#define KIOSK_TEXTFILE_H

#include <stddef.h>

/* Reads a whole regular file (max max_bytes) into a NUL-terminated malloc'd buffer; *len its length.
 * Returns 0 or an errno value: EFBIG over max_bytes (also when it grows past it while read), EISDIR a
 * folder, EINVAL not a regular file (a FIFO does not block), ENOMEM, or open's and read's errors. */
int content_read_file(const char *path, size_t max_bytes, char **data, size_t *len);

#endif
