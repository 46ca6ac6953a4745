/* store: see store.h. */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "import_status.h"
#include "import_tree.h"
#include "log.h"

#define MAX_VERSIONS 64

int store_paths_init(store_paths *sp, const char *content_dir)
{
    memset(sp, 0, sizeof *sp);
    int rc = fsu_split(content_dir, sp->parent, sizeof sp->parent, sp->name, sizeof sp->name);
    if (rc != 0) {
        return rc;
    }
    if (strcmp(sp->name, ".") == 0 || strcmp(sp->name, "..") == 0) {
        return EINVAL;
    }
    if (snprintf(sp->content, sizeof sp->content, "%s/%s", sp->parent, sp->name) >= (int)sizeof sp->content ||
        snprintf(sp->store, sizeof sp->store, "%s/.%s.store", sp->parent, sp->name) >=
            (int)sizeof sp->store ||
        snprintf(sp->tmp_link, sizeof sp->tmp_link, "%s/.%s.link-tmp", sp->parent, sp->name) >=
            (int)sizeof sp->tmp_link) {
        return ENAMETOOLONG;
    }
    return 0;
}

int store_dir_path(const char *content_dir, char *buf, size_t n)
{
    store_paths sp;
    int rc = store_paths_init(&sp, content_dir);
    if (rc == 0 && snprintf(buf, n, "%s", sp.store) >= (int)n) {
        rc = ENAMETOOLONG;
    }
    return rc;
}

int store_status_path(const char *content_dir, char *buf, size_t n)
{
    char store[PATH_MAX];
    int rc = store_dir_path(content_dir, store, sizeof store);
    return rc != 0 ? rc : fsu_join(buf, n, store, "status");
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int store_lock(const store_paths *sp, int wait_ms, int *fd)
{
    char path[PATH_MAX];
    *fd = -1;
    if (mkdir(sp->store, 0755) == 0) {
        fsu_fsync_dir(sp->parent);
    } else if (errno != EEXIST) {
        return errno;
    }
    int rc = fsu_join(path, sizeof path, sp->store, "lock");
    int lfd = rc == 0 ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644) : -1;
    if (lfd < 0) {
        return rc ? rc : errno;
    }
    for (int waited = 0;; waited += 50) {
        if (flock(lfd, LOCK_EX | LOCK_NB) == 0) {
            *fd = lfd;
            return 0;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            rc = errno;
            break;
        }
        if (waited >= wait_ms) {
            rc = EWOULDBLOCK;
            break;
        }
        sleep_ms(50);
    }
    close(lfd);
    return rc;
}

void store_unlock(int fd)
{
    if (fd >= 0) {
        close(fd); /* releases the flock */
    }
}

/* "v000123" -> 123; 0 for any other name. */
static unsigned version_number(const char *name)
{
    unsigned v = 0;
    if (name[0] != 'v' || strlen(name) != 7) {
        return 0;
    }
    for (int i = 1; i < 7; i++) {
        if (name[i] < '0' || name[i] > '9') {
            return 0;
        }
        v = v * 10 + (unsigned)(name[i] - '0');
    }
    return v;
}

static bool version_path(const store_paths *sp, unsigned v, char *buf, size_t n)
{
    return snprintf(buf, n, "%s/v%06u", sp->store, v) < (int)n;
}

static bool version_readable(const store_paths *sp, unsigned v)
{
    char path[PATH_MAX];
    struct stat st;
    DIR *d = version_path(sp, v, path, sizeof path) && lstat(path, &st) == 0 && S_ISDIR(st.st_mode)
                 ? opendir(path)
                 : NULL;
    if (d) {
        closedir(d);
    }
    return d != NULL;
}

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

/* The version numbers in the store (folders only), ascending; returns how many (at most max). */
static size_t list_versions(const store_paths *sp, unsigned *out, size_t max)
{
    size_t count = 0;
    DIR *d = opendir(sp->store);
    struct dirent *e;
    while (d && count < max && (e = readdir(d)) != NULL) {
        unsigned v = version_number(e->d_name);
        struct stat st;
        if (v != 0 && fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
            out[count++] = v;
        }
    }
    if (d) {
        closedir(d);
    }
    qsort(out, count, sizeof *out, cmp_unsigned);
    return count;
}

/* The newest readable version other than not; 0 when there is none. */
static unsigned newest_other(const store_paths *sp, unsigned not )
{
    unsigned vs[MAX_VERSIONS];
    size_t count = list_versions(sp, vs, MAX_VERSIONS);
    while (count-- > 0) {
        if (vs[count] != not &&version_readable(sp, vs[count])) {
            return vs[count];
        }
    }
    return 0;
}

typedef enum { LINK_NONE, LINK_DIR, LINK_OURS, LINK_OTHER } link_kind;

/* What P/NAME is; for LINK_OURS, *v is the version it names (0: a name that is no version). */
static link_kind read_link(const store_paths *sp, unsigned *v)
{
    struct stat st;
    char text[PATH_MAX], prefix[300];
    *v = 0;
    if (lstat(sp->content, &st) != 0) {
        return LINK_NONE;
    }
    if (S_ISDIR(st.st_mode)) {
        return LINK_DIR;
    }
    if (!S_ISLNK(st.st_mode)) {
        return LINK_OTHER;
    }
    ssize_t len = readlink(sp->content, text, sizeof text - 1);
    if (len < 0) {
        return LINK_OTHER;
    }
    text[len] = '\0';
    int plen = snprintf(prefix, sizeof prefix, ".%s.store/", sp->name);
    if (strncmp(text, prefix, (size_t)plen) != 0) {
        return LINK_OTHER;
    }
    *v = version_number(text + plen);
    return LINK_OURS;
}

/* Points P/NAME at version v: a new link under the temporary name, renamed over P/NAME, P fsync'ed. */
static int set_link(const store_paths *sp, unsigned v)
{
    char text[300];
    snprintf(text, sizeof text, ".%s.store/v%06u", sp->name, v);
    unlink(sp->tmp_link);
    if (symlink(text, sp->tmp_link) != 0) {
        return errno;
    }
    if (rename(sp->tmp_link, sp->content) != 0) {
        int rc = errno;
        unlink(sp->tmp_link);
        return rc;
    }
    return fsu_fsync_dir(sp->parent);
}

/* Moves the plain folder P/NAME into the store as version v, with P/NAME a link to it at once. */
static int convert_plain(const store_paths *sp, unsigned v)
{
    char path[PATH_MAX], text[300];
    if (!version_path(sp, v, path, sizeof path)) {
        return ENAMETOOLONG;
    }
    snprintf(text, sizeof text, ".%s.store/v%06u", sp->name, v);
    /* A link in the store whose text, once it stands in P, names the version: the two are swapped. A
     * crash before the swap leaves it in the store, where recovery removes it (it is not a folder). */
    if (symlink(text, path) != 0) {
        return errno;
    }
    if (renameat2(AT_FDCWD, path, AT_FDCWD, sp->content, RENAME_EXCHANGE) != 0) {
        int rc = errno;
        unlink(path);
        if (rc != EINVAL && rc != ENOSYS && rc != ENOTSUP) {
            return rc;
        }
        /* no RENAME_EXCHANGE on this file system: P/NAME is missing for a moment (recovery links it) */
        if (rename(sp->content, path) != 0) {
            return errno;
        }
        fsu_fsync_dir(sp->store);
        return set_link(sp, v);
    }
    fsu_fsync_dir(sp->store);
    return fsu_fsync_dir(sp->parent);
}

/* Deletes version v: renamed to a staging name first (atomic: never a half-deleted version). */
static void delete_version(const store_paths *sp, unsigned v)
{
    char path[PATH_MAX], dead[PATH_MAX];
    if (version_path(sp, v, path, sizeof path) &&
        snprintf(dead, sizeof dead, "%s/staging-old-v%06u", sp->store, v) < (int)sizeof dead &&
        rename(path, dead) == 0) {
        fsu_fsync_dir(sp->store);
        fsu_rm_rf(dead);
    }
}

/* Deletes every version but keep1 and keep2. */
static void prune(const store_paths *sp, unsigned keep1, unsigned keep2)
{
    unsigned vs[MAX_VERSIONS];
    size_t count = list_versions(sp, vs, MAX_VERSIONS);
    for (size_t i = 0; i < count; i++) {
        if (vs[i] != keep1 && vs[i] != keep2) {
            delete_version(sp, vs[i]);
        }
    }
}

int store_staging_create(const store_paths *sp, char *out, size_t n)
{
    if (snprintf(out, n, "%s/staging-XXXXXX", sp->store) >= (int)n) {
        return ENAMETOOLONG;
    }
    if (!mkdtemp(out)) {
        return errno;
    }
    return chmod(out, 0755) == 0 ? 0 : errno;
}

int store_current(const store_paths *sp, char *out, size_t n)
{
    char *real = realpath(sp->content, NULL);
    struct stat st;
    int rc = real && stat(real, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : ENOENT;
    if (rc == 0 && snprintf(out, n, "%s", real) >= (int)n) {
        rc = ENAMETOOLONG;
    }
    free(real);
    return rc;
}

int store_commit(const store_paths *sp, const char *staging, char *version, size_t n)
{
    char path[PATH_MAX];
    unsigned vs[MAX_VERSIONS], old = 0;
    size_t count = list_versions(sp, vs, MAX_VERSIONS);
    unsigned next = count ? vs[count - 1] + 1 : 1;
    link_kind k = read_link(sp, &old);
    int rc = 0;
    if (next > 999999) {
        return EOVERFLOW;
    }
    if (k == LINK_DIR) {
        if ((rc = convert_plain(sp, next)) != 0) {
            return rc;
        }
        old = next++;
    } else if (k == LINK_OTHER) {
        return EEXIST; /* P/NAME is something we did not make: leave it alone */
    }
    if (!version_path(sp, next, path, sizeof path)) {
        return ENAMETOOLONG;
    }
    if (rename(staging, path) != 0) {
        return errno;
    }
    if ((rc = fsu_fsync_dir(sp->store)) != 0 || (rc = set_link(sp, next)) != 0) {
        return rc;
    }
    if (version) {
        snprintf(version, n, "v%06u", next);
    }
    prune(sp, next, old);
    return 0;
}

static void add_what(char *what, size_t n, const char *item)
{
    size_t len = what ? strlen(what) : 0;
    if (what && len + strlen(item) + 2 < n) {
        snprintf(what + len, n - len, "%s%s", len ? "," : "", item);
    }
}

/* Removes what an interrupted import or deletion left: staging folders, the status file's temporary
 * files, a version placeholder link of an interrupted conversion, the temporary link in P. */
static void clean_leftovers(const store_paths *sp, char *what, size_t n)
{
    struct stat st;
    bool staging = false;
    DIR *d = opendir(sp->store);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        char path[PATH_MAX];
        if (fsu_join(path, sizeof path, sp->store, e->d_name) != 0 || lstat(path, &st) != 0) {
            continue;
        }
        if (strncmp(e->d_name, "staging-", 8) == 0) {
            staging |= strncmp(e->d_name, "staging-old-", 12) != 0;
            fsu_rm_rf(path);
        } else if (strncmp(e->d_name, ".status.tmp-", 12) == 0 ||
                   (version_number(e->d_name) && !S_ISDIR(st.st_mode))) {
            unlink(path);
        }
    }
    if (d) {
        closedir(d);
    }
    if (lstat(sp->tmp_link, &st) == 0 && S_ISLNK(st.st_mode)) {
        unlink(sp->tmp_link);
    }
    if (staging) {
        add_what(what, n, "staging-removed");
    }
    fsu_fsync_dir(sp->store);
}

/* A status left at "reading" by an import that never finished becomes a refusal with a clear reason. */
static void finish_interrupted_status(const store_paths *sp, char *what, size_t n)
{
    char path[PATH_MAX];
    import_status st;
    if (fsu_join(path, sizeof path, sp->store, "status") != 0 || import_status_read(path, &st) != 0 ||
        st.state != IMPORT_STATE_READING) {
        return;
    }
    st.state = IMPORT_STATE_REFUSED;
    st.percent = 0;
    import_status_set(st.reason, sizeof st.reason,
                      "the last import was interrupted (power cut, or the kiosk was stopped); the exhibit "
                      "shown before stays");
    import_status_write(path, &st);
    add_what(what, n, "interrupted-import");
}

/* A new version copied from bundled, made current. */
static int link_bundled(const store_paths *sp, const char *bundled, char *what, size_t n)
{
    char staging[PATH_MAX];
    tree_list l;
    tree_limits lim = {UINT64_MAX, 1000000};
    if (!bundled) {
        return ENOENT;
    }
    int rc = store_staging_create(sp, staging, sizeof staging);
    if (rc != 0) {
        return rc;
    }
    rc = tree_walk(bundled, &lim, &l, NULL, 0);
    if (rc == 0) {
        rc = tree_copy(bundled, &l, staging, NULL, NULL, 0);
    }
    if (rc == 0) {
        rc = store_commit(sp, staging, NULL, 0);
    }
    if (rc != 0) {
        fsu_rm_rf(staging);
    } else {
        add_what(what, n, "bundled");
    }
    tree_list_free(&l);
    return rc;
}

int store_recover_locked(const store_paths *sp, const char *bundled_dir, char *what, size_t n)
{
    unsigned cur = 0;
    if (what && n) {
        what[0] = '\0';
    }
    clean_leftovers(sp, what, n);
    finish_interrupted_status(sp, what, n);
    link_kind k = read_link(sp, &cur);
    if (k == LINK_DIR || k == LINK_OTHER) {
        return 0; /* a plain folder (not imported into yet), or a link someone else made */
    }
    if (k == LINK_OURS && cur && version_readable(sp, cur)) {
        unsigned vs[MAX_VERSIONS];
        size_t count = list_versions(sp, vs, MAX_VERSIONS);
        if (count > 2) { /* a deletion was interrupted */
            prune(sp, cur, newest_other(sp, cur));
        }
        return 0;
    }
    add_what(what, n, k == LINK_NONE ? "missing-content" : "dangling-link");
    unsigned other = newest_other(sp, cur);
    if (other) {
        char item[32];
        snprintf(item, sizeof item, "previous=v%06u", other);
        add_what(what, n, item);
        return set_link(sp, other);
    }
    return link_bundled(sp, bundled_dir, what, n);
}

int store_recover(const char *content_dir, const char *bundled_dir)
{
    store_paths sp;
    struct stat st;
    unsigned v;
    char what[256];
    int fd = -1, rc = store_paths_init(&sp, content_dir);
    if (rc != 0 || (stat(sp.store, &st) != 0 && read_link(&sp, &v) != LINK_OURS)) {
        return rc; /* no store: nothing to repair */
    }
    if ((rc = store_lock(&sp, 1000, &fd)) != 0) {
        return rc; /* an import is running: it repairs the store itself */
    }
    rc = store_recover_locked(&sp, bundled_dir, what, sizeof what);
    if (what[0] || rc != 0) {
        log_line l;
        log_begin(&l, rc ? LOG_ERROR : LOG_WARN, "store-recovered");
        log_str(&l, "content", content_dir);
        log_str(&l, "what", what);
        if (rc) {
            log_str(&l, "reason", strerror(rc));
        }
        log_end(&l);
    }
    store_unlock(fd);
    return rc;
}

int store_rollback(const char *content_dir, int wait_ms, char *why, size_t n)
{
    store_paths sp;
    unsigned cur = 0, prev = 0;
    int fd = -1, rc = store_paths_init(&sp, content_dir);
    const char *reason = "the content folder's name is not valid";
    if (rc == 0 && (rc = store_lock(&sp, wait_ms, &fd)) != 0) {
        reason = rc == EWOULDBLOCK ? "an import is running; try again when it has finished"
                                   : "the content store cannot be opened";
    }
    if (rc == 0) {
        store_recover_locked(&sp, NULL, NULL, 0);
    }
    if (rc == 0 && (read_link(&sp, &cur) != LINK_OURS || !(prev = newest_other(&sp, cur)))) {
        rc = ENOENT;
        reason = "there is no previous exhibit to go back to";
    }
    if (rc == 0 && (rc = set_link(&sp, prev)) != 0) {
        reason = "the content folder could not be switched";
    }
    log_line l;
    log_begin(&l, rc ? LOG_WARN : LOG_INFO, "rollback");
    log_str(&l, "result", rc ? "refused" : "done");
    log_str(&l, "content", content_dir);
    if (rc == 0) {
        char from[16], to[16];
        snprintf(from, sizeof from, "v%06u", cur);
        snprintf(to, sizeof to, "v%06u", prev);
        log_str(&l, "from", from);
        log_str(&l, "to", to);
    } else {
        log_str(&l, "reason", reason);
    }
    log_end(&l);
    if (rc && why && n) {
        snprintf(why, n, "%s", reason);
    }
    store_unlock(fd);
    return rc;
}
