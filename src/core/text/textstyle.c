/* textstyle: see textstyle.h. */
#include "textstyle.h"

static const char *const role_name[FONT_ROLE_COUNT] = {
    [FONT_TITLE] = "title", [FONT_DATELINE] = "dateline", [FONT_BODY] = "body",
    [FONT_SMALL] = "small", [FONT_CAPTION] = "caption",   [FONT_BANNER] = "banner",
};

const char *font_role_name(font_role role)
{
    return role >= 0 && role < FONT_ROLE_COUNT ? role_name[role] : "unknown";
}

const char *draw_align_name(draw_align align)
{
    return align == ALIGN_CENTER ? "center" : align == ALIGN_RIGHT ? "right" : "left";
}
