/* import_status: see import_status.h. */
#include "import_status.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fsutil.h"

static const char *const STATE_NAMES[] = {"",        "reading",   "done",   "unchanged",
                                          "refused", "no-folder", "removed"};

const char *import_state_name(import_state s)
{
    return (unsigned)s < sizeof STATE_NAMES / sizeof STATE_NAMES[0] ? STATE_NAMES[s] : "";
}

import_state import_state_parse(const char *s)
{
    for (size_t i = 1; i < sizeof STATE_NAMES / sizeof STATE_NAMES[0]; i++) {
        if (strcmp(s, STATE_NAMES[i]) == 0) {
            return (import_state)i;
        }
    }
    return IMPORT_STATE_NONE;
}

void import_status_set(char *dst, size_t n, const char *text)
{
    size_t len = 0;
    if (n == 0) {
        return;
    }
    for (; text && text[len] && len + 1 < n; len++) {
        unsigned char c = (unsigned char)text[len];
        dst[len] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
    }
    if (text && text[len]) { /* cut: do not end inside a UTF-8 sequence */
        while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80) {
            len--;
        }
    }
    dst[len] = '\0';
}

void import_status_add_problem(import_status *st, const char *path, const char *reason)
{
    char line[512];
    if (st->problem_count >= IMPORT_STATUS_PROBLEMS) {
        return;
    }
    snprintf(line, sizeof line, "%s: %s", path && *path ? path : "(folder)", reason ? reason : "");
    import_status_set(st->problem[st->problem_count++], sizeof st->problem[0], line);
}

int import_status_format(const import_status *st, char *buf, size_t n)
{
    size_t len = 0;
    int w = snprintf(buf, n, "state=%s\n", import_state_name(st->state));
#define ADD(...)                                                                                             \
    do {                                                                                                     \
        if (w < 0 || (len += (size_t)w) >= n)                                                                \
            return -1;                                                                                       \
        w = snprintf(buf + len, n - len, __VA_ARGS__);                                                       \
    } while (0)
    ADD("percent=%d\n", st->percent);
    ADD("slides=%zu\n", st->slides);
    ADD("errors=%zu\n", st->errors);
    for (size_t i = 0; i < st->problem_count && i < IMPORT_STATUS_PROBLEMS; i++) {
        ADD("problem=%s\n", st->problem[i]);
    }
    if (st->reason[0]) {
        ADD("reason=%s\n", st->reason);
    }
    ADD("source=%s\n", st->source);
    ADD("time=%lld\n", (long long)st->time);
    ADD("%s", "");
#undef ADD
    return (int)len;
}

static void parse_line(import_status *st, const char *key, const char *val)
{
    if (strcmp(key, "state") == 0) {
        st->state = import_state_parse(val);
    } else if (strcmp(key, "percent") == 0) {
        st->percent = atoi(val);
    } else if (strcmp(key, "slides") == 0) {
        st->slides = (size_t)strtoull(val, NULL, 10);
    } else if (strcmp(key, "errors") == 0) {
        st->errors = (size_t)strtoull(val, NULL, 10);
    } else if (strcmp(key, "problem") == 0 && st->problem_count < IMPORT_STATUS_PROBLEMS) {
        import_status_set(st->problem[st->problem_count++], sizeof st->problem[0], val);
    } else if (strcmp(key, "reason") == 0) {
        import_status_set(st->reason, sizeof st->reason, val);
    } else if (strcmp(key, "source") == 0) {
        import_status_set(st->source, sizeof st->source, val);
    } else if (strcmp(key, "time") == 0) {
        st->time = strtoll(val, NULL, 10);
    }
}

int import_status_parse(const char *text, import_status *st)
{
    memset(st, 0, sizeof *st);
    while (text && *text) {
        const char *end = strchr(text, '\n');
        size_t len = end ? (size_t)(end - text) : strlen(text);
        char line[1200];
        if (len < sizeof line) {
            memcpy(line, text, len);
            line[len] = '\0';
            if (len > 0 && line[len - 1] == '\r') {
                line[len - 1] = '\0';
            }
            char *eq = strchr(line, '=');
            if (eq) {
                *eq = '\0';
                parse_line(st, line, eq + 1);
            }
        }
        text = end ? end + 1 : text + len;
    }
    if (st->percent < 0) {
        st->percent = 0;
    }
    if (st->percent > 100) {
        st->percent = 100;
    }
    return st->state == IMPORT_STATE_NONE ? -1 : 0;
}

int import_status_write(const char *path, import_status *st)
{
    char buf[4096];
    st->time = (int64_t)time(NULL);
    int len = import_status_format(st, buf, sizeof buf);
    return len < 0 ? ENAMETOOLONG : fsu_write_atomic(path, buf, (size_t)len);
}

int import_status_read(const char *path, import_status *st)
{
    char buf[4096];
    memset(st, 0, sizeof *st);
    FILE *f = fopen(path, "rb");
    if (!f) {
        return errno;
    }
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    int rc = ferror(f) ? EIO : 0;
    fclose(f);
    buf[len] = '\0';
    if (rc == 0 && import_status_parse(buf, st) != 0) {
        rc = EINVAL;
    }
    return rc;
}

void import_status_from_content(import_status *st, const content *c)
{
    st->slides = c->count;
    st->errors = diag_count(&c->diags, DIAG_ERROR);
    for (size_t i = 0; i < c->diags.count; i++) {
        if (c->diags.items[i].severity == DIAG_ERROR) {
            import_status_add_problem(st, c->diags.items[i].path, c->diags.items[i].message);
        }
    }
}
