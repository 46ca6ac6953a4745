/* text_block: see text_block.h. */
#include "text_block.h"

#include "draw.h"
#include "layout.h"

int text_block_draw_centered(const slide_draw_ctx *c, font_role role, const char *text, int cx, int y,
                             int width, int line_h, SDL_Color col)
{
    layout_lines lines = {0};
    fonts_measurer m = {c->fonts, role};
    if (!text || !*text || layout_break(text, width, fonts_measure_cb, &m, &lines) != 0)
        return 0;
    for (size_t i = 0; i < lines.count; i++)
        draw_text(c->renderer, c->fonts->font[role], text + lines.lines[i].start, lines.lines[i].len, cx,
                  y + (int)i * line_h, line_h, ALIGN_CENTER, col);
    int h = (int)lines.count * line_h;
    layout_lines_free(&lines);
    return h;
}

int text_block_height(const slide_draw_ctx *c, font_role role, const char *text, int width, int line_h)
{
    layout_lines lines = {0};
    fonts_measurer m = {c->fonts, role};
    if (!text || !*text || layout_break(text, width, fonts_measure_cb, &m, &lines) != 0)
        return 0;
    int h = (int)lines.count * line_h;
    layout_lines_free(&lines);
    return h;
}
