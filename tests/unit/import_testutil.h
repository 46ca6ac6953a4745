/* Helpers shared by the store and import unit tests: a temporary folder, files written and compared. */
#ifndef KIOSK_IMPORT_TESTUTIL_H
#define KIOSK_IMPORT_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testfs.h"

typedef struct {
    char base[64];     /* temporary folder: P */
    char content[128]; /* P/content */
    char store[128];   /* P/.content.store */
} tu_fixture;

static inline int tu_setup(void **state)
{
    tu_fixture *fx = calloc(1, sizeof *fx);
    if (!fx)
        return -1;
    snprintf(fx->base, sizeof fx->base, "/tmp/kiosk-store-XXXXXX");
    if (!mkdtemp(fx->base)) {
        free(fx);
        return -1;
    }
    snprintf(fx->content, sizeof fx->content, "%s/content", fx->base);
    snprintf(fx->store, sizeof fx->store, "%s/.content.store", fx->base);
    *state = fx;
    return 0;
}

static inline int tu_teardown(void **state)
{
    tu_fixture *fx = *state;
    tf_rm_rf(fx->base);
    free(fx);
    return 0;
}

/* Writes text to base/rel (folders made as needed). */
static inline void tu_write(const char *base, const char *rel, const char *text)
{
    (void)tf_write_text(base, rel, text);
}

/* The text of base/rel (static buffer, at most 4095 bytes), or NULL. */
static inline const char *tu_read(const char *base, const char *rel)
{
    static char buf[4096];
    char *path = tf_join(base, rel);
    char *text = tf_read_file(path, NULL);
    free(path);
    if (!text)
        return NULL;
    snprintf(buf, sizeof buf, "%s", text);
    free(text);
    return buf;
}

static inline int tu_exists(const char *base, const char *rel)
{
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", base, rel);
    return lstat(path, &st) == 0;
}

/* The link text of base/rel (static buffer), or "" when it is no link. */
static inline const char *tu_link(const char *base, const char *rel)
{
    static char buf[512];
    char path[512];
    snprintf(path, sizeof path, "%s/%s", base, rel);
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

/* How many entries of the folder path start with prefix. */
static inline int tu_count(const char *path, const char *prefix)
{
    char cmd[600], out[32] = "";
    snprintf(cmd, sizeof cmd, "ls -A '%s' 2>/dev/null | grep -c '^%s' || true", path, prefix);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    if (!fgets(out, sizeof out, p))
        out[0] = '\0';
    pclose(p);
    return atoi(out);
}

static inline const char *tu_article(const char *title)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s\n\nBaku, 20 January\n\nA paragraph about %s.\n", title, title);
    return buf;
}

#endif
