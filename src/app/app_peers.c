/* app_peers: the screens of a [sync] group tell each other what they show (issue 17; owned by the sync
 * work). Every SP_INTERVAL_MS the screen sends its beacon (syncpeers.h: its content version, its show's
 * fingerprint, a newer version it holds) and reads its peers'; a peer that shows another version or
 * another show is logged (event=sync-peers, on change only) and named on the staff panel. A newer
 * version is swapped in at the moment syncswitch.h computes from the group's beacons (event=
 * version-switch). The socket never blocks; when it cannot be opened or used, that is logged once and
 * the show goes on (the screens then switch versions on their own). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "app_internal.h"
#include "beacon.h"
#include "groupclock.h"
#include "log.h"
#include "syncswitch.h"

#define PEERS_RETRY_MS 30000 /* a socket that could not be opened, or only on loopback: tried again */

static bool named(const app *a)
{
    return a->ex->sync_group && a->ex->sync_group[0];
}

/* The socket failed: said once (until it works again). */
static void log_unavailable(app *a, const char *why)
{
    group_peers *g = &a->svc.peers;
    if (g->failed) {
        return;
    }
    g->failed = true;
    log_line l;
    log_begin(&l, LOG_WARN, "sync-peers");
    log_str(&l, "group", a->ex->sync_group);
    log_str(&l, "state", "unavailable");
    log_str(&l, "reason", why);
    log_end(&l);
}

/* This screen's beacon as it is now. */
static void fill_self(app *a)
{
    sp_beacon *s = &a->svc.peers.self;
    if (!s->id) {
        uint64_t id = 0;
        if (getrandom(&id, sizeof id, GRND_NONBLOCK) != (ssize_t)sizeof id || !id) {
            id = ((uint64_t)getpid() << 32) ^ (uint64_t)time(NULL) ^ 1u;
        }
        s->id = id;
        if (gethostname(s->host, sizeof s->host - 1) != 0 || !s->host[0]) {
            snprintf(s->host, sizeof s->host, "kiosk");
        }
    }
    snprintf(s->group, sizeof s->group, "%s", a->ex->sync_group);
    snprintf(s->version, sizeof s->version, "%s", a->ex->version);
    snprintf(s->show, sizeof s->show, "%016llx",
             a->pl.tl_ready ? (unsigned long long)groupclock_fingerprint(a->pl.tl.durations, a->pl.tl.count,
                                                                         a->pl.tl.transition_ms)
                            : 0ULL);
    s->in_step = a->pl.grouped;
    bool newer = a->pl.grouped && a->svc.pending && a->svc.pending->version[0] &&
                 strcmp(a->svc.pending->version, a->ex->version) != 0;
    snprintf(s->pending, sizeof s->pending, "%s", newer ? a->svc.pending->version : "");
    s->since_ms =
        newer ? syncpeers_pending_since(&a->svc.peers.table, s->pending, a->svc.pending_arrived) : 0;
}

static void log_change(const app *a, const sp_event *e)
{
    const group_peers *g = &a->svc.peers;
    static const char *const names[] = {"joined", "differs", "agrees", "gone"};
    const sp_beacon *p = &e->peer.b;
    char id[20];
    log_line l;
    log_begin(&l, e->change == SP_DIFFERS ? LOG_WARN : LOG_INFO, "sync-peers");
    log_str(&l, "group", g->self.group);
    log_str(&l, "state", names[e->change]);
    log_str(&l, "peer", p->host);
    snprintf(id, sizeof id, "%016llx", (unsigned long long)p->id);
    log_str(&l, "peer_id", id);
    log_str(&l, "peer_version", p->version);
    log_str(&l, "peer_show", p->show);
    log_str(&l, "version", g->self.version);
    log_str(&l, "show", g->self.show);
    log_uint(&l, "screens", g->table.count + 1);
    log_uint(&l, "differing", syncpeers_differing(&g->table));
    log_end(&l);
}

/* Every datagram that has come, into the table. */
static void receive(app *a, uint64_t now)
{
    group_peers *g = &a->svc.peers;
    char buf[SP_DATAGRAM_MAX];
    sp_beacon b;
    for (int i = 0; i < 64; i++) { /* bounded: a flood never holds the loop */
        ssize_t got = beacon_recv(g->beacon, buf, sizeof buf);
        if (got < 0) {
            log_unavailable(a, "the beacon's socket could not be read");
        }
        if (got <= 0) {
            return;
        }
        if (syncpeers_parse(buf, (size_t)got, &b) == 0) {
            syncpeers_heard(&g->table, &g->self, &b, now);
        }
    }
}

static void send_beacon(app *a, uint64_t now)
{
    group_peers *g = &a->svc.peers;
    char buf[SP_DATAGRAM_MAX];
    g->at = now + SP_INTERVAL_MS;
    size_t len = syncpeers_format(&g->self, buf, sizeof buf);
    int rc = len ? beacon_send(g->beacon, buf, len) : 0;
    if (!len) {
        log_unavailable(a, "the group's name or the host name holds a control character (a tab?)");
    } else if (rc != 0) {
        char why[160];
        snprintf(why, sizeof why, "the beacon could not be sent: %s", strerror(rc));
        log_unavailable(a, why);
    } else {
        g->failed = false;
    }
}

/* A socket joined on loopback only (the kiosk started before the network): the default interface tried
 * again every PEERS_RETRY_MS, and taken once it works. */
static void try_network(app *a, uint64_t now)
{
    group_peers *g = &a->svc.peers;
    if (!beacon_local(g->beacon) || now < g->retry_at) {
        return;
    }
    g->retry_at = now + PEERS_RETRY_MS;
    beacon *b = beacon_open(a->ex->sync_port, false, NULL, 0);
    if (b) {
        beacon_close(g->beacon);
        g->beacon = b;
        g->at = now;
        log_line l;
        log_begin(&l, LOG_INFO, "sync-peers");
        log_str(&l, "group", a->ex->sync_group);
        log_str(&l, "state", "network");
        log_end(&l);
    }
}

/* The socket, opened when the exhibit names a group (again PEERS_RETRY_MS after a failure). */
static bool ensure_socket(app *a, uint64_t now)
{
    group_peers *g = &a->svc.peers;
    if (g->beacon && g->port != a->ex->sync_port) { /* kiosk.conf changed the port */
        beacon_close(g->beacon);
        g->beacon = NULL;
        g->retry_at = 0;
    }
    try_network(a, now);
    if (g->beacon || now < g->retry_at) {
        return g->beacon != NULL;
    }
    char why[200];
    g->beacon = beacon_open(a->ex->sync_port, true, why, sizeof why);
    g->port = a->ex->sync_port;
    g->retry_at = now + PEERS_RETRY_MS;
    if (!g->beacon) {
        log_unavailable(a, why);
        return false;
    }
    if (beacon_local(g->beacon)) {
        log_line l;
        log_begin(&l, LOG_INFO, "sync-peers");
        log_str(&l, "group", a->ex->sync_group);
        log_str(&l, "state", "local");
        log_str(&l, "reason", "no route for multicast yet: only kiosks on this machine are heard");
        log_end(&l);
    }
    g->at = now;
    return true;
}

void app_peers_poll(app *a, uint64_t now)
{
    if (a->svc.pending &&
        strcmp(a->svc.pending->version, a->svc.pending_version) != 0) { /* a newer version came */
        snprintf(a->svc.pending_version, sizeof a->svc.pending_version, "%s", a->svc.pending->version);
        a->svc.pending_arrived = wallclock_now_ms();
        a->svc.peers.at = now; /* the group hears of it at once */
    }
    if (!named(a) && a->svc.peers.beacon) { /* kiosk.conf no longer names a group */
        app_peers_close(a);
        syncpeers_init(&a->svc.peers.table);
    }
    if (!named(a) || a->pl.growing || !ensure_socket(a, now)) {
        return;
    }
    fill_self(a);
    receive(a, now);
    if (now >= a->svc.peers.at) {
        fill_self(a);
        send_beacon(a, now);
    }
    sp_event ev[8];
    size_t k = syncpeers_review(&a->svc.peers.table, &a->svc.peers.self, now, ev, sizeof ev / sizeof *ev);
    for (size_t i = 0; i < k; i++) {
        log_change(a, &ev[i]);
    }
    if (k) {
        a->dirty |= a->svc.staff.until > now; /* the staff panel names them */
    }
}

uint64_t app_peers_deadline(const app *a)
{
    const group_peers *g = &a->svc.peers;
    if (!g->beacon) {
        return g->retry_at && named(a) ? g->retry_at : UINT64_MAX;
    }
    uint64_t d = syncpeers_deadline(&g->table);
    d = beacon_local(g->beacon) && g->retry_at < d ? g->retry_at : d;
    return g->at < d ? g->at : d;
}

void app_peers_close(app *a)
{
    beacon_close(a->svc.peers.beacon);
    a->svc.peers.beacon = NULL;
}

bool app_peers_switch_due(app *a, uint64_t now, sw_plan *plan)
{
    *plan = (sw_plan){0};
    if (!a->pl.grouped || !a->svc.pending || !a->svc.pending->version[0] || a->svc.switch_at_once ||
        strcmp(a->svc.pending->version, a->ex->version) == 0) {
        return true; /* alone, or not a new version (the same one read again): at this boundary */
    }
    const timeline *t = &a->pl.tl;
    int64_t wall = (int64_t)now + t->wall_offset;
    int64_t since =
        syncpeers_pending_since(&a->svc.peers.table, a->svc.pending->version, a->svc.pending_arrived);
    *plan = syncswitch_plan(t->durations, t->count, t->transition_ms, t->epoch_ms, since,
                            a->ex->switch_delay_ms, a->svc.pending_arrived,
                            syncpeers_shows(&a->svc.peers.table, a->svc.pending->version));
    gc_pos here = groupclock_at(t->durations, t->count, t->transition_ms, t->epoch_ms, wall);
    plan->late = syncswitch_late(plan, here.start_ms); /* as logged */
    return syncswitch_due(plan, here.start_ms);
}

void app_peers_switched(app *a, const sw_plan *plan, const char *from, uint64_t now)
{
    a->svc.peers.at = now; /* the group hears of it at once */
    a->svc.pending_version[0] = '\0';
    a->svc.switch_at_once = false;
    if (!plan->due_ms) {
        return;
    }
    log_line l;
    log_begin(&l, LOG_INFO, "version-switch");
    log_str(&l, "group", a->ex->sync_group);
    log_str(&l, "version", a->ex->version);
    log_str(&l, "from", from);
    log_int(&l, "since_ms", plan->due_ms - (int64_t)a->ex->switch_delay_ms);
    log_int(&l, "due_ms", plan->due_ms);
    log_int(&l, "switch_ms", plan->switch_ms);
    log_int(&l, "wall_ms", wallclock_now_ms());
    log_int(&l, "late", plan->late);
    log_end(&l);
}

void app_peers_line(const app *a, char *line, size_t n)
{
    const group_peers *g = &a->svc.peers;
    if (!named(a)) {
        snprintf(line, n, "%s", "");
        return;
    }
    const sp_peer *odd = syncpeers_first_differing(&g->table);
    size_t screens = g->table.count + 1, differing = syncpeers_differing(&g->table);
    if (!g->beacon) {
        snprintf(line, n, "group %s: the beacon is off (see the log), version %s", a->ex->sync_group,
                 a->ex->version);
    } else if (odd && strcmp(odd->b.version, g->self.version) != 0) {
        snprintf(line, n, "group %s: %zu screens, %s shows version %s (this one: %s)%s", a->ex->sync_group,
                 screens, odd->b.host, odd->b.version, a->ex->version,
                 differing > 1 ? ", and others differ" : "");
    } else if (odd) {
        snprintf(line, n, "group %s: %zu screens, %s shows another show %s (this one: %s)%s",
                 a->ex->sync_group, screens, odd->b.host, odd->b.show, g->self.show,
                 differing > 1 ? ", and others differ" : "");
    } else {
        snprintf(line, n, "group %s: %zu screen%s, all show version %s", a->ex->sync_group, screens,
                 screens == 1 ? "" : "s", a->ex->version);
    }
}
