/* Unit tests of show: slides built from hand-made content (no scanning, no fonts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "show.h"

static int measure_cp10(void *ctx, const char *s, size_t len, bool rtl)
{
    int n = 0;
    (void)ctx, (void)rtl;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return 10 * n;
}

static show_params params(double speed, const char *banner)
{
    show_params p = {
        .body = {200, 100, 20, 10}, /* 20 letters a line, 5 lines */
        .measure = measure_cp10,
        .measure_ctx = NULL,
        .timing = show_timing_default(),
        .default_banner = banner,
    };
    p.timing.speed = speed;
    return p;
}

static char *paras_seed[] = {
    "Thirty-four years have passed since the tragic events of Bloody January.",
    "Large crowds have been heading towards the Alley of Martyrs since the early hours.",
    "Our dear martyrs will never be forgotten.",
};

static article seed_article(void)
{
    return (article){
        .title = "People of Azerbaijan pay tribute to 20 January martyrs",
        .dateline = "Baku, January 20, AZERTAC",
        .paragraphs = paras_seed,
        .paragraph_count = 3,
        .category = "Days of sorrow",
        .has_date = true,
        .year = 2024,
        .month = 1,
        .day = 20,
        .hour = 11,
    };
}

static content one_article(content_item *it, article *a)
{
    *it = (content_item){CONTENT_ARTICLE, "news/tribute.txt", "/c/news/tribute.txt", a, NULL, 0, -1};
    return (content){.root = "/c", .items = it, .count = 1};
}

/* True when a and b hold the same words in the same order. */
static int same_words(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        while (*a && *a != ' ' && *a == *b)
            a++, b++;
        if ((*a && *a != ' ') || (*b && *b != ' '))
            return 0;
    }
}

static void test_timing_default(void **state)
{
    show_timing t = show_timing_default();
    (void)state;
    assert_int_equal(t.words_per_minute, 140);
    assert_int_equal(t.text_min_ms, 8000);
    assert_int_equal(t.text_max_ms, 45000);
    assert_int_equal(t.text_base_ms, 3000);
    assert_int_equal(t.title_ms, 7000);
    assert_int_equal(t.image_ms, 9000);
    assert_true(t.speed == 1.0);
}

static void test_scale_ms(void **state)
{
    (void)state;
    assert_int_equal(show_scale_ms(9000, 1.0), 9000);
    assert_int_equal(show_scale_ms(9000, 2.0), 4500);
    assert_int_equal(show_scale_ms(1000, 3.0), 333);
    assert_int_equal(show_scale_ms(5, 2.0), 3); /* 2.5 rounds up */
    assert_int_equal(show_scale_ms(1, 4.0), 1);
    assert_int_equal(show_scale_ms(0, 1.0), 1);
    assert_int_equal(show_scale_ms(9000, 0.0), 9000);
    assert_int_equal(show_scale_ms(9000, -2.0), 9000);
    assert_int_equal(show_scale_ms(9000, NAN), 9000);
    assert_int_equal(show_scale_ms(9000, 0.5), 18000);
    assert_int_equal(show_scale_ms(UINT32_MAX, 0.25), UINT32_MAX);
}

static void test_kind_names(void **state)
{
    (void)state;
    assert_string_equal(slide_kind_name(SLIDE_TITLE), "title");
    assert_string_equal(slide_kind_name(SLIDE_EXCERPT), "excerpt");
    assert_string_equal(slide_kind_name(SLIDE_IMAGE), "image");
    assert_string_equal(slide_kind_name(SLIDE_FALLBACK), "fallback");
    assert_string_equal(slide_kind_name(SLIDE_BANNER), "banner");
}

static void test_article_and_images(void **state)
{
    article a = seed_article();
    content_item items[3] = {
        {CONTENT_ARTICLE, "news/tribute.txt", "/c/news/tribute.txt", &a, NULL, 0, -1},
        {CONTENT_IMAGE, "photos/alley.jpg", "/c/photos/alley.jpg", NULL, "Carnations at the Alley of Martyrs",
         0, -1},
        {CONTENT_IMAGE, "photos/night.png", "/c/photos/night.png", NULL, NULL, 0, -1},
    };
    content c = {.root = "/c", .items = items, .count = 3};
    show_params p = params(1.0, NULL);
    const char *banner = "Days of sorrow \xC2\xB7 20 January 2024";
    (void)state;

    show *s = show_build(&c, &p);
    assert_non_null(s);
    assert_true(s->count >= 5);
    const slide *t = &s->slides[0];
    assert_int_equal(t->kind, SLIDE_TITLE);
    assert_string_equal(t->title, a.title);
    assert_string_equal(t->dateline, a.dateline);
    assert_string_equal(t->date_text, "20 January 2024");
    assert_string_equal(t->banner, banner);
    assert_string_equal(t->source, "news/tribute.txt");
    assert_null(t->path);
    assert_int_equal(t->words, 9 + 4);
    assert_int_equal(t->duration_ms, 7000);

    size_t parts = s->count - 3, pi = 0;
    char joined[3][512] = {"", "", ""};
    for (size_t k = 0; k < parts; k++) {
        const slide *e = &s->slides[1 + k];
        size_t words = 0;
        assert_int_equal(e->kind, SLIDE_EXCERPT);
        assert_int_equal(e->part, k + 1);
        assert_int_equal(e->parts, parts);
        assert_string_equal(e->banner, banner);
        assert_string_equal(e->source, "news/tribute.txt");
        assert_string_equal(e->title, a.title);
        assert_true(e->line_count > 0);
        assert_true(e->lines[0].para_start);
        assert_true(show_slide_body_height(e, &p.body) <= p.body.height);
        for (size_t i = 0; i < e->line_count; i++) {
            if (e->lines[i].para_start && !(k == 0 && i == 0))
                pi++;
            assert_true(pi < 3);
            assert_true(measure_cp10(NULL, e->lines[i].text, strlen(e->lines[i].text), false) <=
                        p.body.width);
            strcat(joined[pi], e->lines[i].text);
            strcat(joined[pi], " ");
            words += layout_count_words(e->lines[i].text);
        }
        assert_int_equal(e->words, words);
        uint32_t want = 3000 + (uint32_t)words * 60000 / 140;
        assert_int_equal(e->duration_ms, want < 8000 ? 8000 : want);
    }
    for (size_t i = 0; i < 3; i++)
        assert_true(same_words(joined[i], paras_seed[i]));

    const slide *img = &s->slides[s->count - 2];
    assert_int_equal(img->kind, SLIDE_IMAGE);
    assert_string_equal(img->path, "/c/photos/alley.jpg");
    assert_string_equal(img->source, "photos/alley.jpg");
    assert_string_equal(img->caption, "Carnations at the Alley of Martyrs");
    assert_string_equal(img->banner, "20 January 1990");
    assert_int_equal(img->duration_ms, 9000);
    assert_null(s->slides[s->count - 1].caption);
    assert_int_equal(s->slides[s->count - 1].kind, SLIDE_IMAGE);
    show_free(s);
}

static void test_banner_variants(void **state)
{
    article a = seed_article();
    content_item it;
    content c = one_article(&it, &a);
    show_params p = params(1.0, "In memoriam");
    (void)state;

    a.category = "";
    show *s = show_build(&c, &p);
    assert_non_null(s);
    assert_string_equal(s->slides[0].banner, "20 January 2024");
    assert_string_equal(s->slides[1].banner, "20 January 2024");
    show_free(s);

    a.category = NULL, a.has_date = false, a.dateline = NULL;
    s = show_build(&c, &p);
    assert_non_null(s);
    assert_null(s->slides[0].date_text);
    assert_null(s->slides[0].dateline);
    for (size_t i = 0; i < s->count; i++)
        assert_string_equal(s->slides[i].banner, "In memoriam");
    show_free(s);

    a.paragraph_count = 0; /* a title and nothing to page: the title slide alone */
    s = show_build(&c, &p);
    assert_non_null(s);
    assert_int_equal(s->count, 1);
    assert_int_equal(s->slides[0].kind, SLIDE_TITLE);
    show_free(s);
}

static void test_fallback(void **state)
{
    content empty = {.root = "/c"};
    content_item orphan = {
        CONTENT_ARTICLE, "bad.txt", "/c/bad.txt", NULL, NULL, 0, -1}; /* an article that failed */
    content with_orphan = {.root = "/c", .items = &orphan, .count = 1};
    show_params p = params(2.0, NULL);
    const content *cases[] = {&empty, &with_orphan, NULL};
    (void)state;

    for (size_t i = 0; i < 3; i++) {
        show *s = show_build(cases[i], &p);
        assert_non_null(s);
        assert_int_equal(s->count, 1);
        const slide *f = &s->slides[0];
        assert_int_equal(f->kind, SLIDE_FALLBACK);
        assert_string_equal(f->title, "In memory of the victims of 20 January 1990");
        assert_string_equal(f->dateline, "The exhibit will continue shortly.");
        assert_null(f->source);
        assert_null(f->path);
        assert_string_equal(f->banner, "20 January 1990");
        assert_int_equal(f->duration_ms, 4500);
        show_free(s);
    }
}

/* An article of one paragraph with `words` words on a page wide enough for all of them. */
static uint32_t excerpt_duration(size_t words, double speed, uint32_t *title_ms)
{
    static char text[8192];
    char *one[] = {text};
    article a = seed_article();
    content_item it;
    content c = one_article(&it, &a);
    show_params p = params(speed, NULL);
    text[0] = '\0';
    for (size_t i = 0; i < words; i++)
        strcat(text, i ? " word" : "word");
    a.paragraphs = one, a.paragraph_count = 1;
    p.body = (layout_box){1000000, 1000, 20, 10};
    show *s = show_build(&c, &p);
    assert_non_null(s);
    assert_int_equal(s->count, 2);
    assert_int_equal(s->slides[1].words, words);
    uint32_t ms = s->slides[1].duration_ms;
    *title_ms = s->slides[0].duration_ms;
    show_free(s);
    return ms;
}

static void test_durations(void **state)
{
    uint32_t title;
    (void)state;
    assert_int_equal(excerpt_duration(2, 1.0, &title), 8000);   /* 3000 + 857: clamped up */
    assert_int_equal(excerpt_duration(70, 1.0, &title), 33000); /* 3000 + 70 * 60000 / 140 */
    assert_int_equal(title, 7000);
    assert_int_equal(excerpt_duration(300, 1.0, &title), 45000); /* clamped down */
    assert_int_equal(excerpt_duration(70, 2.0, &title), 16500);
    assert_int_equal(title, 3500);
    assert_int_equal(excerpt_duration(2, 4.0, &title), 2000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timing_default),  cmocka_unit_test(test_scale_ms),
        cmocka_unit_test(test_kind_names),      cmocka_unit_test(test_article_and_images),
        cmocka_unit_test(test_banner_variants), cmocka_unit_test(test_fallback),
        cmocka_unit_test(test_durations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
