/* harness: helpers shared by the render and check tests, which run the real memorial-kiosk binary as a
 * child process and inspect what it wrote: temp folders, running a program with a time limit and its
 * output captured, the --render manifest (slides.txt), and PNG pixels. Every function reports a problem
 * through its return value and a message, never by aborting, so a test can say what went wrong. */
#ifndef KIOSK_TEST_HARNESS_H
#define KIOSK_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "testfs.h"

/* ---- files and folders ---- */

/* Temp folders and files: tests/common/testfs.h (tf_mkdtemp, tf_rm_rf, tf_join, tf_write_file, ...). */
/* Number of entries in dir whose name is exactly three digits + ".png"; -1 when dir cannot be read. */
int kh_count_numbered_pngs(const char *dir);

/* ---- running a program ---- */

typedef struct {
    int exit_code;  /* the exit status; -1 when killed by a signal or the time limit */
    int signal;     /* the signal that ended it, or 0 */
    bool timed_out; /* killed after timeout_ms */
    char *out;      /* captured stdout, NUL-terminated (never NULL after kh_run) */
    char *err;      /* captured stderr, NUL-terminated */
    long elapsed_ms;
} kh_result;

/* Runs argv[0] (a path) with argv, stdin from /dev/null, stdout and stderr captured (through files in
 * work_dir). Kills it after timeout_ms. Returns 0 when it could be started, -1 otherwise. */
int kh_run(const char *const argv[], const char *work_dir, long timeout_ms, kh_result *r);
void kh_result_free(kh_result *r);
/* The line of text containing needle (the first), malloc'd, or NULL. */
char *kh_find_line(const char *text, const char *needle);

/* ---- the --render manifest ---- */

typedef struct {
    char *name; /* title, dateline, date, caption, para, line, banner, box (the display list) */
    char *text;
} kh_field;

typedef struct {
    char *file;   /* "001.png" */
    char *kind;   /* title, excerpt, image, fallback */
    char *source; /* may be "" */
    long duration_ms;
    kh_field *fields;
    size_t field_count;
} kh_entry;

typedef struct {
    kh_entry *entries;
    size_t count;
} kh_manifest;

/* Parses DIR/slides.txt. Returns 0, or -1 with a reason in err (e.g. a malformed line). */
int kh_manifest_load(const char *path, kh_manifest *m, char *err, size_t errlen);
void kh_manifest_free(kh_manifest *m);
/* The text of the first field called name in e, or NULL. */
const char *kh_entry_field(const kh_entry *e, const char *name);

/* ---- pixels ---- */

typedef struct {
    int w, h;
    uint8_t *rgb; /* w*h*3 bytes, row by row */
} kh_image;

typedef struct {
    uint8_t r, g, b;
} kh_rgb;

/* Loads a picture file (PNG) with SDL_image into 8-bit RGB. Returns 0 or -1 with a reason in err. */
int kh_image_load(const char *path, kh_image *img, char *err, size_t errlen);
void kh_image_free(kh_image *img);
kh_rgb kh_pixel(const kh_image *img, int x, int y);
/* True when every channel of p is within tol of (r, g, b). */
bool kh_rgb_near(kh_rgb p, int r, int g, int b, int tol);
/* Share (0..1) of the pixels whose three channels are all >= min (light text on the dark exhibit). */
double kh_bright_share(const kh_image *img, int min);
/* Share (0..1) of the pixels that are not near black (any channel > 8). */
double kh_nonblack_share(const kh_image *img);

/* ---- a test's fixture ---- */

/* What one test owns: its temp folder and what it reads back, all released by kh_fixture_free even when
 * the test failed half-way (cmocka jumps out of a failed test; its teardown still runs). */
typedef struct {
    char *tmp;
    kh_result run;
    kh_manifest manifest;
    kh_image image;
    void **garbage;
    size_t garbage_count;
} kh_fixture;

/* A fixture with a new temp folder named after tag. NULL on failure. */
kh_fixture *kh_fixture_new(const char *tag);
/* Frees everything and removes the temp folder (kept, and its path printed, when $KIOSK_TEST_KEEP_TMP is
 * set, to look at a failure). */
void kh_fixture_free(kh_fixture *f);
/* tmp/rel, owned by the fixture. */
char *kh_fx_path(kh_fixture *f, const char *rel);
/* Writes content/kiosk.conf with `[banner] slide = none`: for tests of other slides, whose show should
 * hold only the slides of their own files (the banner slide has tests of its own). 0 or -1. */
int kh_fx_no_banner_slide(kh_fixture *f);
/* Registers p (malloc'd) to be freed with the fixture; returns p. */
void *kh_fx_keep(kh_fixture *f, void *p);
/* cmocka setup/teardown that make *state a kh_fixture (tag "test"). */
int kh_fixture_setup(void **state);
int kh_fixture_teardown(void **state);

/* ---- words ---- */

/* Splits text at ASCII white space; appends each word (malloc'd) to *words. Returns 0 or -1. */
int kh_split_words(const char *text, char ***words, size_t *count, size_t *cap);
void kh_free_words(char **words, size_t count);

#endif
