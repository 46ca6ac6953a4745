/* store: the content folder as versions behind one symbolic link, swapped whole.
 * For the content folder P/NAME the store is P/.NAME.store (same file system): complete versions
 * v000001, v000002, ... (never changed once in), staging-* folders (an import being copied, or a version
 * being deleted; removed by recovery), the lock file "lock" and the import's "status" file. P/NAME is a
 * relative symbolic link to .NAME.store/vNNNNNN, replaced atomically (a new link under the temporary
 * name P/.NAME.link-tmp renamed over it, then P fsync'ed), so the kiosk and the docs keep using P/NAME.
 * A plain folder P/NAME (a fresh installation) is moved into the store on the first commit, swapped with
 * its link by renameat2(RENAME_EXCHANGE): P/NAME never goes missing. The current version and the one
 * before are kept (--rollback); older ones are deleted.
 * Plain POSIX (and Linux renameat2), pure core. Ownership: nothing is allocated for the caller; the lock
 * is a descriptor the caller closes with store_unlock. */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char content[PATH_MAX];  /* P/NAME, as given, without trailing slashes */
    char parent[PATH_MAX];   /* P */
    char name[256];          /* NAME */
    char store[PATH_MAX];    /* P/.NAME.store */
    char tmp_link[PATH_MAX]; /* P/.NAME.link-tmp */
} store_paths;

/* Fills sp for content_dir. Returns 0 or an errno value (EINVAL, ENAMETOOLONG). */
int store_paths_init(store_paths *sp, const char *content_dir);
/* P/.NAME.store for content_dir. Returns 0 or an errno value. */
int store_dir_path(const char *content_dir, char *buf, size_t n);
/* The import's status file of content_dir (import_status.h): P/.NAME.store/status. Returns 0, or an
 * errno value. */
int store_status_path(const char *content_dir, char *buf, size_t n);

/* Creates the store folder when needed and takes its lock, waiting up to wait_ms. Returns 0 with *fd
 * set; EWOULDBLOCK when another process holds it (an import is running); or an errno value. */
int store_lock(const store_paths *sp, int wait_ms, int *fd);
void store_unlock(int fd);

/* Creates an empty staging folder in the store (under the lock); its path goes to out. 0 or errno. */
int store_staging_create(const store_paths *sp, char *out, size_t n);
/* The folder the kiosk shows now, resolved: the current version, or P/NAME itself while it is a plain
 * folder. 0, or ENOENT when there is none (a dangling link, no folder). */
int store_current(const store_paths *sp, char *out, size_t n);
/* Makes the complete, fsync'ed folder staging the new current version (under the lock): renamed into
 * the store as the next version, the link swapped, versions but the new and the old current deleted.
 * version (may be NULL) gets the new version's name. 0 or an errno value. */
int store_commit(const store_paths *sp, const char *staging, char *version, size_t n);

/* Repairs the store under the lock: removes staging folders and temporary files left by an interrupted
 * import (a status still "reading" becomes "refused": interrupted), and when the link is dangling or its
 * version unreadable, links the newest readable other version, else a copy of bundled_dir (may be
 * NULL) as a new version. what (may be NULL) gets a comma-separated list of what was repaired ("" when
 * nothing). 0 or an errno value. */
int store_recover_locked(const store_paths *sp, const char *bundled_dir, char *what, size_t n);
/* store_recover_locked with the lock (waiting up to 1 s; skipped while an import holds it), logging
 * event=store-recovered what=... when something was repaired. Nothing happens for a content folder that
 * has no store. Returns 0 or an errno value. */
int store_recover(const char *content_dir, const char *bundled_dir);

/* Brings back the previous exhibit (the newest other version): the link is swapped; the current one
 * stays as the new previous, so a second rollback undoes the first. For the staff panel too (it takes
 * the lock, waiting up to wait_ms). Logs event=rollback. Returns 0; ENOENT when there is no previous
 * exhibit; EWOULDBLOCK when an import is running; or an errno value; why (may be NULL) gets the reason
 * in plain words. */
int store_rollback(const char *content_dir, int wait_ms, char *why, size_t n);

#endif
