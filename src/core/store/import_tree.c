/* import_tree: see import_tree.h. */
#include "import_tree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "sha256.h"

#define TREE_MAX_DEPTH 32
#define CHUNK (256 * 1024)

static bool has_prefix_suffix(const char *name, const char *prefix, const char *suffix)
{
    size_t n = strlen(name), p = strlen(prefix), s = strlen(suffix);
    return n >= p + s && strncmp(name, prefix, p) == 0 && strcmp(name + n - s, suffix) == 0;
}

bool import_ignored_name(const char *name)
{
    static const char *const WINDOWS[] = {"System Volume Information", "$RECYCLE.BIN", "Thumbs.db",
                                          "desktop.ini"};
    if (name[0] == '.' || strstr(name, ".sync-conflict-") || has_prefix_suffix(name, "~syncthing~", ".tmp")) {
        return true;
    }
    for (size_t i = 0; i < sizeof WINDOWS / sizeof WINDOWS[0]; i++) {
        if (strcasecmp(name, WINDOWS[i]) == 0) {
            return true;
        }
    }
    return false;
}

void tree_list_free(tree_list *l)
{
    for (size_t i = 0; l && i < l->count; i++) {
        free(l->items[i].rel);
    }
    if (l) {
        free(l->items);
    }
}

static int add_entry(tree_list *l, const char *rel, uint64_t size, bool is_dir)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        tree_entry *items = realloc(l->items, cap * sizeof *items);
        if (!items) {
            return ENOMEM;
        }
        l->items = items;
        l->cap = cap;
    }
    tree_entry *e = &l->items[l->count];
    e->rel = strdup(rel);
    if (!e->rel) {
        return ENOMEM;
    }
    e->size = size;
    e->is_dir = is_dir;
    l->count++;
    return 0;
}

static int why_set(char *why, size_t n, int rc, const char *fmt, const char *path)
{
    if (why && n) {
        snprintf(why, n, fmt, path && *path ? path : "the folder");
    }
    return rc;
}

static const char *read_error_text(int rc)
{
    return rc == ENOENT || rc == ENODEV || rc == ENXIO
               ? "%s: went away while it was read (was the USB stick pulled?)"
               : "%s: could not be read (a read error: the stick may be damaged or was pulled)";
}

typedef struct {
    const char *root;
    dev_t dev;
    const tree_limits *lim;
    tree_list *out;
    char *why;
    size_t n;
} walk_ctx;

static int walk_dir(walk_ctx *w, const char *rel, int depth);

/* One entry of the folder rel: added, descended into, or left out. */
static int walk_entry(walk_ctx *w, int dfd, const char *rel, const char *name, int depth)
{
    char sub[PATH_MAX];
    struct stat st;
    if (import_ignored_name(name)) {
        w->out->ignored++;
        return 0;
    }
    if (snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", name) >= (int)sizeof sub) {
        return why_set(w->why, w->n, ENAMETOOLONG, "%s: the name is too long", rel);
    }
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        return why_set(w->why, w->n, errno, read_error_text(errno), sub);
    }
    bool dir = S_ISDIR(st.st_mode);
    if ((!dir && !S_ISREG(st.st_mode)) || (dir && (st.st_dev != w->dev || depth >= TREE_MAX_DEPTH))) {
        w->out->ignored++;
        return 0;
    }
    if (w->out->count >= w->lim->max_files) {
        return why_set(w->why, w->n, E2BIG, "%s: the folder holds too many files", "");
    }
    w->out->bytes += dir ? 0 : (uint64_t)st.st_size;
    w->out->files += dir ? 0 : 1;
    if (w->out->bytes > w->lim->max_bytes) {
        if (w->why && w->n) {
            snprintf(w->why, w->n, "the folder holds more than the limit of %.1f GB (--max-import-size)",
                     (double)w->lim->max_bytes / 1e9);
        }
        return EFBIG;
    }
    int rc = add_entry(w->out, sub, dir ? 0 : (uint64_t)st.st_size, dir);
    return rc != 0 || !dir ? rc : walk_dir(w, sub, depth + 1);
}

static int walk_dir(walk_ctx *w, const char *rel, int depth)
{
    char path[PATH_MAX];
    int rc = 0;
    DIR *d = NULL;
    if (snprintf(path, sizeof path, "%s%s%s", w->root, *rel ? "/" : "", rel) >= (int)sizeof path) {
        return why_set(w->why, w->n, ENAMETOOLONG, "%s: the name is too long", rel);
    }
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (*rel ? O_NOFOLLOW : 0));
    if (fd < 0 || !(d = fdopendir(fd))) {
        rc = errno;
        if (fd >= 0) {
            close(fd);
        }
        return why_set(w->why, w->n, rc, read_error_text(rc), rel);
    }
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno != 0) {
                rc = why_set(w->why, w->n, errno, read_error_text(errno), rel);
            }
            break;
        }
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
            (rc = walk_entry(w, dirfd(d), rel, e->d_name, depth)) != 0) {
            break;
        }
    }
    closedir(d);
    return rc;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const tree_entry *)a)->rel, ((const tree_entry *)b)->rel);
}

int tree_walk(const char *root, const tree_limits *lim, tree_list *out, char *why, size_t n)
{
    struct stat st;
    memset(out, 0, sizeof *out);
    if (stat(root, &st) != 0) {
        return why_set(why, n, errno, "%s: there is no such folder", root);
    }
    if (!S_ISDIR(st.st_mode)) {
        return why_set(why, n, ENOTDIR, "%s: there is no such folder", root);
    }
    walk_ctx w = {root, st.st_dev, lim, out, why, n};
    int rc = walk_dir(&w, "", 0);
    if (rc == 0 && out->count > 1) {
        qsort(out->items, out->count, sizeof *out->items, cmp_entry);
    }
    return rc;
}

/* Reads up to len bytes (fewer only at the end of the file). Returns the count, or -1 with errno. */
static ssize_t read_full(int fd, char *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t r = read(fd, buf + got, len - got);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r < 0) {
            return -1;
        }
        if (r == 0) {
            break;
        }
        got += (size_t)r;
    }
    return (ssize_t)got;
}

static void progress(const tree_copy_opts *o, uint64_t *done, size_t add)
{
    uint64_t before = *done;
    *done += add;
    if (o && o->throttle_ms_per_mib && before >> 20 != *done >> 20) {
        struct timespec ts = {o->throttle_ms_per_mib / 1000,
                              (long)(o->throttle_ms_per_mib % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (o && o->progress) {
        o->progress(o->ud, *done);
    }
}

static int open_source(const char *root, const char *rel, char *why, size_t n)
{
    char path[PATH_MAX];
    struct stat st;
    if (fsu_join(path, sizeof path, root, rel) != 0) {
        return -why_set(why, n, ENAMETOOLONG, "%s: the name is too long", rel);
    }
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return -why_set(why, n, errno, read_error_text(errno), rel);
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return -why_set(why, n, ENOENT, read_error_text(ENOENT), rel);
    }
    return fd;
}

/* Compares one file of src with its namesake in cur. 0 (with *same) or a read error of src. */
static int same_file(const char *src, const char *cur, const char *rel, char *bufs, const tree_copy_opts *o,
                     uint64_t *done, bool *same, char *why, size_t n)
{
    char path[PATH_MAX];
    int rc = 0, fc = -1, fs = open_source(src, rel, why, n);
    if (fs < 0) {
        return -fs;
    }
    if (fsu_join(path, sizeof path, cur, rel) == 0) {
        fc = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    }
    *same = fc >= 0;
    while (*same) {
        ssize_t a = read_full(fs, bufs, CHUNK);
        if (a < 0) {
            rc = why_set(why, n, errno, read_error_text(errno), rel);
            break;
        }
        ssize_t b = read_full(fc, bufs + CHUNK, CHUNK);
        *same = b == a && memcmp(bufs, bufs + CHUNK, (size_t)a) == 0;
        if (a == 0) {
            break;
        }
        progress(o, done, (size_t)a);
    }
    close(fs);
    if (fc >= 0) {
        close(fc);
    }
    return rc;
}

int tree_same(const char *src, const tree_list *a, const char *cur, const tree_list *b,
              const tree_copy_opts *o, bool *same, char *why, size_t n)
{
    int rc = 0;
    uint64_t done = 0;
    *same = a->count == b->count && a->bytes == b->bytes;
    for (size_t i = 0; *same && i < a->count; i++) {
        *same = strcmp(a->items[i].rel, b->items[i].rel) == 0 && a->items[i].is_dir == b->items[i].is_dir &&
                a->items[i].size == b->items[i].size;
    }
    char *bufs = *same ? malloc(2 * CHUNK) : NULL;
    if (*same && !bufs) {
        return ENOMEM;
    }
    for (size_t i = 0; *same && rc == 0 && i < a->count; i++) {
        if (!a->items[i].is_dir) {
            rc = same_file(src, cur, a->items[i].rel, bufs, o, &done, same, why, n);
        }
    }
    free(bufs);
    return rc;
}

static int write_error(int rc, const char *rel, char *why, size_t n)
{
    return why_set(why, n, rc,
                   rc == ENOSPC || rc == EDQUOT ? "%s: the kiosk's disk is full"
                                                : "%s: could not be written on the kiosk's disk",
                   rel);
}

static int copy_file(const char *src, const char *dst, const char *rel, char *buf, const tree_copy_opts *o,
                     uint64_t *done, char *why, size_t n)
{
    char path[PATH_MAX];
    sha256_ctx hash;
    int rc = 0, out = -1, in = open_source(src, rel, why, n);
    if (in < 0) {
        return -in;
    }
    sha256_init(&hash);
    if ((rc = fsu_join(path, sizeof path, dst, rel)) != 0 ||
        (out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
        rc = write_error(rc ? rc : errno, rel, why, n);
        goto cleanup;
    }
    for (;;) {
        ssize_t r = read_full(in, buf, CHUNK);
        if (r < 0) {
            rc = why_set(why, n, errno, read_error_text(errno), rel);
            goto cleanup;
        }
        if (r == 0) {
            break;
        }
        if ((rc = fsu_write_all(out, buf, (size_t)r)) != 0) {
            write_error(rc, rel, why, n);
            goto cleanup;
        }
        if (o && o->copied) { /* the bytes as copied: what the seal is checked against */
            sha256_update(&hash, buf, (size_t)r);
        }
        progress(o, done, (size_t)r);
    }
    if (fsync(out) != 0) {
        rc = write_error(errno, rel, why, n);
    }
    if (rc == 0 && o && o->copied) {
        uint64_t size = hash.total;
        uint8_t sha[SHA256_LEN];
        sha256_final(&hash, sha);
        o->copied(o->copied_ud, rel, size, sha);
    }
cleanup:
    if (out >= 0 && close(out) != 0 && rc == 0) {
        rc = write_error(errno, rel, why, n);
    }
    close(in);
    return rc;
}

int tree_copy(const char *src, const tree_list *l, const char *dst, const tree_copy_opts *o, char *why,
              size_t n)
{
    char path[PATH_MAX];
    int rc = 0;
    uint64_t done = 0;
    char *buf = malloc(CHUNK);
    if (!buf) {
        return ENOMEM;
    }
    for (size_t i = 0; rc == 0 && i < l->count; i++) {
        const tree_entry *e = &l->items[i];
        if (!e->is_dir) {
            rc = copy_file(src, dst, e->rel, buf, o, &done, why, n);
        } else if ((rc = fsu_join(path, sizeof path, dst, e->rel)) != 0 || mkdir(path, 0755) != 0) {
            rc = write_error(rc ? rc : errno, e->rel, why, n);
        }
    }
    /* the folders' entries, deepest first, then the top */
    for (size_t i = l->count; rc == 0 && i-- > 0;) {
        if (l->items[i].is_dir &&
            (fsu_join(path, sizeof path, dst, l->items[i].rel) != 0 || (rc = fsu_fsync_dir(path)) != 0)) {
            rc = write_error(rc ? rc : ENAMETOOLONG, l->items[i].rel, why, n);
        }
    }
    if (rc == 0 && (rc = fsu_fsync_dir(dst)) != 0) {
        write_error(rc, "", why, n);
    }
    free(buf);
    return rc;
}
