/* displaylist: what a slide shows at rest, as a list of boxes in paint order, laid out for one screen
 * (slide_layout.c fills it): every text line (its box, type role and size, alignment, direction, colour
 * role, the text itself with the ellipsis when it was cut), the filled rectangles (rules, strips) and the
 * emblem's box. The app paints the list over the background (and an image slide's photograph) and
 * decides nothing itself; the --render manifest writes it. Also the look a list is laid out for
 * (slide_look: the design grid and a measurer). Pure.
 * Ownership: a display_list owns its items and their texts; display_list_free releases them. */
#ifndef KIOSK_DISPLAYLIST_H
#define KIOSK_DISPLAYLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "design.h"
#include "textstyle.h"

typedef enum { DL_TEXT, DL_FILL, DL_EMBLEM } dl_kind;

/* Colours by their role in the exhibit's palette (kiosk.conf [colors]); RULE and SHADE are fixed: the
 * running head's hairline and the translucent black strip under a caption. */
typedef enum {
    DL_INK_TEXT,
    DL_INK_TEXT_DIM,
    DL_INK_ACCENT,
    DL_INK_BANNER_BG,
    DL_INK_BANNER_TEXT,
    DL_INK_RULE,
    DL_INK_SHADE
} dl_ink;

typedef struct {
    dl_kind kind;
    int x, y, w, h; /* the box in pixels; a text line's box is its line box (h: the line height) */
    dl_ink ink;
    /* DL_TEXT only: */
    font_role role;
    int size;         /* type size in pixels */
    draw_align align; /* anchored at x, x + w / 2 or x + w */
    bool rtl;         /* the paragraph is right to left */
    bool truncated;   /* the text was cut: text ends with the ellipsis */
    char *text;       /* owned, UTF-8, NUL-terminated */
} dl_item;

typedef struct {
    dl_item *items;
    size_t count, cap;
} display_list;

/* Appends a copy of a filled box / emblem box / text line (text[0..len), copied). 0, or -1 when out of
 * memory (the list is unchanged then). */
int display_list_fill(display_list *l, dl_kind kind, int x, int y, int w, int h, dl_ink ink);
int display_list_text(display_list *l, const dl_item *line, const char *text, size_t len);
void display_list_free(display_list *l);

/* Width in pixels of s[0..len) set in role at type size (never 0 here), in a paragraph of direction rtl. */
typedef int (*slide_measure_fn)(void *ctx, font_role role, int size, const char *s, size_t len, bool rtl);

/* The screen a slide is laid out for: its design grid, the measurer, each role's design type size. */
typedef struct {
    const design *design;
    slide_measure_fn measure;
    void *measure_ctx;
    int size[FONT_ROLE_COUNT];
} slide_look;

/* "text" "fill" "emblem"; "text" "text_dim" "accent" "banner_bg" "banner_text" "rule" "shade". */
const char *dl_kind_name(dl_kind k);
const char *dl_ink_name(dl_ink ink);

#endif
