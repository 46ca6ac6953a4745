/* typo.layout: a corpus of long, short and mixed-script articles (and the bundled exhibit) laid out and
 * drawn by the kiosk's own code, in-process on a software renderer, at landscape, small and portrait
 * screens with and without a safe margin. Every line of text drawn is traced (draw_set_trace) and must lie
 * inside the safe area, body lines inside the text column and above the banner, right-to-left paragraphs
 * flush right; every body line fits the column; a title too long for its box is cut with an ellipsis and
 * a logged warning; no character of an installed script goes missing. */
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

#include "design.h"
#include "draw.h"
#include "fonts.h"
#include "fonts_measure.h"
#include "exhibit.h"
#include "log.h"
#include "show.h"
#include "slide_draw.h"
#include "typo_util.h"

#ifndef KIOSK_SOURCE_DIR
#define KIOSK_SOURCE_DIR "."
#endif

static char *g_dir;
static char g_word[301];

static const char *const corpus[][2] = {
    {"01-short.txt", "Short\n\nBaku\n\nOne line.\n"},
    {"02-az.txt", "Şəhidlər Xiyabanında anım mərasimi\n\nBakı, 20 yanvar, AZƏRTAC\n\n"
                  "Hər il yanvarın 20-də minlərlə insan Şəhidlər Xiyabanına gələrək qərənfil düzür. İlham, "
                  "ağac, çörək, gözəl, üzüm — ƏĞIİŞÇÖÜ.\nÖlkənin hər yerindən gələn insanlar şəhidlərin "
                  "xatirəsini ehtiramla yad edir.\n\nMatəm günü 2024-01-20\n"},
    {"03-ru.txt",
     "Вечная память жертвам 20 Января\n\nБаку, 20 января\n\n"
     "Тридцать четыре года прошло со дня трагических событий Кровавого января. Как и каждый год, "
     "жители Азербайджана чтят память шехидов.\nС раннего утра люди идут на Аллею шехидов и "
     "возлагают гвоздики к могилам.\n\nДни скорби 2024-01-20\n"},
    {"04-mixed.txt", "Remembrance in many languages: Μνήμη, Հիշատակ, ხსოვნა, स्मृति, ذكرى, זיכרון\n\nBaku\n\n"
                     "Greek: Αιωνία η μνήμη των θυμάτων του Ιανουαρίου.\n"
                     "Armenian: Հավերժ հիշատակ զոհերին, որոնք զոհվեցին հունվարին։\n"
                     "Georgian: მარადიული ხსოვნა იანვრის მსხვერპლთა.\n"
                     "Hindi: शहीदों को श्रद्धांजलि, उनकी स्मृति सदा अमर रहेगी।\n"
                     "Inline: Bakı (Баку, Μπακού, Բաքու, ბაქო, बाकू, باكو) 1990.\n"},
    {"05-rtl.txt", "ذكرى شهداء العشرين من يناير\n\nباكو، ٢٠ يناير\n\n"
                   "في العشرين من يناير عام 1990 دخلت القوات السوفيتية مدينة باكو، وقتل المئات من المدنيين. "
                   "يزور الناس كل عام زقاق الشهداء ويضعون القرنفل الأحمر على القبور.\n"
                   "نتذكر الضحايا اليوم وكل يوم، وتبقى ذكراهم حية في قلوبنا إلى الأبد.\n"
                   "קורבנות ינואר לא יישכחו. Baku, 20 January 1990.\n"},
    {"06-cjk.txt",
     "永远怀念一月二十日的遇难者\n\n巴库\n\n"
     "一九九零年一月二十日，苏联军队进入巴库，许多平民遇难。每年的这一天，人们来到烈士陵园献上红色"
     "康乃馨，缅怀逝去的生命。他们的名字将永远铭刻在我们心中。\n"
     "一月二十日の夜、バクーで多くの市民が命を落とした。私たちは犠牲者を永遠に忘れない。\n"},
};

static int group_setup(void **state)
{
    char buf[8000];
    (void)state;
    if (SDL_Init(0) != 0 || TTF_Init() != 0)
        return -1;
    g_dir = tf_mkdtemp("typo");
    if (!g_dir)
        return -1;
    for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++)
        assert_int_equal(tf_write_text(g_dir, corpus[i][0], corpus[i][1]), 0);
    memset(g_word, 'x', 300);
    snprintf(buf, sizeof buf,
             "Long words\n\nBaku\n\nA word of three hundred letters: %s, and a link: "
             "https://azertag.az/en/xeber/people_of_azerbaijan_pay_tribute_to_20_january_martyrs-2843475 "
             "(read it).\nThe end.\n",
             g_word);
    assert_int_equal(tf_write_text(g_dir, "07-long-words.txt", buf), 0);
    buf[0] = '\0';
    for (int i = 0; i < 24; i++)
        strcat(buf, "A title far too long for any title box of any screen, ");
    strcat(buf, "\n\nBaku\n\nBody.\n");
    assert_int_equal(tf_write_text(g_dir, "08-long-title.txt", buf), 0);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    tf_rm_rf(g_dir);
    free(g_dir);
    TTF_Quit();
    SDL_Quit();
    return 0;
}

/* ---- tracing ------------------------------------------------------------------------------------- */

typedef struct {
    const design *d;
    const slide *s;
    size_t index;
    int problems;
    int body_lines;
} tracer;

static void problem(tracer *t, font_role role, const SDL_Rect *b, const char *s, size_t len, const char *what)
{
    if (t->problems++ < 12)
        print_message("slide %zu (%s, %s): %s '%.*s' at x %d..%d y %d..%d\n", t->index + 1,
                      slide_kind_name(t->s->kind), t->s->source ? t->s->source : "-", what, (int)len, s, b->x,
                      b->x + b->w, b->y, b->y + b->h);
    (void)role;
}

static void trace(void *ctx, font_role role, const SDL_Rect *b, const char *s, size_t len)
{
    tracer *t = ctx;
    const design *d = t->d;
    if (b->x < d->safe_x || b->y < d->safe_y || b->x + b->w > d->safe_x + d->safe_w ||
        b->y + b->h > d->safe_y + d->safe_h)
        problem(t, role, b, s, len, "outside the safe area");
    if (role == FONT_BODY) {
        t->body_lines++;
        if (b->x < d->column_x || b->x + b->w > d->column_x + d->column_w)
            problem(t, role, b, s, len, "body line outside the column");
        if (b->y < d->body_y - d->body_line_h / 2 || b->y + b->h > d->banner_y)
            problem(t, role, b, s, len, "body line outside the body box");
    }
    if (role == FONT_TITLE &&
        (b->x < d->w / 2 - d->title_w / 2 - 1 || b->x + b->w > d->w / 2 + d->title_w / 2 + 1))
        problem(t, role, b, s, len, "title wider than its measure");
    if (role == FONT_SMALL && t->s->kind == SLIDE_EXCERPT &&
        (b->x < d->column_x || b->x + b->w > d->column_x + d->column_w))
        problem(t, role, b, s, len, "running head outside the column");
    if (role == FONT_BANNER && (b->y < d->banner_y || b->y + b->h > d->banner_y + d->banner_h))
        problem(t, role, b, s, len, "banner text outside the banner");
    if (t->s->kind == SLIDE_BANNER) /* the banner slide has no strip: its card may use the whole safe area */
        return;
    if (role != FONT_BANNER && role != FONT_CAPTION && b->y + b->h > d->banner_y)
        problem(t, role, b, s, len, "text over the banner");
}

/* ---- the render ---------------------------------------------------------------------------------- */

typedef struct {
    int excerpts, lines, truncated_titles;
} stats;

/* Lays out and draws every slide of dir at w x h with margin; returns the problems found. */
static int render_dir(const char *dir, int w, int h, double margin, stats *st)
{
    design d = design_compute(w, h, margin);
    kiosk_fonts fonts;
    typo_canvas cv;
    tracer t = {&d, NULL, 0, 0, 0};
    fonts_open(&fonts, &d);
    exhibit *c = exhibit_load(dir, NULL, true);
    assert_non_null(c);
    show *s = exhibit_build(c, &d, &fonts);
    assert_non_null(s);
    typo_canvas_new(&cv, d.w, d.h);
    slide_draw_ctx ctx = exhibit_draw_ctx(c, cv.r, &d, &fonts, NULL);
    draw_set_trace(trace, &t);
    for (size_t i = 0; i < s->count; i++) {
        const slide *sl = &s->slides[i];
        t.s = sl, t.index = i, t.body_lines = 0;
        slide_draw(&ctx, sl, NULL);
        SDL_RenderFlush(cv.r);
        if (sl->kind != SLIDE_EXCERPT)
            continue;
        st->excerpts++;
        st->lines += (int)sl->line_count;
        if (t.body_lines != (int)sl->line_count) {
            print_message("slide %zu: %d of %zu body lines drawn\n", i + 1, t.body_lines, sl->line_count);
            t.problems++;
        }
        for (size_t k = 0; k < sl->line_count; k++) {
            const char *line = sl->lines[k].text;
            int lw = fonts_measure_sized(&fonts, FONT_BODY, 0, line, strlen(line), sl->lines[k].rtl);
            if (lw > d.column_w) {
                print_message("slide %zu: line '%s' is %d px in a %d px column\n", i + 1, line, lw,
                              d.column_w);
                t.problems++;
            }
        }
    }
    draw_set_trace(NULL, NULL);
    typo_canvas_free(&cv);
    show_free(s);
    exhibit_free(c);
    fonts_close(&fonts);
    return t.problems;
}

/* The log of a render, captured. */
static char *g_log;
static size_t g_log_len;

static FILE *capture_log(void)
{
    FILE *f = open_memstream(&g_log, &g_log_len);
    assert_non_null(f);
    log_set_stream(f);
    return f;
}

static void release_log(FILE *f)
{
    log_set_stream(stderr);
    fclose(f);
}

static void check_corpus_at(int w, int h, double margin)
{
    stats st = {0};
    FILE *f = capture_log();
    int problems = render_dir(g_dir, w, h, margin, &st);
    release_log(f);
    print_message("[%dx%d margin %.2f] %d excerpt slides, %d body lines, %d problems\n", w, h, margin,
                  st.excerpts, st.lines, problems);
    /* a title too long for its box: truncated, and said so */
    if (!strstr(g_log, "event=text-truncated role=title"))
        fail_msg("[%dx%d] no text-truncated warning for the over-long title; log:\n%s", w, h, g_log);
    /* no character goes missing, but CJK where no CJK font is installed */
    bool cjk = typo_font_covers(0x6C38);
    for (const char *p = strstr(g_log, "event=glyph-missing"); p; p = strstr(p + 1, "event=glyph-missing")) {
        const char *u = strstr(p, "char=U+");
        unsigned cp = u ? (unsigned)strtoul(u + 7, NULL, 16) : 0;
        if (cjk || !((cp >= 0x3000 && cp < 0xA000) || (cp >= 0xF900 && cp < 0xFB00) ||
                     (cp >= 0xFF00 && cp < 0xFFF0)))
            fail_msg("[%dx%d] a character went missing: %.80s", w, h, p);
    }
    free(g_log);
    g_log = NULL;
    if (problems)
        fail_msg("[%dx%d margin %.2f] %d text boxes out of place (listed above)", w, h, margin, problems);
}

static void corpus_landscape(void **state)
{
    (void)state;
    check_corpus_at(1920, 1080, 0.0);
    check_corpus_at(1920, 1080, 0.05);
}

static void corpus_small(void **state)
{
    (void)state;
    check_corpus_at(1280, 720, 0.0);
    check_corpus_at(1280, 720, 0.1);
}

static void corpus_portrait(void **state)
{
    (void)state;
    check_corpus_at(1080, 1920, 0.0);
    check_corpus_at(800, 1280, 0.05);
}

/* The bundled exhibit, as a visitor sees it (pictures left out: only their captions are text). */
static void bundled_exhibit(void **state)
{
    stats st = {0};
    (void)state;
    const int sizes[][2] = {{1920, 1080}, {1280, 720}, {1080, 1920}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        FILE *f = capture_log();
        int problems = render_dir(KIOSK_SOURCE_DIR "/content", sizes[i][0], sizes[i][1], 0.05, &st);
        release_log(f);
        bool missing = strstr(g_log, "event=glyph-missing") != NULL;
        free(g_log);
        g_log = NULL;
        assert_false(missing);
        assert_int_equal(problems, 0);
    }
}

/* The first frame at start (app.c draw_preview) comes from exhibit_build_first, before the whole show is
 * laid out: it must be exactly the first slide of the full show, so nothing jumps when the show takes
 * over. Also with a folder whose first article has pages and a kiosk.conf changing looks and banners. */
static void first_slide_alone(void **state)
{
    (void)state;
    char *dir = tf_mkdtemp("typo");
    assert_non_null(dir);
    assert_int_equal(
        tf_write_text(
            dir, "01-first.az.txt",
            "Yanvar gecəsi\n\nBakı, 20 yanvar, AZƏRTAC\n\nBirinci abzas: şəhərdə sükut idi.\n\n"
            "İkinci abzas: insanlar Şəhidlər Xiyabanına getdilər.\n\nHüzn günü 2024-01-20 11:00:00\n"),
        0);
    assert_int_equal(tf_write_text(dir, "02-second.txt", "Second\n\nBaku, AZERTAC\n\nA paragraph.\n"), 0);
    assert_int_equal(
        tf_write_text(dir, "kiosk.conf",
                      "[colors]\nbackground = #202830\n[banner]\narticle = {category} · {article_date}\n"),
        0);
    const char *dirs[] = {KIOSK_SOURCE_DIR "/content", dir};
    const int sizes[][2] = {{1920, 1080}, {1080, 1920}};
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; i < 2; i++) {
            exhibit *c = exhibit_load(dirs[k], NULL, true);
            assert_non_null(c);
            kiosk_fonts fonts;
            design d = exhibit_open_look(c, sizes[i][0], sizes[i][1], &fonts);
            show *full = exhibit_build(c, &d, &fonts), *first = exhibit_build_first(c, &d, &fonts);
            assert_non_null(full);
            assert_non_null(first);
            assert_int_equal(first->count, 1);
            assert_int_equal(first->slides[0].kind, SLIDE_TITLE);
            assert_true(full->count > 2);
            typo_canvas a, b;
            typo_canvas_new(&a, d.w, d.h);
            typo_canvas_new(&b, d.w, d.h);
            slide_draw(&(slide_draw_ctx){a.r, &d, &fonts, &c->palette, NULL}, &full->slides[0], NULL);
            slide_draw(&(slide_draw_ctx){b.r, &d, &fonts, &c->palette, NULL}, &first->slides[0], NULL);
            SDL_RenderFlush(a.r);
            SDL_RenderFlush(b.r);
            assert_int_equal(a.surf->pitch, b.surf->pitch);
            assert_memory_equal(a.surf->pixels, b.surf->pixels, (size_t)a.surf->pitch * (size_t)d.h);
            typo_canvas_free(&a);
            typo_canvas_free(&b);
            show_free(full);
            show_free(first);
            exhibit_free(c);
            fonts_close(&fonts);
        }
    tf_rm_rf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_slide_alone), cmocka_unit_test(corpus_landscape),
        cmocka_unit_test(corpus_small),      cmocka_unit_test(corpus_portrait),
        cmocka_unit_test(bundled_exhibit),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
