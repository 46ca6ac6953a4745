/* import_status: the status file of an import, for the kiosk's on-screen message. The import writes it
 * (atomically, see fsutil) at P/.NAME.store/status for the content folder P/NAME; the kiosk reads it.
 * Format: one key=value per line, in this order; unknown keys are ignored by the parser:
 *   state=reading|done|unchanged|refused|no-folder|removed
 *   percent=0..100          (bytes copied so far, while reading)
 *   slides=N                (slides of the new exhibit; done, unchanged, refused)
 *   errors=N                (files that could not be used)
 *   problem=PATH: REASON    (at most 3 lines, plain words)
 *   reason=TEXT             (why it was refused)
 *   source=PATH             (the folder that was taken in)
 *   time=SECONDS            (epoch seconds of the write)
 * Values are single lines (line breaks become spaces). Pure apart from the read and write functions.
 * Ownership: everything is held in the caller's import_status value. */
#ifndef KIOSK_IMPORT_STATUS_H
#define KIOSK_IMPORT_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"

#define IMPORT_STATUS_PROBLEMS 3

typedef enum {
    IMPORT_STATE_NONE, /* no status (no file, or no valid state line) */
    IMPORT_STATE_READING,
    IMPORT_STATE_DONE,
    IMPORT_STATE_UNCHANGED,
    IMPORT_STATE_REFUSED,
    IMPORT_STATE_NO_FOLDER,
    IMPORT_STATE_REMOVED
} import_state;

typedef struct {
    import_state state;
    int percent;
    size_t slides, errors;
    size_t problem_count;
    char problem[IMPORT_STATUS_PROBLEMS][256];
    char reason[256];
    char source[1024];
    int64_t time;
} import_status;

/* "reading", "done", ...; "" for IMPORT_STATE_NONE. */
const char *import_state_name(import_state s);
/* The state named s, or IMPORT_STATE_NONE. */
import_state import_state_parse(const char *s);
/* Copies text into dst (size n) as one line: line breaks and other control characters become spaces;
 * cut at a UTF-8 character boundary. */
void import_status_set(char *dst, size_t n, const char *text);
/* Adds "path: reason" as a problem line when fewer than IMPORT_STATUS_PROBLEMS are held. */
void import_status_add_problem(import_status *st, const char *path, const char *reason);
/* What a scan of the new exhibit found: its items (slides=), its errors (errors=) and their first
 * problem lines. */
void import_status_from_content(import_status *st, const content *c);
/* Formats st into buf (always NUL-terminated). Returns the length, or -1 when it did not fit. */
int import_status_format(const import_status *st, char *buf, size_t n);
/* Parses text into *st (cleared first). Returns 0, or -1 when there is no valid state= line. */
int import_status_parse(const char *text, import_status *st);
/* The status file's path: store_status_path (store.h). */
/* Writes st atomically to path with time = now (epoch seconds). Returns 0 or an errno value. */
int import_status_write(const char *path, import_status *st);
/* Reads the status file at path. Returns 0, ENOENT when there is none, EINVAL when it is not valid, or
 * another errno value. */
int import_status_read(const char *path, import_status *st);

#endif
