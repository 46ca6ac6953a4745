/* Unit tests of jpegwalk: coded data written bit by bit here (tiny Huffman tables, a byte FF stuffed
 * with 00, padding with 1s, markers), walked whole or refused. The comparison with libjpeg on real and
 * damaged photos is check.jpegwalk (tests/check/jpegwalk_cross.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "jpegwalk.h"

/* Coded data as an encoder writes it: bits, FF followed by a stuffed 00, 1s to the byte's end before a
 * marker. */
typedef struct {
    uint8_t b[4096];
    size_t n;
    unsigned acc;
    int nacc;
} bitw;

static void put_byte(bitw *w, uint8_t c, bool stuff)
{
    assert_true(w->n + 2 <= sizeof w->b);
    w->b[w->n++] = c;
    if (c == 0xFF && stuff) {
        w->b[w->n++] = 0x00;
    }
}

/* Appends the bits of s, '0' and '1' (anything else, e.g. spaces, is skipped), count times. */
static void put(bitw *w, const char *s, int count)
{
    for (int i = 0; i < count; i++) {
        for (const char *c = s; *c; c++) {
            if (*c != '0' && *c != '1') {
                continue;
            }
            w->acc = w->acc << 1 | (unsigned)(*c - '0');
            if (++w->nacc == 8) {
                put_byte(w, (uint8_t)w->acc, true);
                w->acc = 0;
                w->nacc = 0;
            }
        }
    }
}

static void marker(bitw *w, uint8_t m)
{
    while (w->nacc) {
        put(w, "1", 1);
    }
    put_byte(w, 0xFF, false);
    put_byte(w, m, false);
}

static jpegwalk_table table(const uint8_t *bits16, const uint8_t *vals, int nvals)
{
    jpegwalk_table t;
    memset(&t, 0, sizeof t);
    t.present = true;
    memcpy(t.bits + 1, bits16, 16);
    memcpy(t.vals, vals, (size_t)nvals);
    return t;
}

/* A greyscale frame: DC table 0 of one code '0' (difference 0); AC table 0 given. */
static jpegwalk_frame grey(int w, int h, jpegwalk_table ac)
{
    static const uint8_t dc_bits[16] = {1}, dc_vals[1] = {0};
    jpegwalk_frame f;
    memset(&f, 0, sizeof f);
    f.width = w;
    f.height = h;
    f.ncomps = 1;
    f.comps[0] = (jpegwalk_comp){1, 1, 0, 0};
    f.dc[0] = table(dc_bits, dc_vals, 1);
    f.ac[0] = ac;
    return f;
}

/* AC table: '0' is EOB. */
static jpegwalk_table eob_only(void)
{
    static const uint8_t bits[16] = {1}, vals[1] = {0x00};
    return table(bits, vals, 1);
}

/* AC table: '0' a coefficient of size 1 (run 0), '10' ZRL, '110' EOB. */
static jpegwalk_table coef_zrl_eob(void)
{
    static const uint8_t bits[16] = {1, 1, 1}, vals[3] = {0x01, 0xF0, 0x00};
    return table(bits, vals, 3);
}

static bool walk(const jpegwalk_frame *f, const bitw *w)
{
    return jpegwalk_whole(f, w->b, w->n);
}

static void test_whole_and_cut_short(void **state)
{
    (void)state;
    jpegwalk_frame f = grey(8, 8, eob_only());
    bitw w = {0};
    put(&w, "0 0", 1); /* DC, EOB */
    marker(&w, 0xD9);
    assert_true(walk(&f, &w));
    f = grey(40, 8, eob_only()); /* five blocks: 10 bits */
    bitw cut = {0};
    put(&cut, "00", 4);
    marker(&cut, 0xD9);
    assert_false(walk(&f, &cut));
    bitw all = {0};
    put(&all, "00", 5);
    marker(&all, 0xD9);
    assert_true(walk(&f, &all));
    assert_false(jpegwalk_whole(&f, all.b, all.n - 1)); /* EOI cut in two */
    assert_false(jpegwalk_whole(&f, all.b, 1));         /* no marker at all */
}

static void test_spare_bytes_and_other_markers(void **state)
{
    (void)state;
    jpegwalk_frame f = grey(8, 8, eob_only());
    const uint8_t spare[] = {0x3F, 0x00, 0xFF, 0xD9};
    const uint8_t other[] = {0x3F, 0xFF, 0xC4, 0x00, 0x02, 0xFF, 0xD9};
    const uint8_t fill[] = {0x3F, 0xFF, 0xFF, 0xD9};
    const uint8_t whole[] = {0x3F, 0xFF, 0xD9, 0x12, 0x34}; /* what follows EOI is not looked at */
    assert_false(jpegwalk_whole(&f, spare, sizeof spare));
    assert_false(jpegwalk_whole(&f, other, sizeof other));
    assert_false(jpegwalk_whole(&f, fill, sizeof fill));
    assert_true(jpegwalk_whole(&f, whole, sizeof whole));
}

static void test_bad_code(void **state)
{
    (void)state;
    jpegwalk_frame f = grey(8, 8, eob_only());
    bitw w = {0};
    put(&w, "0 1", 1); /* '1' is no code of the AC table */
    marker(&w, 0xD9);
    assert_false(walk(&f, &w));
}

static void test_restart_markers(void **state)
{
    (void)state;
    jpegwalk_frame f = grey(72, 8, eob_only()); /* nine blocks, a marker after each but the last */
    f.restart_interval = 1;
    bitw w = {0};
    for (int i = 0; i < 9; i++) {
        put(&w, "00", 1);
        marker(&w, i < 8 ? (uint8_t)(0xD0 | (i & 7)) : 0xD9);
    }
    assert_true(walk(&f, &w));
    bitw wrong = {0}, missing = {0};
    for (int i = 0; i < 9; i++) {
        put(&wrong, "00", 1);
        marker(&wrong, i < 8 ? (uint8_t)(0xD0 | ((i == 8 - 1 ? 0 : i) & 7)) : 0xD9); /* the 8th is RST0 */
        put(&missing, "00", 1);
        if (i != 4) {
            marker(&missing, i < 8 ? (uint8_t)(0xD0 | (i & 7)) : 0xD9);
        }
    }
    assert_false(walk(&f, &wrong));
    assert_false(walk(&f, &missing));
    f.restart_interval = 4; /* two full intervals and one of a single block */
    bitw four = {0};
    put(&four, "00", 4);
    marker(&four, 0xD0);
    put(&four, "00", 4);
    marker(&four, 0xD1);
    put(&four, "00", 1);
    marker(&four, 0xD9);
    assert_true(walk(&f, &four));
}

static void test_stuffed_byte(void **state)
{
    (void)state;
    static const uint8_t dc_bits[16] = {1}, dc_vals[1] = {6};
    static const uint8_t ac_bits[16] = {1, 1}, ac_vals[2] = {0x08, 0x00};
    jpegwalk_frame f = grey(8, 8, table(ac_bits, ac_vals, 2));
    f.dc[0] = table(dc_bits, dc_vals, 1);
    bitw w = {0};
    put(&w, "0 111111  0 11111111  10", 1); /* DC of size 6, a coefficient of size 8 (all 1s), EOB */
    marker(&w, 0xD9);
    const uint8_t expect[] = {0x7E, 0xFF, 0x00, 0xBF, 0xFF, 0xD9};
    assert_int_equal(w.n, sizeof expect);
    assert_memory_equal(w.b, expect, sizeof expect);
    assert_true(walk(&f, &w));
    const uint8_t unstuffed[] = {0x7E, 0xFF, 0xBF, 0xFF, 0xD9}; /* FF BF: a marker in the middle */
    assert_false(jpegwalk_whole(&f, unstuffed, sizeof unstuffed));
}

static void test_codes_longer_than_the_lookup(void **state)
{
    (void)state;
    static const uint8_t dc_bits[16] = {[15] = 1}, dc_vals[1] = {0};             /* one DC code of 16 bits */
    static const uint8_t ac_bits[16] = {1, [12] = 1}, ac_vals[2] = {0x01, 0x00}; /* EOB: 13 bits */
    jpegwalk_frame f = grey(16, 8, table(ac_bits, ac_vals, 2));
    f.dc[0] = table(dc_bits, dc_vals, 1);
    bitw w = {0};
    put(&w, "0000000000000000 0 1 0 0 1000000000000", 2); /* DC, two coefficients, EOB */
    marker(&w, 0xD9);
    assert_true(walk(&f, &w));
    bitw bad = {0};
    put(&bad, "0000000000000000 1111111111111", 1); /* 13 bits that are no code */
    marker(&bad, 0xD9);
    assert_false(walk(&f, &bad));
}

static void test_block_ends_as_libjpeg_ends_it(void **state)
{
    (void)state;
    jpegwalk_frame f = grey(24, 8, coef_zrl_eob());
    bitw w = {0};
    put(&w, "0", 1);
    put(&w, "0 1", 63); /* block 1: 63 coefficients, no EOB: position 64 ends it */
    put(&w, "0", 1);
    put(&w, "10", 3);
    put(&w, "0 0", 2);
    put(&w, "110", 1); /* block 2: three ZRL to 49, two coefficients, EOB */
    put(&w, "0", 1);
    put(&w, "0 1", 60);
    put(&w, "10", 1); /* block 3: a ZRL from 61 runs past 63, which ends the block as well */
    marker(&w, 0xD9);
    assert_true(walk(&f, &w));
    bitw extra = {0};
    put(&extra, "0", 1);
    put(&extra, "0 1", 63);
    put(&extra, "110", 1); /* an EOB after position 64 belongs to the next block: here there is none */
    marker(&extra, 0xD9);
    f.width = 8;
    assert_false(walk(&f, &extra));
}

static void test_three_components(void **state)
{
    (void)state;
    static const uint8_t one[16] = {1}, two[16] = {0, 1}, zero[1] = {0};
    jpegwalk_frame f;
    memset(&f, 0, sizeof f);
    f.width = 24; /* 4:2:0: MCUs of 16 x 16, two across, one down; six blocks each */
    f.height = 16;
    f.ncomps = 3;
    f.comps[0] = (jpegwalk_comp){2, 2, 0, 0};
    f.comps[1] = (jpegwalk_comp){1, 1, 1, 1};
    f.comps[2] = (jpegwalk_comp){1, 1, 1, 1};
    f.dc[0] = table(one, zero, 1); /* luma: '0' for DC and EOB; chroma: '00' */
    f.ac[0] = table(one, zero, 1);
    f.dc[1] = table(two, zero, 1);
    f.ac[1] = table(two, zero, 1);
    bitw w = {0};
    for (int mcu = 0; mcu < 2; mcu++) {
        put(&w, "0 0", 4);
        put(&w, "00 00", 2);
    }
    marker(&w, 0xD9);
    assert_true(walk(&f, &w));
    f.width = 16; /* one MCU: the second one's bytes are to spare */
    assert_false(walk(&f, &w));
    f.width = 24;
    f.ncomps = 1; /* one component alone is one block per MCU, whatever its sampling: 3 x 2 blocks */
    bitw g = {0};
    put(&g, "0 0", 6);
    marker(&g, 0xD9);
    assert_true(walk(&f, &g));
}

static void test_refused_tables_and_frames(void **state)
{
    (void)state;
    static const uint8_t big_bits[16] = {1}, big_vals[1] = {16};
    static const uint8_t over_bits[16] = {2}, over_vals[2] = {0, 1}; /* '0' and '1': the all-1s code */
    const uint8_t data[] = {0x3F, 0xFF, 0xD9};
    jpegwalk_frame f = grey(8, 8, eob_only());
    assert_true(jpegwalk_whole(&f, data, sizeof data));
    f.dc[0] = table(big_bits, big_vals, 1); /* a DC size above 15 */
    assert_false(jpegwalk_whole(&f, data, sizeof data));
    f = grey(8, 8, table(over_bits, over_vals, 2));
    assert_false(jpegwalk_whole(&f, data, sizeof data));
    f = grey(8, 8, eob_only());
    f.ac[0].present = false;
    assert_false(jpegwalk_whole(&f, data, sizeof data));
    f = grey(8, 8, eob_only());
    f.ncomps = 3; /* 3 x 4 x 4 blocks in an MCU: more than libjpeg's 10 */
    for (int i = 0; i < 3; i++) {
        f.comps[i] = (jpegwalk_comp){4, 4, 0, 0};
    }
    assert_false(jpegwalk_whole(&f, data, sizeof data));
    f = grey(0, 8, eob_only());
    assert_false(jpegwalk_whole(&f, data, sizeof data));
    f = grey(8, 8, eob_only());
    f.comps[0].ac = 4;
    assert_false(jpegwalk_whole(&f, data, sizeof data));
    f = grey(8, 8, eob_only());
    assert_false(jpegwalk_whole(&f, NULL, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_and_cut_short),
        cmocka_unit_test(test_spare_bytes_and_other_markers),
        cmocka_unit_test(test_bad_code),
        cmocka_unit_test(test_restart_markers),
        cmocka_unit_test(test_stuffed_byte),
        cmocka_unit_test(test_codes_longer_than_the_lookup),
        cmocka_unit_test(test_block_ends_as_libjpeg_ends_it),
        cmocka_unit_test(test_three_components),
        cmocka_unit_test(test_refused_tables_and_frames),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
