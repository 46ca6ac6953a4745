/* Unit tests of playlist.txt: parsing with every problem, and reordering a scanned folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "playlist.h"
#include "testfs.h"

static void assert_diag(const diag_list *l, size_t i, diag_severity sev, int line, const char *needle)
{
    assert_true(i < l->count);
    assert_int_equal(l->items[i].severity, sev);
    assert_int_equal(l->items[i].line, line);
    if (!strstr(l->items[i].message, needle))
        fail_msg("diag '%s' lacks '%s'", l->items[i].message, needle);
}

static void test_parse_names_settings_comments(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF# the order of the show\r\n"    /* 1 */
                       "01-title.txt\r\n"                           /* 2 */
                       "\r\n"                                       /* 3 */
                       "photos/alley.jpg duration=12 fit=cover\n"   /* 4 */
                       "photos\\old scan.png   # a scanned photo\n" /* 5 */
                       "./b.txt fit=kenburns duration=7.5\n";       /* 6 */
    playlist p;
    diag_list d;
    diag_list_init(&d);
    assert_int_equal(playlist_parse(text, "playlist.txt", &p, &d), 0);
    assert_int_equal(d.count, 0);
    assert_int_equal(p.count, 4);
    assert_string_equal(p.entries[0].name, "01-title.txt");
    assert_int_equal(p.entries[0].line, 2);
    assert_int_equal(p.entries[0].duration_ms, 0);
    assert_int_equal(p.entries[0].fit, -1);
    assert_string_equal(p.entries[1].name, "photos/alley.jpg");
    assert_int_equal(p.entries[1].duration_ms, 12000);
    assert_int_equal(p.entries[1].fit, CONFIG_FIT_COVER);
    assert_string_equal(p.entries[2].name, "photos/old scan.png");
    assert_int_equal(p.entries[2].line, 5);
    assert_string_equal(p.entries[3].name, "b.txt");
    assert_int_equal(p.entries[3].duration_ms, 7500);
    assert_int_equal(p.entries[3].fit, CONFIG_FIT_KENBURNS);
    playlist_free(&p);
    diag_list_free(&d);
}

/* A '#' inside a name used to stop the search for a comment: "photo#2.jpg  # note" kept the comment in
 * the name, so the file was never found. */
static void test_comment_after_a_name_with_hash(void **state)
{
    (void)state;
    playlist p;
    diag_list d;
    diag_list_init(&d);
    assert_int_equal(playlist_parse("photo#2.jpg   # the second one\nnote#1.txt duration=5 #x\n#all\n",
                                    "playlist.txt", &p, &d),
                     0);
    assert_int_equal(d.count, 0);
    assert_int_equal(p.count, 2);
    assert_string_equal(p.entries[0].name, "photo#2.jpg");
    assert_string_equal(p.entries[1].name, "note#1.txt");
    assert_int_equal(p.entries[1].duration_ms, 5000);
    playlist_free(&p);
    diag_list_free(&d);
}

static void test_parse_problems(void **state)
{
    (void)state;
    const char *text = "../secret.jpg\n"          /* 1: outside */
                       "/etc/passwd\n"            /* 2: absolute */
                       "photos/../../x.jpg\n"     /* 3: outside */
                       "a.jpg duration=forever\n" /* 4: bad duration, entry kept */
                       "b.jpg fit=stretch\n"      /* 5: bad fit, entry kept */
                       "c.jpg speed=2\n"          /* 6: unknown setting, entry kept */
                       "bad \xC3\x28.jpg\n"       /* 7: invalid UTF-8 */
                       "d.jpg duration=0\n";      /* 8: out of range */
    playlist p;
    diag_list d;
    diag_list_init(&d);
    assert_int_equal(playlist_parse(text, "playlist.txt", &p, &d), 0);
    assert_int_equal(p.count, 4);
    assert_string_equal(p.entries[0].name, "a.jpg");
    assert_int_equal(p.entries[0].duration_ms, 0);
    assert_string_equal(p.entries[1].name, "b.jpg");
    assert_int_equal(p.entries[1].fit, -1);
    assert_string_equal(p.entries[2].name, "c.jpg");
    assert_string_equal(p.entries[3].name, "d.jpg");
    assert_int_equal(d.count, 8);
    assert_diag(&d, 0, DIAG_ERROR, 1, "outside the content folder");
    assert_diag(&d, 1, DIAG_ERROR, 2, "outside the content folder");
    assert_diag(&d, 2, DIAG_ERROR, 3, "outside the content folder");
    assert_diag(&d, 3, DIAG_WARNING, 4, "duration must be");
    assert_diag(&d, 4, DIAG_WARNING, 5, "fit must be");
    assert_diag(&d, 5, DIAG_WARNING, 6, "unknown setting");
    assert_diag(&d, 6, DIAG_ERROR, 7, "UTF-8");
    assert_diag(&d, 7, DIAG_WARNING, 8, "duration must be");
    assert_string_equal(d.items[0].path, "playlist.txt");
    playlist_free(&p);
    diag_list_free(&d);
}

static char *make_folder(void)
{
    static char tmpl[64];
    snprintf(tmpl, sizeof tmpl, "/tmp/kiosk-playlist-XXXXXX");
    assert_non_null(mkdtemp(tmpl));
    const char *text = "Title\n\nBaku, 20 January\n\nA paragraph of text.\n";
    assert_int_equal(tf_write_text(tmpl, "1-a.txt", text), 0);
    assert_int_equal(tf_write_text(tmpl, "2-b.txt", text), 0);
    assert_int_equal(tf_write_text(tmpl, "10-c.txt", text), 0);
    assert_int_equal(tf_write_text(tmpl, "3-d.jpg", "not decoded by the scan"), 0);
    return tmpl;
}

static void test_apply_append_and_omit(void **state)
{
    (void)state;
    for (int append = 0; append <= 1; append++) {
        char *dir = make_folder();
        assert_int_equal(tf_write_text(dir, "playlist.txt",
                                       "10-c.txt duration=5\n3-D.JPG fit=cover\nmissing.jpg\n10-c.txt\n"),
                         0);
        content *c = content_scan(dir);
        assert_non_null(c);
        assert_int_equal(c->count, 4);
        playlist p;
        bool found = false;
        assert_int_equal(playlist_load(dir, &p, &found, &c->diags), 0);
        assert_true(found);
        size_t before = c->diags.count;
        assert_int_equal(playlist_apply(&p, c, append), 0);
        assert_int_equal(c->count, append ? 4 : 2);
        assert_string_equal(c->items[0].rel_path, "10-c.txt");
        assert_int_equal(c->items[0].duration_ms, 5000);
        assert_string_equal(c->items[1].rel_path, "3-d.jpg");
        assert_int_equal(c->items[1].fit, CONFIG_FIT_COVER);
        if (append) {
            assert_string_equal(c->items[2].rel_path, "1-a.txt");
            assert_string_equal(c->items[3].rel_path, "2-b.txt");
            assert_int_equal(c->items[2].fit, -1);
            assert_int_equal(c->items[2].duration_ms, 0);
        }
        /* missing.jpg, and 10-c.txt listed twice */
        assert_int_equal(c->diags.count, before + 2);
        assert_diag(&c->diags, before, DIAG_WARNING, 3, "missing.jpg");
        assert_diag(&c->diags, before + 1, DIAG_WARNING, 4, "listed twice");
        playlist_free(&p);
        content_free(c);
        tf_rm_rf(dir);
    }
}

static void test_load_without_playlist(void **state)
{
    (void)state;
    char *dir = make_folder();
    playlist p;
    bool found = true;
    diag_list d;
    diag_list_init(&d);
    assert_int_equal(playlist_load(dir, &p, &found, &d), 0);
    assert_false(found);
    assert_int_equal(p.count, 0);
    assert_int_equal(d.count, 0);
    diag_list_free(&d);
    tf_rm_rf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_names_settings_comments),
        cmocka_unit_test(test_comment_after_a_name_with_hash),
        cmocka_unit_test(test_parse_problems),
        cmocka_unit_test(test_apply_append_and_omit),
        cmocka_unit_test(test_load_without_playlist),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
