/* manifest: see manifest.h. */
#include "manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "import_tree.h"

#define CHUNK (256 * 1024)

static int why_set(char *why, size_t n, int rc, const char *fmt, const char *arg)
{
    if (why && n) {
        snprintf(why, n, fmt, arg);
    }
    return rc;
}

void manifest_free(manifest *m)
{
    for (size_t i = 0; m && i < m->count; i++) {
        free(m->items[i].path);
    }
    if (m) {
        free(m->items);
    }
}

bool manifest_path_ok(const char *path)
{
    char part[NAME_MAX + 1];
    const char *p = path;
    if (!*path || strlen(path) >= PATH_MAX || strcmp(path, MANIFEST_NAME) == 0) {
        return false;
    }
    for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
        if (*c < 0x20 || *c == 0x7f) {
            return false;
        }
    }
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (len == 0 || len > NAME_MAX) {
            return false;
        }
        memcpy(part, p, len);
        part[len] = '\0';
        if (strcmp(part, ".") == 0 || strcmp(part, "..") == 0 || import_ignored_name(part)) {
            return false;
        }
        if (!slash) {
            return true;
        }
        p = slash + 1;
    }
}

int manifest_add(manifest *m, const char *path, uint64_t size, const uint8_t sha[SHA256_LEN])
{
    if (!manifest_path_ok(path)) {
        return EINVAL;
    }
    if (m->count == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        manifest_entry *items = realloc(m->items, cap * sizeof *items);
        if (!items) {
            return ENOMEM;
        }
        m->items = items;
        m->cap = cap;
    }
    manifest_entry *e = &m->items[m->count];
    if (!(e->path = strdup(path))) {
        return ENOMEM;
    }
    e->size = size;
    memcpy(e->sha, sha, SHA256_LEN);
    m->count++;
    m->bytes += size;
    return 0;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const manifest_entry *)a)->path, ((const manifest_entry *)b)->path);
}

/* One file line, with its '\n', into buf (at least PATH_MAX + 96 bytes). Returns its length. */
static size_t entry_line(const manifest_entry *e, char *buf, size_t n)
{
    char hex[SHA256_HEX_LEN + 1];
    sha256_hex(e->sha, hex);
    int len = snprintf(buf, n, "%s %" PRIu64 " %s\n", hex, e->size, e->path);
    return len < 0 ? 0 : (size_t)len < n ? (size_t)len : n - 1;
}

static void compute_seal(const manifest *m, uint8_t seal[SHA256_LEN])
{
    char line[PATH_MAX + 96];
    sha256_ctx c;
    sha256_init(&c);
    for (size_t i = 0; i < m->count; i++) {
        sha256_update(&c, line, entry_line(&m->items[i], line, sizeof line));
    }
    sha256_final(&c, seal);
}

int manifest_finish(manifest *m)
{
    if (m->count > 1) {
        qsort(m->items, m->count, sizeof *m->items, cmp_entry);
    }
    for (size_t i = 1; i < m->count; i++) {
        if (strcmp(m->items[i - 1].path, m->items[i].path) == 0) {
            return EEXIST;
        }
    }
    compute_seal(m, m->seal);
    return 0;
}

int manifest_format(const manifest *m, char **text, size_t *len)
{
    char hex[SHA256_HEX_LEN + 1];
    size_t cap = 200, used;
    for (size_t i = 0; i < m->count; i++) {
        cap += strlen(m->items[i].path) + SHA256_HEX_LEN + 24;
    }
    char *buf = malloc(cap);
    if (!buf) {
        return ENOMEM;
    }
    sha256_hex(m->seal, hex);
    int h = snprintf(buf, cap, "%s %d seal=%s files=%zu bytes=%" PRIu64 "\n", MANIFEST_MAGIC, MANIFEST_FORMAT,
                     hex, m->count, m->bytes);
    used = h > 0 ? (size_t)h : 0;
    for (size_t i = 0; i < m->count; i++) {
        used += entry_line(&m->items[i], buf + used, cap - used);
    }
    *text = buf;
    *len = used;
    return 0;
}

/* Parses a decimal uint64 at *p up to stop; advances *p. Returns 0 or -1. */
static int parse_u64(const char **p, const char *end, char stop, uint64_t *out)
{
    uint64_t v = 0;
    const char *s = *p;
    while (s < end && *s >= '0' && *s <= '9') {
        if (v > (UINT64_MAX - 9) / 10) {
            return -1;
        }
        v = v * 10 + (uint64_t)(*s++ - '0');
    }
    if (s == *p || s >= end || *s != stop) {
        return -1;
    }
    *p = s + 1;
    *out = v;
    return 0;
}

typedef struct {
    uint8_t seal[SHA256_LEN];
    uint64_t files, bytes;
} header;

/* The first line. Returns 0, EINVAL or ENOTSUP; advances *p past it. */
static int parse_header(const char **p, const char *end, header *h, char *why, size_t n)
{
    static const char MAGIC[] = MANIFEST_MAGIC " ";
    const char *s = *p;
    uint64_t format;
    if ((size_t)(end - s) < sizeof MAGIC - 1 || memcmp(s, MAGIC, sizeof MAGIC - 1) != 0) {
        return why_set(why, n, EINVAL, "%s is not a memorial-kiosk manifest", MANIFEST_NAME);
    }
    s += sizeof MAGIC - 1;
    if (parse_u64(&s, end, ' ', &format) != 0) {
        return why_set(why, n, EINVAL, "%s: its first line is damaged", MANIFEST_NAME);
    }
    if (format != MANIFEST_FORMAT) {
        return why_set(why, n, ENOTSUP, "%s was made by a newer memorial-kiosk (format not known)",
                       MANIFEST_NAME);
    }
    if (end - s < 5 + SHA256_HEX_LEN + 1 || memcmp(s, "seal=", 5) != 0 ||
        sha256_parse_hex(s + 5, h->seal) != 0 || s[5 + SHA256_HEX_LEN] != ' ') {
        return why_set(why, n, EINVAL, "%s: its first line is damaged", MANIFEST_NAME);
    }
    s += 5 + SHA256_HEX_LEN + 1;
    if (end - s < 6 || memcmp(s, "files=", 6) != 0 || (s += 6, parse_u64(&s, end, ' ', &h->files)) != 0 ||
        end - s < 6 || memcmp(s, "bytes=", 6) != 0 || (s += 6, parse_u64(&s, end, '\n', &h->bytes)) != 0) {
        return why_set(why, n, EINVAL, "%s: its first line is damaged", MANIFEST_NAME);
    }
    *p = s;
    return 0;
}

/* One file line at *p. Returns 0 or EINVAL (with why); advances *p. */
static int parse_line(const char **p, const char *end, manifest *m, char *why, size_t n)
{
    char path[PATH_MAX];
    uint8_t sha[SHA256_LEN];
    uint64_t size;
    const char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl) {
        return why_set(why, n, EINVAL, "%s is cut short", MANIFEST_NAME);
    }
    if (nl - s < SHA256_HEX_LEN + 3 || sha256_parse_hex(s, sha) != 0 || s[SHA256_HEX_LEN] != ' ') {
        return why_set(why, n, EINVAL, "%s: a file line is damaged", MANIFEST_NAME);
    }
    s += SHA256_HEX_LEN + 1;
    size_t len;
    if (parse_u64(&s, nl, ' ', &size) != 0 || (len = (size_t)(nl - s)) == 0 || len >= sizeof path) {
        return why_set(why, n, EINVAL, "%s: a file line is damaged", MANIFEST_NAME);
    }
    memcpy(path, s, len);
    path[len] = '\0';
    if (m->count && strcmp(m->items[m->count - 1].path, path) >= 0) {
        return why_set(why, n, EINVAL, "%s: the files are not in order, or one is there twice",
                       MANIFEST_NAME);
    }
    int rc = manifest_add(m, path, size, sha);
    if (rc == EINVAL) {
        return why_set(why, n, EINVAL, "%s: a file name that cannot be in an exhibit", MANIFEST_NAME);
    }
    if (rc != 0) {
        return rc;
    }
    *p = nl + 1;
    return 0;
}

int manifest_parse(const char *text, size_t len, manifest *m, char *why, size_t n)
{
    header h;
    const char *p = text, *end = text + len;
    memset(m, 0, sizeof *m);
    int rc = parse_header(&p, end, &h, why, n);
    while (rc == 0 && p < end) {
        rc = parse_line(&p, end, m, why, n);
    }
    if (rc == 0 && (m->count != h.files || m->bytes != h.bytes)) {
        rc = why_set(why, n, EINVAL, "%s: its file count or size does not match its lines", MANIFEST_NAME);
    }
    if (rc == 0) {
        uint8_t seal[SHA256_LEN];
        compute_seal(m, seal);
        if (memcmp(seal, h.seal, SHA256_LEN) != 0) {
            rc = why_set(why, n, EINVAL, "%s: its seal id does not match its lines", MANIFEST_NAME);
        }
        memcpy(m->seal, h.seal, SHA256_LEN);
    }
    if (rc != 0) {
        manifest_free(m);
        memset(m, 0, sizeof *m);
    }
    return rc;
}

const manifest_entry *manifest_find(const manifest *m, const char *path)
{
    manifest_entry key = {.path = (char *)path};
    return m->count ? bsearch(&key, m->items, m->count, sizeof *m->items, cmp_entry) : NULL;
}

int manifest_read(const char *path, manifest *m, char *why, size_t n)
{
    struct stat st;
    char *buf = NULL;
    int rc = 0;
    memset(m, 0, sizeof *m);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        return why_set(why, n, errno, "%s cannot be read", MANIFEST_NAME);
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = why_set(why, n, EINVAL, "%s is not a file", MANIFEST_NAME);
        goto cleanup;
    }
    if ((uint64_t)st.st_size > MANIFEST_MAX_BYTES) {
        rc = why_set(why, n, EFBIG, "%s is too long", MANIFEST_NAME);
        goto cleanup;
    }
    size_t want = (size_t)st.st_size, got = 0;
    if (!(buf = malloc(want + 1))) {
        rc = ENOMEM;
        goto cleanup;
    }
    while (got < want) {
        ssize_t r = read(fd, buf + got, want - got);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            rc = why_set(why, n, r < 0 ? errno : EINVAL, "%s cannot be read", MANIFEST_NAME);
            goto cleanup;
        }
        got += (size_t)r;
    }
    rc = manifest_parse(buf, got, m, why, n);
cleanup:
    free(buf);
    close(fd);
    return rc;
}

int manifest_hash_file(const char *path, uint64_t *size, uint8_t sha[SHA256_LEN])
{
    sha256_ctx c;
    int rc = 0, fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    char *buf = fd >= 0 ? malloc(CHUNK) : NULL;
    if (fd < 0) {
        return errno;
    }
    if (!buf) {
        rc = ENOMEM;
        goto cleanup;
    }
    sha256_init(&c);
    for (;;) {
        ssize_t r = read(fd, buf, CHUNK);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r < 0) {
            rc = errno;
            goto cleanup;
        }
        if (r == 0) {
            break;
        }
        sha256_update(&c, buf, (size_t)r);
    }
    *size = c.total;
    sha256_final(&c, sha);
cleanup:
    free(buf);
    close(fd);
    return rc;
}

/* Hashes the files of l (below dir) into m. */
static int hash_all(const char *dir, const tree_list *l, manifest *m, char *why, size_t n)
{
    char path[PATH_MAX];
    uint8_t sha[SHA256_LEN];
    uint64_t size;
    for (size_t i = 0; i < l->count; i++) {
        const tree_entry *e = &l->items[i];
        if (e->is_dir || strcmp(e->rel, MANIFEST_NAME) == 0) {
            continue;
        }
        int rc = fsu_join(path, sizeof path, dir, e->rel);
        if (rc == 0) {
            rc = manifest_hash_file(path, &size, sha);
        }
        if (rc != 0) {
            return why_set(why, n, rc, "%s: could not be read", e->rel);
        }
        if (size != e->size) {
            return why_set(why, n, EAGAIN, "%s: changed while it was sealed; seal the folder again", e->rel);
        }
        if ((rc = manifest_add(m, e->rel, size, sha)) == EINVAL) {
            return why_set(why, n, EINVAL, "%s: a name with a control character cannot be sealed", e->rel);
        }
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

int manifest_seal_dir(const char *dir, manifest *out, char *why, size_t n)
{
    tree_limits lim = {UINT64_MAX, IMPORT_MAX_FILES};
    tree_list l;
    manifest m = {0};
    char path[PATH_MAX], *text = NULL;
    size_t len = 0;
    int rc = tree_walk(dir, &lim, &l, why, n);
    if (rc == 0) {
        rc = hash_all(dir, &l, &m, why, n);
    }
    if (rc == 0 && m.count == 0) {
        rc = why_set(why, n, ENOENT, "%s: holds no file to seal", dir);
    }
    if (rc == 0 && (rc = manifest_finish(&m)) == 0 && (rc = manifest_format(&m, &text, &len)) == 0 &&
        (rc = fsu_join(path, sizeof path, dir, MANIFEST_NAME)) == 0 &&
        (rc = fsu_write_atomic(path, text, len)) != 0) {
        why_set(why, n, rc, "%s: the manifest could not be written", dir);
    }
    free(text);
    tree_list_free(&l);
    if (rc == 0 && out) {
        *out = m;
    } else {
        manifest_free(&m);
    }
    return rc;
}
