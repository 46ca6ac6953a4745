/* content_entry: see content_entry.h. Nothing is allocated here but realpath's result, freed before
 * each return; entries and their strings belong to the walk (content.c). */
#include "content_entry.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int has_ext(const char *name, const char *ext)
{
    const char *dot = strrchr(name, '.');
    return dot && dot != name && strcasecmp(dot + 1, ext) == 0;
}

/* Files that belong in the folder but are not slides: no slide, no warning. */
static int is_silent_name(const char *name)
{
    static const char *const names[] = {"kiosk.conf", "playlist.txt", "thumbs.db", "desktop.ini"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcasecmp(name, names[i]) == 0) {
            return 1;
        }
    }
    return strncasecmp(name, "readme", 6) == 0 || has_ext(name, "md") || has_ext(name, "example") ||
           (strncasecmp(name, "playlist", 8) == 0 && has_ext(name, "txt")); /* playlist-remembrance.txt */
}

int centry_is_image_name(const char *name)
{
    static const char *const exts[] = {"jpg", "jpeg", "png", "webp", "gif", "bmp"};
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        if (has_ext(base, exts[i])) {
            return 1;
        }
    }
    return 0;
}

size_t centry_stem_len(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && dot != name ? (size_t)(dot - name) : strlen(name);
}

static int inside_root(const char *root_real, const char *real)
{
    size_t n = strlen(root_real);
    if (n == 1 && root_real[0] == '/') {
        return 1;
    }
    return strncmp(real, root_real, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

static int problem(centry *e, diag_severity sev, const char *message, int err)
{
    e->kind = ENT_PROBLEM;
    e->severity = sev;
    e->problem = message;
    e->err = err;
    return 0;
}

/* The kind of a regular file (is_dir 0) or folder (1) by its name. Returns 0. */
static int kind_by_name(centry *e, int is_dir)
{
    if (is_dir) {
        e->kind = ENT_DIR;
    } else if (centry_is_image_name(e->name)) {
        e->kind = ENT_IMAGE; /* before the silent names: "readme.jpg" is a picture */
    } else if (is_silent_name(e->name)) {
        e->kind = ENT_SILENT;
    } else if (has_ext(e->name, "txt")) {
        e->kind = ENT_TEXT;
    } else {
        return problem(
            e, DIAG_WARNING,
            "not a picture or an article (supported: .txt .jpg .jpeg .png .webp .gif .bmp); ignored", 0);
    }
    return 0;
}

int centry_stat(const centry_ctx *x, centry *e)
{
    struct stat st;
    e->seen = CENTRY_STAT;
    (*x->stat_calls)++;
    if (lstat(e->abs, &st) != 0) {
        return problem(e, DIAG_ERROR, "cannot be read", errno);
    }
    if (S_ISLNK(st.st_mode)) {
        char *real = realpath(e->abs, NULL);
        if (!real) {
            int err = errno;
            if (err == ENOMEM) {
                return -1;
            }
            if (err == ENOENT || err == ENOTDIR) {
                return problem(e, DIAG_WARNING, "a link to something that does not exist; ignored", 0);
            }
            return problem(e, DIAG_WARNING, "a link that cannot be followed", err);
        }
        int inside = inside_root(x->root_real, real);
        free(real);
        if (!inside) {
            return problem(e, DIAG_WARNING, "links outside the content folder; ignored", 0);
        }
        (*x->stat_calls)++;
        if (stat(e->abs, &st) != 0) {
            return problem(e, DIAG_WARNING, "a link that cannot be followed", errno);
        }
    }
    e->dev = st.st_dev;
    e->ino = st.st_ino;
    e->size = st.st_size;
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
        return problem(e, DIAG_WARNING, "not a regular file or folder; ignored", 0);
    }
    return kind_by_name(e, S_ISDIR(st.st_mode));
}

int centry_look(const centry_ctx *x, centry *e)
{
    if (e->seen != CENTRY_NOT) {
        return 0;
    }
    if (x->by_type && (e->d_type == DT_REG || e->d_type == DT_DIR)) {
        e->seen = CENTRY_NAME;
        return kind_by_name(e, e->d_type == DT_DIR);
    }
    return centry_stat(x, e);
}

/* Whether entries a and b have the same stem ("alley.jpg", "Alley.txt"; ASCII case ignored). */
static int same_stem(const centry *a, const centry *b)
{
    return a->stem == b->stem && strncasecmp(a->name, b->name, a->stem) == 0;
}

int centry_find_caption(const centry_ctx *x, centry *ents, size_t n, size_t i, size_t *out)
{
    *out = SIZE_MAX;
    for (size_t j = 0; j < n; j++) {
        centry *t = &ents[j];
        if (j == i || (t->seen != CENTRY_NOT && t->kind != ENT_TEXT) || !same_stem(&ents[i], t)) {
            continue;
        }
        if (centry_look(x, t) != 0) {
            return -1;
        }
        if (t->kind == ENT_TEXT) {
            *out = j;
            break;
        }
    }
    return 0;
}

int centry_is_caption(const centry_ctx *x, centry *ents, size_t n, size_t i, int *out)
{
    *out = 0;
    for (size_t j = 0; j < n; j++) {
        centry *p = &ents[j];
        if (j == i || (p->seen != CENTRY_NOT && p->kind != ENT_IMAGE && p->kind != ENT_TEXT) ||
            !same_stem(&ents[i], p)) {
            continue;
        }
        if (centry_look(x, p) != 0) {
            return -1;
        }
        if (p->kind == ENT_TEXT && j < i) {
            *out = 0; /* an earlier text with this stem is the caption */
            break;
        }
        *out |= p->kind == ENT_IMAGE;
    }
    return 0;
}
