/* Unit tests of content_scan_first, the walk that stops early (the kiosk's first frame): it finds the
 * same first items as content_scan, in the same order, with the same diags on the way, while looking at
 * entries by readdir's d_type and name: only the folders it walks into and the pictures it lists are
 * stat()ed (content.stat_calls counts them), so later sub-folders and entries, broken or not, neither
 * delay nor change the first item. Each test gets two fresh mkdtemp folders: the root and one outside. */
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

#define JPEG "\xFF\xD8\xFF\xE0 not really decoded here"
#define ARTICLE "A title\nBaku, January 20, AZERTAC\nThe body.\nDays of sorrow 2024-01-20 11:00:00"

typedef tf_dirs fixture;

static void put(const char *dir, const char *rel, const char *text)
{
    assert_int_equal(tf_write_at(dir, rel, text, strlen(text)), 0);
}

static void link_to(const char *dir, const char *rel, const char *target)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    assert_int_equal(symlink(target, path), 0);
}

/* Skips the test when the file system of dir gives no d_type (then every entry is stat()ed: correct,
 * but the counts asserted here do not hold). */
static void need_d_type(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int unknown = 0;
    for (struct dirent *de; (de = readdir(d)) != NULL;) {
        unknown |= de->d_type == DT_UNKNOWN;
    }
    closedir(d);
    if (unknown) {
        print_message("the file system of %s gives no d_type; skipped\n", dir);
        skip();
    }
}

/* For every limit: content_scan_first finds the whole scan's first items (path, kind, caption) and the
 * whole scan's first diags (the ones met on the way), in the same order. */
static void check_first_as_whole(const char *root)
{
    content *c = content_scan(root);
    assert_non_null(c);
    assert_true(c->count > 0);
    for (size_t limit = 1; limit <= c->count; limit++) {
        content *first = content_scan_first(root, limit);
        assert_non_null(first);
        assert_int_equal(first->count, limit);
        for (size_t i = 0; i < limit; i++) {
            const content_item *a = &first->items[i], *b = &c->items[i];
            assert_string_equal(a->rel_path, b->rel_path);
            assert_string_equal(a->abs_path, b->abs_path);
            assert_int_equal(a->kind, b->kind);
            assert_string_equal(a->caption ? a->caption : "-", b->caption ? b->caption : "-");
            assert_int_equal(a->article != NULL, b->article != NULL);
        }
        assert_true(first->diags.count <= c->diags.count);
        for (size_t i = 0; i < first->diags.count; i++) {
            const diag *a = &first->diags.items[i], *b = &c->diags.items[i];
            assert_string_equal(a->path, b->path);
            assert_string_equal(a->message, b->message);
            assert_int_equal(a->severity, b->severity);
            assert_int_equal(a->line, b->line);
        }
        assert_true(first->stat_calls <= c->stat_calls);
        content_free(first);
    }
    content_free(c);
}

/* 50 sub-folders of 4 photos: the first item stats the root, the first folder and its first photo; the
 * other 49 folders and 199 photos are not looked at. The whole scan stats every one. */
static void test_many_folders(void **state)
{
    fixture *f = *state;
    char rel[64];
    for (int d = 1; d <= 50; d++) {
        for (int p = 1; p <= 4; p++) {
            snprintf(rel, sizeof rel, "room-%02d/photo-%d.jpg", d, p);
            put(f->root, rel, JPEG);
        }
    }
    need_d_type(f->root);
    content *first = content_scan_first(f->root, 1);
    assert_non_null(first);
    assert_int_equal(first->count, 1);
    assert_string_equal(first->items[0].rel_path, "room-01/photo-1.jpg");
    assert_int_equal(first->stat_calls, 3); /* the root, room-01, photo-1.jpg */
    assert_int_equal(first->diags.count, 0);
    content_free(first);

    first = content_scan_first(f->root, 8); /* the two first folders, and nothing of the third */
    assert_non_null(first);
    assert_int_equal(first->count, 8);
    assert_string_equal(first->items[7].rel_path, "room-02/photo-4.jpg");
    assert_int_equal(first->stat_calls, 1 + 2 * (1 + 4));
    content_free(first);

    content *c = content_scan(f->root);
    assert_non_null(c);
    assert_int_equal(c->count, 200);
    assert_int_equal(c->stat_calls, 1 + 50 + 200);
    content_free(c);
    check_first_as_whole(f->root);
}

/* Broken and odd entries after the first item are not looked at: no diag, no stat, the same item. The
 * whole scan reports every one of them. */
static void test_later_entries_untouched(void **state)
{
    fixture *f = *state;
    char target[PATH_MAX];
    put(f->root, "a/1.jpg", JPEG);
    put(f->outside, "elsewhere.jpg", JPEG);
    snprintf(target, sizeof target, "%s/elsewhere.jpg", f->outside);
    link_to(f->root, "b-out.jpg", target);
    link_to(f->root, "c-dangling.jpg", "nothing-here.jpg");
    link_to(f->root, "d-loop", "d-loop");
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/e-pipe.jpg", f->root);
    assert_int_equal(mkfifo(path, 0600), 0);
    put(f->root, "f-video.mp4", "mp4");
    put(f->root, "g-empty.jpg", "");
    put(f->root, "h-closed/inside.jpg", JPEG);
    int locked = geteuid() != 0; /* root reads everything: no unreadable folder for root */
    snprintf(path, sizeof path, "%s/h-closed", f->root);
    assert_int_equal(chmod(path, locked ? 0 : 0755), 0);
    need_d_type(f->root);

    content *first = content_scan_first(f->root, 1);
    assert_non_null(first);
    assert_int_equal(first->count, 1);
    assert_string_equal(first->items[0].rel_path, "a/1.jpg");
    assert_int_equal(first->diags.count, 0);
    assert_int_equal(first->stat_calls, 3);
    content_free(first);

    content *c = content_scan(f->root);
    assert_non_null(c);
    assert_int_equal(c->count, locked ? 1 : 2);
    assert_int_equal(c->diags.count, locked ? 7 : 6); /* out, dangling, loop, pipe, video, empty (closed) */
    content_free(c);
    check_first_as_whole(f->root);
}

/* A caption is found by name: the first picture of a folder of 30 and its caption, the picture the only
 * entry stat()ed after the root. */
static void test_caption_by_name(void **state)
{
    fixture *f = *state;
    char rel[64];
    for (int p = 1; p <= 30; p++) {
        snprintf(rel, sizeof rel, "p%02d.jpg", p);
        put(f->root, rel, JPEG);
    }
    put(f->root, "p01.txt", "The first\n picture");
    need_d_type(f->root);
    content *first = content_scan_first(f->root, 1);
    assert_non_null(first);
    assert_int_equal(first->count, 1);
    assert_string_equal(first->items[0].rel_path, "p01.jpg");
    assert_string_equal(first->items[0].caption, "The first picture");
    assert_int_equal(first->stat_calls, 2);
    content_free(first);
    check_first_as_whole(f->root);
}

/* Everything the whole scan tells apart, told apart the same way by the walk that stops early: captions
 * shared, in another case, beside a folder named like a picture, a second text with the same stem (an
 * article), links inside the folder (to a picture, to a folder walked again later), silent files,
 * hidden files and backups, an empty picture, unsupported files, articles, nested folders. */
static void test_same_as_whole(void **state)
{
    fixture *f = *state;
    put(f->root, "01-intro.txt", ARTICLE);
    put(f->root, "alley.jpg/inner.png", "png"); /* a folder named like a picture */
    put(f->root, "alley.txt", ARTICLE);         /* so this is an article, not a caption */
    put(f->root, "copying.jpg", "");
    put(f->root, "kiosk.conf", "");
    put(f->root, "Other.PNG", "png");
    put(f->root, "other.txt", "Case does not matter");
    put(f->root, "photos/10.png", "png");
    put(f->root, "photos/9.png", "png");
    put(f->root, "photos/inside.jpg", JPEG);
    put(f->root, "photos/inside.txt", "Inside");
    put(f->root, "photos/sub/deep.gif", "gif");
    put(f->root, "photos/.hidden.jpg", JPEG);
    put(f->root, "photos/backup.jpg~", JPEG);
    put(f->root, "README.md", "notes");
    put(f->root, "twice.jpg", JPEG);
    put(f->root, "twice.txt", "Shared caption");
    put(f->root, "twice.webp", "webp");
    put(f->root, "video.mp4", "mp4");
    put(f->root, "x.jpg", JPEG);
    put(f->root, "X.TXT", "The caption of x"); /* sorts first: the caption */
    put(f->root, "x.txt", ARTICLE);            /* the same stem again: an article */
    link_to(f->root, "link-in.jpg", "photos/inside.jpg");
    link_to(f->root, "link-photos", "photos");  /* walked first: "photos" is then already included */
    link_to(f->root, "link-text.txt", "x.txt"); /* an article through a link */
    check_first_as_whole(f->root);

    content *c = content_scan(f->root);
    assert_non_null(c);
    static const struct {
        const char *rel, *caption; /* caption NULL: an article */
    } want[] = {{"01-intro.txt", NULL},
                {"alley.jpg/inner.png", "-"},
                {"alley.txt", NULL},
                {"link-in.jpg", "-"},
                {"link-photos/9.png", "-"},
                {"link-photos/10.png", "-"},
                {"link-photos/inside.jpg", "Inside"},
                {"link-photos/sub/deep.gif", "-"},
                {"link-text.txt", NULL},
                {"Other.PNG", "Case does not matter"},
                {"twice.jpg", "Shared caption"},
                {"twice.webp", "Shared caption"},
                {"x.jpg", "The caption of x"},
                {"x.txt", NULL}};
    assert_int_equal(c->count, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < c->count; i++) {
        const content_item *it = &c->items[i];
        assert_string_equal(it->rel_path, want[i].rel);
        assert_int_equal(it->kind, want[i].caption ? CONTENT_IMAGE : CONTENT_ARTICLE);
        if (want[i].caption) {
            assert_string_equal(it->caption ? it->caption : "-", want[i].caption);
        }
    }
    assert_int_equal(c->diags.count, 3); /* copying.jpg (empty), photos (already included), video.mp4 */
    content_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_many_folders, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test_setup_teardown(test_later_entries_untouched, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test_setup_teardown(test_caption_by_name, tf_dirs_setup, tf_dirs_teardown),
        cmocka_unit_test_setup_teardown(test_same_as_whole, tf_dirs_setup, tf_dirs_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
