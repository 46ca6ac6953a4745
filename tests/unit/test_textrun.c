/* Unit tests of textrun (runs by font coverage, script and bidi level), bidi and uniscript, with a fake
 * font chain: no fonts, no SDL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "bidi.h"
#include "textrun.h"
#include "uniscript.h"

/* ---- a fake chain: installed fonts by coverage ---------------------------------------------------- */

enum { F_LATIN, F_ARABIC, F_DEVA, F_CJK, F_COUNT };

static bool font_has(int font, uint32_t cp)
{
    switch (font) {
    case F_LATIN: /* Latin, Greek, Cyrillic, combining marks, general punctuation */
        return (cp >= 0x20 && cp < 0x0530) || (cp >= 0x2010 && cp <= 0x2027);
    case F_ARABIC:
        return (cp >= 0x20 && cp < 0x80) || (cp >= 0x0600 && cp <= 0x06FF);
    case F_DEVA:
        return cp == ' ' || (cp >= 0x0900 && cp <= 0x097F);
    case F_CJK:
        return (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFFEF);
    }
    return false;
}

typedef struct {
    int chain[F_COUNT]; /* chain index -> installed font */
    int n;
    int finds;
} fake;

static bool fake_has(void *ctx, int k, uint32_t cp)
{
    fake *f = ctx;
    assert_true(k >= 0 && k < f->n);
    return font_has(f->chain[k], cp);
}

static int fake_count(void *ctx)
{
    return ((fake *)ctx)->n;
}

static int fake_find(void *ctx, uint32_t cp)
{
    fake *f = ctx;
    f->finds++;
    for (int font = 0; font < F_COUNT; font++) {
        bool in_chain = false;
        for (int k = 0; k < f->n; k++)
            in_chain = in_chain || f->chain[k] == font;
        if (!in_chain && font_has(font, cp)) {
            f->chain[f->n] = font;
            return f->n++;
        }
    }
    return -1;
}

static fake g_fake;
static textrun_fonts g_fonts = {fake_has, fake_count, fake_find, &g_fake};
static textrun_list g_runs;

static int setup(void **state)
{
    (void)state;
    memset(&g_fake, 0, sizeof g_fake);
    g_fake.chain[0] = F_LATIN, g_fake.n = 1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    textrun_list_free(&g_runs);
    return 0;
}

typedef struct {
    const char *text;
    int font; /* installed font (F_*), -1 for none */
    const char *script;
    int level;
} want_run;

/* Splits text and checks the runs in logical order, and that they tile the text. */
static void expect_runs(const char *text, bool rtl, const want_run *want, size_t n)
{
    textrun_list_free(&g_runs);
    assert_int_equal(textrun_split(text, strlen(text), rtl, &g_fonts, &g_runs), 0);
    size_t at = 0;
    for (size_t i = 0; i < g_runs.count && i < n; i++) {
        const textrun *r = &g_runs.runs[i];
        int font = r->font >= 0 ? g_fake.chain[r->font] : -1;
        if (r->len != strlen(want[i].text) || memcmp(text + r->start, want[i].text, r->len) != 0 ||
            font != want[i].font || strcmp(r->script, want[i].script) != 0 || r->level != want[i].level)
            fail_msg("run %zu of '%s': '%.*s' font %d %s level %d; expected '%s' font %d %s level %d", i,
                     text, (int)r->len, text + r->start, font, r->script, r->level, want[i].text,
                     want[i].font, want[i].script, want[i].level);
        assert_int_equal(r->start, at);
        at += r->len;
    }
    assert_int_equal(g_runs.count, n);
    assert_int_equal(at, strlen(text));
}

/* The runs' texts in visual order, joined by '|'. */
static void expect_visual(const char *text, const char *want)
{
    char got[256] = "";
    for (size_t k = 0; k < g_runs.count; k++) {
        const textrun *r = &g_runs.runs[g_runs.visual[k]];
        if (k)
            strcat(got, "|");
        strncat(got, text + r->start, r->len);
    }
    assert_string_equal(got, want);
}

/* ---- tests --------------------------------------------------------------------------------------- */

static void test_latin_one_run(void **state)
{
    (void)state;
    const want_run az[] = {{"Şəhidlər Xiyabanı, 20 Yanvar 1990 — İlk gün.", F_LATIN, "Latn", 0}};
    expect_runs(az[0].text, false, az, 1);
    assert_int_equal(g_fake.finds, 0);
    const want_run e[] = {{"e\xCC\x81te\xCC\x81", F_LATIN, "Latn", 0}}; /* decomposed accents stay */
    expect_runs(e[0].text, false, e, 1);
    const want_run zwj[] = {{"a\u200Db\uFE0F", F_LATIN, "Latn", 0}}; /* invisible: no glyph needed */
    expect_runs(zwj[0].text, false, zwj, 1);
    expect_runs("", false, NULL, 0);
}

static void test_mixed_scripts_one_font(void **state)
{
    (void)state;
    const want_run w[] = {
        {"Baku (", F_LATIN, "Latn", 0}, {"Бакы) ", F_LATIN, "Cyrl", 0}, {"Αθήνα", F_LATIN, "Grek", 0}};
    /* punctuation and spaces have no script: they take the one before them */
    expect_runs("Baku (Бакы) Αθήνα", false, w, 3);
}

static void test_fallback_devanagari(void **state)
{
    (void)state;
    const want_run w[] = {
        {"Namaste: ", F_LATIN, "Latn", 0}, {"नमस्ते क्षत्रिय", F_DEVA, "Deva", 0}, {"!", F_LATIN, "Deva", 0}};
    expect_runs("Namaste: नमस्ते क्षत्रिय!", false, w, 3);
    assert_int_equal(g_fake.n, 2); /* the Devanagari font was found once and kept */
    int finds = g_fake.finds;
    expect_runs("Namaste: नमस्ते क्षत्रिय!", false, w, 3);
    assert_int_equal(g_fake.finds, finds); /* and not asked for again */
}

static void test_missing_glyph(void **state)
{
    (void)state;
    const want_run w[] = {{"a ", F_LATIN, "Latn", 0}, {"\u2603", -1, "Latn", 0}, {" b", F_LATIN, "Latn", 0}};
    expect_runs("a \u2603 b", false, w, 3);
}

static void test_cjk(void **state)
{
    (void)state;
    const want_run w[] = {{"中文，", F_CJK, "Hani", 0}, {"ひらがな。", F_CJK, "Hira", 0}};
    expect_runs("中文，ひらがな。", false, w, 2);
}

static void test_rtl_in_ltr_paragraph(void **state)
{
    (void)state;
    /* "123" after Arabic letters is an Arabic number: level 2, a run of its own, left to right */
    const want_run w[] = {
        {"abc ", F_LATIN, "Latn", 0},
        {"سلام ", F_ARABIC, "Arab", 1},
        {"123", F_ARABIC, "Arab", 2},
        {" xyz", F_LATIN, "Latn", 0},
    };
    expect_runs("abc سلام 123 xyz", false, w, 4);
    expect_visual("abc سلام 123 xyz", "abc |123|سلام | xyz");
}

static void test_rtl_paragraph(void **state)
{
    (void)state;
    const want_run w[] = {
        {"سلام عليكم ", F_ARABIC, "Arab", 1}, {"Baku", F_LATIN, "Latn", 2}, {".", F_LATIN, "Latn", 1}};
    expect_runs("سلام عليكم Baku.", true, w, 3);
    /* right to left: the full stop at the far left, then the Latin word, then the Arabic */
    expect_visual("سلام عليكم Baku.", ".|Baku|سلام عليكم ");
    assert_true(g_runs.rtl);
}

static void test_bidi(void **state)
{
    (void)state;
    assert_false(bidi_text_is_rtl("Hello سلام", strlen("Hello سلام")));
    assert_true(bidi_text_is_rtl(" 1990, سلام Baku", strlen(" 1990, سلام Baku")));
    assert_true(
        bidi_text_is_rtl("\u2066abc\u2069 שלום", strlen("\u2066abc\u2069 שלום"))); /* isolate skipped */
    assert_false(bidi_text_is_rtl("", 0));
    assert_false(bidi_text_is_rtl("1990", 4));

    const uint8_t lv[] = {0, 1, 2, 1, 0};
    size_t order[5];
    bidi_visual_order(lv, 5, order);
    const size_t want[] = {0, 3, 2, 1, 4};
    assert_memory_equal(order, want, sizeof want);
    const uint8_t all_rtl[] = {1, 1, 1};
    bidi_visual_order(all_rtl, 3, order);
    assert_int_equal(order[0], 2);
    assert_int_equal(order[2], 0);

    const uint32_t cps[] = {'a', ' ', 0x05D0, 0x05D1, ' ', '1', '2'};
    uint8_t levels[7];
    assert_int_equal(bidi_levels(cps, 7, false, levels), 0);
    assert_int_equal(levels[0], 0);
    assert_int_equal(levels[2], 1);
    assert_int_equal(levels[5], 2);
    assert_false(bidi_needs_levels(cps, 2));
    assert_true(bidi_needs_levels(cps, 3));
}

static void test_uniscript(void **state)
{
    (void)state;
    const struct {
        uint32_t cp;
        const char *tag;
    } t[] = {
        {'a', "Latn"},
        {0x0259, "Latn"},
        {0x018F, "Latn"},
        {0x0130, "Latn"},
        {0x0131, "Latn"},
        {'1', "Zyyy"},
        {' ', "Zyyy"},
        {0x0301, "Zinh"},
        {0x0416, "Cyrl"},
        {0x03A9, "Grek"},
        {0x0540, "Armn"},
        {0x10D0, "Geor"},
        {0x05D0, "Hebr"},
        {0x0627, "Arab"},
        {0x0660, "Arab"},
        {0x0915, "Deva"},
        {0x094D, "Deva"},
        {0x0964, "Zyyy"},
        {0x4E2D, "Hani"},
        {0x3042, "Hira"},
        {0x30A2, "Kana"},
        {0xAC00, "Hang"},
        {0x0E01, "Thai"},
        {0x3002, "Zyyy"},
        {0x20000, "Hani"},
        {0x1F600, "Zyyy"},
        /* ICU exact where block ranges were not: Balinese, Javanese, Brahmi, Adlam; the Greek numeral
         * sign is Common; marks used by one script only take it (Script_Extensions) */
        {0x1B05, "Bali"},
        {0xA980, "Java"},
        {0x11000, "Brah"},
        {0x1E900, "Adlm"},
        {0x0374, "Zyyy"},
        {0x0342, "Grek"},
        {0x0363, "Latn"},
        {0x1CD0, "Zinh"},
        {0x0378, "Zyyy"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(uniscript_tag(t[i].cp), t[i].tag) != 0)
            fail_msg("U+%04X: %s, expected %s", (unsigned)t[i].cp, uniscript_tag(t[i].cp), t[i].tag);
    /* the table is sorted: tags change only at range bounds, and bisection finds every letter */
    for (uint32_t cp = 0x41; cp <= 0x5A; cp++)
        assert_string_equal(uniscript_tag(cp), "Latn");
    for (uint32_t cp = 0x0410; cp <= 0x044F; cp++)
        assert_string_equal(uniscript_tag(cp), "Cyrl");
    assert_true(uniscript_is_ignorable(0x200D));
    assert_true(uniscript_is_ignorable(0x200F));
    assert_false(uniscript_is_ignorable('a'));
    assert_true(uniscript_is_rtl("Arab"));
    assert_false(uniscript_is_rtl("Latn"));
    assert_true(uniscript_is_rtl("Adlm") && uniscript_is_rtl("Yezi")); /* ICU's list: Yezidi too */
    assert_true(uniscript_is_ignorable(0x180E) && uniscript_is_ignorable(0xE0001));
    assert_true(uniscript_is_neutral("Zyyy"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_latin_one_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mixed_scripts_one_font, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fallback_devanagari, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_glyph, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cjk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rtl_in_ltr_paragraph, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rtl_paragraph, setup, teardown),
        cmocka_unit_test(test_bidi),
        cmocka_unit_test(test_uniscript),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
