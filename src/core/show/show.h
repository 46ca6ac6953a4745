/* show: the list of slides built from scanned content, laid out for one screen size.
 * An article becomes a title slide, then excerpt slides whose lines are already broken for the screen;
 * an image becomes an image slide. An empty content list gives one fallback slide, so a show is never
 * empty. Each slide has room for its display list, which slide_layout_show fills (every text box, rule
 * and strip, positioned and sized). Pure: text is measured through callbacks. */
#ifndef KIOSK_SHOW_H
#define KIOSK_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "banner.h"
#include "content.h"
#include "displaylist.h"
#include "layout.h"

typedef enum { SLIDE_TITLE, SLIDE_EXCERPT, SLIDE_IMAGE, SLIDE_FALLBACK, SLIDE_BANNER } slide_kind;

typedef struct {
    char *text;      /* one laid-out line, UTF-8 */
    bool para_start; /* a paragraph starts here: the renderer adds para_gap above (not on the first line) */
    bool rtl;        /* its paragraph is right to left: the line is set flush right, runs in bidi order */
} slide_line;

typedef struct {
    slide_kind kind;
    char *source;   /* relative path in the content folder; NULL for the fallback slide */
    char *path;     /* image: path to open; NULL otherwise */
    char *title;    /* title and excerpt slides: the article title (excerpt: running head); fallback: heading;
                     * banner: the commemorated date ("20 January 1990"), set large */
    char *dateline; /* title slide: dateline or NULL; fallback: sub-heading */
    char *date_text; /* title slide: human date "20 January 2024" or NULL; banner: the years ("36 years") */
    char *caption;   /* image: caption or NULL */
    slide_line
        *lines; /* excerpt: the body lines of this slide; banner: the memorial line, one per language */
    size_t line_count;
    size_t part, parts; /* excerpt: 1-based part number of the article's excerpts, and their count */
    char *banner;       /* the date banner text shown on this slide, never NULL */
    size_t words;       /* words to read on this slide */
    uint32_t duration_ms;
    int fit;            /* image: a config_fit from playlist.txt, or -1: the configured default */
    display_list boxes; /* what it shows, laid out for the show's screen (slide_layout_show); empty
                         * until then */
} slide;

typedef struct {
    slide *slides;
    size_t count; /* >= 1 */
} show;

typedef struct {
    uint32_t words_per_minute; /* reading speed for text duration */
    uint32_t text_min_ms;      /* clamp of text durations */
    uint32_t text_max_ms;
    uint32_t text_base_ms; /* added to reading time (to look up, to settle) */
    uint32_t title_ms;     /* title slides */
    uint32_t image_ms;     /* image slides */
    double speed;          /* all durations are divided by this (> 0) */
} show_timing;

/* The words of the banner slide and of the fallback card, in the exhibit's languages (the shell takes
 * them from assets/text; all borrowed for show_build). */
#define SHOW_BANNER_LINES 3
typedef struct {
    const char *date;                     /* "20 January 1990" in the banner's language */
    const char *years;                    /* "36 years"; NULL or "" when none */
    const char *lines[SHOW_BANNER_LINES]; /* the memorial line in each language, in order */
    size_t line_count;
    uint32_t duration_ms;                           /* [banner] slide_seconds (a playlist's duration= wins) */
    const char *fallback_title, *fallback_subtitle; /* the card of an empty folder (NULL: English) */
} show_words;

typedef struct {
    layout_box body;           /* excerpt text box */
    layout_measure_fn measure; /* measures body text */
    void *measure_ctx;
    show_timing timing;
    const char *default_banner; /* banner for slides without an article date, e.g. "20 January 1990" */
    /* Banner templates (see banner.h); when banner is not NULL they replace the fixed banners above:
     * banner_article for slides of an article with a closing line, banner_default for all others. The
     * values' category and article_date are filled in per article. Dates on title slides use its
     * language. */
    const banner_values *banner;
    const char *banner_article;
    const char *banner_default;
    bool titles_only;        /* articles give their title slide only, unpaginated (a quick first frame) */
    const show_words *words; /* the banner slide's and fallback card's words; NULL: English, no lines */
} show_params;

/* Default timing (speed 1). */
show_timing show_timing_default(void);
/* Builds the show. Returns NULL only when out of memory. Free with show_free. */
show *show_build(const content *c, const show_params *p);
void show_free(show *s);
/* Scales ms by 1/speed, at least 1 ms. */
uint32_t show_scale_ms(uint32_t ms, double speed);
const char *slide_kind_name(slide_kind k); /* "title" "excerpt" "image" "fallback" "banner" */
/* Height of an excerpt slide's body lines in box (layout_block_height with the slide's para_start lines
 * after the first). Within box->height for the box the show was built with (unless one line alone is
 * taller than the box). */
int show_slide_body_height(const slide *s, const layout_box *box);

#endif
