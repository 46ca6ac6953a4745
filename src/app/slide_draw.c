/* slide_draw: see slide_draw.h. */
#include "slide_draw.h"

#include <stdio.h>
#include <string.h>

#include "assets.h"
#include "bidi.h"
#include "draw.h"
#include "fonts_measure.h"
#include "layout.h"
#include "picture_draw.h"
#include "text_block.h"
#include "textcase.h"
#include "textfit.h"

static int px(double v)
{
    return (int)(v + 0.5);
}

int slide_draw_emblem_height(const design *d)
{
    int side = d->w < d->h ? d->w : d->h;
    return px(side * 0.15);
}

/* One line of text fitted into width at size (0: the role's size; down to min_size when min_size < size),
 * cut with an ellipsis when it still does not fit (and then logged when warn). */
static void draw_line_sized(const slide_draw_ctx *c, font_role role, int size, int min_size, const char *text,
                            int x, int y, int width, int line_h, draw_align align, SDL_Color col, bool warn)
{
    fonts_measurer m = {c->fonts, role, 0};
    if (size <= 0) {
        size = c->fonts->size[role];
    }
    textfit_box box = {width, line_h, size, min_size < size ? min_size : size, 1.0, 1};
    textfit_result res;
    if (!text || !*text || size <= 0 || textfit_fit(text, &box, fonts_fit_measure_cb, &m, &res) != 0) {
        return;
    }
    if (res.lines.count > 0) {
        const layout_line *l = &res.lines.lines[0];
        char buf[1024];
        size_t n = l->len < sizeof buf - 4 ? l->len : sizeof buf - 4;
        memcpy(buf, text + l->start, n);
        if (res.truncated) {
            memcpy(buf + n, TEXTFIT_ELLIPSIS, 3), n += 3;
        }
        draw_style st = {c->fonts, role, res.size, col};
        draw_text(c->renderer, &st, buf, n, res.lines.rtl, x, y, line_h, align);
    }
    if (res.truncated && warn) {
        text_block_log_truncated(role, res.size, res.lines.count, text);
    }
    textfit_result_free(&res);
}

static void draw_one_line(const slide_draw_ctx *c, font_role role, int min_size, const char *text, int x,
                          int y, int width, int line_h, draw_align align, SDL_Color col, bool warn)
{
    draw_line_sized(c, role, 0, min_size, text, x, y, width, line_h, align, col, warn);
}

/* The emblem centred in box (an accent rule when there is none). */
static void draw_emblem(const slide_draw_ctx *c, SDL_Rect box, SDL_Color accent)
{
    SDL_Texture *t = c->emblem ? SDL_CreateTextureFromSurface(c->renderer, c->emblem) : NULL;
    assets_draw_emblem(c->renderer, t, box, accent);
    if (t) {
        SDL_DestroyTexture(t);
    }
}

/* The banner slide: a full-screen card, centred: the emblem, the commemorated date set large, a short
 * accent rule, the years since it, and the memorial line in each of the exhibit's languages. No strip. */
static void draw_banner_slide(const slide_draw_ctx *c, const slide *s)
{
    const design *d = c->design;
    draw_palette p = draw_ctx_palette(c);
    int cx = d->w / 2, width = d->safe_w - 2 * px(d->w * 0.04);
    int emblem_h = slide_draw_emblem_height(d);
    double k = d->h > d->w ? 1.2 : 1.0; /* portrait type follows the width: the card may set it larger */
    int date_size = px(d->title_size * 1.55 * k), date_h = px(date_size * 1.3);
    int years_size = px(d->dateline_size * 1.15 * k), years_h = px(years_size * 1.45);
    int line_h = d->dateline_line_h, gap = px(d->body_size * 1.2), rule_h = px(d->h / 360.0 + 0.5);
    int lines_h = (int)s->line_count * line_h + (s->line_count > 1 ? (int)(s->line_count - 1) * gap / 3 : 0);
    int total = emblem_h + gap + date_h + (s->date_text ? years_h : 0) + gap + rule_h +
                (s->line_count ? gap + lines_h : 0);
    int y = d->safe_y + (d->safe_h - total) / 2;
    if (y < d->safe_y) {
        y = d->safe_y;
    }
    draw_emblem(c, (SDL_Rect){cx - emblem_h, y, 2 * emblem_h, emblem_h}, p.accent);
    y += emblem_h + gap;
    draw_line_sized(c, FONT_TITLE, date_size, d->title_min_size, s->title, cx, y, d->title_w, date_h,
                    ALIGN_CENTER, p.text, true);
    y += date_h;
    if (s->date_text) {
        draw_line_sized(c, FONT_SMALL, years_size, d->small_line_h / 2, s->date_text, cx, y, width, years_h,
                        ALIGN_CENTER, p.text_dim, true);
        y += years_h;
    }
    y += gap;
    int rule_w = px(d->w * 0.06);
    draw_fill(c->renderer, cx - rule_w / 2, y, rule_w, rule_h, p.accent);
    y += rule_h + gap;
    for (size_t i = 0; i < s->line_count; i++) {
        draw_one_line(c, FONT_DATELINE, d->dateline_min_size, s->lines[i].text, cx, y, width, line_h,
                      ALIGN_CENTER, i == 0 ? p.text : p.text_dim, true);
        y += line_h + gap / 3;
    }
}

static void draw_banner(const slide_draw_ctx *c, const slide *s)
{
    const design *d = c->design;
    draw_palette p = draw_ctx_palette(c);
    draw_fill(c->renderer, 0, d->banner_y, d->w, d->h - d->banner_y, p.banner_bg);
    draw_fill(c->renderer, 0, d->banner_y, d->w, px(d->h / 540.0 + 0.5), p.accent);
    draw_one_line(c, FONT_BANNER, d->banner_min_size, s->banner, d->w / 2, d->banner_y,
                  d->safe_w - 2 * px(d->w * 0.04), d->banner_h, ALIGN_CENTER, p.banner_text, true);
}

/* Title and fallback slides: a centred group of title, a short accent rule, dateline and date. */
static void draw_title(const slide_draw_ctx *c, const slide *s)
{
    const design *d = c->design;
    draw_palette p = draw_ctx_palette(c);
    int cx = d->w / 2;
    int gap = px(d->body_size * 1.1);
    int rule_h = px(d->h / 360.0 + 0.5);
    int title_h = text_block_height(c, FONT_TITLE, s->title, d->title_w, d->title_line_h);
    int dateline_h = text_block_height(c, FONT_DATELINE, s->dateline, d->column_w, d->dateline_line_h);
    int date_h = s->date_text ? d->small_line_h : 0;
    int emblem_h = s->kind == SLIDE_FALLBACK ? slide_draw_emblem_height(d) * 3 / 4 : 0;
    int total = (emblem_h ? emblem_h + gap : 0) + title_h + gap + rule_h + (dateline_h || date_h ? gap : 0) +
                dateline_h + date_h;
    int top = d->safe_y + (d->banner_y - d->safe_y - total) / 2;
    if (top < d->safe_y) {
        top = d->safe_y;
    }

    int y = top;
    if (emblem_h) { /* the fallback card (and the minute of silence): the emblem over the words */
        draw_emblem(c, (SDL_Rect){cx - emblem_h, y, 2 * emblem_h, emblem_h}, p.accent);
        y += emblem_h + gap;
    }
    y += text_block_draw_centered(c, FONT_TITLE, s->title, cx, y, d->title_w, d->title_line_h, p.text);
    y += gap;
    int rule_w = px(d->w * 0.06);
    draw_fill(c->renderer, cx - rule_w / 2, y, rule_w, rule_h, p.accent);
    y += rule_h + gap;
    y += text_block_draw_centered(c, FONT_DATELINE, s->dateline, cx, y, d->column_w, d->dateline_line_h,
                                  p.text_dim);
    draw_one_line(c, FONT_SMALL, c->fonts->size[FONT_SMALL], s->date_text, cx, y, d->column_w,
                  d->small_line_h, ALIGN_CENTER, p.text_dim, true);
}

/* Excerpt slides: a running head (the article title in capitals, cut with an ellipsis to one line, and
 * the part number), then the body lines. A right-to-left article mirrors the head; right-to-left
 * paragraphs are set flush right. */
static void draw_excerpt(const slide_draw_ctx *c, const slide *s)
{
    const design *d = c->design;
    draw_palette p = draw_ctx_palette(c);
    layout_box box = {d->column_w, d->body_h, d->body_line_h, d->body_para_gap};
    bool rtl = s->title && bidi_text_is_rtl(s->title, strlen(s->title));
    int left = d->column_x, right = d->column_x + d->column_w, part_w = 0;
    draw_style small = {c->fonts, FONT_SMALL, 0, p.text_dim};

    if (s->parts > 1) {
        char part[32];
        snprintf(part, sizeof part, "%zu / %zu", s->part, s->parts);
        part_w = fonts_measure(c->fonts, FONT_SMALL, "00 / 00  ", 9);
        draw_text(c->renderer, &small, part, strlen(part), false, rtl ? left : right, d->runhead_y,
                  d->small_line_h, rtl ? ALIGN_LEFT : ALIGN_RIGHT);
    }
    if (s->title) { /* in capitals, the language's own (Azerbaijani: i -> İ) */
        char head[1024];
        textcase_upper(s->title, strlen(s->title), NULL, head, sizeof head);
        draw_one_line(c, FONT_SMALL, c->fonts->size[FONT_SMALL], head, rtl ? right : left, d->runhead_y,
                      d->column_w - part_w, d->small_line_h, rtl ? ALIGN_RIGHT : ALIGN_LEFT, p.text_dim,
                      false);
    }
    draw_fill(c->renderer, d->column_x, d->runhead_y + d->small_line_h + px(d->h / 216.0), d->column_w,
              px(d->h / 1080.0 + 0.5), (SDL_Color){70, 66, 62, 255});

    int block = show_slide_body_height(s, &box);
    int y = d->body_y + (d->body_h - block) / 2;
    if (y < d->body_y) {
        y = d->body_y;
    }
    draw_style body = {c->fonts, FONT_BODY, 0, p.text};
    for (size_t i = 0; i < s->line_count; i++) {
        const slide_line *l = &s->lines[i];
        if (i > 0 && l->para_start) {
            y += d->body_para_gap;
        }
        draw_text(c->renderer, &body, l->text, strlen(l->text), l->rtl, l->rtl ? right : left, y,
                  d->body_line_h, l->rtl ? ALIGN_RIGHT : ALIGN_LEFT);
        y += d->body_line_h;
    }
}

void slide_draw(const slide_draw_ctx *c, const slide *s, const picture *pic)
{
    const design *d = c->design;
    draw_palette p = draw_ctx_palette(c);
    draw_background(c->renderer, &p, d->w, d->h);
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
    case SLIDE_BANNER:
        draw_banner_slide(c, s);
        return; /* the card is the banner: no strip */
    }
    draw_banner(c, s);
}
