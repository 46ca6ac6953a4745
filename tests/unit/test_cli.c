#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

static char err[256];

static int parse(int argc, char *const *argv, cli_options *o)
{
    memset(err, 'x', sizeof err); /* stale text must not survive a call */
    err[sizeof err - 1] = '\0';
    return cli_parse(argc, argv, o, err, sizeof err);
}

static void expect_error(int argc, char *const *argv, const char *message)
{
    cli_options o;
    assert_int_equal(parse(argc, argv, &o), -1);
    assert_string_equal(err, message);
}

static void test_defaults(void **state)
{
    char *argv[] = {"kiosk"};
    cli_options o;
    assert_int_equal(parse(ARGC(argv), argv, &o), 0);
    assert_string_equal(err, "");
    assert_null(o.content_dir);
    assert_false(o.windowed);
    assert_null(o.render_dir);
    assert_int_equal(o.size_w, 1920);
    assert_int_equal(o.size_h, 1080);
    assert_false(o.check);
    assert_true(o.speed == 1.0);
    assert_false(o.help);
    assert_false(o.version);
    assert_int_equal(o.fit, IMGSCALE_FIT_CONTAIN);
    assert_int_equal(o.max_pixels, 80000000);
    assert_false(o.fit_given);
    assert_false(o.max_pixels_given);
    assert_int_equal(o.renderer, RENDERER_AUTO);
}

static void test_positional(void **state)
{
    char *argv[] = {"kiosk", "/srv/exhibit"};
    cli_options o;
    assert_int_equal(parse(ARGC(argv), argv, &o), 0);
    assert_ptr_equal(o.content_dir, argv[1]);
}

static void test_two_positionals(void **state)
{
    char *argv[] = {"kiosk", "a", "b"};
    expect_error(ARGC(argv), argv, "unexpected argument 'b': the content folder is already 'a'");
}

static void test_double_dash_ends_options(void **state)
{
    char *argv[] = {"kiosk", "--check", "--", "--odd-folder"};
    cli_options o;
    assert_int_equal(parse(ARGC(argv), argv, &o), 0);
    assert_true(o.check);
    assert_string_equal(o.content_dir, "--odd-folder");
}

static void test_window_both_forms(void **state)
{
    char *a1[] = {"kiosk", "--window", "800x480", "dir"};
    char *a2[] = {"kiosk", "--window=1024x600"};
    cli_options o;
    assert_int_equal(parse(ARGC(a1), a1, &o), 0);
    assert_true(o.windowed);
    assert_int_equal(o.window_w, 800);
    assert_int_equal(o.window_h, 480);
    assert_string_equal(o.content_dir, "dir");
    assert_int_equal(parse(ARGC(a2), a2, &o), 0);
    assert_true(o.windowed);
    assert_int_equal(o.window_w, 1024);
    assert_int_equal(o.window_h, 600);
}

static void test_window_errors(void **state)
{
    char *a1[] = {"kiosk", "--window", "abc"};
    char *a2[] = {"kiosk", "--window"};
    char *a3[] = {"kiosk", "--window=15x100"};
    expect_error(ARGC(a1), a1, "--window: expected WxH (16..16384 each), got 'abc'");
    expect_error(ARGC(a2), a2, "--window: missing value (see --help)");
    expect_error(ARGC(a3), a3, "--window: expected WxH (16..16384 each), got '15x100'");
}

static void test_render_and_size(void **state)
{
    char *a1[] = {"kiosk", "--render", "out", "--size", "1280x720"};
    char *a2[] = {"kiosk", "--render=out2", "--size=720x1280", "content"};
    cli_options o;
    assert_int_equal(parse(ARGC(a1), a1, &o), 0);
    assert_string_equal(o.render_dir, "out");
    assert_int_equal(o.size_w, 1280);
    assert_int_equal(o.size_h, 720);
    assert_null(o.content_dir);
    assert_int_equal(parse(ARGC(a2), a2, &o), 0);
    assert_string_equal(o.render_dir, "out2");
    assert_int_equal(o.size_w, 720);
    assert_int_equal(o.size_h, 1280);
    assert_string_equal(o.content_dir, "content");
}

static void test_render_errors(void **state)
{
    char *a1[] = {"kiosk", "--render"};
    char *a2[] = {"kiosk", "--render="};
    expect_error(ARGC(a1), a1, "--render: missing value (see --help)");
    expect_error(ARGC(a2), a2, "--render: expected a folder, got ''");
}

static void test_size_without_render_is_allowed(void **state)
{
    char *argv[] = {"kiosk", "--size", "640x480"};
    cli_options o;
    assert_int_equal(parse(ARGC(argv), argv, &o), 0);
    assert_int_equal(o.size_w, 640);
    assert_null(o.render_dir);
}

static void test_size_errors(void **state)
{
    char *a1[] = {"kiosk", "--size", "abc"};
    char *a2[] = {"kiosk", "--size=1920x"};
    char *a3[] = {"kiosk", "--size"};
    expect_error(ARGC(a1), a1, "--size: expected WxH (16..16384 each), got 'abc'");
    expect_error(ARGC(a2), a2, "--size: expected WxH (16..16384 each), got '1920x'");
    expect_error(ARGC(a3), a3, "--size: missing value (see --help)");
}

static void test_window_and_render_conflict(void **state)
{
    char *argv[] = {"kiosk", "--render", "out", "--window", "800x600"};
    expect_error(ARGC(argv), argv, "--window and --render cannot be used together");
}

static void test_check(void **state)
{
    char *a1[] = {"kiosk", "--check", "dir"};
    char *a2[] = {"kiosk", "--check=yes"};
    cli_options o;
    assert_int_equal(parse(ARGC(a1), a1, &o), 0);
    assert_true(o.check);
    assert_string_equal(o.content_dir, "dir");
    expect_error(ARGC(a2), a2, "--check: takes no value, got 'yes'");
}

static void test_contact_sheet(void **state)
{
    char *a1[] = {"kiosk", "--contact-sheet", "sheet.png", "dir"};
    char *a2[] = {"kiosk", "--contact-sheet=s.png"};
    char *a3[] = {"kiosk", "--contact-sheet"};
    char *a4[] = {"kiosk", "--contact-sheet="};
    char *a5[] = {"kiosk", "--contact-sheet", "s.png", "--window", "800x600"};
    cli_options o;
    assert_int_equal(parse(ARGC(a1), a1, &o), 0);
    assert_string_equal(o.contact_sheet, "sheet.png");
    assert_string_equal(o.content_dir, "dir");
    assert_int_equal(parse(ARGC(a2), a2, &o), 0);
    assert_string_equal(o.contact_sheet, "s.png");
    expect_error(ARGC(a3), a3, "--contact-sheet: missing value (see --help)");
    expect_error(ARGC(a4), a4, "--contact-sheet: expected a file name, got ''");
    expect_error(ARGC(a5), a5, "--window and --contact-sheet cannot be used together");
}

static void test_speed(void **state)
{
    char *a1[] = {"kiosk", "--speed", "2.5"};
    char *a2[] = {"kiosk", "--speed=1000"};
    char *a3[] = {"kiosk", "--speed", ".5"};
    cli_options o;
    assert_int_equal(parse(ARGC(a1), a1, &o), 0);
    assert_true(o.speed == 2.5);
    assert_int_equal(parse(ARGC(a2), a2, &o), 0);
    assert_true(o.speed == 1000.0);
    assert_int_equal(parse(ARGC(a3), a3, &o), 0);
    assert_true(o.speed == 0.5);
}

static void test_speed_errors(void **state)
{
    static const char *bad[] = {"0", "-1", "1000.5", "abc", "2x", "", "inf", "nan", " 2", "1e999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *argv[] = {"kiosk", "--speed", (char *)bad[i]};
        char want[128];
        snprintf(want, sizeof want, "--speed: expected a number > 0 and <= 1000, got '%s'", bad[i]);
        expect_error(ARGC(argv), argv, want);
    }
    char *missing[] = {"kiosk", "--speed"};
    expect_error(ARGC(missing), missing, "--speed: missing value (see --help)");
}

static void test_help_and_version(void **state)
{
    char *a1[] = {"kiosk", "--help"};
    char *a2[] = {"kiosk", "-h"};
    char *a3[] = {"kiosk", "--version"};
    char *a4[] = {"kiosk", "-V"};
    char *a5[] = {"kiosk", "--help=1"};
    cli_options o;
    assert_int_equal(parse(ARGC(a1), a1, &o), 0);
    assert_true(o.help);
    assert_int_equal(parse(ARGC(a2), a2, &o), 0);
    assert_true(o.help);
    assert_false(o.version);
    assert_int_equal(parse(ARGC(a3), a3, &o), 0);
    assert_true(o.version);
    assert_int_equal(parse(ARGC(a4), a4, &o), 0);
    assert_true(o.version);
    assert_false(o.help);
    expect_error(ARGC(a5), a5, "--help: takes no value, got '1'");
}

static void test_unknown_options(void **state)
{
    char *a1[] = {"kiosk", "--x"};
    char *a2[] = {"kiosk", "--x=3"};
    char *a3[] = {"kiosk", "-q"};
    char *a4[] = {"kiosk", "--win", "800x600"};
    char *a5[] = {"kiosk", "-hV"};
    expect_error(ARGC(a1), a1, "unknown option '--x' (see --help)");
    expect_error(ARGC(a2), a2, "unknown option '--x' (see --help)");
    expect_error(ARGC(a3), a3, "unknown option '-q' (see --help)");
    expect_error(ARGC(a4), a4, "unknown option '--win' (see --help)");
    expect_error(ARGC(a5), a5, "unknown option '-hV' (see --help)");
}

static void test_reentrant_and_argv_untouched(void **state)
{
    char w[] = "--window=800x600";
    char *argv[] = {"kiosk", w, "dir"};
    cli_options o;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(parse(ARGC(argv), argv, &o), 0);
        assert_int_equal(o.window_w, 800);
        assert_string_equal(o.content_dir, "dir");
    }
    assert_string_equal(w, "--window=800x600");
}

static void test_null_err_buffer(void **state)
{
    char *argv[] = {"kiosk", "--nope"};
    cli_options o;
    assert_int_equal(cli_parse(ARGC(argv), argv, &o, NULL, 0), -1);
}

static void test_parse_size(void **state)
{
    int w = 0, h = 0;
    assert_int_equal(cli_parse_size("1920x1080", &w, &h), 0);
    assert_int_equal(w, 1920);
    assert_int_equal(h, 1080);
    assert_int_equal(cli_parse_size("16x16384", &w, &h), 0);
    assert_int_equal(w, 16);
    assert_int_equal(h, 16384);
    static const char *bad[] = {"",
                                "x",
                                "15x100",
                                "100x16385",
                                "1920",
                                "1920x",
                                "x1080",
                                "+100x100",
                                "100x-100",
                                "100 x100",
                                "100x100 ",
                                "100X100",
                                "99999999999999999999x100",
                                "100x100x100",
                                "0x0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        w = h = 7;
        assert_int_equal(cli_parse_size(bad[i], &w, &h), -1);
        assert_int_equal(w, 7); /* untouched on error */
        assert_int_equal(h, 7);
    }
    assert_int_equal(cli_parse_size(NULL, &w, &h), -1);
}

static void test_fit(void **state)
{
    char *a1[] = {"kiosk", "--fit", "cover"};
    char *a2[] = {"kiosk", "--fit=kenburns", "dir"};
    char *a3[] = {"kiosk", "--fit", "contain"};
    cli_options o;
    assert_int_equal(parse(ARGC(a1), a1, &o), 0);
    assert_int_equal(o.fit, IMGSCALE_FIT_COVER);
    assert_true(o.fit_given);
    assert_false(o.max_pixels_given);
    assert_int_equal(parse(ARGC(a2), a2, &o), 0);
    assert_int_equal(o.fit, IMGSCALE_FIT_KENBURNS);
    assert_string_equal(o.content_dir, "dir");
    assert_int_equal(parse(ARGC(a3), a3, &o), 0);
    assert_int_equal(o.fit, IMGSCALE_FIT_CONTAIN);
    char *b1[] = {"kiosk", "--fit", "fill"};
    char *b2[] = {"kiosk", "--fit"};
    char *b3[] = {"kiosk", "--fit="};
    expect_error(ARGC(b1), b1, "--fit: expected contain, cover or kenburns, got 'fill'");
    expect_error(ARGC(b2), b2, "--fit: missing value (see --help)");
    expect_error(ARGC(b3), b3, "--fit: expected contain, cover or kenburns, got ''");
}

static void test_renderer(void **state)
{
    char *a1[] = {"kiosk", "--renderer", "software"};
    char *a2[] = {"kiosk", "--renderer=gpu", "dir"};
    char *a3[] = {"kiosk", "--renderer", "gpu", "--renderer", "auto"};
    cli_options o;
    assert_int_equal(parse(ARGC(a1), a1, &o), 0);
    assert_int_equal(o.renderer, RENDERER_SOFTWARE);
    assert_null(o.content_dir);
    assert_int_equal(parse(ARGC(a2), a2, &o), 0);
    assert_int_equal(o.renderer, RENDERER_GPU);
    assert_string_equal(o.content_dir, "dir");
    assert_int_equal(parse(ARGC(a3), a3, &o), 0); /* the last one wins */
    assert_int_equal(o.renderer, RENDERER_AUTO);
    char *b1[] = {"kiosk", "--renderer", "opengl"};
    char *b2[] = {"kiosk", "--renderer"};
    char *b3[] = {"kiosk", "--renderer=", "dir"};
    char *b4[] = {"kiosk", "--renderer", "Software"};
    expect_error(ARGC(b1), b1, "--renderer: expected auto, software or gpu, got 'opengl'");
    expect_error(ARGC(b2), b2, "--renderer: missing value (see --help)");
    expect_error(ARGC(b3), b3, "--renderer: expected auto, software or gpu, got ''");
    expect_error(ARGC(b4), b4, "--renderer: expected auto, software or gpu, got 'Software'");
}

static void test_max_pixels(void **state)
{
    char *a1[] = {"kiosk", "--max-pixels", "24000000"};
    char *a2[] = {"kiosk", "--max-pixels=50M"};
    char *a3[] = {"kiosk", "--max-pixels", "1000M"};
    cli_options o;
    assert_int_equal(parse(ARGC(a1), a1, &o), 0);
    assert_int_equal(o.max_pixels, 24000000);
    assert_true(o.max_pixels_given);
    assert_false(o.fit_given);
    assert_int_equal(parse(ARGC(a2), a2, &o), 0);
    assert_int_equal(o.max_pixels, 50000000);
    assert_int_equal(parse(ARGC(a3), a3, &o), 0);
    assert_int_equal(o.max_pixels, 1000000000);
    static const char *bad[] = {
        "",    "0", "0M", "-5", "1001M", "1000000001", "12k", "12 M", "M", "1.5M", "99999999999999999999999",
        "80MM"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char arg[64];
        char expected[160];
        snprintf(arg, sizeof arg, "--max-pixels=%s", bad[i]);
        char *argv[] = {"kiosk", arg};
        snprintf(expected, sizeof expected,
                 "--max-pixels: expected a pixel count like 80000000 or 80M (at most 1000M), got '%s'",
                 bad[i]);
        expect_error(ARGC(argv), argv, expected);
    }
    uint64_t v = 7;
    assert_int_equal(cli_parse_pixels(NULL, &v), -1);
    assert_int_equal(cli_parse_pixels("1", &v), 0);
    assert_int_equal(v, 1);
}

static void test_usage(void **state)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    cli_usage(f, "memorial-kiosk");
    assert_int_equal(fclose(f), 0);
    static const char *needles[] = {"Usage: memorial-kiosk [OPTIONS] [CONTENT_DIR]",
                                    "--window WxH",
                                    "--render DIR",
                                    "--size WxH",
                                    "1920x1080",
                                    "--check",
                                    "--contact-sheet FILE.png",
                                    "--speed F",
                                    "--fit MODE",
                                    "kenburns",
                                    "--max-pixels N",
                                    "--renderer R",
                                    "auto",
                                    "SDL_RENDER_DRIVER",
                                    "-h, --help",
                                    "-V, --version",
                                    "--option=value",
                                    "KIOSK_CONTENT_DIR",
                                    "slides.txt",
                                    "Ctrl+Alt+Q",
                                    "Esc",
                                    "SDL_VIDEODRIVER",
                                    "logfmt",
                                    "level=info event=slide",
                                    "0  success",
                                    "1  --check found errors",
                                    "2  usage error",
                                    "3  no display"};
    for (size_t i = 0; i < sizeof needles / sizeof needles[0]; i++) {
        if (strstr(text, needles[i]) == NULL)
            fail_msg("usage lacks '%s'", needles[i]);
    }
    /* Fits an 80-column terminal. */
    for (const char *line = text; *line != '\0';) {
        const char *nl = strchr(line, '\n');
        assert_non_null(nl);
        assert_true(nl - line <= 80);
        line = nl + 1;
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_positional),
        cmocka_unit_test(test_two_positionals),
        cmocka_unit_test(test_double_dash_ends_options),
        cmocka_unit_test(test_window_both_forms),
        cmocka_unit_test(test_window_errors),
        cmocka_unit_test(test_render_and_size),
        cmocka_unit_test(test_render_errors),
        cmocka_unit_test(test_size_without_render_is_allowed),
        cmocka_unit_test(test_size_errors),
        cmocka_unit_test(test_window_and_render_conflict),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_contact_sheet),
        cmocka_unit_test(test_speed),
        cmocka_unit_test(test_speed_errors),
        cmocka_unit_test(test_help_and_version),
        cmocka_unit_test(test_unknown_options),
        cmocka_unit_test(test_reentrant_and_argv_untouched),
        cmocka_unit_test(test_null_err_buffer),
        cmocka_unit_test(test_parse_size),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_max_pixels),
        cmocka_unit_test(test_renderer),
        cmocka_unit_test(test_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
