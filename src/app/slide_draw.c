/* slide_draw: see slide_draw.h. */
#include "slide_draw.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "layout.h"
#include "picture_draw.h"
#include "text_block.h"

static int px(double v)
{
    return (int)(v + 0.5);
}

static void draw_banner(const slide_draw_ctx *c, const slide *s)
{
    const design *d = c->design;
    draw_fill(c->renderer, 0, d->banner_y, d->w, d->h - d->banner_y, DRAW_BANNER_BG);
    draw_fill(c->renderer, 0, d->banner_y, d->w, px(d->h / 540.0 + 0.5), DRAW_ACCENT);
    if (s->banner)
        draw_text(c->renderer, c->fonts->font[FONT_BANNER], s->banner, strlen(s->banner), d->w / 2,
                  d->banner_y, d->banner_h, ALIGN_CENTER, DRAW_BANNER_TEXT);
}

/* Title and fallback slides: a centred group of title, a short accent rule, dateline and date. */
static void draw_title(const slide_draw_ctx *c, const slide *s)
{
    const design *d = c->design;
    int cx = d->w / 2;
    int gap = px(d->body_size * 1.1);
    int rule_h = px(d->h / 360.0 + 0.5);
    int dl_line = px(d->dateline_size * 1.5);
    int title_h = text_block_height(c, FONT_TITLE, s->title, d->title_w, d->title_line_h);
    int dateline_h = text_block_height(c, FONT_DATELINE, s->dateline, d->column_w, dl_line);
    int date_h = s->date_text ? d->small_line_h : 0;
    int total = title_h + gap + rule_h + (dateline_h || date_h ? gap : 0) + dateline_h + date_h;
    int top = d->safe_y + (d->banner_y - d->safe_y - total) / 2;
    if (top < d->safe_y)
        top = d->safe_y;

    int y = top;
    y += text_block_draw_centered(c, FONT_TITLE, s->title, cx, y, d->title_w, d->title_line_h, DRAW_TEXT);
    y += gap;
    int rule_w = px(d->w * 0.06);
    draw_fill(c->renderer, cx - rule_w / 2, y, rule_w, rule_h, DRAW_ACCENT);
    y += rule_h + gap;
    y += text_block_draw_centered(c, FONT_DATELINE, s->dateline, cx, y, d->column_w, dl_line, DRAW_TEXT_DIM);
    if (s->date_text)
        draw_text(c->renderer, c->fonts->font[FONT_SMALL], s->date_text, strlen(s->date_text), cx, y,
                  d->small_line_h, ALIGN_CENTER, DRAW_TEXT_DIM);
}

/* Excerpt slides: a running head (article title, part number), then the body lines. */
static void draw_excerpt(const slide_draw_ctx *c, const slide *s)
{
    const design *d = c->design;
    layout_box box = {d->column_w, d->body_h, d->body_line_h, d->body_para_gap};
    TTF_Font *small = c->fonts->font[FONT_SMALL];

    if (s->parts > 1) {
        char part[32];
        snprintf(part, sizeof part, "%zu / %zu", s->part, s->parts);
        draw_text(c->renderer, small, part, strlen(part), d->column_x + d->column_w, d->runhead_y,
                  d->small_line_h, ALIGN_RIGHT, DRAW_TEXT_DIM);
    }
    if (s->title) {
        layout_lines head = {0};
        fonts_measurer m = {c->fonts, FONT_SMALL};
        int w = d->column_w - fonts_measure(c->fonts, FONT_SMALL, "00 / 00  ", 9);
        if (layout_break(s->title, w, fonts_measure_cb, &m, &head) == 0 && head.count > 0) {
            const layout_line *l = &head.lines[0];
            char buf[512];
            size_t n = l->len < sizeof buf - 4 ? l->len : sizeof buf - 4;
            memcpy(buf, s->title + l->start, n);
            if (head.count > 1)
                memcpy(buf + n, "\xE2\x80\xA6", 3), n += 3; /* … when the title goes on */
            draw_text(c->renderer, small, buf, n, d->column_x, d->runhead_y, d->small_line_h, ALIGN_LEFT,
                      DRAW_TEXT_DIM);
        }
        layout_lines_free(&head);
    }
    draw_fill(c->renderer, d->column_x, d->runhead_y + d->small_line_h + px(d->h / 216.0), d->column_w,
              px(d->h / 1080.0 + 0.5), (SDL_Color){70, 66, 62, 255});

    size_t starts = 0;
    for (size_t i = 1; i < s->line_count; i++)
        starts += s->lines[i].para_start;
    int block = layout_block_height(&box, s->line_count, starts);
    int y = d->body_y + (d->body_h - block) / 2;
    if (y < d->body_y)
        y = d->body_y;
    for (size_t i = 0; i < s->line_count; i++) {
        if (i > 0 && s->lines[i].para_start)
            y += d->body_para_gap;
        draw_text(c->renderer, c->fonts->font[FONT_BODY], s->lines[i].text, strlen(s->lines[i].text),
                  d->column_x, y, d->body_line_h, ALIGN_LEFT, DRAW_TEXT);
        y += d->body_line_h;
    }
}

void slide_draw(const slide_draw_ctx *c, const slide *s, const picture *pic)
{
    const design *d = c->design;
    draw_background(c->renderer, d->w, d->h);
    switch (s->kind) {
    case SLIDE_TITLE:
    case SLIDE_FALLBACK:
        draw_title(c, s);
        break;
    case SLIDE_EXCERPT:
        draw_excerpt(c, s);
        break;
    case SLIDE_IMAGE:
        picture_draw(c, s, pic);
        break;
    }
    draw_banner(c, s);
}
