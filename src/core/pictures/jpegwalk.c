/* jpegwalk: see jpegwalk.h. */
#include "jpegwalk.h"

#include <stdlib.h>
#include <string.h>

/* Bits looked at at once. A table of 1 << LOOK entries per Huffman table stays in the first-level cache
 * with room to spare; 11 and 13 were slower on the bench machine, 14 much slower. */
#define LOOK 12
#define ENTRIES (1u << LOOK)
#define EOB_FLAG 4096u

/* A symbol's entry: the bits it takes, code and extra bits (bits 0-4), and how far it moves the position
 * in the block (bits 5-11): a coefficient run + 1, 16 for ZRL, 64 for the end of the block (EOB, and any
 * other symbol of size 0 but ZRL, as libjpeg reads them), 0 for a DC symbol. 0: the code is longer than
 * LOOK bits or not a code at all (decoded bit by bit, as libjpeg's jpeg_huff_decode does). */
typedef struct {
    uint16_t fast[ENTRIES];
    int32_t maxcode[18];   /* the largest code of each length; -1 when none */
    int32_t valoffset[18]; /* code + valoffset[l] = the symbol's index in vals */
    uint8_t vals[256];
} table;

/* An AC table adds chains: from the LOOK bits at hand, as many whole symbols as fit (their codes within
 * the LOOK bits; the last one's extra bits may go beyond), up to and including an end of block: the bits
 * they take (0-4), their moves but an end's (5-11), EOB_FLAG when the chain ends the block. 0: as fast. */
typedef struct {
    table t;
    uint16_t chain[ENTRIES];
} ac_table;

typedef struct {
    table dc[4];
    ac_table ac[4];
    uint8_t clen[ENTRIES]; /* scratch while building: the code length at each entry */
} tables;

/* The codes of spec, built as libjpeg's jpeg_make_d_derived_tbl builds them, and refused where it would
 * refuse them (too many symbols, codes that overflow their length, a DC size above 15). */
static bool table_build(const jpegwalk_table *spec, bool dc, table *t, uint8_t *clen)
{
    uint8_t size[257];
    uint32_t code[256];
    int n = 0;
    if (!spec->present) {
        return false;
    }
    for (int l = 1; l <= 16; l++) {
        if (n + spec->bits[l] > 256) {
            return false;
        }
        for (int i = 0; i < spec->bits[l]; i++) {
            size[n++] = (uint8_t)l;
        }
    }
    size[n] = 0;
    uint32_t c = 0;
    for (int p = 0, si = size[0]; size[p]; si++, c <<= 1) {
        while (size[p] == si) {
            code[p++] = c++;
        }
        if (c >= (1u << si)) {
            return false;
        }
    }
    for (int l = 1, p = 0; l <= 16; l++) {
        t->maxcode[l] = -1;
        if (spec->bits[l]) {
            t->valoffset[l] = p - (int32_t)code[p];
            p += spec->bits[l];
            t->maxcode[l] = (int32_t)code[p - 1];
        }
    }
    t->maxcode[17] = INT32_MAX;
    memcpy(t->vals, spec->vals, sizeof t->vals);
    memset(t->fast, 0, sizeof t->fast);
    memset(clen, 0, ENTRIES);
    for (int i = 0; i < n; i++) {
        int l = size[i], s = spec->vals[i] & 15, r = spec->vals[i] >> 4;
        if (dc && spec->vals[i] > 15) {
            return false;
        }
        if (l > LOOK) {
            continue;
        }
        int move = dc ? 0 : s ? r + 1 : r == 15 ? 16 : 64;
        uint32_t lo = code[i] << (LOOK - l), hi = (code[i] + 1) << (LOOK - l);
        for (uint32_t k = lo; k < hi; k++) {
            t->fast[k] = (uint16_t)((l + s) | move << 5);
            clen[k] = (uint8_t)l;
        }
    }
    return true;
}

static void chain_build(ac_table *a, const uint8_t *clen)
{
    for (uint32_t i = 0; i < ENTRIES; i++) {
        uint32_t pos = 0, move = 0, eob = 0;
        while (pos < LOOK) {
            uint32_t rest = (i << pos) & (ENTRIES - 1), e = a->t.fast[rest], m = e >> 5;
            if (!e || clen[rest] > LOOK - pos || (m != 64 && move + m > 64)) {
                break;
            }
            pos += e & 31;
            if (m == 64) {
                eob = EOB_FLAG;
                break;
            }
            move += m;
        }
        a->chain[i] = pos ? (uint16_t)(pos | move << 5 | eob) : 0;
    }
}

/* The coded data of one segment (up to a marker), read big-endian into buf. */
typedef struct {
    uint64_t buf;          /* the next bits, the first at the top */
    int bits;              /* how many of them are valid */
    const uint8_t *p;      /* the next byte to load */
    const uint8_t *end;    /* the end of the file */
    const uint8_t *marker; /* the marker that ends the segment, once loading met it */
    uint64_t loaded;       /* bytes of data loaded (a stuffed FF 00 counts once) */
    uint64_t phantom;      /* zero bytes fed in past the marker or the end, as libjpeg does */
} reader;

static uint64_t load_be64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

/* A byte at a time: FF 00 is a data byte FF; FF and anything else is the marker; then zeros. */
static void load_slow(reader *r)
{
    r->buf &= r->bits ? ~0ull << (64 - r->bits) : 0;
    while (r->bits < 56) {
        uint64_t c = 0;
        if (!r->marker && r->p < r->end && r->p[0] != 0xFF) {
            c = *r->p++;
            r->loaded++;
        } else if (!r->marker && r->end - r->p > 1 && r->p[1] == 0x00) {
            c = 0xFF;
            r->p += 2;
            r->loaded++;
        } else {
            r->marker = r->marker ? r->marker : r->p < r->end ? r->p : NULL;
            r->phantom++;
        }
        r->buf |= c << (56 - r->bits);
        r->bits += 8;
    }
}

/* At least 56 valid bits: eight bytes at once when none of them is FF. */
static inline void refill(reader *r)
{
    if (r->end - r->p >= 8) {
        uint64_t w = load_be64(r->p);
        if (!((~w - 0x0101010101010101ull) & w & 0x8080808080808080ull)) {
            int n = (63 - r->bits) >> 3;
            r->buf |= w >> r->bits;
            r->p += n;
            r->loaded += (uint64_t)n;
            r->bits |= 56;
            return;
        }
    }
    load_slow(r);
}

/* A code longer than LOOK bits (buf holds at least 31 valid bits): its entry, or -1 for no code. */
static int slow_symbol(const table *t, uint64_t buf, bool dc)
{
    int l = LOOK + 1;
    int32_t code = (int32_t)(buf >> (64 - l));
    while (code > t->maxcode[l]) {
        if (++l > 16) {
            return -1;
        }
        code = (int32_t)(buf >> (64 - l));
    }
    int v = t->vals[(code + t->valoffset[l]) & 255], s = v & 15, r = v >> 4;
    return (l + s) | (dc ? 0 : s ? r + 1 : r == 15 ? 16 : 64) << 5;
}

/* One symbol of t, taken from the reader; its entry, or -1 for no code. */
static inline int symbol(reader *r, const table *t, bool dc)
{
    refill(r);
    int e = t->fast[r->buf >> (64 - LOOK)];
    if (e == 0 && (e = slow_symbol(t, r->buf, dc)) < 0) {
        return -1;
    }
    r->buf <<= e & 31;
    r->bits -= e & 31;
    return e;
}

enum { CHAIN_TAKEN, CHAIN_ENDS_BLOCK, CHAIN_REFUSED };

/* The chain at position k of a block (the reader holds at least 27 bits): taken when it neither reaches
 * nor passes position 64; refused (nothing taken) otherwise, or for a code longer than LOOK bits. */
static inline int take_chain(reader *r, const ac_table *ac, unsigned *k)
{
    unsigned c = ac->chain[r->buf >> (64 - LOOK)], move = (c >> 5) & 127;
    if (c == 0 || *k + move >= 64) {
        return CHAIN_REFUSED;
    }
    *k += move;
    r->buf <<= c & 31;
    r->bits -= (int)(c & 31);
    return c & EOB_FLAG ? CHAIN_ENDS_BLOCK : CHAIN_TAKEN;
}

/* One block: its DC symbol, then AC chains while they neither reach nor pass position 64, then single
 * symbols to the block's end. */
static bool walk_block(reader *r, const table *dc, const ac_table *ac)
{
    if (symbol(r, dc, true) < 0) {
        return false;
    }
    unsigned k = 1;
    for (;;) {
        refill(r); /* 56 bits: room for two chains of at most 27 */
        int taken = take_chain(r, ac, &k);
        if (taken == CHAIN_TAKEN) {
            taken = take_chain(r, ac, &k);
        }
        if (taken == CHAIN_ENDS_BLOCK) {
            return true;
        }
        if (taken == CHAIN_REFUSED) {
            break;
        }
    }
    while (k < 64) {
        int e = symbol(r, &ac->t, false);
        if (e < 0) {
            return false;
        }
        k += (unsigned)e >> 5;
    }
    return true;
}

/* The end of a segment: the bits taken reach into the last byte of data, and the marker follows it. */
static bool segment_close(reader *r, uint8_t marker)
{
    uint64_t used = (r->loaded + r->phantom) * 8 - (uint64_t)r->bits;
    for (int spare = 0; !r->marker && spare < 2; spare++) { /* the marker lies beyond what was loaded */
        r->bits = 0;
        load_slow(r);
    }
    return r->marker && r->marker + 1 < r->end && r->marker[1] == marker && used <= r->loaded * 8 &&
           r->loaded * 8 - used < 8;
}

/* The scan's blocks in MCU order (dc/ac: their tables), its MCUs; false for a layout libjpeg refuses. */
static bool layout(const jpegwalk_frame *f, tables *t, const table **dc, const ac_table **ac, int *blocks,
                   uint64_t *mcus)
{
    int maxh = 1, maxv = 1, n = 0;
    for (int i = 0; i < f->ncomps; i++) {
        maxh = f->comps[i].h > maxh ? f->comps[i].h : maxh;
        maxv = f->comps[i].v > maxv ? f->comps[i].v : maxv;
    }
    for (int i = 0; i < f->ncomps; i++) {
        const jpegwalk_comp *c = &f->comps[i];
        int count = f->ncomps == 1 ? 1 : c->h * c->v;
        for (int b = 0; b < count; b++, n++) {
            if (n == 10) {
                return false;
            }
            dc[n] = &t->dc[c->dc];
            ac[n] = &t->ac[c->ac];
        }
    }
    int mw = f->ncomps == 1 ? 8 : 8 * maxh, mh = f->ncomps == 1 ? 8 : 8 * maxv;
    *blocks = n;
    *mcus = (uint64_t)((f->width + mw - 1) / mw) * (uint64_t)((f->height + mh - 1) / mh);
    return true;
}

static bool build_all(const jpegwalk_frame *f, tables *t)
{
    bool dc_done[4] = {false}, ac_done[4] = {false};
    if (f->ncomps < 1 || f->ncomps > 4 || f->width < 1 || f->height < 1) {
        return false;
    }
    for (int i = 0; i < f->ncomps; i++) {
        const jpegwalk_comp *c = &f->comps[i];
        if (c->h < 1 || c->h > 4 || c->v < 1 || c->v > 4 || c->dc < 0 || c->dc > 3 || c->ac < 0 ||
            c->ac > 3) {
            return false;
        }
        if (!dc_done[c->dc] && !table_build(&f->dc[c->dc], true, &t->dc[c->dc], t->clen)) {
            return false;
        }
        if (!ac_done[c->ac]) {
            if (!table_build(&f->ac[c->ac], false, &t->ac[c->ac].t, t->clen)) {
                return false;
            }
            chain_build(&t->ac[c->ac], t->clen);
        }
        dc_done[c->dc] = ac_done[c->ac] = true;
    }
    return true;
}

bool jpegwalk_whole(const jpegwalk_frame *f, const uint8_t *data, size_t size)
{
    bool whole = false;
    const table *dc[10];
    const ac_table *ac[10];
    int blocks = 0;
    uint64_t mcus = 0;
    tables *t = malloc(sizeof *t);
    if (!t || !data || !build_all(f, t) || !layout(f, t, dc, ac, &blocks, &mcus)) {
        goto cleanup;
    }
    uint64_t interval = f->restart_interval ? f->restart_interval : mcus;
    const uint8_t *p = data, *end = data + size;
    for (uint64_t done = 0, segment = 0; done < mcus; segment++) {
        reader r = {0, 0, p, end, NULL, 0, 0};
        uint64_t n = mcus - done < interval ? mcus - done : interval;
        for (uint64_t i = 0; i < n; i++) {
            for (int b = 0; b < blocks; b++) {
                if (!walk_block(&r, dc[b], ac[b])) {
                    goto cleanup;
                }
            }
            if (r.phantom * 8 > (uint64_t)r.bits) { /* past the marker: cut short or corrupt */
                goto cleanup;
            }
        }
        done += n;
        if (!segment_close(&r, done < mcus ? (uint8_t)(0xD0 | (segment & 7)) : 0xD9)) {
            goto cleanup;
        }
        p = r.marker + 2;
    }
    whole = true;
cleanup:
    free(t);
    return whole;
}
