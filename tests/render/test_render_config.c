/* render.config: a folder with kiosk.conf and playlist.txt. --render follows the playlist's order and
 * durations, the config's durations, banner templates (Azerbaijani month names, years since the date),
 * background colour and safe area; every problem of the two files is reported with its line, and the
 * show goes on. --check reports the same problems on stdout and the slides on stderr.
 * Usage: kiosk_render_config PATH/TO/memorial-kiosk */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>

#include "harness.h"

static const char *g_bin;

static void put(kh_fixture *f, const char *rel, const char *text)
{
    assert_int_equal(tf_write_file(kh_fx_path(f, rel), text, strlen(text)), 0);
}

static void make_folder(kh_fixture *f)
{
    assert_int_equal(mkdir(kh_fx_path(f, "content"), 0755), 0);
    put(f, "content/a-dated.txt",
        "Anma mərasimi\n\nBakı, 20 yanvar\n\nBirinci abzas burada yazılıb.\n\n"
        "Anma 2024-01-20 11:00:00\n");
    put(f, "content/b-undated.txt",
        "An article without a date\n\nBaku, 20 January\n\nOne short paragraph.\n");
    put(f, "content/c-left-out.txt", "Listed nowhere\n\nBaku\n\nShown after the listed ones.\n");
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 48, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 200, 30, 30));
    assert_int_equal(IMG_SavePNG(s, kh_fx_path(f, "content/photo.png")), 0);
    SDL_FreeSurface(s);
    put(f, "content/kiosk.conf",
        "[show]\n"                               /* 1 */
        "title_seconds = 5\n"                    /* 2 */
        "image_seconds = 12\n"                   /* 3 */
        "colour = blue\n"                        /* 4: unknown key */
        "[banner]\n"                             /* 5 */
        "language = az\n"                        /* 6 */
        "default = {date} \xC2\xB7 {years} il\n" /* 7 */
        "[colors]\n"                             /* 8 */
        "background = #203040\n"                 /* 9 */
        "text = bright\n"                        /* 10: bad value */
        "[screen]\n"                             /* 11 */
        "safe_area_percent = 5\n");              /* 12 */
    put(f, "content/playlist.txt",
        "# order of the show\n"    /* 1 */
        "photo.png duration=20\n"  /* 2 */
        "../outside.txt\n"         /* 3: refused */
        "b-undated.txt\n"          /* 4 */
        "a-dated.txt duration=6\n" /* 5 */
        "missing.jpg\n");          /* 6: not there */
}

static int years_since_1990_01_20(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    int years = tm.tm_year + 1900 - 1990;
    if (tm.tm_mon == 0 && tm.tm_mday < 20)
        years--;
    return years;
}

static void expect_stderr(kh_fixture *f, const char *needle)
{
    if (!strstr(f->run.err, needle))
        fail_msg("stderr lacks '%s':\n%s", needle, f->run.err);
}

static void render_follows_config_and_playlist(void **state)
{
    kh_fixture *f = *state;
    make_folder(f);
    char *out = kh_fx_path(f, "out");
    const char *argv[] = {g_bin, "--render", out, "--size", "960x540", kh_fx_path(f, "content"), NULL};
    assert_int_equal(kh_run(argv, f->tmp, 60000, &f->run), 0);
    if (f->run.exit_code != 0)
        fail_msg("--render exited %d:\n%s", f->run.exit_code, f->run.err);
    char err[512];
    if (kh_manifest_load(kh_fx_path(f, "out/slides.txt"), &f->manifest, err, sizeof err) != 0)
        fail_msg("%s", err);
    const kh_manifest *m = &f->manifest;

    /* order: the playlist, then the file it does not list */
    const char *order[][2] = {{"image", "photo.png"},        {"title", "b-undated.txt"},
                              {"excerpt", "b-undated.txt"},  {"title", "a-dated.txt"},
                              {"excerpt", "a-dated.txt"},    {"title", "c-left-out.txt"},
                              {"excerpt", "c-left-out.txt"}, {"banner", "@banner"}};
    assert_int_equal(m->count, 8); /* [banner] slide = once (the default): the banner slide ends the round */
    for (size_t i = 0; i < 8; i++) {
        assert_string_equal(m->entries[i].kind, order[i][0]);
        assert_string_equal(m->entries[i].source, order[i][1]);
    }
    /* durations: playlist first, then kiosk.conf */
    assert_int_equal(m->entries[0].duration_ms, 20000);
    assert_int_equal(m->entries[1].duration_ms, 5000);
    assert_int_equal(m->entries[3].duration_ms, 6000);
    assert_int_equal(m->entries[4].duration_ms, 6000);
    /* banners: the default template in Azerbaijani, and the article's category and date */
    char expect[128];
    snprintf(expect, sizeof expect, "20 yanvar 1990 \xC2\xB7 %d il", years_since_1990_01_20());
    assert_string_equal(kh_entry_field(&m->entries[0], "banner"), expect);
    assert_string_equal(kh_entry_field(&m->entries[1], "banner"), expect);
    assert_string_equal(kh_entry_field(&m->entries[3], "banner"), "Anma \xC2\xB7 20 yanvar 2024");
    assert_string_equal(kh_entry_field(&m->entries[3], "date"), "20 yanvar 2024");

    /* problems: each with its file and line, the show still made */
    expect_stderr(f, "path=kiosk.conf line=4");
    expect_stderr(f, "path=kiosk.conf line=10");
    expect_stderr(f, "path=playlist.txt line=3");
    expect_stderr(f, "path=playlist.txt line=6");

    /* the background colour of kiosk.conf, at the top of a title slide (its gradient starts there) */
    if (kh_image_load(kh_fx_path(f, "out/002.png"), &f->image, err, sizeof err) != 0)
        fail_msg("%s", err);
    kh_rgb p = kh_pixel(&f->image, 480, 2);
    if (!kh_rgb_near(p, 0x20, 0x30, 0x40, 6))
        fail_msg("background at the top is %d,%d,%d, expected about #203040", p.r, p.g, p.b);
}

static void check_reports_lines(void **state)
{
    kh_fixture *f = *state;
    make_folder(f);
    char *dir = kh_fx_path(f, "content");
    const char *argv[] = {g_bin, "--check", dir, NULL};
    assert_int_equal(kh_run(argv, f->tmp, 60000, &f->run), 0);
    assert_int_equal(f->run.exit_code, 1); /* bad value and ../ are errors */
    char want[600];
    const char *lines[] = {"kiosk.conf:4: warning: ", "kiosk.conf:10: error: ", "playlist.txt:3: error: ",
                           "playlist.txt:6: warning: "};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        snprintf(want, sizeof want, "%s/%s", dir, lines[i]);
        if (!strstr(f->run.out, want))
            fail_msg("stdout lacks '%s':\n%s", want, f->run.out);
    }
    /* the slides that will show, with their durations */
    expect_stderr(f, "event=check-slide index=1 kind=image source=photo.png seconds=20");
    expect_stderr(f, "event=check-slide index=7 kind=excerpt source=c-left-out.txt");
    expect_stderr(f, "event=check folder=");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s MEMORIAL_KIOSK\n", argv[0]);
        return 2;
    }
    g_bin = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(render_follows_config_and_playlist, kh_fixture_setup,
                                        kh_fixture_teardown),
        cmocka_unit_test_setup_teardown(check_reports_lines, kh_fixture_setup, kh_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
