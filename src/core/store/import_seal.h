/* import_seal: the import of a sealed folder (one with memorial-kiosk.manifest at its top, manifest.h).
 * Such a folder is taken in only when its files are exactly the sealed ones: the walked list must hold
 * every listed file with its size and no other file (folders that hold no listed file are dropped), and
 * each file's SHA-256, computed while it is copied, must match. Otherwise the import is refused with
 * "the exhibit is still arriving (N of M files match the seal)" and the exhibit stays: a set of files
 * still arriving (Syncthing, a slow copy) is never shown half. The current version keeps the manifest
 * as IMPORT_SEAL_KEPT, so importing the same seal again is "unchanged" without reading a byte.
 * Pure core. Ownership: an import_seal owns its manifest (import_seal_free). */
#ifndef KIOSK_IMPORT_SEAL_H
#define KIOSK_IMPORT_SEAL_H

#include <stdbool.h>
#include <stddef.h>

#include "import_tree.h"
#include "manifest.h"

#define IMPORT_SEAL_KEPT ".memorial-kiosk.manifest" /* in a version of the store (hidden from the show) */

typedef struct {
    bool sealed; /* the source has a manifest */
    manifest m;
    size_t matching; /* files whose size and SHA-256 matched as they were copied */
    size_t copied;   /* files copied */
} import_seal;

/* True when source holds MANIFEST_NAME or is a Syncthing folder (".stfolder"): then the import writes
 * no status until its copy begins (a watched folder is retried; the kiosk's message stays quiet). */
bool import_seal_expected(const char *source);
/* When source holds MANIFEST_NAME: reads it, takes it out of the walked list l, and checks l against
 * it; l then holds exactly the listed files and the folders they need. Returns 0 (s->sealed tells
 * whether there was a manifest; without one l is unchanged), 1 still arriving (also a Syncthing folder
 * without a manifest: "no seal yet") (why says "the exhibit is
 * still arriving (N of M files match the seal)" or that the manifest cannot be read yet), or ENOMEM. */
int import_seal_select(import_seal *s, const char *source, tree_list *l, char *why, size_t n);
/* True when the version folder dir keeps the same seal as s. */
bool import_seal_same(const import_seal *s, const char *dir);
/* A tree_copy_opts.copied hook: counts the files that match the manifest (ud is the import_seal). */
void import_seal_copied(void *ud, const char *rel, uint64_t size, const uint8_t sha[SHA256_LEN]);
/* After the copy: 0 when every listed file matched; else 1 with the "still arriving" reason. */
int import_seal_verify(const import_seal *s, char *why, size_t n);
/* Writes the manifest into the staging folder dir as IMPORT_SEAL_KEPT (atomic). */
int import_seal_keep(const import_seal *s, const char *dir);
void import_seal_free(import_seal *s);

#endif
