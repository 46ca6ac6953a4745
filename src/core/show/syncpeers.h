/* syncpeers: the screens of a [sync] group tell each other what they show (issue 17). Owned by the sync
 * work. Not a content protocol: a small beacon, one UDP datagram every SP_INTERVAL_MS from every screen
 * of a group (the socket: src/app/beacon.c), so that screens showing another content version or another
 * show say so (event=sync-peers, the staff panel), and so that a new version is switched to at the same
 * moment everywhere (syncswitch.h).
 *
 * The datagram is UTF-8 text, '\n' after every line, at most SP_DATAGRAM_MAX bytes:
 *   memorial-kiosk-beacon 1
 *   group=NAME        the [sync] group
 *   host=HOST         the machine's name (for people)
 *   id=HEX16          the instance (random at start: several kiosks on one machine differ)
 *   version=VERSION   the content version on screen (contentver.h)
 *   show=HEX16        the show's fingerprint (groupclock_fingerprint, as in event=sync show=)
 *   step=1|0          1: the screen plays in step (its clock synchronised); 0: alone
 *   pending=VERSION   a newer version this screen holds, waiting for the group's switch (absent: none;
 *                     only a screen in step announces one: its clock is the group's)
 *   since=MS          with pending: the earliest wall-clock ms (CLOCK_REALTIME) any screen of the group
 *                     is known to have held it
 * Unknown keys are ignored (a newer kiosk may add some); a value holds no control character.
 *
 * The peer table: bounded (SP_PEERS_MAX), a peer forgotten SP_EXPIRE_MS after its last beacon. A peer
 * whose version or show differs from this screen's for SP_GRACE_MS (a switch in progress is no news) is
 * reported once; when it agrees again, or is gone, that is reported once. Pure: the caller passes the
 * time (any monotonic ms). Ownership: everything is inline; nothing to free. */
#ifndef KIOSK_SYNCPEERS_H
#define KIOSK_SYNCPEERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SP_MAGIC "memorial-kiosk-beacon"
#define SP_FORMAT 1
#define SP_DATAGRAM_MAX 512
#define SP_PEERS_MAX 32
#define SP_INTERVAL_MS 2000 /* a beacon this often */
#define SP_EXPIRE_MS 7000   /* a peer not heard for this long is gone */
#define SP_GRACE_MS 3000    /* a difference that lasts this long is reported */

typedef struct {
    char group[64];
    char host[64];
    uint64_t id;
    char version[32];
    char show[20];
    bool in_step;     /* plays in step with the group */
    char pending[32]; /* "" none */
    int64_t since_ms; /* with pending */
} sp_beacon;

/* The datagram of b into buf (not NUL-terminated). Returns its length, or 0 when it does not fit in n
 * or a value holds a control character. */
size_t syncpeers_format(const sp_beacon *b, char *buf, size_t n);
/* Parses a datagram. Returns 0, or -1 when it is not a beacon (another magic, format 0, no group, id or
 * version, a value too long or with a control character). */
int syncpeers_parse(const char *buf, size_t len, sp_beacon *out);
/* True when a peer showing b differs from a screen showing self (content version or show). */
bool syncpeers_differ(const sp_beacon *self, const sp_beacon *b);

typedef struct {
    sp_beacon b;           /* its last beacon */
    uint64_t heard_ms;     /* when it came */
    uint64_t differ_since; /* since when b differs from this screen (valid while differing) */
    bool differing;
    bool reported; /* the difference was reported and has not been resolved */
    bool fresh;    /* heard for the first time, not yet reviewed */
} sp_peer;

typedef struct {
    sp_peer peers[SP_PEERS_MAX];
    size_t count;
} sp_table;

typedef enum { SP_JOINED, SP_DIFFERS, SP_AGREES, SP_GONE } sp_change;

typedef struct {
    sp_change change;
    sp_peer peer; /* a copy (a gone peer is out of the table) */
} sp_event;

void syncpeers_init(sp_table *t);
/* A beacon heard at now. Ignored (false) when it is of another group or carries self's id; else the
 * peer's entry is updated, or added (a full table forgets the peer heard longest ago). Returns true when
 * it was kept. */
bool syncpeers_heard(sp_table *t, const sp_beacon *self, const sp_beacon *b, uint64_t now);
/* Forgets peers not heard for SP_EXPIRE_MS and compares every peer with self. Writes the changes since
 * the last review into ev (at most n; the rest come at the next review) and returns their count:
 * SP_JOINED (a new peer), SP_DIFFERS (differing for SP_GRACE_MS), SP_AGREES (a reported difference
 * resolved), SP_GONE (a peer forgotten). */
size_t syncpeers_review(sp_table *t, const sp_beacon *self, uint64_t now, sp_event *ev, size_t n);
/* When the next review may report something without a new beacon (a grace or an expiry ends);
 * UINT64_MAX when never. */
uint64_t syncpeers_deadline(const sp_table *t);
/* The first peer whose difference is reported, or NULL. */
const sp_peer *syncpeers_first_differing(const sp_table *t);
/* How many peers differ (reported). */
size_t syncpeers_differing(const sp_table *t);
/* The earliest since_ms of the peers holding version pending, and own_since (0: this screen does not
 * hold it). 0 when none. */
int64_t syncpeers_pending_since(const sp_table *t, const char *version, int64_t own_since);
/* True when a peer in step already shows version (one playing alone, its clock not synchronised,
 * switches on its own and says nothing about the group's moment). */
bool syncpeers_shows(const sp_table *t, const char *version);

#endif
