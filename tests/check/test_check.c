/* check.problems / check.content: `memorial-kiosk --check DIR` as staff use it.
 *   - a folder with a broken picture (random bytes named x.jpg), an empty y.png, an article with invalid
 *     UTF-8 on line 3 and a good article: exit 1, an `error:` line for each of the three, each in the form
 *     `DIR/path[:line]: error: message`, and nothing about the good article;
 *   - the good article alone: exit 0 and no error line;
 *   - with --bundled DIR: the bundled exhibit (content/) checks clean: exit 0, no error line. Exits 77
 *     (CTest: skipped) while DIR has no articles or pictures yet.
 * Usage: kiosk_check_cli PATH/TO/memorial-kiosk [--bundled CONTENT_DIR] */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>

#include "harness.h"

#define SKIPPED 77

static const char *g_bin;
static const char *g_bundled;

static const char GOOD_ARTICLE[] = "Flowers at the Alley of Martyrs\n"
                                   "\n"
                                   "Baku, January 20, AZERTAC\n"
                                   "\n"
                                   "Thousands of people laid carnations at the graves of the martyrs.\n"
                                   "The ceremony lasted until the evening.\n"
                                   "\n"
                                   "Days of sorrow 2024-01-20 11:00:00\n";

/* Line 3 holds "\xC3\x28": a lead byte followed by an ASCII byte, malformed UTF-8. */
static const char BAD_ARTICLE[] = "A broken article\n"
                                  "\n"
                                  "Baku, January 20, AZ\xC3\x28RTAC\n"
                                  "\n"
                                  "The body of the article.\n";

static void write_good(kh_fixture *f, const char *dir)
{
    char *p = tf_join(dir, "good.txt");
    assert_int_equal(tf_write_file(p, GOOD_ARTICLE, strlen(GOOD_ARTICLE)), 0);
    free(p);
}

static void run_check(kh_fixture *f, const char *dir)
{
    const char *argv[] = {g_bin, "--check", dir, NULL};
    kh_result_free(&f->run);
    assert_int_equal(kh_run(argv, f->tmp, 60000, &f->run), 0);
    if (f->run.timed_out || f->run.signal)
        fail_msg("--check %s did not finish (signal %d%s); stderr:\n%s", dir, f->run.signal,
                 f->run.timed_out ? ", timed out" : "", f->run.err);
}

/* Every stdout line has the form `path[:line]: error|warning: message`. */
static void check_line_format(const char *out)
{
    for (const char *p = out; *p;) {
        const char *nl = strchr(p, '\n');
        if (!nl)
            fail_msg("the last stdout line has no newline: '%s'", p);
        const char *err = strstr(p, ": error: "), *warn = strstr(p, ": warning: ");
        const char *sev = err && err < nl ? err : warn && warn < nl ? warn : NULL;
        if (!sev || sev == p)
            fail_msg("stdout line is not `path[:line]: error|warning: message`: '%.*s'", (int)(nl - p), p);
        const char *msg = strstr(sev + 2, ": ") + 2;
        if (msg >= nl)
            fail_msg("stdout line without a message: '%.*s'", (int)(nl - p), p);
        p = nl + 1;
    }
}

/* The stdout line that starts with prefix, malloc'd (NULL when none). */
static char *line_starting(const char *out, const char *prefix)
{
    size_t n = strlen(prefix);
    for (const char *p = out; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len >= n && strncmp(p, prefix, n) == 0)
            return strndup(p, len);
        p += len + (nl ? 1 : 0);
    }
    return NULL;
}

static void expect_error(kh_fixture *f, const char *dir, const char *rel, int line)
{
    char prefix[4200];
    if (line > 0)
        snprintf(prefix, sizeof prefix, "%s/%s:%d: error: ", dir, rel, line);
    else
        snprintf(prefix, sizeof prefix, "%s/%s: error: ", dir, rel);
    char *hit = kh_fx_keep(f, line_starting(f->run.out, prefix));
    if (!hit)
        fail_msg("no line starting '%s' on stdout:\n%s", prefix, f->run.out);
    if (strlen(hit) <= strlen(prefix))
        fail_msg("'%s' has no message", hit);
    print_message("%s\n", hit);
}

static void problems(void **state)
{
    kh_fixture *f = *state;
    char *dir = kh_fx_path(f, "content");
    assert_int_equal(mkdir(dir, 0755), 0);

    /* x.jpg: pseudo-random bytes (fixed seed: the same file every run), not starting like any picture. */
    unsigned char junk[4096];
    uint32_t seed = 20240120u;
    for (size_t i = 0; i < sizeof junk; i++) {
        seed = seed * 1664525u + 1013904223u;
        junk[i] = (unsigned char)(seed >> 24);
    }
    junk[0] = 'Z';
    junk[1] = 'Q';
    assert_int_equal(tf_write_file(kh_fx_path(f, "content/x.jpg"), junk, sizeof junk), 0);
    assert_int_equal(tf_write_file(kh_fx_path(f, "content/y.png"), "", 0), 0);
    assert_int_equal(tf_write_file(kh_fx_path(f, "content/bad.txt"), BAD_ARTICLE, strlen(BAD_ARTICLE)), 0);
    write_good(f, dir);

    run_check(f, dir);
    if (f->run.exit_code != 1)
        fail_msg("--check exited %d, expected 1 (errors found); stdout:\n%s\nstderr:\n%s", f->run.exit_code,
                 f->run.out, f->run.err);
    check_line_format(f->run.out);
    expect_error(f, dir, "x.jpg", 0);
    expect_error(f, dir, "y.png", 0);
    expect_error(f, dir, "bad.txt", 3);
    char *good = kh_fx_keep(f, kh_find_line(f->run.out, "good.txt"));
    if (good)
        fail_msg("the good article is reported: '%s'", good);
}

static void clean_folder(void **state)
{
    kh_fixture *f = *state;
    char *dir = kh_fx_path(f, "content");
    assert_int_equal(mkdir(dir, 0755), 0);
    write_good(f, dir);
    run_check(f, dir);
    check_line_format(f->run.out);
    char *err = kh_fx_keep(f, kh_find_line(f->run.out, ": error: "));
    if (err)
        fail_msg("an error for a clean folder: '%s'", err);
    if (f->run.exit_code != 0)
        fail_msg("--check of a clean folder exited %d, expected 0; stdout:\n%s\nstderr:\n%s",
                 f->run.exit_code, f->run.out, f->run.err);
}

static void bundled_content(void **state)
{
    kh_fixture *f = *state;
    run_check(f, g_bundled);
    check_line_format(f->run.out);
    char *err = kh_fx_keep(f, kh_find_line(f->run.out, ": error: "));
    if (err)
        fail_msg("the bundled exhibit %s has an error: '%s'\nstdout:\n%s", g_bundled, err, f->run.out);
    if (f->run.exit_code != 0)
        fail_msg("--check %s exited %d, expected 0; stdout:\n%s\nstderr:\n%s", g_bundled, f->run.exit_code,
                 f->run.out, f->run.err);
    print_message("--check %s: exit 0%s%s", g_bundled, *f->run.out ? ", warnings:\n" : "\n", f->run.out);
}

/* True when dir (or a folder below it) holds a file that is not hidden: the exhibit has been started. */
static bool has_files(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *p = tf_join(dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0)
            found = S_ISREG(st.st_mode) || (S_ISDIR(st.st_mode) && depth < 8 && has_files(p, depth + 1));
        free(p);
    }
    closedir(d);
    return found;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH/TO/memorial-kiosk [--bundled CONTENT_DIR]\n", argv[0]);
        return 2;
    }
    g_bin = argv[1];
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    if (argc > 3 && strcmp(argv[2], "--bundled") == 0) {
        g_bundled = argv[3];
        if (!has_files(g_bundled, 0)) {
            printf("SKIPPED: the bundled exhibit %s has no files yet; check.content runs once it has\n",
                   g_bundled);
            return SKIPPED;
        }
        const struct CMUnitTest bundled[] = {
            cmocka_unit_test_setup_teardown(bundled_content, kh_fixture_setup, kh_fixture_teardown),
        };
        return cmocka_run_group_tests_name("check.content", bundled, NULL, NULL);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(problems, kh_fixture_setup, kh_fixture_teardown),
        cmocka_unit_test_setup_teardown(clean_folder, kh_fixture_setup, kh_fixture_teardown),
    };
    return cmocka_run_group_tests_name("check.problems", tests, NULL, NULL);
}
