/* typo.glyphs: lines of Azerbaijani, Russian, Devanagari, Arabic, Armenian, Georgian, Greek and CJK
 * drawn by the kiosk's text path (fallback chains, runs, HarfBuzz shaping, bidi) compared pixel by pixel,
 * with a tolerance, against the covering font rendered directly by SDL_ttf with the right script and
 * direction; and against what must not appear: the primary font's missing-glyph boxes, and unshaped text
 * (no conjuncts, no joining). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "bidi.h"
#include "design.h"
#include "draw.h"
#include "fontfind.h"
#include "fonts.h"
#include "fonts_measure.h"
#include "textrun.h"
#include "typo_util.h"

#define X 24
#define Y 40
#define LINE_H 120
#define SAME_TOL 40    /* brightness difference still counted as the same pixel */
#define SAME_MAX 0.02  /* share of inked pixels allowed to differ for "the same rendering" */
#define DIFFERENT 0.15 /* at least this share differs for "a different rendering" */

static design g_d;
static kiosk_fonts g_f;
static typo_canvas g_ours, g_ref;
static const SDL_Color WHITE = {255, 255, 255, 255};

static int group_setup(void **state)
{
    (void)state;
    if (SDL_Init(0) != 0 || TTF_Init() != 0)
        return -1;
    g_d = design_compute(1920, 1080, 0.0);
    if (fonts_open(&g_f, &g_d) != 0)
        fprintf(stderr, "fonts_open: a role has no font (install fonts-noto-core)\n");
    typo_canvas_new(&g_ours, 1800, 200);
    typo_canvas_new(&g_ref, 1800, 200);
    return g_f.font[FONT_BODY] ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    typo_canvas_free(&g_ours);
    typo_canvas_free(&g_ref);
    fonts_close(&g_f);
    TTF_Quit();
    SDL_Quit();
    return 0;
}

/* Our rendering of text in role's font chain; returns the width draw_text reports. */
static int draw_ours(font_role role, const char *text)
{
    typo_canvas_clear(&g_ours);
    draw_style st = {&g_f, role, 0, WHITE};
    size_t len = strlen(text);
    int w = draw_text(g_ours.r, &st, text, len, bidi_text_is_rtl(text, len), X, Y, LINE_H, ALIGN_LEFT);
    SDL_RenderFlush(g_ours.r);
    return w;
}

/* text rendered directly by SDL_ttf in the font file, on the baseline role's primary font gives. */
static void draw_ref(font_role role, const char *file, int index, const char *script, bool rtl,
                     const char *text)
{
    typo_canvas_clear(&g_ref);
    TTF_Font *font = TTF_OpenFontIndex(file, g_f.size[role], index);
    assert_non_null(font);
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    TTF_SetFontScriptName(font, script);
    TTF_SetFontDirection(font, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, text, WHITE);
    assert_non_null(s);
    TTF_Font *primary = g_f.font[role];
    int baseline = Y + (LINE_H - TTF_FontHeight(primary)) / 2 + TTF_FontAscent(primary);
    SDL_Rect dst = {X, baseline - TTF_FontAscent(font), s->w, s->h};
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
    SDL_BlitSurface(s, NULL, g_ref.surf, &dst);
    SDL_FreeSurface(s);
    TTF_CloseFont(font);
}

static void save_pair(const char *tag)
{
    char a[256], b[256];
    snprintf(a, sizeof a, "/tmp/typo-%s-ours.png", tag);
    snprintf(b, sizeof b, "/tmp/typo-%s-ref.png", tag);
    typo_canvas_save(&g_ours, a);
    typo_canvas_save(&g_ref, b);
}

static void expect_same(const char *tag)
{
    double d = typo_diff(g_ours.surf, g_ref.surf, SAME_TOL);
    typo_box a = typo_ink(g_ours.surf, 40), b = typo_ink(g_ref.surf, 40);
    print_message("[%s] ours: ink %ld px at x %d..%d; reference: %ld px at x %d..%d; %.2f%% differ\n", tag,
                  a.count, a.x0, a.x1, b.count, b.x0, b.x1, d * 100);
    if (a.count == 0 || d > SAME_MAX) {
        save_pair(tag);
        fail_msg("[%s] the kiosk's rendering differs from the reference in %.2f%% of the inked pixels (max "
                 "%.2f%%); "
                 "see /tmp/typo-%s-*.png",
                 tag, d * 100, SAME_MAX * 100, tag);
    }
}

static void expect_different(const char *tag, const char *what)
{
    double d = typo_diff(g_ours.surf, g_ref.surf, SAME_TOL);
    print_message("[%s] against %s: %.2f%% differ\n", tag, what, d * 100);
    if (d < DIFFERENT) {
        save_pair(tag);
        fail_msg("[%s] the kiosk's rendering looks like %s (only %.2f%% of the pixels differ)", tag, what,
                 d * 100);
    }
}

/* The primary font's rendering of text as is: missing glyphs as boxes. */
static void draw_primary_as_is(font_role role, const char *text)
{
    char *file = fonts_find_file("Noto Serif:style=Regular");
    assert_non_null(file);
    draw_ref(role, file, 0, "Zyyy", false, text);
    free(file);
}

/* The font (family) a fallback should come from, or skip the test when it is not installed. */
static char *need_font(const char *family, int *index)
{
    char *file = typo_font_file(family, index);
    if (!file) {
        print_message("%s is not installed: skipped\n", family);
        skip();
    }
    return file;
}

/* Every character of text has a font in the role's chain (no run left undrawn). */
static void expect_covered(font_role role, const char *text)
{
    fonts_chain *c = fonts_chain_get(&g_f, role, 0);
    assert_non_null(c);
    textrun_fonts cb = fonts_chain_callbacks(c);
    textrun_list l;
    assert_int_equal(textrun_split(text, strlen(text), bidi_text_is_rtl(text, strlen(text)), &cb, &l), 0);
    for (size_t i = 0; i < l.count; i++)
        if (l.runs[i].font < 0)
            fail_msg("'%.*s' of '%s' has no font", (int)l.runs[i].len, text + l.runs[i].start, text);
    textrun_list_free(&l);
}

static void test_azerbaijani(void **state)
{
    (void)state;
    const char *t = "Şəhidlər Xiyabanı: İlham, ağac, çörək, gözəl, üzüm, ılıq — ƏĞIİŞÇÖÜ";
    char *file = fonts_find_file("Noto Serif:style=Regular");
    assert_non_null(file);
    for (const char *p = "əƏğıİşçöü"; *p;) {
        uint32_t cp = 0;
        int n = (*p & 0xE0) == 0xC0 ? 2 : 1;
        cp = n == 2 ? (uint32_t)((p[0] & 0x1F) << 6 | (p[1] & 0x3F)) : (uint32_t)*p;
        assert_true(TTF_GlyphIsProvided32(g_f.font[FONT_BODY], cp));
        p += n;
    }
    int w = draw_ours(FONT_BODY, t);
    assert_int_equal(w, fonts_measure(&g_f, FONT_BODY, t, strlen(t)));
    draw_ref(FONT_BODY, file, 0, "Latn", false, t);
    expect_same("az");
    /* ə alone: the real glyph, not the box of a character the font lacks */
    draw_ours(FONT_BODY, "ə");
    draw_primary_as_is(FONT_BODY, "क");
    expect_different("az-schwa", "a missing-glyph box");
    free(file);
}

static void test_russian(void **state)
{
    (void)state;
    const char *t = "Вечная память жертвам 20 Января 1990 года. Ёлка, щи, объём";
    char *file = fonts_find_file("Noto Serif:style=Regular");
    assert_non_null(file);
    draw_ours(FONT_BODY, t);
    draw_ref(FONT_BODY, file, 0, "Cyrl", false, t);
    expect_same("ru");
    free(file);
}

static void test_devanagari(void **state)
{
    (void)state;
    const char *t = "शहीदों को श्रद्धांजलि — क्षत्रिय";
    int index;
    char *file = need_font("Noto Serif Devanagari", &index);
    expect_covered(FONT_BODY, t);
    int w = draw_ours(FONT_BODY, t);
    assert_int_equal(w, fonts_measure(&g_f, FONT_BODY, t, strlen(t)));
    /* the whole line (danda, dash and spaces too) is one Devanagari run in Noto Serif Devanagari */
    draw_ref(FONT_BODY, file, index, "Deva", false, t);
    expect_same("deva");
    draw_ref(FONT_BODY, file, index, "Zyyy", false, t);
    expect_different("deva-unshaped", "unshaped Devanagari (no conjuncts)");
    draw_primary_as_is(FONT_BODY, t);
    expect_different("deva-boxes", "the body font's missing-glyph boxes");
    free(file);
}

static void test_arabic(void **state)
{
    (void)state;
    const char *t = "ذكرى شهداء العشرين من يناير";
    int index;
    char *file = need_font("Noto Naskh Arabic", &index);
    expect_covered(FONT_BODY, t);
    draw_ours(FONT_BODY, t);
    draw_ref(FONT_BODY, file, index, "Arab", true, t);
    expect_same("arab");
    draw_ref(FONT_BODY, file, index, "Zyyy", false, t);
    expect_different("arab-unjoined", "unjoined Arabic drawn left to right");
    free(file);
}

static void test_armenian_georgian_greek(void **state)
{
    (void)state;
    const struct {
        const char *tag, *family, *script, *text;
    } t[] = {
        {"armn", "Noto Serif Armenian", "Armn", "Հավերժ հիշատակ զոհերին"},
        {"geor", "Noto Serif Georgian", "Geor", "მარადიული ხსოვნა"},
        {"grek", "Noto Serif", "Grek", "Αιωνία η μνήμη των θυμάτων"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        int index;
        char *file = need_font(t[i].family, &index);
        expect_covered(FONT_BODY, t[i].text);
        draw_ours(FONT_BODY, t[i].text);
        draw_ref(FONT_BODY, file, index, t[i].script, false, t[i].text);
        expect_same(t[i].tag);
        free(file);
    }
}

static void test_cjk(void **state)
{
    (void)state;
    const char *t = "永远怀念一九九零年一月二十日的遇难者。";
    if (!typo_font_covers(0x6C38)) {
        print_message("no CJK font installed (fonts-noto-cjk): skipped\n");
        skip();
    }
    fontfind *ff = fontfind_new();
    assert_non_null(ff);
    int index;
    const char *file = fontfind_fallback(ff, "Noto Serif", false, 0x6C38, &index);
    assert_non_null(file);
    print_message("CJK fallback for Noto Serif: %s #%d\n", file, index);
    expect_covered(FONT_BODY, t);
    draw_ours(FONT_BODY, t);
    draw_ref(FONT_BODY, file, index, "Hani", false, t);
    expect_same("hani");
    draw_primary_as_is(FONT_BODY, t);
    expect_different("hani-boxes", "the body font's missing-glyph boxes");
    fontfind_free(ff);
}

/* The fallback chosen for each script is the serif (or sans) sibling of the role's family. */
static void test_fallback_choice(void **state)
{
    (void)state;
    fontfind *ff = fontfind_new();
    assert_non_null(ff);
    const struct {
        const char *family;
        uint32_t cp;
        const char *file;
    } t[] = {
        {"Noto Serif", 0x0915, "NotoSerifDevanagari-"}, {"Noto Sans", 0x0915, "NotoSansDevanagari-"},
        {"Noto Serif", 0x0531, "NotoSerifArmenian-"},   {"Noto Serif", 0x10D0, "NotoSerifGeorgian-"},
        {"Noto Serif", 0x0627, "NotoNaskhArabic-"},     {"Noto Sans", 0x0627, "NotoSansArabic-"},
        {"Noto Serif", 0x05D0, "NotoSerifHebrew-"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        int index;
        const char *file = fontfind_fallback(ff, t[i].family, false, t[i].cp, &index);
        assert_non_null(file);
        const char *base = typo_base_name(file);
        print_message("%s U+%04X -> %s\n", t[i].family, (unsigned)t[i].cp, base);
        if (strncmp(base, t[i].file, strlen(t[i].file)) != 0)
            fail_msg("%s U+%04X: fell back to %s, expected %s*", t[i].family, (unsigned)t[i].cp, base,
                     t[i].file);
    }
    int index;
    assert_null(fontfind_fallback(ff, "Noto Serif", false, 0x10FFFD, &index)); /* private use: none */
    fontfind_free(ff);
}

/* A line of many scripts: measured exactly as wide as it is drawn, every run in visual order. */
static void test_mixed_line(void **state)
{
    (void)state;
    const char *t = "Bakı — Баку — Αθήνα — Երևան — თბილისი — दिल्ली — بغداد 1990 — תל אביב";
    int w = draw_ours(FONT_BODY, t);
    assert_int_equal(w, fonts_measure(&g_f, FONT_BODY, t, strlen(t)));
    typo_box ink = typo_ink(g_ours.surf, 40);
    assert_true(ink.count > 0);
    assert_true(ink.x0 >= X - 2 && ink.x1 <= X + w + 2);
    expect_covered(FONT_BODY, t);
    for (font_role r = 0; r < FONT_ROLE_COUNT; r++)
        assert_int_equal(draw_ours(r, t), fonts_measure(&g_f, r, t, strlen(t)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_azerbaijani),
        cmocka_unit_test(test_russian),
        cmocka_unit_test(test_devanagari),
        cmocka_unit_test(test_arabic),
        cmocka_unit_test(test_armenian_georgian_greek),
        cmocka_unit_test(test_cjk),
        cmocka_unit_test(test_fallback_choice),
        cmocka_unit_test(test_mixed_line),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
