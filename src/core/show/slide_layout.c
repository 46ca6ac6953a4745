/* slide_layout: see slide_layout.h. Moved here from the app's slide_draw.c, text_block.c and
 * picture_draw.c (which drew while they laid out): the same arithmetic, now giving boxes. */
#include "slide_layout.h"

#include <stdio.h>
#include <string.h>

#include "bidi.h"
#include "log.h"
#include "textcase.h"
#include "textfit.h"

typedef struct {
    const slide_look *look;
    const design *d;
    display_list *out;
    int rc; /* -1 once out of memory */
} lay;

/* textfit's measurer for one role. */
typedef struct {
    const slide_look *look;
    font_role role;
} role_measurer;

int slide_layout_emblem_height(const design *d)
{
    int side = d->w < d->h ? d->w : d->h;
    return design_px(side * 0.15);
}

static int measure_cb(void *ctx, int size, const char *s, size_t len, bool rtl)
{
    const role_measurer *m = ctx;
    return m->look->measure(m->look->measure_ctx, m->role, size, s, len, rtl);
}

/* Logs event=text-truncated (level warn) with the role, the size, the lines kept and the text's start. */
static void log_truncated(font_role role, int size, size_t lines, const char *text)
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
    log_str(&lg, "role", font_role_name(role));
    log_int(&lg, "size", size);
    log_uint(&lg, "lines", lines);
    log_str(&lg, "text", head);
    log_end(&lg);
}

/* A line of text whose anchor (left edge, centre or right edge, by align) is x, in a box width wide. */
static void add_line(lay *L, dl_item line, int x, int width, const char *text, size_t len, bool cut)
{
    char buf[1024];
    line.x = line.align == ALIGN_LEFT ? x : line.align == ALIGN_CENTER ? x - width / 2 : x - width;
    line.w = width;
    if (cut && len + 4 <= sizeof buf) {
        memcpy(buf, text, len);
        memcpy(buf + len, TEXTFIT_ELLIPSIS, 3);
        text = buf, len += 3;
    }
    if (L->rc == 0 && display_list_text(L->out, &line, text, len) != 0) {
        L->rc = -1;
    }
}

static void add_fill(lay *L, dl_kind kind, int x, int y, int w, int h, dl_ink ink)
{
    if (L->rc == 0 && display_list_fill(L->out, kind, x, y, w, h, ink) != 0) {
        L->rc = -1;
    }
}

/* One line of text fitted into width at size (0: the role's size; down to min_size when min_size < size),
 * cut with an ellipsis when it still does not fit (and then logged when warn). */
static void line_sized(lay *L, font_role role, int size, int min_size, const char *text, int x, int y,
                       int width, int line_h, draw_align align, dl_ink ink, bool warn)
{
    role_measurer m = {L->look, role};
    if (size <= 0) {
        size = L->look->size[role];
    }
    textfit_box box = {width, line_h, size, min_size < size ? min_size : size, 1.0, 1};
    textfit_result res;
    if (!text || !*text || size <= 0 || textfit_fit(text, &box, measure_cb, &m, &res) != 0) {
        return;
    }
    if (res.lines.count > 0) {
        const layout_line *l = &res.lines.lines[0];
        size_t n = l->len < 1024 - 4 ? l->len : 1024 - 4;
        dl_item it = {.y = y,
                      .h = line_h,
                      .ink = ink,
                      .role = role,
                      .size = res.size,
                      .align = align,
                      .rtl = res.lines.rtl,
                      .truncated = res.truncated};
        add_line(L, it, x, width, text + l->start, n, res.truncated);
    }
    if (res.truncated && warn) {
        log_truncated(role, res.size, res.lines.count, text);
    }
    textfit_result_free(&res);
}

static void one_line(lay *L, font_role role, int min_size, const char *text, int x, int y, int width,
                     int line_h, draw_align align, dl_ink ink, bool warn)
{
    line_sized(L, role, 0, min_size, text, x, y, width, line_h, align, ink, warn);
}

/* Fits a title, dateline or caption into width (its box as high as the design gives the role: title_box_h,
 * dateline_box_h, caption_box_h; other roles: one line). 0 (out filled, free it) or -1. */
static int fit(const lay *L, font_role role, const char *text, int width, int line_h, textfit_result *out)
{
    const design *d = L->d;
    int size = L->look->size[role] > 0 ? L->look->size[role] : line_h;
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
    role_measurer m = {L->look, role};
    if (!text || !*text) {
        return -1;
    }
    return textfit_fit(text, &box, measure_cb, &m, out);
}

/* A fitted block centred on cx from top y; line_h is the line height at the role's design size (it
 * shrinks with the type). Returns the height used. */
static int block_centered(lay *L, font_role role, const char *text, int cx, int y, int width, int line_h,
                          dl_ink ink)
{
    textfit_result res;
    if (fit(L, role, text, width, line_h, &res) != 0) {
        return 0;
    }
    for (size_t i = 0; i < res.lines.count; i++) {
        const layout_line *l = &res.lines.lines[i];
        dl_item it = {.y = y + (int)i * res.line_h,
                      .h = res.line_h,
                      .ink = ink,
                      .role = role,
                      .size = res.size,
                      .align = ALIGN_CENTER,
                      .rtl = res.lines.rtl};
        it.truncated = res.truncated && i + 1 == res.lines.count;
        add_line(L, it, cx, width, text + l->start, l->len, it.truncated);
    }
    if (res.truncated) {
        log_truncated(role, res.size, res.lines.count, text);
    }
    int h = textfit_height(&res);
    textfit_result_free(&res);
    return h;
}

/* The height block_centered would use. */
static int block_height(const lay *L, font_role role, const char *text, int width, int line_h)
{
    textfit_result res;
    if (fit(L, role, text, width, line_h, &res) != 0) {
        return 0;
    }
    int h = textfit_height(&res);
    textfit_result_free(&res);
    return h;
}

/* The banner slide: a full-screen card, centred: the emblem, the commemorated date set large, a short
 * accent rule, the years since it, and the memorial line in each of the exhibit's languages. No strip. */
static void banner_slide(lay *L, const slide *s)
{
    const design *d = L->d;
    int cx = d->w / 2, width = d->safe_w - 2 * design_px(d->w * 0.04);
    int emblem_h = slide_layout_emblem_height(d);
    double k = d->h > d->w ? 1.2 : 1.0; /* portrait type follows the width: the card may set it larger */
    int date_size = design_px(d->title_size * 1.55 * k), date_h = design_px(date_size * 1.3);
    int years_size = design_px(d->dateline_size * 1.15 * k), years_h = design_px(years_size * 1.45);
    int line_h = d->dateline_line_h, gap = design_px(d->body_size * 1.2),
        rule_h = design_px(d->h / 360.0 + 0.5);
    int lines_h = (int)s->line_count * line_h + (s->line_count > 1 ? (int)(s->line_count - 1) * gap / 3 : 0);
    int total = emblem_h + gap + date_h + (s->date_text ? years_h : 0) + gap + rule_h +
                (s->line_count ? gap + lines_h : 0);
    int y = d->safe_y + (d->safe_h - total) / 2;
    if (y < d->safe_y) {
        y = d->safe_y;
    }
    add_fill(L, DL_EMBLEM, cx - emblem_h, y, 2 * emblem_h, emblem_h, DL_INK_ACCENT);
    y += emblem_h + gap;
    line_sized(L, FONT_TITLE, date_size, d->title_min_size, s->title, cx, y, d->title_w, date_h, ALIGN_CENTER,
               DL_INK_TEXT, true);
    y += date_h;
    if (s->date_text) {
        line_sized(L, FONT_SMALL, years_size, d->small_line_h / 2, s->date_text, cx, y, width, years_h,
                   ALIGN_CENTER, DL_INK_TEXT_DIM, true);
        y += years_h;
    }
    y += gap;
    int rule_w = design_px(d->w * 0.06);
    add_fill(L, DL_FILL, cx - rule_w / 2, y, rule_w, rule_h, DL_INK_ACCENT);
    y += rule_h + gap;
    for (size_t i = 0; i < s->line_count; i++) {
        one_line(L, FONT_DATELINE, d->dateline_min_size, s->lines[i].text, cx, y, width, line_h, ALIGN_CENTER,
                 i == 0 ? DL_INK_TEXT : DL_INK_TEXT_DIM, true);
        y += line_h + gap / 3;
    }
}

/* The date banner strip along the bottom edge, with its accent line and the banner text. */
static void banner_strip(lay *L, const slide *s)
{
    const design *d = L->d;
    add_fill(L, DL_FILL, 0, d->banner_y, d->w, d->h - d->banner_y, DL_INK_BANNER_BG);
    add_fill(L, DL_FILL, 0, d->banner_y, d->w, design_px(d->h / 540.0 + 0.5), DL_INK_ACCENT);
    one_line(L, FONT_BANNER, d->banner_min_size, s->banner, d->w / 2, d->banner_y,
             d->safe_w - 2 * design_px(d->w * 0.04), d->banner_h, ALIGN_CENTER, DL_INK_BANNER_TEXT, true);
}

/* Title and fallback slides: a centred group of title, a short accent rule, dateline and date. */
static void title(lay *L, const slide *s)
{
    const design *d = L->d;
    int cx = d->w / 2;
    int gap = design_px(d->body_size * 1.1);
    int rule_h = design_px(d->h / 360.0 + 0.5);
    int title_h = block_height(L, FONT_TITLE, s->title, d->title_w, d->title_line_h);
    int dateline_h = block_height(L, FONT_DATELINE, s->dateline, d->column_w, d->dateline_line_h);
    int date_h = s->date_text ? d->small_line_h : 0;
    int emblem_h = s->kind == SLIDE_FALLBACK ? slide_layout_emblem_height(d) * 3 / 4 : 0;
    int total = (emblem_h ? emblem_h + gap : 0) + title_h + gap + rule_h + (dateline_h || date_h ? gap : 0) +
                dateline_h + date_h;
    int top = d->safe_y + (d->banner_y - d->safe_y - total) / 2;
    if (top < d->safe_y) {
        top = d->safe_y;
    }

    int y = top;
    if (emblem_h) { /* the fallback card (and the minute of silence): the emblem over the words */
        add_fill(L, DL_EMBLEM, cx - emblem_h, y, 2 * emblem_h, emblem_h, DL_INK_ACCENT);
        y += emblem_h + gap;
    }
    y += block_centered(L, FONT_TITLE, s->title, cx, y, d->title_w, d->title_line_h, DL_INK_TEXT);
    y += gap;
    int rule_w = design_px(d->w * 0.06);
    add_fill(L, DL_FILL, cx - rule_w / 2, y, rule_w, rule_h, DL_INK_ACCENT);
    y += rule_h + gap;
    y += block_centered(L, FONT_DATELINE, s->dateline, cx, y, d->column_w, d->dateline_line_h,
                        DL_INK_TEXT_DIM);
    one_line(L, FONT_SMALL, L->look->size[FONT_SMALL], s->date_text, cx, y, d->column_w, d->small_line_h,
             ALIGN_CENTER, DL_INK_TEXT_DIM, true);
}

/* An excerpt's running head: the article title in capitals (the language's own: Azerbaijani i -> İ), cut
 * with an ellipsis to one line, the part number, and the hairline under them. */
static void running_head(lay *L, const slide *s, bool rtl)
{
    const design *d = L->d;
    int left = d->column_x, right = d->column_x + d->column_w, part_w = 0, small = L->look->size[FONT_SMALL];
    if (s->parts > 1) {
        char part[32];
        snprintf(part, sizeof part, "%zu / %zu", s->part, s->parts);
        part_w =
            small > 0 ? L->look->measure(L->look->measure_ctx, FONT_SMALL, small, "00 / 00  ", 9, false) : 0;
        dl_item it = {.y = d->runhead_y,
                      .h = d->small_line_h,
                      .ink = DL_INK_TEXT_DIM,
                      .role = FONT_SMALL,
                      .size = small,
                      .align = rtl ? ALIGN_LEFT : ALIGN_RIGHT};
        add_line(L, it, rtl ? left : right, part_w, part, strlen(part), false);
    }
    if (s->title) {
        char head[1024];
        textcase_upper(s->title, strlen(s->title), NULL, head, sizeof head);
        one_line(L, FONT_SMALL, small, head, rtl ? right : left, d->runhead_y, d->column_w - part_w,
                 d->small_line_h, rtl ? ALIGN_RIGHT : ALIGN_LEFT, DL_INK_TEXT_DIM, false);
    }
    add_fill(L, DL_FILL, d->column_x, d->runhead_y + d->small_line_h + design_px(d->h / 216.0), d->column_w,
             design_px(d->h / 1080.0 + 0.5), DL_INK_RULE);
}

/* Excerpt slides: the running head, then the body lines, the block centred in the body box. A
 * right-to-left article mirrors the head; right-to-left paragraphs are set flush right. */
static void excerpt(lay *L, const slide *s)
{
    const design *d = L->d;
    layout_box box = {d->column_w, d->body_h, d->body_line_h, d->body_para_gap};
    running_head(L, s, s->title && bidi_text_is_rtl(s->title, strlen(s->title)));
    int block = show_slide_body_height(s, &box);
    int y = d->body_y + (d->body_h - block) / 2;
    if (y < d->body_y) {
        y = d->body_y;
    }
    int left = d->column_x, right = d->column_x + d->column_w;
    for (size_t i = 0; i < s->line_count; i++) {
        const slide_line *l = &s->lines[i];
        if (i > 0 && l->para_start) {
            y += d->body_para_gap;
        }
        dl_item it = {.y = y,
                      .h = d->body_line_h,
                      .ink = DL_INK_TEXT,
                      .role = FONT_BODY,
                      .size = L->look->size[FONT_BODY],
                      .align = l->rtl ? ALIGN_RIGHT : ALIGN_LEFT,
                      .rtl = l->rtl};
        add_line(L, it, l->rtl ? right : left, d->column_w, l->text, strlen(l->text), false);
        y += d->body_line_h;
    }
}

/* An image's caption: a translucent strip at the foot of the picture area, the caption centred in it. */
static void caption(lay *L, const slide *s)
{
    const design *d = L->d;
    if (!s->caption || !*s->caption) {
        return;
    }
    int w = d->safe_w - 2 * design_px(d->w * 0.04);
    int text_h = block_height(L, FONT_CAPTION, s->caption, w, d->caption_line_h);
    int pad = design_px(d->caption_size * 0.6);
    int strip_h = text_h + 2 * pad;
    int y = d->picture_h - strip_h;
    add_fill(L, DL_FILL, 0, y, d->w, strip_h, DL_INK_SHADE);
    block_centered(L, FONT_CAPTION, s->caption, d->w / 2, y + pad, w, d->caption_line_h, DL_INK_TEXT);
}

int slide_layout(const slide *s, const slide_look *look, display_list *out)
{
    lay L = {look, look->design, out, 0};
    switch (s->kind) {
    case SLIDE_TITLE:
    case SLIDE_FALLBACK:
        title(&L, s);
        break;
    case SLIDE_EXCERPT:
        excerpt(&L, s);
        break;
    case SLIDE_IMAGE:
        caption(&L, s);
        break;
    case SLIDE_BANNER:
        banner_slide(&L, s);
        return L.rc; /* the card is the banner: no strip */
    }
    banner_strip(&L, s);
    return L.rc;
}

int slide_layout_show(show *sh, const slide_look *look)
{
    for (size_t i = 0; i < sh->count; i++) {
        display_list_free(&sh->slides[i].boxes);
        if (slide_layout(&sh->slides[i], look, &sh->slides[i].boxes) != 0) {
            return -1;
        }
    }
    return 0;
}
