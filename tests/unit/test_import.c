/* Unit tests of the import: the ignore rules, the walk (links, hidden and system files left out), the
 * same content again (unchanged, nothing copied), a folder with some bad files taken in, refusals that
 * keep the old exhibit (no folder, nothing showable, too big, no space, another import running, the
 * source vanishing in the middle of the copy), a staging folder of an interrupted import cleaned up, and
 * the "removed" state after an unfinished import. The check is content_scan (what the show would use). */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "content.h"
#include "import.h"
#include "import_testutil.h"
#include "import_tree.h"
#include "store.h"

static int scan_check(void *ud, const char *dir, import_status *st)
{
    (void)ud;
    content *c = content_scan(dir);
    if (!c)
        return -1;
    import_status_from_content(st, c);
    content_free(c);
    return 0;
}

typedef struct {
    tu_fixture *fx;
    char src[128];
    import_request rq;
    import_outcome out;
} ctx;

static void init(ctx *c, tu_fixture *fx, const char *src_name)
{
    memset(c, 0, sizeof *c);
    c->fx = fx;
    snprintf(c->src, sizeof c->src, "%s/%s", fx->base, src_name);
    c->rq = (import_request){.source = c->src, .content_dir = fx->content, .check = scan_check};
}

static int run(ctx *c)
{
    return import_exhibit(&c->rq, &c->out);
}

static import_status status_of(const tu_fixture *fx)
{
    char path[256];
    import_status st;
    store_status_path(fx->content, path, sizeof path);
    assert_int_equal(import_status_read(path, &st), 0);
    return st;
}

static void test_ignored_names(void **state)
{
    (void)state;
    const char *ignored[] = {"._photo.jpg",
                             ".Trashes",
                             ".Spotlight-V100",
                             ".fseventsd",
                             ".DS_Store",
                             "System Volume Information",
                             "$RECYCLE.BIN",
                             "Thumbs.db",
                             "thumbs.db",
                             "desktop.ini",
                             "Desktop.ini",
                             ".stfolder",
                             ".stignore",
                             ".stversions",
                             ".syncthing.a.jpg.tmp",
                             "a.sync-conflict-20260120-101010-ABCDEFG.txt",
                             "~syncthing~a.jpg.tmp"};
    const char *kept[] = {"01-a.txt",         "photo.jpg",     "Thumbs.db.jpg", "syncthing.txt",
                          "~syncthing~a.jpg", "System Volume", "kiosk.conf"};
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
        assert_true(import_ignored_name(ignored[i]));
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
        assert_false(import_ignored_name(kept[i]));
}

static void test_walk(void **state)
{
    tu_fixture *fx = *state;
    char src[128], link[256];
    snprintf(src, sizeof src, "%s/src", fx->base);
    tu_write(src, "b.txt", "bb");
    tu_write(src, "a/z.txt", "zzz");
    tu_write(src, "Thumbs.db", "x");
    tu_write(src, "._b.txt", "x");
    tu_write(src, "System Volume Information/IndexerVolumeGuid", "x");
    tu_write(src, ".Trashes/501/old.jpg", "x");
    snprintf(link, sizeof link, "%s/etc", src);
    assert_int_equal(symlink("/etc", link), 0);
    snprintf(link, sizeof link, "%s/passwd.txt", src);
    assert_int_equal(symlink("/etc/passwd", link), 0);
    tree_list l;
    tree_limits lim = {1 << 20, 100};
    assert_int_equal(tree_walk(src, &lim, &l, NULL, 0), 0);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].rel, "a");
    assert_true(l.items[0].is_dir);
    assert_string_equal(l.items[1].rel, "a/z.txt");
    assert_int_equal(l.items[1].size, 3);
    assert_string_equal(l.items[2].rel, "b.txt");
    assert_int_equal(l.bytes, 5);
    assert_int_equal(l.files, 2);
    assert_int_equal(l.ignored, 6);
    tree_list_free(&l);
    /* limits */
    char why[256];
    tree_limits small = {4, 100};
    assert_int_equal(tree_walk(src, &small, &l, why, sizeof why), EFBIG);
    tree_list_free(&l);
    tree_limits few = {1 << 20, 2};
    assert_int_equal(tree_walk(src, &few, &l, why, sizeof why), E2BIG);
    tree_list_free(&l);
}

static void test_copy_source_vanishes(void **state)
{
    tu_fixture *fx = *state;
    char src[128], dst[128], path[256], why[256] = "";
    snprintf(src, sizeof src, "%s/src", fx->base);
    snprintf(dst, sizeof dst, "%s/dst", fx->base);
    tu_write(src, "a.txt", "a");
    tu_write(src, "b.txt", "b");
    mkdir(dst, 0755);
    tree_list l;
    tree_limits lim = {1 << 20, 100};
    assert_int_equal(tree_walk(src, &lim, &l, NULL, 0), 0);
    snprintf(path, sizeof path, "%s/b.txt", src);
    unlink(path); /* the stick is pulled after the listing */
    assert_int_equal(tree_copy(src, &l, dst, NULL, why, sizeof why), ENOENT);
    assert_non_null(strstr(why, "b.txt: went away"));
    tree_list_free(&l);
}

static void test_import_then_unchanged(void **state)
{
    tu_fixture *fx = *state;
    ctx c;
    init(&c, fx, "src");
    mkdir(fx->content, 0755);
    tu_write(fx->content, "old.txt", tu_article("old"));
    tu_write(c.src, "1-a.txt", tu_article("first"));
    tu_write(c.src, "photos/2-b.txt", tu_article("second"));
    tu_write(c.src, ".DS_Store", "junk");
    assert_int_equal(run(&c), 0);
    assert_int_equal(c.out.result, IMPORT_DONE);
    assert_int_equal(c.out.slides, 2);
    assert_int_equal(c.out.ignored, 1);
    assert_true(c.out.bytes > 0);
    assert_string_equal(tu_read(fx->content, "photos/2-b.txt"), tu_article("second"));
    assert_false(tu_exists(fx->content, ".DS_Store"));
    assert_false(tu_exists(fx->content, "old.txt"));
    assert_int_equal(status_of(fx).state, IMPORT_STATE_DONE);
    assert_int_equal(status_of(fx).percent, 100);
    /* the same again: nothing copied, no new version (a changed ignored file does not count) */
    tu_write(c.src, ".DS_Store", "other junk");
    assert_int_equal(run(&c), 0);
    assert_int_equal(c.out.result, IMPORT_UNCHANGED);
    assert_int_equal(c.out.bytes, 0);
    assert_int_equal(c.out.slides, 2);
    assert_string_equal(tu_link(fx->base, "content"), ".content.store/v000002");
    assert_int_equal(status_of(fx).state, IMPORT_STATE_UNCHANGED);
    /* one byte changed, same size: taken in */
    tu_write(c.src, "1-a.txt", tu_article("First"));
    assert_int_equal(run(&c), 0);
    assert_int_equal(c.out.result, IMPORT_DONE);
    assert_string_equal(tu_link(fx->base, "content"), ".content.store/v000003");
    assert_int_equal(tu_count(fx->store, "staging-"), 0);
}

static void test_some_bad_files(void **state)
{
    tu_fixture *fx = *state;
    ctx c;
    init(&c, fx, "src");
    tu_write(c.src, "1-a.txt", tu_article("good"));
    tu_write(c.src, "2-b.txt", "\xff\xfe not UTF-8\n");
    assert_int_equal(run(&c), 0);
    assert_int_equal(c.out.result, IMPORT_DONE);
    assert_int_equal(c.out.slides, 1);
    assert_int_equal(c.out.errors, 1);
    import_status st = status_of(fx);
    assert_int_equal(st.errors, 1);
    assert_int_equal(st.problem_count, 1);
    assert_non_null(strstr(st.problem[0], "2-b.txt: "));
    assert_true(tu_exists(fx->content, "2-b.txt")); /* taken in whole: the show reports it */
}

/* Imports a good folder first; returns with c set up for the next one (source "new"). */
static void good_first(ctx *c, tu_fixture *fx)
{
    init(c, fx, "good");
    tu_write(c->src, "1-a.txt", tu_article("good"));
    assert_int_equal(run(c), 0);
    init(c, fx, "new");
}

static void assert_refused_old_stays(ctx *c, const char *reason_part)
{
    assert_int_equal(c->out.result, IMPORT_REFUSED);
    assert_non_null(strstr(c->out.reason, reason_part));
    assert_string_equal(tu_read(c->fx->content, "1-a.txt"), tu_article("good"));
    assert_int_equal(tu_count(c->fx->store, "staging-"), 0);
    assert_int_equal(tu_count(c->fx->store, "v"), 1);
}

static void test_refusals(void **state)
{
    tu_fixture *fx = *state;
    ctx c;
    good_first(&c, fx);
    /* no such folder */
    assert_int_equal(run(&c), 1);
    assert_refused_old_stays(&c, "no such folder");
    assert_int_equal(status_of(fx).state, IMPORT_STATE_NO_FOLDER);
    /* nothing to show */
    tu_write(c.src, "notes.doc", "word");
    tu_write(c.src, "broken.txt", "");
    assert_int_equal(run(&c), 1);
    assert_refused_old_stays(&c, "nothing in the folder can be shown");
    import_status st = status_of(fx);
    assert_int_equal(st.state, IMPORT_STATE_REFUSED);
    assert_string_equal(st.reason, "nothing in the folder can be shown");
    /* too big */
    tu_write(c.src, "2-b.txt", tu_article("more"));
    c.rq.max_bytes = 16;
    assert_int_equal(run(&c), 1);
    assert_refused_old_stays(&c, "limit");
    /* no space */
    c.rq.max_bytes = 0;
    c.rq.free_bytes = 1000;
    assert_int_equal(run(&c), 1);
    assert_refused_old_stays(&c, "not enough space");
    /* another import running */
    store_paths sp;
    int lock;
    store_paths_init(&sp, fx->content);
    assert_int_equal(store_lock(&sp, 0, &lock), 0);
    c.rq.free_bytes = 0;
    assert_int_equal(run(&c), 1);
    store_unlock(lock);
    assert_refused_old_stays(&c, "another import is running");
    assert_int_equal(status_of(fx).state, IMPORT_STATE_REFUSED); /* the running one's status untouched */
    /* and then it goes in */
    assert_int_equal(run(&c), 0);
    assert_string_equal(tu_read(fx->content, "2-b.txt"), tu_article("more"));
}

static void *pull_stick(void *arg)
{
    const char *src = arg;
    struct timespec ts = {0, 150 * 1000000L};
    nanosleep(&ts, NULL);
    tf_rm_rf(src);
    return arg;
}

static void test_source_vanishes(void **state)
{
    tu_fixture *fx = *state;
    ctx c;
    good_first(&c, fx);
    char *mib = malloc(1 << 20);
    memset(mib, 'x', 1 << 20);
    mib[(1 << 20) - 1] = '\0';
    for (int i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "%d.txt", i);
        tu_write(c.src, name, mib);
    }
    free(mib);
    c.rq.throttle_ms_per_mib = 300; /* about 1.2 s: the stick is pulled at 0.15 s */
    pthread_t t;
    pthread_create(&t, NULL, pull_stick, c.src);
    assert_int_equal(run(&c), 1);
    pthread_join(t, NULL);
    assert_refused_old_stays(&c, "went away");
}

static void test_interrupted_staging_cleaned(void **state)
{
    tu_fixture *fx = *state;
    ctx c;
    good_first(&c, fx);
    tu_write(fx->store, "staging-Xy12Ab/half.jpg", "half");
    tu_write(fx->store, "status", "state=reading\npercent=50\n");
    tu_write(c.src, "1-a.txt", tu_article("good"));
    assert_int_equal(run(&c), 0);
    assert_int_equal(c.out.result, IMPORT_UNCHANGED);
    assert_int_equal(tu_count(fx->store, "staging-"), 0);
}

static void test_removed_state(void **state)
{
    tu_fixture *fx = *state;
    ctx c;
    good_first(&c, fx);
    assert_int_equal(import_write_state(fx->content, IMPORT_STATE_REMOVED, 0), 0);
    import_status st = status_of(fx);
    assert_int_equal(st.state, IMPORT_STATE_REMOVED);
    assert_string_equal(st.reason, "");
    assert_non_null(strstr(st.source, "/good")); /* the last import's folder */
    /* pulled while reading: the reason says the exhibit stays */
    tu_write(fx->store, "status", "state=reading\npercent=50\nsource=/run/usb/sda1/memorial-kiosk\n");
    assert_int_equal(import_write_state(fx->content, IMPORT_STATE_REMOVED, 0), 0);
    st = status_of(fx);
    assert_int_equal(st.state, IMPORT_STATE_REMOVED);
    assert_non_null(strstr(st.reason, "before the copy was complete"));
    assert_string_equal(st.source, "/run/usb/sda1/memorial-kiosk");
}

static int parse(cli_options *o, char *err, int argc, ...)
{
    char *argv[8] = {"memorial-kiosk"};
    va_list ap;
    va_start(ap, argc);
    for (int i = 1; i < argc && i < 8; i++)
        argv[i] = va_arg(ap, char *);
    va_end(ap);
    return cli_parse(argc, argv, o, err, 256);
}

static void test_cli_options(void **state)
{
    (void)state;
    cli_options o;
    char err[256];
    assert_int_equal(parse(&o, err, 3, "--import", "/run/usb/x"), 0);
    assert_string_equal(o.import_source, "/run/usb/x");
    assert_null(o.content_dir);
    assert_int_equal(o.max_import_size, 0);
    assert_int_equal(parse(&o, err, 5, "--import=/a", "--max-import-size", "500M", "/srv/content"), 0);
    assert_string_equal(o.import_source, "/a");
    assert_string_equal(o.content_dir, "/srv/content");
    assert_int_equal(o.max_import_size, 500ull << 20);
    assert_int_equal(parse(&o, err, 2, "--rollback"), 0);
    assert_true(o.rollback);
    assert_int_equal(parse(&o, err, 4, "--import-status", "removed", "c"), 0);
    assert_string_equal(o.import_status, "removed");
    assert_int_equal(parse(&o, err, 3, "--import-status", "done"), -1);
    assert_non_null(strstr(err, "expected removed"));
    assert_int_equal(parse(&o, err, 4, "--import", "a", "--rollback"), -1);
    assert_int_equal(parse(&o, err, 4, "--import", "a", "--check"), -1);
    assert_int_equal(parse(&o, err, 2, "--import"), -1);
    uint64_t v = 7;
    assert_int_equal(cli_parse_bytes("4G", &v), 0);
    assert_int_equal(v, 4ull << 30);
    assert_int_equal(cli_parse_bytes("1048576", &v), 0);
    assert_int_equal(v, 1048576);
    assert_int_equal(cli_parse_bytes("2T", &v), 0);
    assert_int_equal(v, 2ull << 40);
    assert_int_equal(cli_parse_bytes("1K", &v), -1); /* under 1M */
    assert_int_equal(cli_parse_bytes("4GB", &v), -1);
    assert_int_equal(cli_parse_bytes("", &v), -1);
    assert_int_equal(cli_parse_bytes("99999999999999999999T", &v), -1);
    assert_int_equal(v, 2ull << 40);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ignored_names),
        cmocka_unit_test(test_cli_options),
        cmocka_unit_test_setup_teardown(test_walk, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_copy_source_vanishes, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_import_then_unchanged, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_some_bad_files, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_refusals, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_source_vanishes, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_interrupted_staging_cleaned, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_removed_state, tu_setup, tu_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
