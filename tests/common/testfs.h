/* testfs: the temporary folders and files of the C tests (unit, render, photo, typo, check), one copy
 * for all of them (static library kiosk_testcommon, tests/common). Strings returned are malloc'd and
 * belong to the caller; an allocation that fails aborts the test program. No global state but the
 * environment: TMPDIR (where folders are made, /tmp when unset) and KIOSK_TEST_KEEP_TMP (1: tf_rm_rf
 * keeps the folder and prints its path; the meaning every test shares, README "Tests"). */
#ifndef KIOSK_TESTFS_H
#define KIOSK_TESTFS_H

#include <stddef.h>
#include <stdio.h>

/* A new folder $TMPDIR/kiosk-TAG-XXXXXX, or NULL (errno set). */
char *tf_mkdtemp(const char *tag);
/* Removes the tree at path (folders made readable first; links not followed). With
 * KIOSK_TEST_KEEP_TMP=1 the tree stays and its path is printed to stderr. NULL or "" does nothing. */
void tf_rm_rf(const char *path);
/* "a/b". */
char *tf_join(const char *a, const char *b);
/* Writes len bytes to path (created or truncated): 0, or -1. */
int tf_write_file(const char *path, const void *data, size_t len);
/* Writes len bytes to dir/rel, making its folders first (dir too): 0, or -1. */
int tf_write_at(const char *dir, const char *rel, const void *data, size_t len);
/* tf_write_at with a string. */
int tf_write_text(const char *dir, const char *rel, const char *text);
/* The whole of an open stream from its start, NUL-terminated (*len, when given, without the NUL), or
 * NULL; the stream is left at its end (a log that is written on goes on after what was read). */
char *tf_read_stream(FILE *f, size_t *len);
/* The whole file, NUL-terminated (*len, when given, without the NUL), or NULL. */
char *tf_read_file(const char *path, size_t *len);
/* Copies a file: 0, or -1. */
int tf_copy_file(const char *from, const char *to);

/* A cmocka fixture (setup/teardown): two new folders, the content root and a folder outside it (for
 * links that point out of the content). tf_dirs_setup sets *state to a malloc'd tf_dirs (-1 when a folder
 * cannot be made); tf_dirs_teardown removes both trees (see tf_rm_rf) and frees it. */
#define TF_DIR_MAX 256
typedef struct {
    char root[TF_DIR_MAX];
    char outside[TF_DIR_MAX];
} tf_dirs;
int tf_dirs_setup(void **state);
int tf_dirs_teardown(void **state);

#endif
