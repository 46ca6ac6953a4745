/* render.fallback: a content folder that is empty, or missing, still gives a show: exactly one fallback
 * slide, drawn with visible text, exit code 0, and the folder's problem logged on stderr as a
 * content-error or content-warning line that names the folder.
 * Usage: kiosk_render_fallback PATH/TO/memorial-kiosk */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <stdio.h>
#include <sys/stat.h>

#include <SDL_image.h>

#include "harness.h"

#define TEXT_MIN 150
#define MIN_TEXT_SHARE 0.0030 /* measured ~1.05% */

static const char *g_bin;

/* True when line has the logfmt field path=dir (bare or quoted). */
static bool names_path(const char *line, const char *dir)
{
    char bare[4200], quoted[4200];
    snprintf(bare, sizeof bare, " path=%s", dir);
    snprintf(quoted, sizeof quoted, " path=\"%s\"", dir);
    const char *hits[] = {strstr(line, bare), strstr(line, quoted)};
    size_t lens[] = {strlen(bare), strlen(quoted)};
    for (int i = 0; i < 2; i++) {
        char end = hits[i] ? hits[i][lens[i]] : 'x';
        if (hits[i] && (end == ' ' || end == '\0' || end == '\n'))
            return true;
    }
    return false;
}

/* Renders dir (at the default size when size is NULL) and checks the one fallback slide. */
static void check_fallback(kh_fixture *f, const char *dir, const char *out_name, const char *size, int w,
                           int h)
{
    char *out = kh_fx_path(f, out_name);
    const char *argv_sized[] = {g_bin, "--render", out, "--size", size, dir, NULL};
    const char *argv_default[] = {g_bin, "--render", out, dir, NULL};
    kh_result_free(&f->run);
    kh_manifest_free(&f->manifest);
    assert_int_equal(kh_run(size ? argv_sized : argv_default, f->tmp, 60000, &f->run), 0);
    if (f->run.timed_out || f->run.exit_code != 0)
        fail_msg("[%s] --render exited %d (signal %d%s); stderr:\n%s", dir, f->run.exit_code, f->run.signal,
                 f->run.timed_out ? ", timed out" : "", f->run.err);

    /* The problem is logged, naming the folder. */
    bool logged = false;
    for (const char *p = f->run.err; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = kh_fx_keep(f, strndup(p, n));
        if ((strstr(line, "event=content-error ") || strstr(line, "event=content-warning ")) &&
            names_path(line, dir) && strstr(line, " reason=") && !strstr(line, " reason=\"\""))
            logged = true;
        p = nl ? nl + 1 : p + n;
    }
    if (!logged)
        fail_msg("[%s] no event=content-error/content-warning line with path=%s and a reason on stderr:\n%s",
                 dir, dir, f->run.err);

    char err[512];
    if (kh_manifest_load(kh_fx_keep(f, tf_join(out, "slides.txt")), &f->manifest, err, sizeof err) != 0)
        fail_msg("[%s] %s", dir, err);
    if (f->manifest.count != 1)
        fail_msg("[%s] %zu slides, expected exactly one fallback slide", dir, f->manifest.count);
    const kh_entry *e = &f->manifest.entries[0];
    assert_string_equal(e->file, "001.png");
    assert_string_equal(e->kind, "fallback");
    assert_true(e->duration_ms > 0);
    const char *title = kh_entry_field(e, "title");
    if (!title || !*title)
        fail_msg("[%s] the fallback slide has no title text", dir);
    assert_int_equal(kh_count_numbered_pngs(out), 1);

    char *png = tf_join(out, "001.png");
    int rc = kh_image_load(png, &f->image, err, sizeof err);
    free(png);
    if (rc != 0)
        fail_msg("[%s] %s", dir, err);
    if (f->image.w != w || f->image.h != h)
        fail_msg("[%s] 001.png is %dx%d, expected %dx%d", dir, f->image.w, f->image.h, w, h);
    double lit = kh_nonblack_share(&f->image), text = kh_bright_share(&f->image, TEXT_MIN);
    print_message("[%s] fallback at %dx%d: %.1f%% not black, %.3f%% text pixels\n", dir, w, h, lit * 100,
                  text * 100);
    if (lit < 0.5)
        fail_msg("[%s] the fallback slide is (nearly) black", dir);
    if (text < MIN_TEXT_SHARE)
        fail_msg("[%s] the fallback slide has %.3f%% light text pixels, expected at least %.3f%%", dir,
                 text * 100, MIN_TEXT_SHARE * 100);
    kh_image_free(&f->image);
}

static void empty_folder(void **state)
{
    kh_fixture *f = *state;
    char *dir = kh_fx_path(f, "empty");
    assert_int_equal(mkdir(dir, 0755), 0);
    /* At the default size (1920x1080: no --size). */
    check_fallback(f, dir, "out", NULL, 1920, 1080);
}

static void missing_folder(void **state)
{
    kh_fixture *f = *state;
    char *dir = kh_fx_path(f, "no-such-folder");
    check_fallback(f, dir, "out", "1280x720", 1280, 720);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH/TO/memorial-kiosk\n", argv[0]);
        return 2;
    }
    g_bin = argv[1];
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(empty_folder, kh_fixture_setup, kh_fixture_teardown),
        cmocka_unit_test_setup_teardown(missing_folder, kh_fixture_setup, kh_fixture_teardown),
    };
    int rc = cmocka_run_group_tests_name("render.fallback", tests, NULL, NULL);
    IMG_Quit();
    return rc;
}
