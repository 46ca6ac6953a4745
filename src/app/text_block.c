/* text_block: see text_block.h. */
#include "text_block.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "fonts_measure.h"
#include "log.h"
#include "textfit.h"

void text_block_log_truncated(font_role role, int size, size_t lines, const char *text)
{
    char head[128];
    size_t n = strlen(text);
    if (n > 80) { /* the start of the text is enough to find it; cut on a character boundary */
        n = 80;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) {
            n--;
        }
    }
    snprintf(head, sizeof head, "%.*s%s", (int)n, text, text[n] ? TEXTFIT_ELLIPSIS : "");
    log_line lg;
    log_begin(&lg, LOG_WARN, "text-truncated");
    log_str(&lg, "role", fonts_role_name(role));
    log_int(&lg, "size", size);
    log_uint(&lg, "lines", lines);
    log_str(&lg, "text", head);
    log_end(&lg);
}

/* Fits text for role into width; returns 0 (out filled, free it) or -1. */
static int fit(const slide_draw_ctx *c, font_role role, const char *text, int width, int line_h,
               textfit_result *out)
{
    const design *d = c->design;
    int size = c->fonts->size[role] > 0 ? c->fonts->size[role] : line_h;
    textfit_box box = {.width = width,
                       .height = line_h,
                       .max_size = size,
                       .min_size = size,
                       .line_ratio = (double)line_h / size,
                       .max_lines = 0};
    if (role == FONT_TITLE) {
        box.height = d->title_box_h, box.min_size = d->title_min_size;
    } else if (role == FONT_DATELINE) {
        box.height = d->dateline_box_h, box.min_size = d->dateline_min_size;
    } else if (role == FONT_CAPTION) {
        box.height = d->caption_box_h, box.min_size = d->caption_min_size;
    }
    fonts_measurer m = {c->fonts, role, 0};
    if (!text || !*text) {
        return -1;
    }
    return textfit_fit(text, &box, fonts_fit_measure_cb, &m, out);
}

int text_block_draw_centered(const slide_draw_ctx *c, font_role role, const char *text, int cx, int y,
                             int width, int line_h, SDL_Color col)
{
    textfit_result res;
    if (fit(c, role, text, width, line_h, &res) != 0) {
        return 0;
    }
    draw_style st = {c->fonts, role, res.size, col};
    for (size_t i = 0; i < res.lines.count; i++) {
        const layout_line *l = &res.lines.lines[i];
        char buf[1024];
        const char *s = text + l->start;
        size_t n = l->len;
        if (res.truncated && i + 1 == res.lines.count && n + 4 <= sizeof buf) {
            memcpy(buf, s, n);
            memcpy(buf + n, TEXTFIT_ELLIPSIS, 3);
            s = buf, n += 3;
        }
        draw_text(c->renderer, &st, s, n, res.lines.rtl, cx, y + (int)i * res.line_h, res.line_h,
                  ALIGN_CENTER);
    }
    if (res.truncated) {
        text_block_log_truncated(role, res.size, res.lines.count, text);
    }
    int h = textfit_height(&res);
    textfit_result_free(&res);
    return h;
}

int text_block_height(const slide_draw_ctx *c, font_role role, const char *text, int width, int line_h)
{
    textfit_result res;
    if (fit(c, role, text, width, line_h, &res) != 0) {
        return 0;
    }
    int h = textfit_height(&res);
    textfit_result_free(&res);
    return h;
}
