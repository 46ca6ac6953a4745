/* content: scans a content folder into an ordered list of items (articles and images).
 * Walks sub-folders, ignores hidden files, natural-sorts by relative path, parses articles,
 * and records every problem in a diag_list (the scan itself never fails on content).
 * Images are only listed here, not decoded: the shell decodes them.
 * A text file with the same stem as an image in the same folder ("alley.jpg" + "alley.txt") is that
 * image's caption, not an article. kiosk.conf, playlist.txt and README* files are not slides. */
#ifndef KIOSK_CONTENT_H
#define KIOSK_CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "config.h"
#include "diag.h"
#include "textfile.h" /* content_read_file */

/* CONTENT_BANNER: the date banner as a slide of its own; no file (rel_path "@banner"), placed by kiosk.conf
 * [banner] slide (banner_place.h) or by a playlist's "@banner" line. */
typedef enum { CONTENT_ARTICLE, CONTENT_IMAGE, CONTENT_BANNER } content_kind;

#define CONTENT_BANNER_NAME "@banner"

typedef struct {
    content_kind kind;
    char *rel_path;       /* relative to the folder, '/'-separated, e.g. "photos/alley.jpg" */
    char *abs_path;       /* path usable with fopen (folder path joined with rel_path) */
    article *article;     /* CONTENT_ARTICLE: owned parsed article; NULL for images */
    char *caption;        /* CONTENT_IMAGE: caption text (trimmed UTF-8) or NULL */
    uint32_t duration_ms; /* from playlist.txt; 0: the default duration */
    int fit;              /* from playlist.txt: a config_fit, or -1: the default */
} content_item;

typedef struct {
    char *root; /* the folder as given */
    content_item *items;
    size_t count;
    diag_list diags;     /* problems, paths relative to root ("" for the folder itself) */
    kiosk_config config; /* the folder's kiosk.conf (defaults from content_scan; loaded by the caller) */
    size_t stat_calls;   /* stat/lstat calls of the scan (each a disk read with a cold page cache) */
} content;

/* Scans root. Returns NULL only when out of memory. A missing or empty folder gives count == 0 and a
 * diag explaining why. The result owns everything; free with content_free. */
content *content_scan(const char *root);
/* The same, but the walk stops once limit items are found (0: no limit): the first items of the show in
 * name order, found without reading the whole folder (the kiosk's first frame does not wait for a folder
 * of thousands of photos). The items are those content_scan would list first, in the same order. With a
 * limit, entries are told apart by readdir's d_type and their names: only the folders walked into, the
 * pictures listed and links are stat()ed (the rest of a folder of 200 sub-folders is not). The diags
 * are those met on the way; an entry that lstat alone would have found unreadable may be missing. */
content *content_scan_first(const char *root, size_t limit);
void content_free(content *c);
/* Frees what one item owns (not the item itself). */
void content_item_free(content_item *it);
/* Removes item i (freeing what it owns); later items move up. */
void content_remove(content *c, size_t i);

/* True when name ends in a supported image extension (jpg jpeg png webp gif bmp, any case). */
int content_is_image_name(const char *name);
/* Reads and parses one article file (at most 1 MiB). A problem (unreadable, too large, not a valid
 * article) is added to diags as an error under rel and leaves *out NULL. Returns 0, or -1 when out of
 * memory. On success *out is a new article owned by the caller. */
int content_load_article(const char *abs, const char *rel, diag_list *diags, article **out);
/* Reads one caption file (UTF-8, at most 64 KiB) into *out: trimmed, whitespace and line breaks
 * collapsed to single spaces; NULL when empty. A problem is added to diags as a warning under rel and
 * leaves *out NULL. Returns 0, or -1 when out of memory. On success *out is owned by the caller. */
int content_load_caption(const char *abs, const char *rel, diag_list *diags, char **out);

#endif
