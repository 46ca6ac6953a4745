/* textstyle: the names a laid-out piece of text is set with, shared by the core's layout (show, slide
 * display lists) and the app that draws it: the type roles of the design grid (each has its own font
 * family and size in the app) and the horizontal alignment of a line in its box. Pure. */
#ifndef KIOSK_TEXTSTYLE_H
#define KIOSK_TEXTSTYLE_H

typedef enum {
    FONT_TITLE,
    FONT_DATELINE,
    FONT_BODY,
    FONT_SMALL,
    FONT_CAPTION,
    FONT_BANNER,
    FONT_ROLE_COUNT
} font_role;

/* A line's anchor: its left edge, its centre or its right edge. */
typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } draw_align;

/* "title" "dateline" "body" "small" "caption" "banner" (log events, the --render manifest); "unknown". */
const char *font_role_name(font_role role);
/* "left" "center" "right". */
const char *draw_align_name(draw_align align);

#endif
