/* import_tree: the files of a folder as the import sees them, compared and copied. The walk leaves out
 * what must not come in: names starting with a dot (macOS "._*", ".Trashes", ".Spotlight-V100",
 * ".fseventsd", Syncthing's ".stfolder", ".stignore", ".stversions", ".syncthing.*.tmp"), "System Volume
 * Information", "$RECYCLE.BIN", "Thumbs.db", "desktop.ini", Syncthing's "*.sync-conflict-*" and
 * "~syncthing~*.tmp", symbolic links, anything that is neither a file nor a folder, and folders on
 * another file system (all of which could point outside the folder). The copy writes each file whole
 * and fsyncs it, then fsyncs every folder, so a copy that returned 0 survives a power cut.
 * Plain POSIX, pure core. Ownership: a tree_list owns its entries; tree_list_free frees them. */
#ifndef KIOSK_IMPORT_TREE_H
#define KIOSK_IMPORT_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *rel; /* '/'-separated path relative to the root */
    uint64_t size;
    bool is_dir;
} tree_entry;

typedef struct {
    tree_entry *items; /* sorted by rel (strcmp): a folder comes before what it holds */
    size_t count, cap;
    uint64_t bytes; /* sum of the files' sizes */
    size_t files;   /* files (not folders) */
    size_t ignored; /* entries left out by the rules above */
} tree_list;

typedef struct {
    uint64_t max_bytes; /* EFBIG when the files hold more */
    size_t max_files;   /* E2BIG when there are more entries */
} tree_limits;

/* The most entries an exhibit may hold: the max_files of an import and of a seal. */
#define IMPORT_MAX_FILES 100000

/* Called with the bytes read so far (of the compare or the copy). */
typedef void (*tree_progress_fn)(void *ud, uint64_t done);

/* Called by tree_copy after each file with the size and SHA-256 of the bytes it copied. */
typedef void (*tree_copied_fn)(void *ud, const char *rel, uint64_t size, const uint8_t sha[32]);

typedef struct {
    tree_progress_fn progress; /* may be NULL */
    void *ud;
    uint32_t throttle_ms_per_mib; /* tests: sleep this long after each MiB read (0: none) */
    tree_copied_fn copied;        /* may be NULL (then nothing is hashed) */
    void *copied_ud;
} tree_copy_opts;

/* True when a file or folder of this name is left out of an import. */
bool import_ignored_name(const char *name);
/* Lists root. Returns 0; EFBIG / E2BIG over a limit; or an errno value of a read error (ENOENT: root or
 * a folder in it went away). why (may be NULL) gets the reason in plain words. */
int tree_walk(const char *root, const tree_limits *lim, tree_list *out, char *why, size_t n);
void tree_list_free(tree_list *l);
/* Sets *same when the two trees hold the same entries, sizes and bytes. A read error in src is returned
 * (with why); one in cur only makes them differ. */
int tree_same(const char *src, const tree_list *a, const char *cur, const tree_list *b,
              const tree_copy_opts *o, bool *same, char *why, size_t n);
/* Copies the entries of l from src into the existing, empty folder dst (files 0644, folders 0755),
 * fsync'ed. Returns 0 or an errno value with why (ENOSPC: the disk is full; EIO, ENOENT: a read error,
 * the source went away). */
int tree_copy(const char *src, const tree_list *l, const char *dst, const tree_copy_opts *o, char *why,
              size_t n);

#endif
