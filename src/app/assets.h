/* assets: the program's own resources (the assets/ folder of the source tree, installed to
 * ${datadir}/memorial-kiosk/assets): the emblem (emblem.svg, drawn by SDL_image's nanosvg at the size
 * asked for) and the kiosk's own words (text/en.txt, az.txt, ru.txt; see ui_strings.h). They are not the
 * exhibit: staff never touch them.
 *
 * A missing or broken asset is one log line, `level=warn event=asset-missing path=… reason=…`, and a
 * plain fallback: the built-in English words, no emblem (assets_draw_emblem then draws a thin accent
 * rule). A problem inside a words file is one `event=asset-warning path=… line=… reason=…` line each.
 *
 * Ownership: assets_dir writes into the caller's buffer. assets_load_strings returns a table the caller
 * frees with strings_free; assets_load_emblem a surface the caller frees with SDL_FreeSurface (load it
 * once per size and keep it, also a NULL: each load of a missing emblem logs again). */
#ifndef KIOSK_ASSETS_H
#define KIOSK_ASSETS_H

#include <stddef.h>

#include <SDL.h>

#include "config.h"
#include "ui_strings.h"

/* The assets folder, written into buf (always NUL-terminated) and returned: $KIOSK_ASSETS_DIR when set
 * and not empty (tests); else KIOSK_SOURCE_DIR/assets when that folder exists (running from the source
 * tree); else ../share/memorial-kiosk/assets beside the program's own folder when it exists (installed
 * under any prefix); else the install folder compiled in (KIOSK_ASSETS_INSTALL_DIR). */
const char *assets_dir(char *buf, size_t n);

/* The words for lang: dir/text/en.txt, then (az, ru) dir/text/<lang>.txt over it. A missing file is
 * logged (asset-missing) and its words come from the next layer. NULL only when out of memory. */
strings *assets_load_strings(const char *dir, config_lang lang);

/* dir/emblem.svg rendered height pixels high (its width from its proportions; height 1..4096). NULL,
 * after one asset-missing line, when the file is missing, not a picture SDL_image can read, or empty
 * (every pixel transparent). */
SDL_Surface *assets_load_emblem(const char *dir, int height);

/* Draws the emblem texture (NULL: none) centred in box, as large as fits without scaling it up; with no
 * texture, a thin horizontal rule of the accent colour across the middle third of box instead, so the
 * place never looks empty by mistake. */
void assets_draw_emblem(SDL_Renderer *r, SDL_Texture *emblem, SDL_Rect box, SDL_Color accent);

#endif
