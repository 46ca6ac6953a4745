/* content_entry: what one entry of a listed content folder is (a folder, an article or caption text, a
 * picture, a file that is not a slide, or a problem), and which text file is a picture's caption.
 * Used by content.c's walk. An entry is looked at with lstat (following links that stay inside the
 * folder), or, when the walk allows it, by readdir's d_type and its name alone: with a cold page cache a
 * stat is a disk read, and the first item of a large folder should not wait for every sibling. */
#ifndef KIOSK_CONTENT_ENTRY_H
#define KIOSK_CONTENT_ENTRY_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

typedef enum {
    ENT_DIR,
    ENT_TEXT,    /* .txt: an article, or the caption of an image */
    ENT_IMAGE,   /* listed, not decoded */
    ENT_SILENT,  /* kiosk.conf, playlist.txt, README*, *.md, *.example, Thumbs.db, desktop.ini */
    ENT_PROBLEM, /* not shown: problem (+ err) says why */
} centry_kind;

typedef enum {
    CENTRY_NOT,  /* not looked at yet: only the name and d_type are known */
    CENTRY_NAME, /* kind from d_type and the name (no disk read): dev, ino and size unknown */
    CENTRY_STAT, /* kind, dev, ino and size from lstat (stat through a link) */
} centry_seen;

typedef struct {
    char *rel;            /* owned (by the walk): path relative to the root */
    char *abs;            /* owned (by the walk): root joined with rel */
    const char *name;     /* the last component of rel (points into rel) */
    size_t stem;          /* length of name without its extension */
    unsigned char d_type; /* readdir's: DT_REG, DT_DIR, DT_LNK, DT_UNKNOWN, ... */
    centry_seen seen;     /* how much of the rest is known */
    centry_kind kind;
    diag_severity severity; /* ENT_PROBLEM */
    const char *problem;    /* ENT_PROBLEM: static message */
    int err;                /* ENT_PROBLEM: errno whose text follows the message, or 0 */
    dev_t dev;
    ino_t ino;
    off_t size;
    int caption_done;   /* ENT_TEXT caption: already read (caption_text may still be NULL) */
    char *caption_text; /* owned (by the walk): the cleaned caption, NULL when empty or unusable */
} centry;

typedef struct {
    const char *root_real; /* borrowed: realpath of the content folder (links must stay inside it) */
    int by_type;           /* 1: d_type DT_REG or DT_DIR and the name are enough (centry_look) */
    size_t *stat_calls;    /* borrowed: counts every lstat/stat made */
} centry_ctx;

/* True when name (or a path's last component) ends in a supported image extension (content.h's
 * content_is_image_name). */
int centry_is_image_name(const char *name);
/* Length of name without its extension ("alley" of "alley.jpg"; a leading dot is not one). */
size_t centry_stem_len(const char *name);
/* Looks at e with lstat (stat through a link inside the root): kind, dev, ino, size; seen CENTRY_STAT.
 * Problems (unreadable, a link outside or nowhere, not a file or folder, not a slide) make it
 * ENT_PROBLEM. Returns 0, or -1 when out of memory. */
int centry_stat(const centry_ctx *x, centry *e);
/* Makes e's kind known (nothing when already seen): by d_type and the name when x->by_type and d_type is
 * DT_REG or DT_DIR, else centry_stat. Returns 0 or -1 (no memory). */
int centry_look(const centry_ctx *x, centry *e);
/* The caption of picture i among the folder's n entries: the first text entry with its stem, stems
 * compared ignoring ASCII case (*out SIZE_MAX: none). Looks only at entries with that stem. Returns 0
 * or -1 (no memory). */
int centry_find_caption(const centry_ctx *x, centry *ents, size_t n, size_t i, size_t *out);
/* *out 1 when text entry i is a picture's caption rather than an article: a picture of the folder has
 * its stem and no text entry before it does. Looks only at entries with that stem. Returns 0 or -1. */
int centry_is_caption(const centry_ctx *x, centry *ents, size_t n, size_t i, int *out);

#endif
