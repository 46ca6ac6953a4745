/* Unit tests of textfit: titles and captions fitted into their boxes (wrap, shrink, then ellipsis),
 * with a fake measurer: every code point is half the type size wide. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "textfit.h"

static int cps(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int half_em(void *ctx, int size, const char *s, size_t len, bool rtl)
{
    (void)ctx, (void)rtl;
    return cps(s, len) * size / 2;
}

/* A 400 px box of three lines at 40 px (line height 1.25 * size), shrinking to 24 px. */
static const textfit_box title_box = {400, 150, 40, 24, 1.25, 0};

/* Every line fits, within the box; the text is there in order (less the cut tail). */
static void check_fit(const char *text, const textfit_box *box, const textfit_result *r)
{
    assert_true(r->size >= box->min_size && r->size <= box->max_size);
    assert_true(textfit_height(r) <= box->height || r->lines.count == 1);
    size_t prev = 0;
    for (size_t i = 0; i < r->lines.count; i++) {
        const layout_line *l = &r->lines.lines[i];
        int w = half_em(NULL, r->size, text + l->start, l->len, false);
        if (r->truncated && i + 1 == r->lines.count)
            w += r->size / 2; /* the ellipsis */
        assert_true(w <= box->width);
        assert_true(l->start >= prev);
        prev = l->start + l->len;
    }
}

static void test_fits_at_full_size(void **state)
{
    textfit_result r;
    (void)state;
    const char *t = "Days of sorrow";
    assert_int_equal(textfit_fit(t, &title_box, half_em, NULL, &r), 0);
    check_fit(t, &title_box, &r);
    assert_int_equal(r.size, 40);
    assert_int_equal(r.line_h, 50);
    assert_int_equal(r.lines.count, 1);
    assert_false(r.shrunk);
    assert_false(r.truncated);
    textfit_result_free(&r);

    t = "People of Azerbaijan pay tribute to 20 January martyrs"; /* 54 letters: 3 lines of 20 */
    assert_int_equal(textfit_fit(t, &title_box, half_em, NULL, &r), 0);
    check_fit(t, &title_box, &r);
    assert_int_equal(r.size, 40);
    assert_int_equal(r.lines.count, 3);
    textfit_result_free(&r);
}

static void test_shrinks_then_wraps(void **state)
{
    textfit_result r;
    (void)state;
    /* 4 lines at 40 px: shrinks until it fits the box's height */
    const char *t = "Thirty-four years have passed since the tragic events of Bloody January in Baku";
    assert_int_equal(textfit_fit(t, &title_box, half_em, NULL, &r), 0);
    check_fit(t, &title_box, &r);
    assert_true(r.shrunk);
    assert_true(r.size < 40 && r.size >= 24);
    assert_false(r.truncated);
    assert_true(r.lines.count >= 3);
    textfit_result_free(&r);

    /* one line only (a banner): shrinks to fit on it */
    textfit_box one = {400, 50, 40, 24, 1.25, 1};
    t = "Days of sorrow and of pride"; /* 27 letters: 540 px at 40, 378 at 28 */
    assert_int_equal(textfit_fit(t, &one, half_em, NULL, &r), 0);
    check_fit(t, &one, &r);
    assert_int_equal(r.lines.count, 1);
    assert_true(r.size <= 29);
    assert_false(r.truncated);
    textfit_result_free(&r);
}

static void test_truncated_with_ellipsis(void **state)
{
    textfit_result r;
    char text[2000] = "";
    (void)state;
    for (int i = 0; i < 60; i++)
        strcat(text, "martyrs of January ");
    assert_int_equal(textfit_fit(text, &title_box, half_em, NULL, &r), 0);
    check_fit(text, &title_box, &r);
    assert_true(r.truncated);
    assert_int_equal(r.size, 24);
    assert_int_equal(r.lines.count, (size_t)(150 / 30)); /* as many lines as fit at 24 px */
    const layout_line *last = &r.lines.lines[r.lines.count - 1];
    assert_true(text[last->start + last->len] == ' '); /* cut at a word */
    textfit_result_free(&r);

    /* one unbreakable word: cut between letters, the ellipsis still inside the box */
    memset(text, 'x', 300);
    text[300] = '\0';
    textfit_box one = {400, 50, 40, 24, 1.25, 1};
    assert_int_equal(textfit_fit(text, &one, half_em, NULL, &r), 0);
    check_fit(text, &one, &r);
    assert_true(r.truncated);
    assert_int_equal(r.lines.count, 1);
    assert_int_equal(r.lines.lines[0].len, 400 / 12 - 1); /* 33 letters, the 34th is the ellipsis */
    textfit_result_free(&r);
}

static void test_empty_and_rtl(void **state)
{
    textfit_result r;
    (void)state;
    assert_int_equal(textfit_fit(NULL, &title_box, half_em, NULL, &r), 0);
    assert_int_equal(r.lines.count, 0);
    assert_int_equal(textfit_height(&r), 0);
    textfit_result_free(&r);
    assert_int_equal(textfit_fit("", &title_box, half_em, NULL, &r), 0);
    assert_int_equal(r.lines.count, 0);
    textfit_result_free(&r);
    const char *ar = "ذكرى شهداء العشرين من يناير";
    assert_int_equal(textfit_fit(ar, &title_box, half_em, NULL, &r), 0);
    assert_true(r.lines.rtl);
    check_fit(ar, &title_box, &r);
    textfit_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fits_at_full_size),
        cmocka_unit_test(test_shrinks_then_wraps),
        cmocka_unit_test(test_truncated_with_ellipsis),
        cmocka_unit_test(test_empty_and_rtl),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
