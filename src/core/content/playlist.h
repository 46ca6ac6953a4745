/* playlist: the optional playlist.txt of a content folder: one file name per line in show order, with
 * per-line settings after the name ("alley.jpg duration=12 fit=cover"), '#' comments and blank lines.
 * The line "@banner" (with an optional duration=) places the date banner slide (CONTENT_BANNER).
 * Names are relative to the folder ('\' is read as '/'); a name that is absolute or has a ".." part is
 * refused (nothing escapes the folder). Problems go to a diag_list as `playlist.txt:LINE: …`. Pure. */
#ifndef KIOSK_PLAYLIST_H
#define KIOSK_PLAYLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "content.h"
#include "diag.h"

typedef struct {
    char *name;           /* relative path, '/'-separated */
    int line;             /* line in playlist.txt */
    uint32_t duration_ms; /* 0: the default duration */
    int fit;              /* a config_fit, or -1: the default */
} playlist_entry;

typedef struct {
    playlist_entry *entries; /* owned */
    size_t count;
} playlist;

/* Parses text into out (entries owned by out; free with playlist_free). Returns 0, or -1 when out of
 * memory. */
int playlist_parse(const char *text, const char *path, playlist *out, diag_list *diags);
void playlist_free(playlist *p);
/* Reads dir/playlist.txt when it exists. *found tells whether there was one. Returns 0 or -1 (memory). */
int playlist_load(const char *dir, playlist *out, bool *found, diag_list *diags);
/* The same for another file name in dir (e.g. "playlist-remembrance.txt"). */
int playlist_load_file(const char *dir, const char *name, playlist *out, bool *found, diag_list *diags);
/* Reorders c->items by the playlist: listed files first, in its order, with their settings; files not
 * listed are appended in their natural order when append_unlisted, else left out. A listed name that
 * is not a shown item gets a warning. Returns 0, or -1 when out of memory (c unchanged). */
int playlist_apply(const playlist *p, content *c, bool append_unlisted);

#endif
