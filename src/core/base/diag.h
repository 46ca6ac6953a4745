/* diag: a list of problems found in content, each `path[:line]: error|warning: message`.
 * Ownership: a diag_list owns its items and their strings; diag_list_free releases them. */
#ifndef KIOSK_DIAG_H
#define KIOSK_DIAG_H

#include <stddef.h>

typedef enum { DIAG_WARNING, DIAG_ERROR } diag_severity;

typedef struct {
    diag_severity severity;
    char *path;    /* relative to the content folder (or as given for the folder itself) */
    int line;      /* 1-based; 0 when the problem is not tied to a line */
    char *message; /* plain words for staff, no trailing period */
} diag;

typedef struct {
    diag *items;
    size_t count;
    size_t cap;
} diag_list;

void diag_list_init(diag_list *l);
void diag_list_free(diag_list *l);
/* Adds a copy of path and of the formatted message. Returns 0, or -1 when out of memory. */
int diag_add(diag_list *l, diag_severity sev, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
size_t diag_count(const diag_list *l, diag_severity sev);
/* Writes "prefix/path[:line]: error|warning: message" into buf (always NUL-terminated).
 * prefix may be NULL or "" (then path alone). */
void diag_format(const diag *d, const char *prefix, char *buf, size_t n);
const char *diag_severity_name(diag_severity s);

#endif
