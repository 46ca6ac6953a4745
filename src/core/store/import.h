/* import: takes a folder in as the new exhibit of a content folder (memorial-kiosk --import), through
 * the store (store.h): the folder is listed with the import's rules (import_tree.h) and a size limit,
 * compared with the current exhibit (the same files, sizes and bytes: nothing is copied, "unchanged"),
 * copied into a staging folder with every file and folder fsync'ed, checked (the caller's check: what
 * the kiosk would show of it), and swapped in whole. A folder with some bad files is taken in; one with
 * nothing to show, or that cannot be read or copied whole (a read error, the stick pulled, the disk
 * full, over the size limit, another import running) is refused and the exhibit stays.
 * It writes the status file (import_status.h) as it goes ("reading" with the percent at most every
 * 250 ms) and logs one line: event=import result=done|unchanged|refused source= slides= errors= bytes=
 * ms= [reason=] [version=] ignored=.
 * Ownership: the request's strings are borrowed; the outcome is the caller's value. */
#ifndef KIOSK_IMPORT_H
#define KIOSK_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "import_status.h"

#define IMPORT_MAX_BYTES_DEFAULT (4ull << 30) /* 4 GiB */

/* Checks the folder dir as the kiosk would show it: sets st->slides, st->errors and up to three
 * problems (import_status_add_problem). Returns 0, or -1 when out of memory. */
typedef int (*import_check_fn)(void *ud, const char *dir, import_status *st);

typedef struct {
    const char *source;           /* the folder to take in */
    const char *content_dir;      /* P/NAME, the folder the kiosk shows */
    const char *bundled_dir;      /* the bundled exhibit, the last fallback of recovery (may be NULL) */
    uint64_t max_bytes;           /* 0: IMPORT_MAX_BYTES_DEFAULT */
    uint64_t free_bytes;          /* tests: the free space to assume; 0: ask the file system */
    uint32_t throttle_ms_per_mib; /* tests: a slow copy (0: full speed) */
    int lock_wait_ms;             /* how long a second import waits for the first before it is refused */
    import_check_fn check;        /* NULL: every file counts as a slide */
    void *check_ud;
} import_request;

typedef enum { IMPORT_DONE, IMPORT_UNCHANGED, IMPORT_REFUSED } import_result;

typedef struct {
    import_result result;
    char reason[256]; /* when refused */
    size_t slides, errors, ignored;
    uint64_t bytes; /* copied */
    uint64_t ms;
    char version[16]; /* the new version (done) */
} import_outcome;

const char *import_result_name(import_result r);
/* Runs the import; fills *out. Returns the exit status: 0 done or unchanged, 1 refused. */
int import_exhibit(const import_request *rq, import_outcome *out);
/* Writes the status file of content_dir with only this state (for --import-status removed: the stick
 * was pulled). A "removed" after an import that did not finish keeps its reason. Waits up to wait_ms for
 * a running import. Returns 0 or an errno value. */
int import_write_state(const char *content_dir, import_state state, int wait_ms);

#endif
