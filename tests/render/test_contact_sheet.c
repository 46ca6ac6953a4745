/* render.contact_sheet: --contact-sheet FILE.png draws one labelled cell per slide: the sheet's grid has
 * exactly as many cells as --render writes slides, each cell holds a thumbnail of its slide (the same
 * picture, scaled) and a light label under it; the cells after the last one are empty.
 * Usage: kiosk_contact_sheet PATH/TO/memorial-kiosk */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "harness.h"

/* The sheet's grid (contact_sheet.c). */
#define THUMB_W 480
#define THUMB_H 270
#define COLUMNS 4
#define GAP 32
#define LABEL_H 64
#define HEADER 96

static const char *g_bin;

static void put(kh_fixture *f, const char *rel, const char *text)
{
    assert_int_equal(tf_write_file(kh_fx_path(f, rel), text, strlen(text)), 0);
}

/* Mean brightness of a box of img. */
static double mean(const kh_image *img, int x0, int y0, int w, int h)
{
    double sum = 0;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++) {
            kh_rgb p = kh_pixel(img, x, y);
            sum += (p.r + p.g + p.b) / 3.0;
        }
    return sum / (w * h);
}

/* Share of pixels in a box brighter than min. */
static double bright(const kh_image *img, int x0, int y0, int w, int h, int min)
{
    long n = 0;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++) {
            kh_rgb p = kh_pixel(img, x, y);
            n += p.r >= min && p.g >= min && p.b >= min;
        }
    return (double)n / (w * h);
}

static void one_labelled_cell_per_slide(void **state)
{
    kh_fixture *f = *state;
    assert_int_equal(mkdir(kh_fx_path(f, "content"), 0755), 0);
    put(f, "content/1-a.txt", "First article\n\nBaku, 20 January\n\nA paragraph.\n\nSecond paragraph.\n");
    put(f, "content/2-b.txt", "Second article\n\nBaku\n\nIts only paragraph is short.\n");
    put(f, "content/3-c.txt", "Third article\n\nBaku\n\nOne more paragraph.\n");

    /* how many slides the show has */
    const char *render[] = {g_bin, "--render", kh_fx_path(f, "out"), kh_fx_path(f, "content"), NULL};
    assert_int_equal(kh_run(render, f->tmp, 60000, &f->run), 0);
    assert_int_equal(f->run.exit_code, 0);
    char err[512];
    if (kh_manifest_load(kh_fx_path(f, "out/slides.txt"), &f->manifest, err, sizeof err) != 0)
        fail_msg("%s", err);
    size_t slides = f->manifest.count;
    assert_int_equal(slides, 7); /* three titles, three excerpts, the banner slide ([banner] slide = once) */
    assert_string_equal(f->manifest.entries[6].kind, "banner");

    kh_result_free(&f->run);
    char *sheet = kh_fx_path(f, "sheet.png");
    const char *argv[] = {g_bin, "--contact-sheet", sheet, kh_fx_path(f, "content"), NULL};
    assert_int_equal(kh_run(argv, f->tmp, 60000, &f->run), 0);
    if (f->run.exit_code != 0)
        fail_msg("--contact-sheet exited %d:\n%s", f->run.exit_code, f->run.err);
    if (!strstr(f->run.err, "event=contact-sheet") || !strstr(f->run.err, "slides=7"))
        fail_msg("no event=contact-sheet slides=7 in:\n%s", f->run.err);
    if (kh_image_load(sheet, &f->image, err, sizeof err) != 0)
        fail_msg("%s", err);
    const kh_image *img = &f->image;
    int rows = (int)((slides + COLUMNS - 1) / COLUMNS);
    assert_int_equal(img->w, COLUMNS * THUMB_W + (COLUMNS + 1) * GAP);
    assert_int_equal(img->h, HEADER + rows * (THUMB_H + LABEL_H + GAP) + GAP);

    double background = mean(img, 0, img->h - GAP / 2, GAP / 2, GAP / 4);
    for (int i = 0; i < rows * COLUMNS; i++) {
        int x = GAP + (i % COLUMNS) * (THUMB_W + GAP);
        int y = HEADER + (i / COLUMNS) * (THUMB_H + LABEL_H + GAP);
        double label = bright(img, x, y + THUMB_H, THUMB_W, LABEL_H, 140);
        double thumb_text = bright(img, x, y, THUMB_W, THUMB_H, 150);
        if (i < (int)slides) {
            if (label < 0.01)
                fail_msg("cell %d has no label (%.4f light pixels)", i + 1, label);
            if (thumb_text < 0.0002)
                fail_msg("cell %d has no slide text in its thumbnail (%.4f)", i + 1, thumb_text);
            /* the thumbnail's banner strip is darker than the sheet's background (the banner slide is
             * the banner itself: it has no strip) */
            double banner = mean(img, x, y + THUMB_H - 8, THUMB_W, 6);
            if (i != 6 && !(banner < background))
                fail_msg("cell %d: no slide banner at its bottom (%.1f vs %.1f)", i + 1, banner, background);
        } else if (label > 0 || thumb_text > 0) {
            fail_msg("cell %d should be empty", i + 1);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s MEMORIAL_KIOSK\n", argv[0]);
        return 2;
    }
    g_bin = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(one_labelled_cell_per_slide, kh_fixture_setup, kh_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
