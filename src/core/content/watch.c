/* watch: see watch.h. */
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#define WATCH_MAX_DIRS 1024
#define WATCH_MAX_DEPTH 8

#define TREE_EVENTS                                                                                          \
    (IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB |          \
     IN_DELETE_SELF | IN_MOVE_SELF)
#define PARENT_EVENTS (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)

struct watch {
    int fd;
    char *dir;    /* the content folder */
    char *parent; /* its parent folder */
    char *name;   /* its name in the parent */
    int parent_wd;
    int wds[WATCH_MAX_DIRS];
    size_t wd_count;
    uint32_t settle_ms;
    bool pending;     /* something changed, not reported yet */
    bool rescan;      /* sub-folders were added: watch them too */
    bool reroot;      /* the folder itself was replaced or removed: watch the tree anew */
    uint64_t last_ms; /* time of the last event */
};

static void forget_tree(watch *w)
{
    for (size_t i = 0; i < w->wd_count; i++) {
        inotify_rm_watch(w->fd, w->wds[i]);
    }
    w->wd_count = 0;
}

/* Whether the entry e of folder path is a folder (a link to one counts): readdir's d_type says so for
 * most, stat only for links and file systems without d_type (20,000 photos are 20,000 disk reads with a
 * cold page cache, and the folder is watched while the first slide is on screen). */
static bool is_folder(const char *sub, const struct dirent *e)
{
    struct stat st;
    if (e->d_type == DT_DIR) {
        return true;
    }
    if (e->d_type != DT_LNK && e->d_type != DT_UNKNOWN) {
        return false;
    }
    return stat(sub, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Adds watches for path and its sub-folders (hidden ones skipped, like the scan does). */
static void add_tree(watch *w, const char *path, int depth)
{
    DIR *d = NULL;
    struct dirent *e;
    if (depth > WATCH_MAX_DEPTH || w->wd_count >= WATCH_MAX_DIRS) {
        return;
    }
    int wd = inotify_add_watch(w->fd, path, TREE_EVENTS | IN_ONLYDIR);
    if (wd < 0) {
        return;
    }
    bool known = false; /* adding a watched folder again gives its old descriptor */
    for (size_t i = 0; i < w->wd_count && !known; i++) {
        known = w->wds[i] == wd;
    }
    if (!known) {
        w->wds[w->wd_count++] = wd;
    }
    d = opendir(path);
    if (!d) {
        return;
    }
    while ((e = readdir(d)) != NULL) {
        char sub[PATH_MAX];
        if (e->d_name[0] == '.') {
            continue;
        }
        if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= (int)sizeof sub) {
            continue;
        }
        if (is_folder(sub, e)) {
            add_tree(w, sub, depth + 1);
        }
    }
    closedir(d);
}

static void rebuild(watch *w)
{
    if (w->reroot) {
        forget_tree(w);
    }
    add_tree(w, w->dir, 0);
    w->rescan = w->reroot = false;
}

static void drop_wd(watch *w, int wd)
{
    for (size_t i = 0; i < w->wd_count; i++) {
        if (w->wds[i] == wd) {
            w->wds[i] = w->wds[--w->wd_count];
            return;
        }
    }
}

watch *watch_open(const char *dir, uint32_t settle_ms)
{
    watch *w = calloc(1, sizeof *w);
    if (!w) {
        return NULL;
    }
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    w->dir = strdup(dir);
    w->parent = strdup(dir);
    if (w->fd < 0 || !w->dir || !w->parent) {
        goto fail;
    }
    /* parent and name: "a/b/content/" -> "a/b", "content" */
    size_t n = strlen(w->parent);
    while (n > 1 && w->parent[n - 1] == '/') {
        w->parent[--n] = '\0';
    }
    char *slash = strrchr(w->parent, '/');
    if (!slash) {
        w->name = strdup(w->parent);
        free(w->parent);
        w->parent = strdup(".");
    } else {
        w->name = strdup(slash + 1);
        if (slash == w->parent) {
            slash[1] = '\0';
        } else {
            *slash = '\0';
        }
    }
    if (!w->name || !w->parent) {
        goto fail;
    }
    w->settle_ms = settle_ms;
    w->parent_wd = inotify_add_watch(w->fd, w->parent, PARENT_EVENTS | IN_ONLYDIR);
    rebuild(w);
    return w;
fail:
    watch_close(w);
    return NULL;
}

void watch_close(watch *w)
{
    if (!w) {
        return;
    }
    if (w->fd >= 0) {
        close(w->fd);
    }
    free(w->dir);
    free(w->parent);
    free(w->name);
    free(w);
}

int watch_fd(const watch *w)
{
    return w->fd;
}

static void on_event(watch *w, const struct inotify_event *ev, uint64_t now_ms)
{
    if (ev->mask & IN_IGNORED) { /* a watch went away (its folder was removed, or we removed it) */
        drop_wd(w, ev->wd);
        return;
    }
    if (ev->wd == w->parent_wd) {
        if (ev->len == 0 || strcmp(ev->name, w->name) != 0) {
            return; /* a sibling of the folder changed: not ours */
        }
        w->reroot = true;
    } else {
        if (ev->len > 0 && ev->name[0] == '.' && !(ev->mask & IN_ISDIR)) {
            return; /* hidden files (editors' swap files, rsync temporaries) do not count */
        }
        if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
            w->reroot = true;
        } else if (ev->mask & IN_ISDIR) {
            w->rescan = true;
        }
    }
    w->pending = true;
    w->last_ms = now_ms;
}

bool watch_poll(watch *w, uint64_t now_ms)
{
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t len = read(w->fd, buf, sizeof buf);
        if (len <= 0) {
            break;
        }
        for (char *p = buf; p < buf + len;) {
            const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
            on_event(w, ev, now_ms);
            p += sizeof *ev + ev->len;
        }
    }
    if (w->rescan ||
        w->reroot) { /* new sub-folders or a new folder: watch them at once, so no write is missed */
        rebuild(w);
    }
    if (!w->pending || now_ms - w->last_ms < w->settle_ms) {
        return false;
    }
    w->pending = false;
    return true;
}

uint64_t watch_deadline(const watch *w)
{
    return w->pending ? w->last_ms + w->settle_ms : UINT64_MAX;
}
