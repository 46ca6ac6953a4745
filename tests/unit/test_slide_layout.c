/* Unit tests of slide_layout: the display list of each kind of slide on a 1920x1080 and a 1080x1920
 * screen, with a fake measurer (every code point half the type size wide): every box in its place
 * (text inside the screen's safe width, the banner strip at the foot, a caption's strip at the foot of
 * the picture area), titles cut with an ellipsis and flagged, right-to-left body lines flush right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "design.h"
#include "show.h"
#include "slide_layout.h"

static int half_em(void *ctx, font_role role, int size, const char *s, size_t len, bool rtl)
{
    int n = 0;
    (void)ctx, (void)role, (void)rtl;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n * size / 2;
}

static design g_d;

static slide_look look_for(int w, int h)
{
    g_d = design_compute(w, h, 0);
    slide_look l = {.design = &g_d, .measure = half_em};
    int sizes[FONT_ROLE_COUNT] = {g_d.title_size, g_d.dateline_size, g_d.body_size,
                                  g_d.small_size, g_d.caption_size,  g_d.banner_size};
    memcpy(l.size, sizes, sizeof sizes);
    return l;
}

/* Every box on the screen; every text line inside the safe width; the banner strip last (but on the
 * banner slide). */
static void check_common(const slide *s, const display_list *l)
{
    assert_true(l->count > 0);
    for (size_t i = 0; i < l->count; i++) {
        const dl_item *it = &l->items[i];
        assert_true(it->x >= 0 && it->y >= 0 && it->x + it->w <= g_d.w && it->y + it->h <= g_d.h);
        if (it->kind == DL_TEXT) {
            assert_true(it->x >= g_d.safe_x && it->x + it->w <= g_d.safe_x + g_d.safe_w);
            assert_true(it->size > 0 && it->text && *it->text);
        }
    }
    const dl_item *last = &l->items[l->count - 1];
    if (s->kind == SLIDE_BANNER) {
        for (size_t i = 0; i < l->count; i++)
            assert_int_not_equal(l->items[i].ink, DL_INK_BANNER_BG);
        return;
    }
    assert_int_equal(last->kind, DL_TEXT);
    assert_int_equal(last->role, FONT_BANNER);
    assert_string_equal(last->text, s->banner);
    assert_int_equal(l->items[l->count - 3].ink, DL_INK_BANNER_BG);
    assert_int_equal(l->items[l->count - 3].y, g_d.banner_y);
}

static void test_title_slide(void **state)
{
    (void)state;
    int sizes[][2] = {{1920, 1080}, {1080, 1920}};
    for (int k = 0; k < 2; k++) {
        slide_look look = look_for(sizes[k][0], sizes[k][1]);
        slide s = {.kind = SLIDE_TITLE,
                   .title = "The Night of 20 January 1990",
                   .dateline = "Baku, 20 January",
                   .date_text = "20 January 2026",
                   .banner = "History",
                   .fit = -1};
        display_list l = {0};
        assert_int_equal(slide_layout(&s, &look, &l), 0);
        check_common(&s, &l);
        assert_int_equal(l.items[0].role, FONT_TITLE);
        assert_string_equal(l.items[0].text, s.title);
        assert_int_equal(l.items[0].align, ALIGN_CENTER);
        assert_false(l.items[0].truncated);
        assert_int_equal(l.items[1].kind, DL_FILL);
        assert_int_equal(l.items[1].ink, DL_INK_ACCENT);
        assert_string_equal(l.items[2].text, s.dateline);
        assert_int_equal(l.items[2].ink, DL_INK_TEXT_DIM);
        assert_true(l.items[2].y > l.items[1].y && l.items[1].y > l.items[0].y);
        display_list_free(&l);
    }
}

static void test_long_title_is_cut_and_flagged(void **state)
{
    (void)state;
    slide_look look = look_for(1920, 1080);
    char title[2000] = "";
    for (int i = 0; i < 60; i++)
        strcat(title, "remembrance ");
    slide s = {.kind = SLIDE_TITLE, .title = title, .banner = "B", .fit = -1};
    display_list l = {0};
    assert_int_equal(slide_layout(&s, &look, &l), 0);
    check_common(&s, &l);
    size_t titles = 0, cut = 0;
    for (size_t i = 0; i < l.count; i++) {
        const dl_item *it = &l.items[i];
        if (it->kind == DL_TEXT && it->role == FONT_TITLE) {
            titles++;
            if (it->truncated) {
                cut++;
                assert_non_null(strstr(it->text, "\xE2\x80\xA6"));
                assert_true(it->size >= g_d.title_min_size);
            }
        }
    }
    assert_true(titles >= 2);
    assert_int_equal(cut, 1);
    display_list_free(&l);
}

static void test_excerpt_lines_and_head(void **state)
{
    (void)state;
    slide_look look = look_for(1920, 1080);
    slide_line lines[] = {{"First line of the text", true, false},
                          {"second line", false, false},
                          {"\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", true, true}};
    slide s = {.kind = SLIDE_EXCERPT,
               .title = "Title",
               .lines = lines,
               .line_count = 3,
               .part = 2,
               .parts = 3,
               .banner = "B",
               .fit = -1};
    display_list l = {0};
    assert_int_equal(slide_layout(&s, &look, &l), 0);
    check_common(&s, &l);
    assert_string_equal(l.items[0].text, "2 / 3"); /* the part number, right, then the head in capitals */
    assert_int_equal(l.items[0].x + l.items[0].w, g_d.column_x + g_d.column_w);
    assert_string_equal(l.items[1].text, "TITLE");
    assert_int_equal(l.items[2].ink, DL_INK_RULE);
    for (size_t i = 0; i < 3; i++) {
        const dl_item *it = &l.items[3 + i];
        assert_int_equal(it->role, FONT_BODY);
        assert_string_equal(it->text, lines[i].text);
        assert_int_equal(it->x, g_d.column_x);
        assert_int_equal(it->align, lines[i].rtl ? ALIGN_RIGHT : ALIGN_LEFT);
        assert_int_equal(it->rtl, lines[i].rtl);
    }
    assert_int_equal(l.items[4].y - l.items[3].y, g_d.body_line_h);
    assert_int_equal(l.items[5].y - l.items[4].y, g_d.body_line_h + g_d.body_para_gap);
    display_list_free(&l);
}

static void test_caption_strip_and_banner_slide(void **state)
{
    (void)state;
    slide_look look = look_for(1920, 1080);
    slide img = {.kind = SLIDE_IMAGE, .caption = "Red carnations", .banner = "B", .fit = -1};
    display_list l = {0};
    assert_int_equal(slide_layout(&img, &look, &l), 0);
    check_common(&img, &l);
    assert_int_equal(l.items[0].ink, DL_INK_SHADE);
    assert_int_equal(l.items[0].y + l.items[0].h, g_d.picture_h);
    assert_string_equal(l.items[1].text, "Red carnations");
    assert_true(l.items[1].y > l.items[0].y && l.items[1].y + l.items[1].h < g_d.picture_h);
    display_list_free(&l);

    slide_line lines[] = {{"In memory", true, false}};
    slide card = {.kind = SLIDE_BANNER,
                  .title = "20 January 1990",
                  .date_text = "36 years",
                  .lines = lines,
                  .line_count = 1,
                  .banner = "B",
                  .fit = -1};
    assert_int_equal(slide_layout(&card, &look, &l), 0);
    check_common(&card, &l);
    assert_int_equal(l.items[0].kind, DL_EMBLEM);
    assert_int_equal(l.items[0].h, slide_layout_emblem_height(&g_d));
    assert_string_equal(l.items[1].text, "20 January 1990");
    assert_string_equal(l.items[l.count - 1].text, "In memory");
    display_list_free(&l);
}

static void test_show_is_laid_out(void **state)
{
    (void)state;
    slide_look look = look_for(1280, 800);
    show_params p = {.timing = show_timing_default()};
    show *sh = show_build(NULL, &p); /* no content: the fallback card */
    assert_non_null(sh);
    assert_int_equal(sh->slides[0].boxes.count, 0);
    assert_int_equal(slide_layout_show(sh, &look), 0);
    assert_int_equal(sh->slides[0].boxes.items[0].kind, DL_EMBLEM);
    check_common(&sh->slides[0], &sh->slides[0].boxes);
    show_free(sh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_slide),
        cmocka_unit_test(test_long_title_is_cut_and_flagged),
        cmocka_unit_test(test_excerpt_lines_and_head),
        cmocka_unit_test(test_caption_strip_and_banner_slide),
        cmocka_unit_test(test_show_is_laid_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
