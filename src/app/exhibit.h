/* exhibit: one value for everything the kiosk shows and how it shows it: the content folder (articles,
 * pictures, playlist.txt, kiosk.conf) with the command line over it, resolved into what each part uses
 * (picture settings, palette, fonts, timing, schedule, staff corner, screen). One function builds it, for
 * the live show, --render, --check, --contact-sheet and the live reload alike; a reload swaps a whole new
 * exhibit in at a slide boundary, so every setting of kiosk.conf takes effect there and nothing is
 * read from process-wide state. Immutable once built.
 * Ownership: exhibit_load returns a new exhibit owned by the caller, with its content and its words;
 * exhibit_free frees them all. */
#ifndef KIOSK_EXHIBIT_H
#define KIOSK_EXHIBIT_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "content.h"
#include "design.h"
#include "draw.h"
#include "fonts.h"
#include "picture.h"
#include "schedule.h"
#include "show.h"
#include "slide_draw.h"
#include "ui_strings.h"

typedef struct {
    content *content;          /* owned: items, problems (diags) and the folder's kiosk.conf (config) */
    double speed;              /* --speed: every duration is divided by it */
    picture_settings pictures; /* [pictures] with --fit and --max-pixels over it */
    draw_palette palette;      /* [colors] */
    fonts_config fonts;        /* [fonts] (points into content->config) */
    schedule schedule;         /* [schedule] */
    show_timing timing;        /* [show] durations and reading speed, with speed */
    uint32_t transition_ms;    /* [transition], scaled by speed; 0: a cut */
    uint32_t idle_resume_ms;   /* [show] idle_resume_seconds, scaled by speed */
    int staff_corner;          /* [staff] corner: 0 top-left .. 3 bottom-right, 4 none */
    uint32_t long_press_ms;    /* [staff] long_press_seconds */
    double safe_area;          /* [screen] safe_area_percent / 100 */
    int rotation;              /* [screen] rotation, degrees clockwise */
    const char *sync_group;    /* [sync] group (points into content->config); "" none */
    uint16_t sync_port;        /* [sync] port of the group's beacon */
    uint32_t switch_delay_ms;  /* [sync] switch_delay_seconds (not scaled by speed) */
    char version[32];          /* in a group: the content version id (contentver.h); "" otherwise */
    strings *ui;               /* owned: the kiosk's own words in [banner] language (assets/text) */
    config_lang languages[SHOW_BANNER_LINES]; /* the exhibit's languages (lang_of_exhibit) */
    strings *words[SHOW_BANNER_LINES];        /* owned: the words in each of them */
    size_t language_count;
} exhibit;

/* Loads dir (see loader_load) and resolves its settings with the command line's (cli: borrowed for the
 * call; NULL: none). Problems are logged when log_problems (else they stay in content->diags). NULL
 * only when out of memory. */
exhibit *exhibit_load(const char *dir, const cli_options *cli, bool log_problems);
/* The exhibit of the folder's first item alone (loader_load_first), for a first frame that does not wait
 * for the whole folder; the whole exhibit follows. NULL when there is no such shortcut (see
 * loader_load_first). */
exhibit *exhibit_load_first(const char *dir, const cli_options *cli);
void exhibit_free(exhibit *e);
/* Logs what the exhibit resolved to (event=exhibit: the settings in effect), at start and at each swap. */
void exhibit_log(const exhibit *e);
/* The look for a screen of w x h: the design grid with the exhibit's safe area, and its fonts opened
 * into *fonts (close with fonts_close). */
design exhibit_open_look(const exhibit *e, int w, int h, kiosk_fonts *fonts);
/* The show laid out for the design with the real fonts as measurer, every slide with its display list
 * (slide_layout_show). NULL only when out of memory. */
show *exhibit_build(const exhibit *e, const design *d, const kiosk_fonts *fonts);
/* The same slides without their display lists (--check: what is shown, in which order, how long). */
show *exhibit_build_plan(const exhibit *e, const design *d, const kiosk_fonts *fonts);
/* The first slide of the show alone, as exhibit_build lays it out (an article's title slide without its
 * pages): drawn at start while the whole show is laid out. NULL when out of memory. */
show *exhibit_build_first(const exhibit *e, const design *d, const kiosk_fonts *fonts);
/* The emblem (assets/emblem.svg) at the height slides of design d draw it; NULL (logged) when missing.
 * Free with SDL_FreeSurface. */
SDL_Surface *exhibit_load_emblem(const design *d);
/* The slides' drawing context for a renderer, the design, fonts and emblem (borrowed: all must outlive
 * it; emblem may be NULL). */
slide_draw_ctx exhibit_draw_ctx(const exhibit *e, SDL_Renderer *r, const design *d, const kiosk_fonts *fonts,
                                SDL_Surface *emblem);

#endif
