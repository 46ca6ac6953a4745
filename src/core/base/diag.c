/* diag: a growable list of content problems.
 * Ownership: the list owns items[]; each item owns its path and message (malloc'd copies). */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_list_init(diag_list *l)
{
    l->items = NULL;
    l->count = 0;
    l->cap = 0;
}

void diag_list_free(diag_list *l)
{
    if (!l) {
        return;
    }
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].path);
        free(l->items[i].message);
    }
    free(l->items);
    diag_list_init(l);
}

int diag_add(diag_list *l, diag_severity sev, const char *path, int line, const char *fmt, ...)
{
    int rc = -1;
    char *path_copy = NULL; /* owned until stored in the list */
    char *message = NULL;   /* owned until stored in the list */
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        goto cleanup;
    }
    message = malloc((size_t)n + 1);
    path_copy = strdup(path ? path : "");
    if (!message || !path_copy) {
        goto cleanup;
    }
    va_start(ap, fmt);
    vsnprintf(message, (size_t)n + 1, fmt, ap);
    va_end(ap);

    if (l->count == l->cap) {
        size_t cap = l->cap != 0 ? l->cap * 2 : 8;
        diag *items = realloc(l->items, cap * sizeof *items);
        if (!items) {
            goto cleanup;
        }
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = (diag){.severity = sev, .path = path_copy, .line = line, .message = message};
    path_copy = NULL;
    message = NULL;
    rc = 0;
cleanup:
    free(path_copy);
    free(message);
    return rc;
}

size_t diag_count(const diag_list *l, diag_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (l->items[i].severity == sev) {
            n++;
        }
    }
    return n;
}

void diag_format(const diag *d, const char *prefix, char *buf, size_t n)
{
    if (!buf || n == 0) {
        return;
    }
    const char *path = d->path ? d->path : "";
    const char *pre = prefix ? prefix : "";
    size_t pre_len = strlen(pre);
    /* Join with exactly one '/', and only when both parts are present. */
    const char *sep = (pre_len > 0 && path[0] != '\0' && pre[pre_len - 1] != '/') ? "/" : "";
    char line[24] = "";
    if (d->line > 0) {
        snprintf(line, sizeof line, ":%d", d->line);
    }
    const char *message = d->message ? d->message : "";
    if (pre_len == 0 && path[0] == '\0') {
        snprintf(buf, n, "%s: %s", diag_severity_name(d->severity), message);
    } else {
        snprintf(buf, n, "%s%s%s%s: %s: %s", pre, sep, path, line, diag_severity_name(d->severity), message);
    }
}

const char *diag_severity_name(diag_severity s)
{
    return s == DIAG_ERROR ? "error" : "warning";
}
