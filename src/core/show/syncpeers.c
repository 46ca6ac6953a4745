/* syncpeers: see syncpeers.h. */
#include "syncpeers.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* True when s has no control character (a line break would forge a key). */
static bool clean(const char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f) {
            return false;
        }
    }
    return true;
}

size_t syncpeers_format(const sp_beacon *b, char *buf, size_t n)
{
    const char *texts[] = {b->group, b->host, b->version, b->show, b->pending};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        if (!clean(texts[i])) {
            return 0;
        }
    }
    char tail[96] = "";
    if (b->pending[0]) {
        snprintf(tail, sizeof tail, "pending=%s\nsince=%" PRId64 "\n", b->pending, b->since_ms);
    }
    int len = snprintf(
        buf, n, "%s %d\ngroup=%s\nhost=%s\nid=%016" PRIx64 "\nversion=%s\nshow=%s\nstep=%d\n%s", SP_MAGIC,
        SP_FORMAT, b->group, b->host, b->id, b->version, b->show, b->in_step ? 1 : 0, tail);
    return len < 0 || (size_t)len >= n ? 0 : (size_t)len;
}

/* Copies the value [v, end) into out (size n): -1 when too long or not clean. */
static int take(const char *v, const char *end, char *out, size_t n)
{
    size_t len = (size_t)(end - v);
    if (len >= n) {
        return -1;
    }
    memcpy(out, v, len);
    out[len] = '\0';
    return clean(out) ? 0 : -1;
}

/* A number (decimal, or hex when base 16) that fills [v, end). */
static int number(const char *v, const char *end, int base, bool neg_ok, uint64_t *out)
{
    char tmp[24], *stop = NULL;
    if (take(v, end, tmp, sizeof tmp) != 0 || !tmp[0] || (!neg_ok && tmp[0] == '-')) {
        return -1;
    }
    *out = neg_ok ? (uint64_t)strtoll(tmp, &stop, base) : strtoull(tmp, &stop, base);
    return *stop ? -1 : 0;
}

/* One "key=value" line [s, end) into out; unknown keys are ignored. */
static int parse_field(const char *s, const char *end, sp_beacon *out, int *seen)
{
    const char *eq = memchr(s, '=', (size_t)(end - s));
    if (!eq) {
        return -1;
    }
    size_t k = (size_t)(eq - s);
    const char *v = eq + 1;
    uint64_t num = 0;
    int rc = 0;
    if (k == 5 && memcmp(s, "group", 5) == 0) {
        rc = take(v, end, out->group, sizeof out->group);
        *seen |= rc == 0 && out->group[0] ? 1 : 0;
    } else if (k == 4 && memcmp(s, "host", 4) == 0) {
        rc = take(v, end, out->host, sizeof out->host);
    } else if (k == 2 && memcmp(s, "id", 2) == 0) {
        rc = number(v, end, 16, false, &out->id);
        *seen |= rc == 0 ? 2 : 0;
    } else if (k == 7 && memcmp(s, "version", 7) == 0) {
        rc = take(v, end, out->version, sizeof out->version);
        *seen |= rc == 0 && out->version[0] ? 4 : 0;
    } else if (k == 4 && memcmp(s, "show", 4) == 0) {
        rc = take(v, end, out->show, sizeof out->show);
    } else if (k == 4 && memcmp(s, "step", 4) == 0) {
        rc = number(v, end, 10, false, &num);
        out->in_step = num == 1;
    } else if (k == 7 && memcmp(s, "pending", 7) == 0) {
        rc = take(v, end, out->pending, sizeof out->pending);
    } else if (k == 5 && memcmp(s, "since", 5) == 0) {
        rc = number(v, end, 10, true, &num);
        out->since_ms = (int64_t)num;
    }
    return rc;
}

int syncpeers_parse(const char *buf, size_t len, sp_beacon *out)
{
    static const char MAGIC[] = SP_MAGIC " ";
    memset(out, 0, sizeof *out);
    const char *p = buf, *end = buf + len;
    const char *nl = memchr(p, '\n', len);
    uint64_t format = 0;
    if (!nl || (size_t)(nl - p) <= sizeof MAGIC - 1 || memcmp(p, MAGIC, sizeof MAGIC - 1) != 0 ||
        number(p + sizeof MAGIC - 1, nl, 10, false, &format) != 0 || format < 1) {
        return -1;
    }
    int seen = 0;
    for (p = nl + 1; p < end; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl || parse_field(p, nl, out, &seen) != 0) {
            memset(out, 0, sizeof *out);
            return -1;
        }
    }
    if (seen != 7) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    if (!out->pending[0]) {
        out->since_ms = 0;
    }
    return 0;
}

bool syncpeers_differ(const sp_beacon *self, const sp_beacon *b)
{
    return strcmp(self->version, b->version) != 0 || strcmp(self->show, b->show) != 0;
}

void syncpeers_init(sp_table *t)
{
    memset(t, 0, sizeof *t);
}

bool syncpeers_heard(sp_table *t, const sp_beacon *self, const sp_beacon *b, uint64_t now)
{
    if (b->id == self->id || strcmp(b->group, self->group) != 0) {
        return false;
    }
    sp_peer *p = NULL;
    for (size_t i = 0; i < t->count && !p; i++) {
        if (t->peers[i].b.id == b->id) {
            p = &t->peers[i];
        }
    }
    if (!p && t->count < SP_PEERS_MAX) {
        p = &t->peers[t->count++];
        memset(p, 0, sizeof *p);
        p->fresh = true;
    }
    if (!p) { /* full: the one heard longest ago makes room */
        p = &t->peers[0];
        for (size_t i = 1; i < t->count; i++) {
            if (t->peers[i].heard_ms < p->heard_ms) {
                p = &t->peers[i];
            }
        }
        memset(p, 0, sizeof *p);
        p->fresh = true;
    }
    p->b = *b;
    p->heard_ms = now;
    return true;
}

/* Adds an event when there is room; returns the new count. */
static size_t emit(sp_event *ev, size_t k, size_t n, sp_change c, const sp_peer *p)
{
    if (k < n) {
        ev[k].change = c;
        ev[k].peer = *p;
        return k + 1;
    }
    return k;
}

size_t syncpeers_review(sp_table *t, const sp_beacon *self, uint64_t now, sp_event *ev, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < t->count;) {
        sp_peer *p = &t->peers[i];
        if (now - p->heard_ms >= SP_EXPIRE_MS) {
            if (k >= n) { /* no room to say so: next time */
                i++;
                continue;
            }
            k = emit(ev, k, n, SP_GONE, p);
            t->peers[i] = t->peers[--t->count];
            continue;
        }
        if (p->fresh && k < n) {
            p->fresh = false;
            k = emit(ev, k, n, SP_JOINED, p);
        }
        bool differs = syncpeers_differ(self, &p->b);
        if (differs && !p->differing) {
            p->differing = true;
            p->differ_since = now;
        }
        if (!differs) {
            p->differing = false;
        }
        if (differs && !p->reported && now - p->differ_since >= SP_GRACE_MS && k < n) {
            p->reported = true;
            k = emit(ev, k, n, SP_DIFFERS, p);
        } else if (!differs && p->reported && k < n) {
            p->reported = false;
            k = emit(ev, k, n, SP_AGREES, p);
        }
        i++;
    }
    return k;
}

uint64_t syncpeers_deadline(const sp_table *t)
{
    uint64_t d = UINT64_MAX;
    for (size_t i = 0; i < t->count; i++) {
        const sp_peer *p = &t->peers[i];
        uint64_t gone = p->heard_ms + SP_EXPIRE_MS;
        d = gone < d ? gone : d;
        if (p->differing && !p->reported && p->differ_since + SP_GRACE_MS < d) {
            d = p->differ_since + SP_GRACE_MS;
        }
    }
    return d;
}

const sp_peer *syncpeers_first_differing(const sp_table *t)
{
    for (size_t i = 0; i < t->count; i++) {
        if (t->peers[i].reported) {
            return &t->peers[i];
        }
    }
    return NULL;
}

size_t syncpeers_differing(const sp_table *t)
{
    size_t k = 0;
    for (size_t i = 0; i < t->count; i++) {
        k += t->peers[i].reported ? 1 : 0;
    }
    return k;
}

int64_t syncpeers_pending_since(const sp_table *t, const char *version, int64_t own_since)
{
    int64_t s = own_since;
    for (size_t i = 0; i < t->count; i++) {
        const sp_beacon *b = &t->peers[i].b;
        if (b->pending[0] && strcmp(b->pending, version) == 0 && b->since_ms > 0 &&
            (s == 0 || b->since_ms < s)) {
            s = b->since_ms;
        }
    }
    return s;
}

bool syncpeers_shows(const sp_table *t, const char *version)
{
    for (size_t i = 0; i < t->count; i++) {
        if (t->peers[i].b.in_step && strcmp(t->peers[i].b.version, version) == 0) {
            return true;
        }
    }
    return false;
}
