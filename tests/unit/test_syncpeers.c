/* Unit tests of syncpeers (the group's beacon and peer table), syncswitch (when a new version is switched
 * to) and contentver (the version id of a folder). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "content.h"
#include "contentver.h"
#include "groupclock.h"
#include "syncpeers.h"
#include "syncswitch.h"

static sp_beacon beacon(uint64_t id, const char *version, const char *show)
{
    sp_beacon b = {.id = id, .in_step = true};
    snprintf(b.group, sizeof b.group, "room 1");
    snprintf(b.host, sizeof b.host, "kiosk-%llu", (unsigned long long)id);
    snprintf(b.version, sizeof b.version, "%s", version);
    snprintf(b.show, sizeof b.show, "%s", show);
    return b;
}

static void test_round_trip(void **state)
{
    (void)state;
    char buf[SP_DATAGRAM_MAX];
    sp_beacon b = beacon(0xfeedface12345678ULL, "seal-0123456789abcdef", "00000000deadbeef"), got;
    snprintf(b.pending, sizeof b.pending, "seal-fedcba9876543210");
    b.since_ms = 1765000000123;
    size_t len = syncpeers_format(&b, buf, sizeof buf);
    assert_true(len > 0 && len < sizeof buf);
    assert_memory_equal(buf, "memorial-kiosk-beacon 1\ngroup=room 1\n", 37);
    assert_int_equal(syncpeers_parse(buf, len, &got), 0);
    assert_string_equal(got.group, b.group);
    assert_string_equal(got.host, b.host);
    assert_true(got.id == b.id);
    assert_string_equal(got.version, b.version);
    assert_string_equal(got.show, b.show);
    assert_true(got.in_step);
    assert_string_equal(got.pending, b.pending);
    assert_true(got.since_ms == b.since_ms);
    /* without a pending version: no pending, no since */
    b.pending[0] = '\0';
    len = syncpeers_format(&b, buf, sizeof buf);
    assert_null(strstr(buf, "since=")); /* snprintf ended it with a NUL */
    assert_int_equal(syncpeers_parse(buf, len, &got), 0);
    assert_int_equal(got.since_ms, 0);
    assert_string_equal(got.pending, "");
    /* does not fit */
    assert_int_equal(syncpeers_format(&b, buf, 40), 0);
}

static void test_parse_rejects_and_tolerates(void **state)
{
    (void)state;
    sp_beacon got;
    const char ok[] = "memorial-kiosk-beacon 2\ngroup=g\nid=1f\nversion=v\nfuture=thing\n";
    assert_int_equal(syncpeers_parse(ok, strlen(ok), &got), 0); /* a newer format's unknown key */
    assert_int_equal(got.id, 0x1f);
    static const char *const bad[] = {
        "memorial-kiosk-beacon 1\ngroup=g\nid=1\n",                      /* no version */
        "memorial-kiosk-beacon 1\nid=1\nversion=v\n",                    /* no group */
        "memorial-kiosk-beacon 0\ngroup=g\nid=1\nversion=v\n",           /* format 0 */
        "other-beacon 1\ngroup=g\nid=1\nversion=v\n",                    /* another magic */
        "memorial-kiosk-beacon 1\ngroup=g\nid=zz\nversion=v\n",          /* id not hex */
        "memorial-kiosk-beacon 1\ngroup=g\nid=1\nversion=v",             /* cut short */
        "memorial-kiosk-beacon 1\ngroup=g\nid=1\nversion=v\x01x\n",      /* a control character */
        "memorial-kiosk-beacon 1\ngroup=g\nid=1\nversion=v\nnoequals\n", /* not key=value */
        "memorial-kiosk-beacon 1\ngroup=g\nid=1\nversion=0123456789012345678901234567890123456789\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(syncpeers_parse(bad[i], strlen(bad[i]), &got), -1);
    }
    sp_beacon b = beacon(1, "v\nid=2", "s"); /* a value that would forge a line */
    char buf[SP_DATAGRAM_MAX];
    assert_int_equal(syncpeers_format(&b, buf, sizeof buf), 0);
}

static void test_table_joined_differs_after_grace_agrees_gone(void **state)
{
    (void)state;
    sp_table t;
    sp_event ev[4];
    sp_beacon self = beacon(1, "seal-aaaa", "f1");
    sp_beacon same = beacon(2, "seal-aaaa", "f1"), other = beacon(3, "seal-bbbb", "f1");
    sp_beacon foreign = beacon(4, "seal-aaaa", "f1");
    snprintf(foreign.group, sizeof foreign.group, "another room");
    syncpeers_init(&t);
    assert_false(syncpeers_heard(&t, &self, &self, 1000));    /* its own beacon, looped back */
    assert_false(syncpeers_heard(&t, &self, &foreign, 1000)); /* another group */
    assert_true(syncpeers_heard(&t, &self, &same, 1000));
    assert_true(syncpeers_heard(&t, &self, &other, 1000));
    size_t k = syncpeers_review(&t, &self, 1000, ev, 4);
    assert_int_equal(k, 2);
    assert_int_equal(ev[0].change, SP_JOINED);
    assert_int_equal(ev[1].change, SP_JOINED);
    assert_int_equal(syncpeers_differing(&t), 0); /* not yet: a switch may be in progress */
    assert_int_equal(syncpeers_deadline(&t), 1000 + SP_GRACE_MS);
    syncpeers_heard(&t, &self, &same, 2500);
    syncpeers_heard(&t, &self, &other, 2500);
    assert_int_equal(syncpeers_review(&t, &self, 2500, ev, 4), 0);
    assert_int_equal(syncpeers_review(&t, &self, 1000 + SP_GRACE_MS, ev, 4), 1);
    assert_int_equal(ev[0].change, SP_DIFFERS);
    assert_string_equal(ev[0].peer.b.version, "seal-bbbb");
    assert_int_equal(syncpeers_differing(&t), 1);
    assert_string_equal(syncpeers_first_differing(&t)->b.host, "kiosk-3");
    assert_int_equal(syncpeers_review(&t, &self, 4500, ev, 4), 0); /* reported once */
    /* this screen switches to the peer's version: they agree; the other one now differs (after grace) */
    self = beacon(1, "seal-bbbb", "f1");
    syncpeers_heard(&t, &self, &same, 4500);
    syncpeers_heard(&t, &self, &other, 4500);
    k = syncpeers_review(&t, &self, 4600, ev, 4);
    assert_int_equal(k, 1);
    assert_int_equal(ev[0].change, SP_AGREES);
    assert_int_equal(ev[0].peer.b.id, 3);
    /* the same version and another show also differ */
    assert_true(syncpeers_differ(&self, &(sp_beacon){.version = "seal-bbbb", .show = "f2"}));
    /* peer 2 falls silent: gone after SP_EXPIRE_MS (peer 3 keeps talking) */
    syncpeers_heard(&t, &self, &other, 9000);
    k = syncpeers_review(&t, &self, 4500 + SP_EXPIRE_MS, ev, 4);
    assert_int_equal(k, 1);
    assert_int_equal(ev[0].change, SP_GONE);
    assert_int_equal(ev[0].peer.b.id, 2);
    assert_int_equal(t.count, 1);
}

static void test_table_is_bounded(void **state)
{
    (void)state;
    sp_table t;
    sp_beacon self = beacon(1, "v", "s");
    syncpeers_init(&t);
    for (uint64_t i = 0; i < SP_PEERS_MAX + 5; i++) {
        sp_beacon b = beacon(100 + i, "v", "s");
        assert_true(syncpeers_heard(&t, &self, &b, 1000 + i));
    }
    assert_int_equal(t.count, SP_PEERS_MAX);
    /* the newest are kept, the oldest made room */
    bool newest = false, oldest = false;
    for (size_t i = 0; i < t.count; i++) {
        newest |= t.peers[i].b.id == 100 + SP_PEERS_MAX + 4;
        oldest |= t.peers[i].b.id == 100;
    }
    assert_true(newest);
    assert_false(oldest);
}

static void test_pending_since_and_shows(void **state)
{
    (void)state;
    sp_table t;
    sp_beacon self = beacon(1, "old", "s");
    sp_beacon a = beacon(2, "old", "s"), b = beacon(3, "old", "s"), c = beacon(4, "new", "s2");
    snprintf(a.pending, sizeof a.pending, "new");
    a.since_ms = 5000;
    snprintf(b.pending, sizeof b.pending, "other");
    b.since_ms = 1000;
    syncpeers_init(&t);
    syncpeers_heard(&t, &self, &a, 10);
    syncpeers_heard(&t, &self, &b, 10);
    assert_int_equal(syncpeers_pending_since(&t, "new", 7000), 5000); /* a peer had it first */
    assert_int_equal(syncpeers_pending_since(&t, "new", 4000), 4000); /* this screen did */
    assert_int_equal(syncpeers_pending_since(&t, "new", 0), 5000);
    assert_int_equal(syncpeers_pending_since(&t, "none", 0), 0);
    assert_false(syncpeers_shows(&t, "new"));
    c.in_step = false; /* playing alone (clock not synchronised): not the group's moment */
    syncpeers_heard(&t, &self, &c, 10);
    assert_false(syncpeers_shows(&t, "new"));
    c.in_step = true;
    syncpeers_heard(&t, &self, &c, 20);
    assert_true(syncpeers_shows(&t, "new"));
}

static void test_switch_at_the_first_boundary_after_due(void **state)
{
    (void)state;
    const uint32_t d[3] = {3000, 4000, 5000}; /* with a 500 ms fade: boundaries at 0, 3500, 8000 (13500) */
    int64_t r = 13500 * 1000;                 /* a round start */
    /* held since r + 1000, due 2 s later (r + 3000): the boundary at r + 3500 */
    sw_plan p = syncswitch_plan(d, 3, 500, 0, r + 1000, 2000, r + 1000, false);
    assert_int_equal(p.due_ms, r + 3000);
    assert_int_equal(p.switch_ms, r + 3500);
    assert_false(p.late);
    assert_false(syncswitch_due(&p, r));
    assert_true(syncswitch_due(&p, r + 3500));
    assert_true(syncswitch_due(&p, r + 8000)); /* a screen that missed it switches at the next one */
    /* every screen that arrived before the switch computes the same moment */
    sw_plan q = syncswitch_plan(d, 3, 500, 0, r + 1000, 2000, r + 3400, false);
    assert_int_equal(q.switch_ms, p.switch_ms);
    assert_false(q.late);
    /* due exactly on a boundary: that one */
    p = syncswitch_plan(d, 3, 500, 0, r + 1500, 2000, r + 1500, false);
    assert_int_equal(p.switch_ms, r + 3500);
    /* arrived after the group's switch: late, at its next boundary */
    p = syncswitch_plan(d, 3, 500, 0, r + 1000, 2000, r + 3600, false);
    assert_true(p.late);
    assert_true(syncswitch_due(&p, r + 8000));
    assert_true(syncswitch_late(&p, r + 8000));
    /* a peer already shows it: at the next boundary; late only before the planned one (a peer that
     * switched a few ms earlier at the same boundary is no news) */
    p = syncswitch_plan(d, 3, 500, 0, r + 1000, 2000, r + 1000, true);
    assert_false(p.late);
    assert_true(syncswitch_due(&p, r));
    assert_true(syncswitch_late(&p, r));
    assert_false(syncswitch_late(&p, r + 3500));
    /* one slide (no boundaries): the due moment itself */
    const uint32_t one[1] = {0};
    p = syncswitch_plan(one, 1, 0, 0, r, 2000, r, false);
    assert_int_equal(p.switch_ms, r + 2000);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_content_version(void **state)
{
    (void)state;
    char dir[] = "/tmp/kiosk-contentver-XXXXXX", ver[CONTENTVER_MAX], ver2[CONTENTVER_MAX];
    char path[600];
    assert_non_null(mkdtemp(dir));
    write_file(dir, "a.jpg", "12345");
    snprintf(path, sizeof path, "%s/a.jpg", dir);
    content_item item = {.kind = CONTENT_IMAGE, .rel_path = "a.jpg", .abs_path = path};
    content c = {.root = dir, .items = &item, .count = 1};
    contentver_of(&c, ver, sizeof ver);
    assert_int_equal(strncmp(ver, "folder-", 7), 0);
    assert_int_equal(strlen(ver), 7 + 16);
    contentver_of(&c, ver2, sizeof ver2);
    assert_string_equal(ver, ver2); /* stable */
    write_file(dir, "a.jpg", "123456");
    contentver_of(&c, ver2, sizeof ver2);
    assert_string_not_equal(ver, ver2); /* another size */
    write_file(dir, "a.jpg", "12345");
    write_file(dir, "kiosk.conf", "[show]\nimage_seconds = 5\n");
    contentver_of(&c, ver2, sizeof ver2);
    assert_string_not_equal(ver, ver2); /* another kiosk.conf */
    /* the banner's slide has no file (abs_path NULL): counted by its name, never stat()ed */
    content_item two[2] = {item, {.kind = CONTENT_BANNER, .rel_path = CONTENT_BANNER_NAME, .fit = -1}};
    content cb = {.root = dir, .items = two, .count = 2};
    contentver_of(&cb, ver, sizeof ver);
    assert_string_not_equal(ver, ver2); /* one item more */
    contentver_of(&cb, ver2, sizeof ver2);
    assert_string_equal(ver, ver2);
    /* a version of the store keeps its seal: the seal id names it */
    write_file(
        dir, ".memorial-kiosk.manifest",
        "memorial-kiosk-manifest 1 seal=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef "
        "files=1 bytes=5\n");
    contentver_of(&c, ver, sizeof ver);
    assert_string_equal(ver, "seal-0123456789abcdef");
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    assert_int_equal(system(path), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_parse_rejects_and_tolerates),
        cmocka_unit_test(test_table_joined_differs_after_grace_agrees_gone),
        cmocka_unit_test(test_table_is_bounded),
        cmocka_unit_test(test_pending_since_and_shows),
        cmocka_unit_test(test_switch_at_the_first_boundary_after_due),
        cmocka_unit_test(test_content_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
