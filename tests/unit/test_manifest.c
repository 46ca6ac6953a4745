/* Unit tests of the seal (manifest.h, sha256.h, import_seal.h): SHA-256 against the FIPS vectors, the
 * manifest written and parsed (damaged, cut short, tampered, out of order, newer, bad names refused),
 * --seal of a folder (hidden files and the manifest itself left out, the same seal again), and the
 * import of a sealed folder: taken in only when its files are exactly the sealed ones (a missing file,
 * an extra file, a file with other bytes of the same size: "still arriving", the old exhibit stays),
 * Syncthing's temporary and conflict files never taken in, the same seal again unchanged. */
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

#include "import.h"
#include "import_seal.h"
#include "import_testutil.h"
#include "manifest.h"
#include "sha256.h"

static const char *hex_of(const void *data, size_t len)
{
    static char hex[SHA256_HEX_LEN + 1];
    uint8_t d[SHA256_LEN];
    sha256_buf(data, len, d);
    sha256_hex(d, hex);
    return hex;
}

static void test_sha256_vectors(void **state)
{
    (void)state;
    assert_string_equal(hex_of("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_string_equal(hex_of("abc", 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assert_string_equal(hex_of(two, strlen(two)),
                        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* a million 'a' in uneven pieces (the buffer's edges) */
    static char a[1000];
    memset(a, 'a', sizeof a);
    sha256_ctx c;
    uint8_t d[SHA256_LEN];
    char hex[SHA256_HEX_LEN + 1];
    sha256_init(&c);
    for (size_t done = 0, step = 1; done < 1000000; done += step, step = step % 997 + 1)
        sha256_update(&c, a, done + step > 1000000 ? 1000000 - done : step);
    sha256_final(&c, d);
    sha256_hex(d, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    uint8_t back[SHA256_LEN];
    assert_int_equal(
        sha256_parse_hex("CDC76E5C9914FB9281A1C7E284D73E67F1809A48A497200E046D39CCC7112CD0", back), 0);
    assert_memory_equal(back, d, SHA256_LEN);
    assert_int_equal(sha256_parse_hex("cdc7", back), -1);
}

/* A manifest of two files, formatted. */
static char *two_files(size_t *len)
{
    manifest m = {0};
    uint8_t d[SHA256_LEN];
    char *text = NULL;
    sha256_buf("bbb", 3, d);
    assert_int_equal(manifest_add(&m, "photos/b.jpg", 3, d), 0);
    sha256_buf("a", 1, d);
    assert_int_equal(manifest_add(&m, "a b.txt", 1, d), 0);
    assert_int_equal(manifest_finish(&m), 0);
    assert_int_equal(manifest_format(&m, &text, len), 0);
    manifest_free(&m);
    return text;
}

static void test_format_parse(void **state)
{
    (void)state;
    size_t len;
    char *text = two_files(&len);
    const char *body = strchr(text, '\n') + 1;
    /* sorted; the seal id is the SHA-256 of the file lines */
    assert_non_null(strstr(text, "memorial-kiosk-manifest 1 seal="));
    assert_non_null(strstr(text, " files=2 bytes=4\n"));
    assert_true(strstr(text, " 1 a b.txt\n") < strstr(text, " 3 photos/b.jpg\n"));
    assert_non_null(strstr(text, hex_of(body, strlen(body))));
    manifest m;
    char why[256];
    assert_int_equal(manifest_parse(text, len, &m, why, sizeof why), 0);
    assert_int_equal(m.count, 2);
    assert_int_equal(m.bytes, 4);
    const manifest_entry *e = manifest_find(&m, "photos/b.jpg");
    assert_non_null(e);
    assert_int_equal(e->size, 3);
    assert_string_equal(hex_of("bbb", 3), (sha256_hex(e->sha, why), why));
    assert_null(manifest_find(&m, "photos"));
    manifest_free(&m);
    free(text);
}

static void expect_bad(const char *text, int rc, const char *why_part)
{
    manifest m;
    char why[256] = "";
    assert_int_equal(manifest_parse(text, strlen(text), &m, why, sizeof why), rc);
    assert_non_null(strstr(why, why_part));
    assert_int_equal(m.count, 0);
}

static void test_parse_refuses(void **state)
{
    (void)state;
    size_t len;
    char *text = two_files(&len), buf[1024];
    snprintf(buf, sizeof buf, "%.*s", (int)len - 1, text); /* the last line cut short */
    expect_bad(buf, EINVAL, "cut short");
    snprintf(buf, sizeof buf, "%s", text);
    char *size = strstr(buf, " 3 photos");
    size[1] = '4'; /* a size changed: the seal no longer matches (and the byte count) */
    expect_bad(buf, EINVAL, "does not match");
    snprintf(buf, sizeof buf, "%s", text);
    char *digit = strstr(buf, " 3 photos") - 1;
    *digit = *digit == '0' ? '1' : '0'; /* a file's hash changed */
    expect_bad(buf, EINVAL, "seal id does not match");
    snprintf(buf, sizeof buf, "memorial-kiosk-manifest 2%s", strchr(text, ' ') + 2);
    expect_bad(buf, ENOTSUP, "newer");
    expect_bad("hello\n", EINVAL, "not a memorial-kiosk manifest");
    expect_bad("", EINVAL, "not a memorial-kiosk manifest");
    /* out of order: the two lines swapped */
    const char *l1 = strchr(text, '\n') + 1, *l2 = strchr(l1, '\n') + 1;
    snprintf(buf, sizeof buf, "%.*s%s%.*s", (int)(l1 - text), text, l2, (int)(l2 - l1), l1);
    expect_bad(buf, EINVAL, "not in order");
    free(text);
    /* names that can never come through an import */
    static const char *const BAD[] = {"../x",
                                      "/etc/passwd",
                                      "a//b",
                                      "./a",
                                      ".hidden",
                                      "x/.syncthing.a.tmp",
                                      "~syncthing~a.tmp",
                                      "a.sync-conflict-20260101-000000-ABCDEFG.jpg",
                                      "Thumbs.db",
                                      "a\nb",
                                      MANIFEST_NAME,
                                      "",
                                      "a/"};
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++)
        assert_false(manifest_path_ok(BAD[i]));
    assert_true(manifest_path_ok(MANIFEST_NAME "/x"));
    assert_true(manifest_path_ok("photos/Şəhidlər xiyabanı.jpg"));
}

static void test_seal_dir(void **state)
{
    tu_fixture *fx = *state;
    char dir[256], path[300], why[256];
    manifest m;
    snprintf(dir, sizeof dir, "%s/ex", fx->base);
    mkdir(dir, 0755);
    assert_int_equal(manifest_seal_dir(dir, NULL, why, sizeof why), ENOENT);
    tu_write(dir, "1-a.txt", tu_article("first"));
    tu_write(dir, "photos/2.jpg", "not really a photo");
    tu_write(dir, ".stfolder/x", "");
    tu_write(dir, "~syncthing~3.jpg.tmp", "half");
    assert_int_equal(manifest_seal_dir(dir, &m, why, sizeof why), 0);
    assert_int_equal(m.count, 2);
    const manifest_entry *e = manifest_find(&m, "photos/2.jpg");
    assert_non_null(e);
    assert_string_equal((sha256_hex(e->sha, why), why), hex_of("not really a photo", 18));
    /* read back from the file; sealing again (the manifest itself left out) gives the same seal */
    manifest back, again;
    snprintf(path, sizeof path, "%s/%s", dir, MANIFEST_NAME);
    assert_int_equal(manifest_read(path, &back, why, sizeof why), 0);
    assert_memory_equal(back.seal, m.seal, SHA256_LEN);
    assert_int_equal(manifest_seal_dir(dir, &again, why, sizeof why), 0);
    assert_memory_equal(again.seal, m.seal, SHA256_LEN);
    assert_int_equal(tu_count(dir, ".memorial-kiosk.manifest.tmp"), 0);
    manifest_free(&m);
    manifest_free(&back);
    manifest_free(&again);
    snprintf(path, sizeof path, "%s/none", fx->base);
    assert_int_not_equal(manifest_seal_dir(path, NULL, why, sizeof why), 0);
}

typedef struct {
    char src[256];
    import_request rq;
    import_outcome out;
} ctx;

static void init(ctx *c, tu_fixture *fx)
{
    memset(c, 0, sizeof *c);
    snprintf(c->src, sizeof c->src, "%s/sync", fx->base);
    c->rq = (import_request){.source = c->src, .content_dir = fx->content};
}

static void seal(const char *dir)
{
    char why[256];
    assert_int_equal(manifest_seal_dir(dir, NULL, why, sizeof why), 0);
}

static const char *state_of(const tu_fixture *fx)
{
    const char *s = tu_read(fx->store, "status");
    return s ? s : "";
}

static void refused_arriving(ctx *c, tu_fixture *fx, const char *counts, const char *shown)
{
    char want[128];
    assert_int_equal(import_exhibit(&c->rq, &c->out), 1);
    assert_int_equal(c->out.result, IMPORT_REFUSED);
    snprintf(want, sizeof want, "the exhibit is still arriving (%s files match the seal)", counts);
    assert_string_equal(c->out.reason, want);
    assert_string_equal(tu_read(fx->content, "1-a.txt"), shown);
    assert_int_equal(tu_count(fx->store, "staging-"), 0);
}

static void test_import_sealed(void **state)
{
    tu_fixture *fx = *state;
    ctx c;
    init(&c, fx);
    tu_write(c.src, "1-a.txt", tu_article("first"));
    tu_write(c.src, "photos/2-b.txt", tu_article("second"));
    tu_write(c.src, "empty/x/.keep", "");
    seal(c.src);
    /* Syncthing's names beside a complete set: never taken in, never in the way */
    tu_write(c.src, ".syncthing.3-c.txt.tmp", "half");
    tu_write(c.src, "photos/~syncthing~4.txt.tmp", "half");
    tu_write(c.src, "1-a.sync-conflict-20260120-101010-ABCDEFG.txt", "other");
    tu_write(c.src, ".stversions/1-a.txt", "old");
    assert_int_equal(import_exhibit(&c.rq, &c.out), 0);
    assert_int_equal(c.out.result, IMPORT_DONE);
    assert_int_equal(c.out.slides, 2);
    assert_string_equal(tu_link(fx->base, "content"), ".content.store/v000001");
    assert_false(tu_exists(fx->content, MANIFEST_NAME));
    assert_true(tu_exists(fx->content, IMPORT_SEAL_KEPT));
    assert_false(tu_exists(fx->content, "empty")); /* a folder with no sealed file */
    assert_false(tu_exists(fx->content, "photos/~syncthing~4.txt.tmp"));
    assert_false(tu_exists(fx->content, "1-a.sync-conflict-20260120-101010-ABCDEFG.txt"));
    assert_non_null(strstr(state_of(fx), "state=done"));
    /* the same seal again: unchanged, nothing read, the kiosk's message left alone */
    assert_int_equal(import_exhibit(&c.rq, &c.out), 0);
    assert_int_equal(c.out.result, IMPORT_UNCHANGED);
    assert_non_null(strstr(state_of(fx), "state=done"));

    /* a second version arriving: the new seal first, the files after it */
    const char *first = tu_article("first");
    char old_first[512];
    snprintf(old_first, sizeof old_first, "%s", first);
    tu_write(c.src, "1-a.txt", tu_article("FIRST"));
    tu_write(c.src, "5-e.txt", tu_article("fifth"));
    seal(c.src);
    char path[300];
    snprintf(path, sizeof path, "%s/5-e.txt", c.src);
    unlink(path); /* one file not there yet */
    refused_arriving(&c, fx, "2 of 3", old_first);
    assert_non_null(strstr(state_of(fx), "state=done")); /* not rewritten: a watched folder is retried */
    tu_write(c.src, "5-e.txt", tu_article("fifth"));
    tu_write(c.src, "6-f.txt", tu_article("sixth")); /* an extra file (of a later version) */
    refused_arriving(&c, fx, "3 of 3", old_first);
    unlink((snprintf(path, sizeof path, "%s/6-f.txt", c.src), path));
    tu_write(c.src, "1-a.txt", tu_article("fIRST")); /* the same size, other bytes: found while copied */
    refused_arriving(&c, fx, "2 of 3", old_first);
    assert_non_null(strstr(state_of(fx), "state=refused"));
    assert_non_null(strstr(state_of(fx), "still arriving"));
    tu_write(c.src, "1-a.txt", tu_article("FIRST")); /* complete: switched whole */
    assert_int_equal(import_exhibit(&c.rq, &c.out), 0);
    assert_int_equal(c.out.result, IMPORT_DONE);
    assert_string_equal(tu_read(fx->content, "1-a.txt"), tu_article("FIRST"));
    assert_string_equal(tu_read(fx->content, "5-e.txt"), tu_article("fifth"));
    assert_false(tu_exists(fx->content, "6-f.txt"));
}

static void test_import_damaged_seal(void **state)
{
    tu_fixture *fx = *state;
    ctx c;
    init(&c, fx);
    tu_write(c.src, "1-a.txt", tu_article("first"));
    tu_write(c.src, MANIFEST_NAME, "memorial-kiosk-manifest 1 seal=00");
    assert_int_equal(import_exhibit(&c.rq, &c.out), 1);
    assert_non_null(strstr(c.out.reason, "the exhibit is still arriving (its seal cannot be read yet"));
    assert_false(tu_exists(fx->base, "content"));
    /* a Syncthing folder without a manifest (the first version's seal not there yet): refused */
    char marker[300];
    unlink((snprintf(marker, sizeof marker, "%s/%s", c.src, MANIFEST_NAME), marker));
    tu_write(c.src, ".stfolder/.keep", "");
    assert_int_equal(import_exhibit(&c.rq, &c.out), 1);
    assert_non_null(strstr(c.out.reason, "the exhibit is still arriving (no seal yet"));
    assert_false(tu_exists(fx->store, "status"));
    tu_write(c.src, MANIFEST_NAME, "x");
    snprintf(marker, sizeof marker, "rm -r '%s/.stfolder'", c.src);
    assert_int_equal(system(marker), 0);
    /* a plain folder without a manifest: taken in as before */
    unlink((snprintf(c.src + strlen(c.src), 64, "/%s", MANIFEST_NAME), c.src));
    init(&c, fx);
    assert_int_equal(import_exhibit(&c.rq, &c.out), 0);
    assert_int_equal(c.out.result, IMPORT_DONE);
    assert_false(tu_exists(fx->content, IMPORT_SEAL_KEPT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_vectors),
        cmocka_unit_test(test_format_parse),
        cmocka_unit_test(test_parse_refuses),
        cmocka_unit_test_setup_teardown(test_seal_dir, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_import_sealed, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(test_import_damaged_seal, tu_setup, tu_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
