/* testfs: see testfs.h. */
#define _POSIX_C_SOURCE 200809L
#include "testfs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void *tf_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "testfs: out of memory\n");
        abort();
    }
    return p;
}

char *tf_mkdtemp(const char *tag)
{
    const char *tmp = getenv("TMPDIR");
    char buf[4096];
    snprintf(buf, sizeof buf, "%s/kiosk-%s-XXXXXX", tmp && tmp[0] != '\0' ? tmp : "/tmp", tag);
    if (!mkdtemp(buf)) {
        return NULL;
    }
    return strcpy(tf_alloc(strlen(buf) + 1), buf);
}

static void rm_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    chmod(path, 0700);
    DIR *d = opendir(path);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
            char *child = tf_join(path, de->d_name);
            rm_tree(child);
            free(child);
        }
    }
    if (d) {
        closedir(d);
    }
    rmdir(path);
}

void tf_rm_rf(const char *path)
{
    if (!path || path[0] == '\0') {
        return;
    }
    const char *keep = getenv("KIOSK_TEST_KEEP_TMP");
    if (keep && strcmp(keep, "1") == 0) {
        fprintf(stderr, "work folder kept: %s\n", path);
        return;
    }
    rm_tree(path);
}

char *tf_join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *p = tf_alloc(la + lb + 2);
    memcpy(p, a, la);
    p[la] = '/';
    memcpy(p + la + 1, b, lb + 1);
    return p;
}

int tf_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        return -1;
    }
    size_t n = len ? fwrite(data, 1, len, f) : 0;
    if (fclose(f) != 0 || n != len) {
        return -1;
    }
    return 0;
}

/* Makes every folder above the last '/' of path (mkdir -p of its folder). */
static int make_parents(char *path)
{
    for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        int rc = mkdir(path, 0755);
        *s = '/';
        if (rc != 0 && errno != EEXIST) {
            return -1;
        }
    }
    return 0;
}

int tf_write_at(const char *dir, const char *rel, const void *data, size_t len)
{
    char *path = tf_join(dir, rel);
    int rc = make_parents(path);
    if (rc == 0) {
        rc = tf_write_file(path, data, len);
    }
    free(path);
    return rc;
}

int tf_write_text(const char *dir, const char *rel, const char *text)
{
    return tf_write_at(dir, rel, text, strlen(text));
}

char *tf_read_stream(FILE *f, size_t *len)
{
    rewind(f);
    size_t cap = 4096, n = 0;
    char *buf = tf_alloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                fprintf(stderr, "testfs: out of memory\n");
                abort();
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (len) {
        *len = n;
    }
    return buf;
}

char *tf_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    char *buf = tf_read_stream(f, len);
    fclose(f);
    return buf;
}

int tf_copy_file(const char *from, const char *to)
{
    size_t len = 0;
    char *data = tf_read_file(from, &len);
    if (!data) {
        return -1;
    }
    int rc = tf_write_file(to, data, len);
    free(data);
    return rc;
}

static int dirs_make(char *out, const char *tag)
{
    char *dir = tf_mkdtemp(tag);
    if (!dir) {
        return -1;
    }
    snprintf(out, TF_DIR_MAX, "%s", dir);
    free(dir);
    return 0;
}

int tf_dirs_setup(void **state)
{
    tf_dirs *d = calloc(1, sizeof *d);
    if (!d) {
        abort();
    }
    *state = d;
    if (dirs_make(d->root, "content") != 0 || dirs_make(d->outside, "outside") != 0) {
        return -1;
    }
    return 0;
}

int tf_dirs_teardown(void **state)
{
    tf_dirs *d = *state;
    if (d) {
        tf_rm_rf(d->root);
        tf_rm_rf(d->outside);
        free(d);
    }
    *state = NULL;
    return 0;
}
