/* Unit tests of the content store: the first commit converts a plain folder without a gap, versions
 * behind one link, only current and previous kept, rollback back and forth, the lock, and recovery of
 * what an interrupted import or a damaged store leaves (staging folders, temporary links, a status
 * still "reading", a dangling link, a missing link, an interrupted deletion), down to the bundled
 * exhibit. */
#include <errno.h>
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

#include "import_status.h"
#include "import_testutil.h"
#include "store.h"

/* A staging folder holding one file name.txt with text, committed. */
static void commit_one(tu_fixture *fx, const char *name, const char *text)
{
    store_paths sp;
    char staging[PATH_MAX], version[16];
    int lock;
    assert_int_equal(store_paths_init(&sp, fx->content), 0);
    assert_int_equal(store_lock(&sp, 0, &lock), 0);
    assert_int_equal(store_staging_create(&sp, staging, sizeof staging), 0);
    tu_write(staging, name, text);
    assert_int_equal(store_commit(&sp, staging, version, sizeof version), 0);
    store_unlock(lock);
}

static void test_paths(void **state)
{
    (void)state;
    store_paths sp;
    assert_int_equal(store_paths_init(&sp, "/var/lib/memorial-kiosk/content//"), 0);
    assert_string_equal(sp.parent, "/var/lib/memorial-kiosk");
    assert_string_equal(sp.name, "content");
    assert_string_equal(sp.content, "/var/lib/memorial-kiosk/content");
    assert_string_equal(sp.store, "/var/lib/memorial-kiosk/.content.store");
    assert_string_equal(sp.tmp_link, "/var/lib/memorial-kiosk/.content.link-tmp");
    assert_int_equal(store_paths_init(&sp, "exhibit"), 0);
    assert_string_equal(sp.store, "./.exhibit.store");
    assert_int_not_equal(store_paths_init(&sp, "/"), 0);
    assert_int_not_equal(store_paths_init(&sp, ""), 0);
    assert_int_not_equal(store_paths_init(&sp, "a/.."), 0);
}

static void test_convert_and_keep_two(void **state)
{
    tu_fixture *fx = *state;
    mkdir(fx->content, 0755);
    tu_write(fx->content, "old.txt", "the bundled exhibit");
    commit_one(fx, "a.txt", "first import");
    /* the plain folder became version 1, the import version 2 */
    assert_string_equal(tu_link(fx->base, "content"), ".content.store/v000002");
    assert_string_equal(tu_read(fx->content, "a.txt"), "first import");
    assert_false(tu_exists(fx->content, "old.txt"));
    assert_string_equal(tu_read(fx->store, "v000001/old.txt"), "the bundled exhibit");
    commit_one(fx, "b.txt", "second import");
    commit_one(fx, "c.txt", "third import");
    assert_string_equal(tu_link(fx->base, "content"), ".content.store/v000004");
    assert_int_equal(tu_count(fx->store, "v"), 2); /* current and previous */
    assert_true(tu_exists(fx->store, "v000003/b.txt"));
    assert_int_equal(tu_count(fx->store, "staging-"), 0);
    assert_false(tu_exists(fx->base, ".content.link-tmp"));
    store_paths sp;
    char cur[PATH_MAX];
    store_paths_init(&sp, fx->content);
    assert_int_equal(store_current(&sp, cur, sizeof cur), 0);
    assert_non_null(strstr(cur, "/.content.store/v000004"));
}

static void test_rollback(void **state)
{
    tu_fixture *fx = *state;
    char why[128] = "";
    commit_one(fx, "a.txt", "one"); /* no folder before: version 1 alone */
    assert_int_equal(store_rollback(fx->content, 0, why, sizeof why), ENOENT);
    assert_non_null(strstr(why, "no previous exhibit"));
    commit_one(fx, "a.txt", "two");
    assert_string_equal(tu_read(fx->content, "a.txt"), "two");
    assert_int_equal(store_rollback(fx->content, 0, why, sizeof why), 0);
    assert_string_equal(tu_read(fx->content, "a.txt"), "one");
    assert_int_equal(store_rollback(fx->content, 0, why, sizeof why), 0); /* and back again */
    assert_string_equal(tu_read(fx->content, "a.txt"), "two");
    store_rollback(fx->content, 0, why, sizeof why);
    /* an import after a rollback keeps the one shown (v1) as the previous one */
    commit_one(fx, "a.txt", "three");
    assert_int_equal(tu_count(fx->store, "v"), 2);
    assert_true(tu_exists(fx->store, "v000001"));
    assert_int_equal(store_rollback(fx->content, 0, why, sizeof why), 0);
    assert_string_equal(tu_read(fx->content, "a.txt"), "one");
}

static void test_lock(void **state)
{
    tu_fixture *fx = *state;
    store_paths sp;
    int a, b;
    char why[128];
    store_paths_init(&sp, fx->content);
    assert_int_equal(store_lock(&sp, 0, &a), 0);
    assert_int_equal(store_lock(&sp, 100, &b), EWOULDBLOCK);
    assert_int_equal(store_rollback(fx->content, 0, why, sizeof why), EWOULDBLOCK);
    assert_non_null(strstr(why, "import is running"));
    store_unlock(a);
    assert_int_equal(store_lock(&sp, 0, &b), 0);
    store_unlock(b);
}

static void test_recover_leftovers(void **state)
{
    tu_fixture *fx = *state;
    commit_one(fx, "a.txt", "one");
    commit_one(fx, "a.txt", "two");
    /* what a power cut in the middle of an import leaves */
    tu_write(fx->store, "staging-AbC123/photos/half.jpg", "half a pic");
    tu_write(fx->store, "staging-old-v000000/x", "a deletion");
    tu_write(fx->store, ".status.tmp-q1w2e3", "state=rea");
    tu_write(fx->store, "status", "state=reading\npercent=40\nsource=/run/usb/x\n");
    char placeholder[256];
    snprintf(placeholder, sizeof placeholder, "%s/v000007", fx->store);
    assert_int_equal(symlink(".content.store/v000007", placeholder), 0);
    char tmp_link[256];
    snprintf(tmp_link, sizeof tmp_link, "%s/.content.link-tmp", fx->base);
    assert_int_equal(symlink(".content.store/v000001", tmp_link), 0);

    assert_int_equal(store_recover(fx->content, NULL), 0);
    assert_int_equal(tu_count(fx->store, "staging-"), 0);
    assert_int_equal(tu_count(fx->store, ".status.tmp"), 0);
    assert_false(tu_exists(fx->store, "v000007"));
    assert_false(tu_exists(fx->base, ".content.link-tmp"));
    assert_string_equal(tu_read(fx->content, "a.txt"), "two"); /* the exhibit stays */
    import_status st;
    char path[256];
    store_status_path(fx->content, path, sizeof path);
    assert_int_equal(import_status_read(path, &st), 0);
    assert_int_equal(st.state, IMPORT_STATE_REFUSED);
    assert_non_null(strstr(st.reason, "interrupted"));
    assert_string_equal(st.source, "/run/usb/x");
}

static void test_recover_dangling(void **state)
{
    tu_fixture *fx = *state;
    char cmd[256];
    commit_one(fx, "a.txt", "one");
    commit_one(fx, "a.txt", "two");
    /* the current version is gone: the previous one comes back */
    snprintf(cmd, sizeof cmd, "rm -rf '%s/v000002'", fx->store);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(store_recover(fx->content, NULL), 0);
    assert_string_equal(tu_link(fx->base, "content"), ".content.store/v000001");
    assert_string_equal(tu_read(fx->content, "a.txt"), "one");
    /* the link itself is gone (an interrupted conversion): relinked */
    unlink(fx->content);
    assert_int_equal(store_recover(fx->content, NULL), 0);
    assert_string_equal(tu_read(fx->content, "a.txt"), "one");
}

static void test_recover_bundled(void **state)
{
    tu_fixture *fx = *state;
    char bundled[128], cmd[256];
    snprintf(bundled, sizeof bundled, "%s/bundled", fx->base);
    tu_write(bundled, "01-article.txt", "the bundled article");
    tu_write(bundled, "photos/p.txt", "a caption");
    commit_one(fx, "a.txt", "one");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'/v*", fx->store);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(store_recover(fx->content, bundled), 0);
    assert_string_equal(tu_read(fx->content, "01-article.txt"), "the bundled article");
    assert_string_equal(tu_read(fx->content, "photos/p.txt"), "a caption");
    assert_int_equal(tu_count(fx->store, "v"), 1);
}

static void test_recover_interrupted_prune(void **state)
{
    tu_fixture *fx = *state;
    commit_one(fx, "a.txt", "one");
    commit_one(fx, "a.txt", "two");
    commit_one(fx, "a.txt", "three"); /* v2, v3 */
    tu_write(fx->store, "v000001/a.txt", "a version whose deletion was cut short");
    assert_int_equal(tu_count(fx->store, "v"), 3);
    assert_int_equal(store_recover(fx->content, NULL), 0);
    assert_int_equal(tu_count(fx->store, "v"), 2);
    assert_true(tu_exists(fx->store, "v000002"));
    assert_string_equal(tu_read(fx->content, "a.txt"), "three");
}

static void test_recover_no_store(void **state)
{
    tu_fixture *fx = *state;
    /* a plain content folder, never imported into: nothing is made */
    mkdir(fx->content, 0755);
    assert_int_equal(store_recover(fx->content, NULL), 0);
    assert_false(tu_exists(fx->base, ".content.store"));
    /* no content folder at all either */
    rmdir(fx->content);
    assert_int_equal(store_recover(fx->content, NULL), 0);
    assert_false(tu_exists(fx->base, ".content.store"));
    assert_false(tu_exists(fx->base, "content"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths),
        cmocka_unit_test_setup_teardown(test_convert_and_keep_two, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_rollback, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_lock, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_recover_leftovers, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_recover_dangling, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_recover_bundled, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_recover_interrupted_prune, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_recover_no_store, tu_setup, tu_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
