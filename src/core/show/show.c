/* show: builds the slide list from scanned content. See show.h.
 * Ownership: a show owns its slides array and every string in every slide (all are fresh copies; the
 * content it was built from may be freed afterwards). show_free releases everything, also for a show
 * that was only partly built. */
#include "show.h"

#include "lang.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FALLBACK_BANNER "20 January 1990"
#define FALLBACK_TITLE "In memory of the victims of 20 January 1990"
#define FALLBACK_SUBTITLE "The exhibit will continue shortly."
#define MIDDLE_DOT " \xC2\xB7 "

show_timing show_timing_default(void)
{
    return (show_timing){
        .words_per_minute = 140,
        .text_min_ms = 8000,
        .text_max_ms = 45000,
        .text_base_ms = 3000,
        .title_ms = 7000,
        .image_ms = 9000,
        .speed = 1.0,
    };
}

uint32_t show_scale_ms(uint32_t ms, double speed)
{
    if (!(speed > 0)) { /* also NaN */
        speed = 1.0;
    }
    double v = floor((double)ms / speed + 0.5);
    if (v >= (double)UINT32_MAX) {
        return UINT32_MAX;
    }
    return v < 1 ? 1 : (uint32_t)v;
}

const char *slide_kind_name(slide_kind k)
{
    switch (k) {
    case SLIDE_TITLE:
        return "title";
    case SLIDE_EXCERPT:
        return "excerpt";
    case SLIDE_IMAGE:
        return "image";
    case SLIDE_FALLBACK:
        return "fallback";
    case SLIDE_BANNER:
        return "banner";
    }
    return "unknown";
}

int show_slide_body_height(const slide *s, const layout_box *box)
{
    size_t starts = 0;
    for (size_t i = 1; i < s->line_count; i++) {
        starts += s->lines[i].para_start;
    }
    return layout_block_height(box, s->line_count, starts);
}

static void slide_clear(slide *s)
{
    free(s->source);
    free(s->path);
    free(s->title);
    free(s->dateline);
    free(s->date_text);
    free(s->caption);
    for (size_t i = 0; i < s->line_count; i++) {
        free(s->lines[i].text);
    }
    free(s->lines);
    free(s->banner);
    display_list_free(&s->boxes);
}

void show_free(show *s)
{
    if (!s) {
        return;
    }
    for (size_t i = 0; i < s->count; i++) {
        slide_clear(&s->slides[i]);
    }
    free(s->slides);
    free(s);
}

/* Copy of s, or NULL for NULL; *ok is cleared when a copy fails. */
static char *dup_opt(const char *s, bool *ok)
{
    if (!s) {
        return NULL;
    }
    char *d = strdup(s);
    if (!d) {
        *ok = false;
    }
    return d;
}

typedef struct {
    show *s;    /* the show being built (owned by show_build) */
    size_t cap; /* capacity of s->slides */
    const show_params *p;
    const char *default_banner;
} builder;

/* Appends a zeroed slide of kind k (counted at once, so show_free cleans it up). NULL: no memory. */
static slide *new_slide(builder *b, slide_kind k, const char *source, const char *banner)
{
    show *s = b->s;
    if (s->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        slide *v = realloc(s->slides, cap * sizeof *v);
        if (!v) {
            return NULL;
        }
        s->slides = v, b->cap = cap;
    }
    slide *sl = &s->slides[s->count++];
    memset(sl, 0, sizeof *sl);
    sl->kind = k;
    sl->fit = -1;
    bool ok = true;
    sl->source = dup_opt(source, &ok);
    sl->banner = dup_opt(banner, &ok);
    return ok ? sl : NULL;
}

static uint32_t text_duration(const show_timing *t, size_t words)
{
    uint32_t wpm = t->words_per_minute ? t->words_per_minute : 140;
    uint64_t ms = t->text_base_ms + (uint64_t)words * 60000u / wpm;
    if (ms < t->text_min_ms) {
        ms = t->text_min_ms;
    }
    if (ms > t->text_max_ms) {
        ms = t->text_max_ms;
    }
    return show_scale_ms((uint32_t)ms, t->speed);
}

/* One excerpt slide per page: lines copied out of the article's paragraphs. */
static int add_excerpt(builder *b, const content_item *it, const char *banner, const layout_pages *pages,
                       size_t k)
{
    const article *a = it->article;
    const layout_page *pg = &pages->pages[k];
    slide *sl = new_slide(b, SLIDE_EXCERPT, it->rel_path, banner);
    bool ok = sl != NULL;
    if (!ok) {
        return -1;
    }
    sl->title = dup_opt(a->title, &ok);
    sl->part = k + 1, sl->parts = pages->count;
    sl->lines = calloc(pg->count ? pg->count : 1, sizeof *sl->lines);
    if (!ok || !sl->lines) {
        return -1;
    }
    for (size_t i = 0; i < pg->count; i++) {
        const layout_page_line *l = &pg->lines[i];
        sl->lines[i].text = strndup(a->paragraphs[l->para] + l->start, l->len);
        if (!sl->lines[i].text) {
            return -1;
        }
        sl->lines[i].para_start = l->para_start;
        sl->lines[i].rtl = l->rtl;
        sl->line_count++;
        sl->words += layout_count_words(sl->lines[i].text);
    }
    sl->duration_ms = text_duration(&b->p->timing, sl->words);
    return 0;
}

/* The banner of an article's slides: from the template when there is one, else "<category> · <date>"
 * when the article is dated. NULL: the default banner. Sets *ok to false when out of memory. */
static char *article_banner(const builder *b, const content_item *it, bool *ok)
{
    const article *a = it->article;
    const show_params *p = b->p;
    char buf[512], date[64];
    if (!a->has_date) {
        return NULL;
    }
    if (p->banner && p->banner_article) {
        banner_values v = *p->banner;
        v.language = lang_of_item(it); /* an article's banner speaks its language */
        v.category = a->category;
        v.article_date = (banner_date){a->year, a->month, a->day};
        banner_format(p->banner_article, &v, buf, sizeof buf);
    } else {
        const char *cat = a->category ? a->category : "";
        banner_format_date((banner_date){a->year, a->month, a->day}, CONFIG_LANG_EN, date, sizeof date);
        if (*cat) {
            snprintf(buf, sizeof buf, "%s" MIDDLE_DOT "%s", cat, date);
        } else {
            snprintf(buf, sizeof buf, "%s", date);
        }
    }
    return dup_opt(buf, ok);
}

/* A slide's duration: the item's own (playlist.txt) when it has one, else the computed one. */
static uint32_t item_duration(const builder *b, const content_item *it, uint32_t computed_ms)
{
    return it->duration_ms ? show_scale_ms(it->duration_ms, b->p->timing.speed) : computed_ms;
}

/* A title slide, then the excerpts. */
static int add_article(builder *b, const content_item *it)
{
    int rc = -1;
    const article *a = it->article;
    const show_params *p = b->p;
    layout_pages pages = {0};
    char date[64];
    slide *sl = NULL;
    bool ok = true;
    char *banner = article_banner(b, it, &ok);

    if (!ok) {
        goto cleanup;
    }
    if (a->has_date) {
        banner_format_date((banner_date){a->year, a->month, a->day},
                           p->banner ? p->banner->language : CONFIG_LANG_EN, date, sizeof date);
    }
    sl = new_slide(b, SLIDE_TITLE, it->rel_path, banner ? banner : b->default_banner);
    if (!sl) {
        goto cleanup;
    }
    sl->title = dup_opt(a->title ? a->title : "", &ok);
    sl->dateline = dup_opt(a->dateline, &ok);
    sl->date_text = dup_opt(a->has_date ? date : NULL, &ok);
    if (!ok) {
        goto cleanup;
    }
    sl->words = layout_count_words(a->title) + layout_count_words(a->dateline);
    sl->duration_ms = item_duration(b, it, show_scale_ms(p->timing.title_ms, p->timing.speed));
    if (p->titles_only) {
        rc = 0;
        goto cleanup;
    }

    if (layout_paginate((const char *const *)a->paragraphs, a->paragraph_count, &p->body, p->measure,
                        p->measure_ctx, &pages) != 0) {
        goto cleanup;
    }
    for (size_t k = 0; k < pages.count; k++) {
        if (add_excerpt(b, it, banner ? banner : b->default_banner, &pages, k) != 0) {
            goto cleanup;
        }
        slide *ex = &b->s->slides[b->s->count - 1];
        ex->duration_ms = item_duration(b, it, ex->duration_ms);
    }
    rc = 0;
cleanup:
    layout_pages_free(&pages);
    free(banner);
    return rc;
}

static int add_image(builder *b, const content_item *it)
{
    bool ok = true;
    slide *sl = new_slide(b, SLIDE_IMAGE, it->rel_path, b->default_banner);
    if (!sl) {
        return -1;
    }
    sl->path = dup_opt(it->abs_path ? it->abs_path : it->rel_path, &ok);
    sl->caption = dup_opt(it->caption, &ok);
    sl->words = layout_count_words(it->caption);
    sl->duration_ms = item_duration(b, it, show_scale_ms(b->p->timing.image_ms, b->p->timing.speed));
    sl->fit = it->fit;
    return ok ? 0 : -1;
}

/* The date banner as a slide of its own: the date large, the years since, the memorial line in each of
 * the exhibit's languages. Without words (a bare show_params), the default banner alone. */
static int add_banner_slide(builder *b, const content_item *it)
{
    const show_words *w = b->p->words;
    bool ok = true;
    slide *sl = new_slide(b, SLIDE_BANNER, it->rel_path, b->default_banner);
    if (!sl) {
        return -1;
    }
    sl->title = dup_opt(w && w->date ? w->date : b->default_banner, &ok);
    sl->date_text = dup_opt(w && w->years && *w->years ? w->years : NULL, &ok);
    size_t n = w ? w->line_count : 0;
    sl->lines = calloc(n ? n : 1, sizeof *sl->lines);
    if (!ok || !sl->lines) {
        return -1;
    }
    for (size_t i = 0; i < n && i < SHOW_BANNER_LINES; i++) {
        sl->lines[i].text = dup_opt(w->lines[i], &ok);
        if (!ok) {
            return -1;
        }
        sl->lines[i].para_start = true;
        sl->line_count++;
        sl->words += layout_count_words(w->lines[i]);
    }
    sl->words += layout_count_words(sl->title) + layout_count_words(sl->date_text);
    uint32_t ms = w && w->duration_ms ? w->duration_ms : 12000;
    sl->duration_ms = item_duration(b, it, show_scale_ms(ms, b->p->timing.speed));
    return 0;
}

static int add_fallback(builder *b)
{
    bool ok = true;
    const show_words *w = b->p->words;
    const char *title = w && w->fallback_title ? w->fallback_title : FALLBACK_TITLE;
    const char *subtitle = w && w->fallback_subtitle ? w->fallback_subtitle : FALLBACK_SUBTITLE;
    slide *sl = new_slide(b, SLIDE_FALLBACK, NULL, b->default_banner);
    if (!sl) {
        return -1;
    }
    sl->title = dup_opt(title, &ok);
    sl->dateline = dup_opt(subtitle, &ok);
    sl->words = layout_count_words(title) + layout_count_words(subtitle);
    sl->duration_ms = show_scale_ms(b->p->timing.image_ms, b->p->timing.speed);
    return ok ? 0 : -1;
}

show *show_build(const content *c, const show_params *p)
{
    builder b = {.p = p, .default_banner = p->default_banner ? p->default_banner : FALLBACK_BANNER};
    show *result = NULL;
    char default_banner[512];

    if (p->banner && p->banner_default) {
        b.default_banner = banner_format(p->banner_default, p->banner, default_banner, sizeof default_banner);
    }

    b.s = calloc(1, sizeof *b.s);
    if (!b.s) {
        goto cleanup;
    }
    for (size_t i = 0; c && i < c->count; i++) {
        const content_item *it = &c->items[i];
        int r = 0;
        if (it->kind == CONTENT_ARTICLE && it->article) {
            r = add_article(&b, it);
        } else if (it->kind == CONTENT_IMAGE) {
            r = add_image(&b, it);
        } else if (it->kind == CONTENT_BANNER && !p->titles_only) {
            r = add_banner_slide(&b, it);
        }
        if (r != 0) {
            goto cleanup;
        }
    }
    if (b.s->count == 0 && add_fallback(&b) != 0) {
        goto cleanup;
    }
    result = b.s;
    b.s = NULL;
cleanup:
    show_free(b.s);
    return result;
}
