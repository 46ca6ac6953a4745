/* manifest: the seal of an exhibit, memorial-kiosk.manifest at the top of a folder (memorial-kiosk
 * --seal DIR). Staff seal a finished version; a kiosk then takes the folder in only when its files are
 * exactly the sealed ones (import_seal.h), so a set of files still arriving (Syncthing, a slow copy) is
 * never shown half. The text (UTF-8, '\n' line ends):
 *   memorial-kiosk-manifest 1 seal=HEX64 files=N bytes=B
 *   HEX64 SIZE PATH        one line per file, sorted by PATH (bytewise), PATH '/'-separated
 * where each HEX64 of a file line is the SHA-256 of its bytes, and the seal id is the SHA-256 of all the
 * file lines (each with its '\n'): the same files and bytes give the same seal. The files are those the
 * import sees (import_tree.h: no hidden or system files, no links), the manifest itself left out.
 * Pure core (plain POSIX for the file work). Ownership: a manifest owns its entries (manifest_free);
 * manifest_format's text is the caller's (free). Functions return 0 or an errno value. */
#ifndef KIOSK_MANIFEST_H
#define KIOSK_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

#define MANIFEST_NAME "memorial-kiosk.manifest"
#define MANIFEST_MAGIC "memorial-kiosk-manifest"
#define MANIFEST_FORMAT 1
#define MANIFEST_MAX_BYTES (64u << 20) /* a longer file is not read */

typedef struct {
    char *path;
    uint64_t size;
    uint8_t sha[SHA256_LEN];
} manifest_entry;

typedef struct {
    manifest_entry *items; /* sorted by path after manifest_finish or manifest_parse */
    size_t count, cap;
    uint64_t bytes; /* sum of the sizes */
    uint8_t seal[SHA256_LEN];
} manifest;

void manifest_free(manifest *m);
/* True when path may stand in a manifest: relative, '/'-separated, no empty, "." or ".." part, no control
 * character, no part the import leaves out (import_ignored_name), not the manifest itself. */
bool manifest_path_ok(const char *path);
/* Adds a file (EINVAL: the path is not valid; ENOMEM). */
int manifest_add(manifest *m, const char *path, uint64_t size, const uint8_t sha[SHA256_LEN]);
/* Sorts the entries and computes the seal id. EEXIST when a path is there twice; ENOMEM. */
int manifest_finish(manifest *m);
/* The text above, NUL-terminated, in *text (length *len). */
int manifest_format(const manifest *m, char **text, size_t *len);
/* Parses text (not NUL-terminated) into *m. EINVAL with why in plain words when it is not a manifest,
 * is cut short, lists a file twice or out of order, or its seal id does not match its lines; ENOTSUP
 * for a newer format. */
int manifest_parse(const char *text, size_t len, manifest *m, char *why, size_t n);
/* The entry of path, or NULL. */
const manifest_entry *manifest_find(const manifest *m, const char *path);
/* Reads and parses the file path (ENOENT: there is none; EFBIG: too long). */
int manifest_read(const char *path, manifest *m, char *why, size_t n);
/* Seals the folder dir: hashes every file the import would take in and writes dir/MANIFEST_NAME
 * atomically (temporary file, fsync, rename, fsync of the folder). *out (may be NULL) gets the
 * manifest. ENOENT when dir holds no file; EINVAL for a name that cannot be sealed (a control
 * character); EAGAIN when a file changed while it was read; why says which. */
int manifest_seal_dir(const char *dir, manifest *out, char *why, size_t n);
/* Hashes the regular file path: its size and SHA-256. */
int manifest_hash_file(const char *path, uint64_t *size, uint8_t sha[SHA256_LEN]);

#endif
