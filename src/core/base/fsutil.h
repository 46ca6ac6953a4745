/* fsutil: crash-safe file work for the content store and the import: a file written whole or not at all
 * (temporary file, fsync, rename, fsync of the folder), fsync of a folder, removal of a tree without
 * following symbolic links. Plain POSIX, pure core.
 * Ownership: nothing is allocated for the caller. Every function returns 0 or an errno value. */
#ifndef KIOSK_FSUTIL_H
#define KIOSK_FSUTIL_H

#include <stddef.h>

/* fsyncs the folder path (so that a rename or creation in it survives a power cut). */
int fsu_fsync_dir(const char *path);
/* Removes path and everything below it; symbolic links are removed, never followed. A missing path is
 * not an error. */
int fsu_rm_rf(const char *path);
/* Writes data to path atomically: a temporary file beside it (".NAME.tmp-XXXXXX"), fsync, rename over
 * path, fsync of the folder. A reader sees the old file or the new one, never a part. Mode 0644. */
int fsu_write_atomic(const char *path, const void *data, size_t len);
/* Writes all len bytes of p to fd (again after EINTR and short writes); EIO when nothing is written. */
int fsu_write_all(int fd, const char *p, size_t len);
/* buf = a + "/" + b; ENAMETOOLONG when it does not fit. */
int fsu_join(char *buf, size_t n, const char *a, const char *b);
/* Splits path (trailing slashes ignored) into its folder and last name: "a/b/c" -> "a/b", "c";
 * "c" -> ".", "c"; "/c" -> "/", "c". ENAMETOOLONG or EINVAL (empty, or "/" alone). */
int fsu_split(const char *path, char *dir, size_t dn, char *name, size_t nn);

#endif
