/* Unit tests of content: scans of temporary folders built by each test (ordering, hidden and ignored
 * files, captions, bad articles, symlinks out of the folder and in loops, folder-level diags), and
 * content_read_file. Each test gets two fresh mkdtemp folders: the content root and one outside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "testfs.h"

#define UNSUPPORTED "not a picture or an article (supported: .txt .jpg .jpeg .png .webp .gif .bmp); ignored"
#define OUTSIDE "links outside the content folder; ignored"

typedef tf_dirs fixture;

/* Creates dir/rel's parent folders. */
static void parents(const char *dir, const char *rel)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        assert_true(mkdir(path, 0755) == 0 || errno == EEXIST);
        *p = '/';
    }
}

static void put_n(const char *dir, const char *rel, const char *data, size_t len)
{
    assert_int_equal(tf_write_at(dir, rel, data, len), 0);
}

static void put(const char *dir, const char *rel, const char *text)
{
    put_n(dir, rel, text, strlen(text));
}

static void link_to(const char *dir, const char *rel, const char *target)
{
    char path[PATH_MAX];
    parents(dir, rel);
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    assert_int_equal(symlink(target, path), 0);
}

#define ARTICLE "A title\nBaku, January 20, AZERTAC\nThe body.\nDays of sorrow 2024-01-20 11:00:00"
#define JPEG "\xFF\xD8\xFF\xE0 not really decoded here"

static void check_paths(const content *c, const char *const *expected, size_t n)
{
    for (size_t i = 0; i < c->count && i < n; i++) {
        if (strcmp(c->items[i].rel_path, expected[i]) != 0) {
            fail_msg("item %zu: got %s, expected %s", i, c->items[i].rel_path, expected[i]);
        }
    }
    assert_int_equal(c->count, n);
}

/* The diag on rel (asserting there is exactly one). */
static const diag *diag_on(const content *c, const char *rel)
{
    const diag *found = NULL;
    for (size_t i = 0; i < c->diags.count; i++) {
        if (strcmp(c->diags.items[i].path, rel) == 0) {
            if (found != NULL) {
                fail_msg("two diags on %s", rel);
            }
            found = &c->diags.items[i];
        }
    }
    if (found == NULL) {
        fail_msg("no diag on \"%s\"", rel);
    }
    return found;
}

static void expect_diag(const content *c, const char *rel, diag_severity sev, int line, const char *message)
{
    const diag *d = diag_on(c, rel);
    assert_int_equal(d->severity, sev);
    assert_int_equal(d->line, line);
    assert_string_equal(d->message, message);
}

static void test_order_and_ignored_files(void **state)
{
    fixture *f = *state;
    put(f->root, "10-end.txt", ARTICLE);
    put(f->root, "2-b.jpg", JPEG);
    put(f->root, "1-a.txt", "First\n\nOnly a body line.");
    put(f->root, "Notes.TXT", ARTICLE);
    put(f->root, "photos/alley.jpg", JPEG);
    put(f->root, "photos/alley.txt", "  The Alley\r\nof Martyrs,\t Baku \n");
    put(f->root, "photos/9.png", "png");
    put(f->root, "photos/10.png", "png");
    put(f->root, "photos-2024.jpg", JPEG);
    put(f->root, "dir.jpg/inner.png", "png"); /* a folder named like a picture */
    put(f->root, "readme.jpg", JPEG);         /* a picture, despite the name */
    /* Not slides, no warnings: hidden, backups, configuration, documentation. */
    put(f->root, ".hidden.txt", "\xFF\xFE");
    put(f->root, ".git/notes.txt", ARTICLE);
    put(f->root, "photos/.DS_Store", "junk");
    put(f->root, "1-a.txt~", ARTICLE);
    put(f->root, "kiosk.conf", "interval = 10\n");
    put(f->root, "playlist.txt", "1-a.txt\n");
    put(f->root, "README", "staff notes");
    put(f->root, "README.txt", "staff notes");
    put(f->root, "notes.md", "# notes");
    put(f->root, "video.mp4", "mp4"); /* the one warning */

    content *c = content_scan(f->root);
    assert_non_null(c);
    const char *expected[] = {"1-a.txt",         "2-b.jpg",      "10-end.txt",    "dir.jpg/inner.png",
                              "Notes.TXT",       "photos/9.png", "photos/10.png", "photos/alley.jpg",
                              "photos-2024.jpg", "readme.jpg"};
    check_paths(c, expected, sizeof expected / sizeof expected[0]);
    assert_int_equal(c->diags.count, 1);
    expect_diag(c, "video.mp4", DIAG_WARNING, 0, UNSUPPORTED);

    assert_string_equal(c->root, f->root);
    char abs[PATH_MAX];
    snprintf(abs, sizeof abs, "%s/photos/alley.jpg", f->root);
    assert_string_equal(c->items[7].abs_path, abs);
    assert_int_equal(c->items[7].kind, CONTENT_IMAGE);
    assert_null(c->items[7].article);
    assert_string_equal(c->items[7].caption, "The Alley of Martyrs, Baku");
    assert_null(c->items[5].caption);
    assert_int_equal(c->items[0].kind, CONTENT_ARTICLE);
    assert_string_equal(c->items[0].article->title, "First");
    assert_string_equal(c->items[0].article->paragraphs[0], "Only a body line.");
    assert_null(c->items[0].caption);
    assert_string_equal(c->items[2].article->category, "Days of sorrow");
    /* the walk that stops early finds the same first items, in the same order (a folder named like
     * a picture, sub-folders and numbers included) */
    for (size_t limit = 1; limit <= c->count; limit++) {
        content *first = content_scan_first(f->root, limit);
        assert_non_null(first);
        assert_int_equal(first->count, limit);
        for (size_t i = 0; i < limit; i++)
            assert_string_equal(first->items[i].rel_path, c->items[i].rel_path);
        assert_string_equal(first->items[limit - 1].caption ? first->items[limit - 1].caption : "",
                            c->items[limit - 1].caption ? c->items[limit - 1].caption : "");
        content_free(first);
    }
    content_free(c);
}

static void test_captions(void **state)
{
    fixture *f = *state;
    put(f->root, "bad.jpg", JPEG);
    put(f->root, "bad.txt", "First line\nsecond \xFF line\n"); /* not UTF-8: line 2 */
    put(f->root, "Other.PNG", "png");
    put(f->root, "other.txt",
        "\xEF\xBB\xBF"
        "Case does not matter");
    put(f->root, "twice.jpg", JPEG);
    put(f->root, "twice.webp", "webp");
    put(f->root, "twice.txt", "Shared caption");
    put(f->root, "blank.gif", "gif");
    put(f->root, "blank.txt", " \n \n");
    put(f->root, "wide.bmp", "bmp");
    put_n(f->root, "wide.txt", "W\0i\0d\0e\0", 8);
    put(f->root, "sub/bad.txt", ARTICLE); /* a different folder: an article, not bad.jpg's caption */

    content *c = content_scan(f->root);
    assert_non_null(c);
    const char *expected[] = {"bad.jpg",   "blank.gif",  "Other.PNG", "sub/bad.txt",
                              "twice.jpg", "twice.webp", "wide.bmp"};
    check_paths(c, expected, sizeof expected / sizeof expected[0]);
    assert_null(c->items[0].caption); /* shown without its bad caption */
    assert_null(c->items[1].caption); /* a blank caption is no caption, and no problem */
    assert_string_equal(c->items[2].caption, "Case does not matter");
    assert_int_equal(c->items[3].kind, CONTENT_ARTICLE);
    assert_string_equal(c->items[4].caption, "Shared caption");
    assert_string_equal(c->items[5].caption, "Shared caption");
    assert_null(c->items[6].caption);
    assert_int_equal(c->diags.count, 2);
    const diag *d = diag_on(c, "bad.txt");
    assert_int_equal(d->severity, DIAG_WARNING);
    assert_int_equal(d->line, 2);
    assert_non_null(strstr(d->message, "not valid UTF-8"));
    assert_non_null(strstr(d->message, "shown without a caption"));
    d = diag_on(c, "wide.txt");
    assert_int_equal(d->severity, DIAG_WARNING);
    assert_non_null(strstr(d->message, "UTF-16"));
    content_free(c);
}

static void test_bad_files(void **state)
{
    fixture *f = *state;
    size_t mib = (size_t)1 << 20;
    char *big = malloc(mib + 1);
    assert_non_null(big);
    memcpy(big, "Title\n", 6);
    memset(big + 6, 'a', mib + 1 - 6);
    put_n(f->root, "big.txt", big, mib + 1);
    put_n(f->root, "exactly-1mib.txt", big, mib); /* the limit itself is fine */
    free(big);
    put(f->root, "broken.txt", "Title\n\nBody\ncaf\xE9\n");
    put(f->root, "empty.txt", "");
    put(f->root, "title-only.txt", "Just a title\n\n");
    put_n(f->root, "utf16.txt", "\xFF\xFET\0i\0", 6);
    put(f->root, "copying.jpg", "");
    put(f->root, "good.txt", ARTICLE);

    content *c = content_scan(f->root);
    assert_non_null(c);
    const char *expected[] = {"exactly-1mib.txt", "good.txt"};
    check_paths(c, expected, 2);
    assert_int_equal(c->items[0].article->paragraph_count, 1);
    assert_int_equal(strlen(c->items[0].article->paragraphs[0]), mib - 6);
    expect_diag(c, "big.txt", DIAG_ERROR, 0, "too large for an article (over 1 MiB)");
    expect_diag(c, "broken.txt", DIAG_ERROR, 4, article_status_message(ARTICLE_BAD_UTF8));
    expect_diag(c, "empty.txt", DIAG_ERROR, 0, article_status_message(ARTICLE_EMPTY));
    expect_diag(c, "title-only.txt", DIAG_ERROR, 0, article_status_message(ARTICLE_NO_BODY));
    expect_diag(c, "utf16.txt", DIAG_ERROR, 0, article_status_message(ARTICLE_UTF16));
    expect_diag(c, "copying.jpg", DIAG_ERROR, 0, "the file is empty (maybe still being copied)");
    assert_int_equal(c->diags.count, 6);
    assert_int_equal(diag_count(&c->diags, DIAG_ERROR), 6);
    content_free(c);
}

static void test_unreadable_files(void **state)
{
    fixture *f = *state;
    if (geteuid() == 0) {
        skip(); /* root reads everything */
    }
    char path[PATH_MAX];
    put(f->root, "locked.txt", ARTICLE);
    put(f->root, "shut.jpg", JPEG);
    put(f->root, "closed/inside.jpg", JPEG);
    snprintf(path, sizeof path, "%s/locked.txt", f->root);
    assert_int_equal(chmod(path, 0), 0);
    snprintf(path, sizeof path, "%s/shut.jpg", f->root);
    assert_int_equal(chmod(path, 0), 0);
    snprintf(path, sizeof path, "%s/closed", f->root);
    assert_int_equal(chmod(path, 0), 0);
    content *c = content_scan(f->root);
    assert_non_null(c);
    char msg[256];
    snprintf(msg, sizeof msg, "cannot be read: %s", strerror(EACCES));
    expect_diag(c, "locked.txt", DIAG_ERROR, 0, msg);
    expect_diag(c, "shut.jpg", DIAG_ERROR, 0, msg);
    snprintf(msg, sizeof msg, "this folder cannot be opened: %s", strerror(EACCES));
    expect_diag(c, "closed", DIAG_ERROR, 0, msg);
    assert_int_equal(c->count, 0);
    content_free(c);
}

static void test_symlinks_outside_refused(void **state)
{
    fixture *f = *state;
    char target[PATH_MAX + 32];
    const char *outside_name = strrchr(f->outside, '/') + 1;
    put(f->outside, "outside.jpg", JPEG);
    put(f->outside, "sub/x.jpg", JPEG);
    put(f->root, "photos/inside.jpg", JPEG);
    link_to(f->root, "link-in.jpg", "photos/inside.jpg"); /* stays inside: followed */
    link_to(f->root, "link-dir", "photos");               /* a second way to the same folder */
    snprintf(target, sizeof target, "%s/outside.jpg", f->outside);
    link_to(f->root, "out.jpg", target);
    snprintf(target, sizeof target, "%s/sub", f->outside);
    link_to(f->root, "outdir", target);
    snprintf(target, sizeof target, "../../%s/outside.jpg", outside_name);
    link_to(f->root, "photos/sneaky.jpg", target);
    link_to(f->root, "dangling.jpg", "nothing-here.jpg");

    content *c = content_scan(f->root);
    assert_non_null(c);
    /* "link-dir" sorts before "photos", so the folder is walked through the link, once. */
    const char *expected[] = {"link-dir/inside.jpg", "link-in.jpg"};
    check_paths(c, expected, 2);
    expect_diag(c, "out.jpg", DIAG_WARNING, 0, OUTSIDE);
    expect_diag(c, "outdir", DIAG_WARNING, 0, OUTSIDE);
    expect_diag(c, "link-dir/sneaky.jpg", DIAG_WARNING, 0, OUTSIDE);
    expect_diag(c, "dangling.jpg", DIAG_WARNING, 0, "a link to something that does not exist; ignored");
    expect_diag(c, "photos", DIAG_WARNING, 0, "this folder is already included (through a link); ignored");
    assert_int_equal(c->diags.count, 5);
    content_free(c);
}

static void test_symlink_loops(void **state)
{
    fixture *f = *state;
    put(f->root, "photos/a.jpg", JPEG);
    link_to(f->root, "photos/up", "..");
    link_to(f->root, "photos/here", ".");
    link_to(f->root, "photos/self", "self");
    link_to(f->root, "ping", "pong");
    link_to(f->root, "pong", "ping");

    content *c = content_scan(f->root);
    assert_non_null(c);
    const char *expected[] = {"photos/a.jpg"};
    check_paths(c, expected, 1);
    const char *again = "this folder is already included (through a link); ignored";
    expect_diag(c, "photos/up", DIAG_WARNING, 0, again);
    expect_diag(c, "photos/here", DIAG_WARNING, 0, again);
    char msg[256];
    snprintf(msg, sizeof msg, "a link that cannot be followed: %s", strerror(ELOOP));
    expect_diag(c, "photos/self", DIAG_WARNING, 0, msg);
    expect_diag(c, "ping", DIAG_WARNING, 0, msg);
    expect_diag(c, "pong", DIAG_WARNING, 0, msg);
    assert_int_equal(c->diags.count, 5);
    content_free(c);
}

static void test_depth_limit(void **state)
{
    fixture *f = *state;
    put(f->root, "1/2/3/4/5/6/7/8/ok.png", "png");
    put(f->root, "1/2/3/4/5/6/7/8/9/deep.png", "png");
    content *c = content_scan(f->root);
    assert_non_null(c);
    const char *expected[] = {"1/2/3/4/5/6/7/8/ok.png"};
    check_paths(c, expected, 1);
    expect_diag(c, "1/2/3/4/5/6/7/8/9", DIAG_WARNING, 0, "nested more than 8 folders deep; ignored");
    assert_int_equal(c->diags.count, 1);
    content_free(c);
}

static void test_folder_diags(void **state)
{
    fixture *f = *state;
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/missing", f->root);
    content *c = content_scan(path);
    assert_non_null(c);
    assert_int_equal(c->count, 0);
    assert_int_equal(c->diags.count, 1);
    expect_diag(c, "", DIAG_ERROR, 0, "the content folder does not exist");
    content_free(c);

    put(f->root, "file.txt", ARTICLE);
    snprintf(path, sizeof path, "%s/file.txt", f->root);
    c = content_scan(path);
    assert_non_null(c);
    assert_int_equal(c->count, 0);
    expect_diag(c, "", DIAG_ERROR, 0, "the content folder is a file, not a folder");
    content_free(c);

    /* A folder with nothing to show: only ignored files. */
    put(f->outside, ".hidden.jpg", JPEG);
    put(f->outside, "kiosk.conf", "");
    put(f->outside, "empty/README.md", "");
    c = content_scan(f->outside);
    assert_non_null(c);
    assert_int_equal(c->count, 0);
    assert_int_equal(c->diags.count, 1);
    expect_diag(c, "", DIAG_WARNING, 0, "the content folder has no articles or pictures");
    content_free(c);

    /* A root given with a trailing slash gives clean paths. */
    snprintf(path, sizeof path, "%s/", f->root);
    c = content_scan(path);
    assert_non_null(c);
    assert_int_equal(c->count, 1);
    snprintf(path, sizeof path, "%s/file.txt", f->root);
    assert_string_equal(c->items[0].abs_path, path);
    assert_int_equal(c->diags.count, 0);
    content_free(c);
}

static void test_read_file(void **state)
{
    fixture *f = *state;
    char path[PATH_MAX + 16];
    char *data = (char *)1;
    size_t len = 99;
    put(f->root, "ten.txt", "0123456789");
    snprintf(path, sizeof path, "%s/ten.txt", f->root);
    assert_int_equal(content_read_file(path, 10, &data, &len), 0);
    assert_int_equal(len, 10);
    assert_string_equal(data, "0123456789"); /* NUL-terminated */
    free(data);
    assert_int_equal(content_read_file(path, 9, &data, &len), EFBIG);
    assert_null(data);
    assert_int_equal(len, 0);
    assert_int_equal(content_read_file(f->root, 100, &data, &len), EISDIR);
    snprintf(path, sizeof path, "%s/none.txt", f->root);
    assert_int_equal(content_read_file(path, 100, &data, &len), ENOENT);
    put(f->root, "empty.txt", "");
    snprintf(path, sizeof path, "%s/empty.txt", f->root);
    assert_int_equal(content_read_file(path, 100, &data, &len), 0);
    assert_int_equal(len, 0);
    assert_string_equal(data, "");
    free(data);
    /* A pipe is refused without blocking, and the scan warns about it. */
    snprintf(path, sizeof path, "%s/pipe.jpg", f->root);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(content_read_file(path, 100, &data, &len), EINVAL);
    content *c = content_scan(f->root);
    assert_non_null(c);
    expect_diag(c, "pipe.jpg", DIAG_WARNING, 0, "not a regular file or folder; ignored");
    content_free(c);
}

static void test_image_names(void **state)
{
    const char *yes[] = {"a.jpg", "a.JPG", "b.jpeg",        "c.png",  "d.webp",
                         "e.gif", "f.bmp", "photos/x.Jpeg", "a.b.png"};
    const char *no[] = {"a.txt", "jpg", "a.jpg.txt", "a.tiff", "a.svg", "a.", "", "photos.jpg/x", "a.jpgx"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        assert_true(content_is_image_name(yes[i]));
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        assert_false(content_is_image_name(no[i]));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_order_and_ignored_files, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test_setup_teardown(test_captions, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test_setup_teardown(test_bad_files, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_files, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test_setup_teardown(test_symlinks_outside_refused, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test_setup_teardown(test_symlink_loops, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test_setup_teardown(test_depth_limit, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test_setup_teardown(test_folder_diags, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test_setup_teardown(test_read_file, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test(test_image_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
