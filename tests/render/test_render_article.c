/* render.article*, render.seed: renders one article with `memorial-kiosk --render DIR --size WxH` at
 * several screen sizes and checks the slides as a visitor would see them and as the manifest (slides.txt)
 * describes them: a title slide first, at least N excerpt slides, one readable (not black) PNG of the
 * right size per manifest entry, and through the layout, every word of the article's body on exactly one
 * excerpt slide, in order, nothing lost, nothing added, paragraphs marked where they start.
 * Usage: kiosk_render_article PATH/TO/memorial-kiosk ARTICLE [--seed] [--min-excerpts N] [WxH...]
 * ARTICLE is one of the project's (tests/data/articles) or, with --seed, the seed article
 * (../shared/seed/article.txt, beside the repository only in CI): when it is absent the program says so
 * and exits 77 (skipped). Sizes: 1920x1080 1280x720 800x1280 unless given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "article.h"
#include "design.h"
#include "harness.h"

#define SKIP 77 /* CTest SKIP_RETURN_CODE */
#define MAX_SIZES 8

/* Light text pixels (all channels >= this) on the dark background: body text is (238, 233, 224). */
#define TEXT_MIN 150
/* The least share of light text pixels on any slide (a title: 0.7% measured in portrait, 1.3% in landscape).
 */
#define MIN_TEXT_SHARE_ANY 0.0030
/* Excerpt slides: light pixels per character of body text, in units of body_size^2 (the ink of one
 * glyph of the body font). Measured 0.100..0.112 with Noto Serif; a slide drawing 40% fewer lines, or in
 * a dark colour, falls well below. */
#define MIN_INK_PER_CHAR 0.06

static const char *g_bin;
static const char *g_article_path;
static size_t g_min_excerpts = 2;

/* ---- the article, parsed by the core's own parser ---- */

static article *load_article(char **path_out)
{
    char *path = strdup(g_article_path);
    size_t len = 0;
    assert_non_null(path);
    char *data = tf_read_file(path, &len);
    if (!data)
        fail_msg("cannot read the article %s", path);
    article *a = NULL;
    int line = 0;
    article_status st = article_parse(data, len, &a, &line);
    free(data);
    if (st != ARTICLE_OK || !a)
        fail_msg("article_parse(%s) failed: status %d at line %d", path, (int)st, line);
    if (a->paragraph_count < 2)
        fail_msg("%s has %zu body paragraphs; expected a real article", path, a->paragraph_count);
    *path_out = path;
    return a;
}

/* ---- the word stream check ---- */

/* The body (or the slides' lines) as one stream of non-space bytes, with marks per byte offset. */
typedef struct {
    char *bytes;
    size_t len, cap;
    bool *word_start; /* a word starts at this offset */
    bool *para_start; /* a paragraph ('para' line) starts here */
    bool *line_start; /* slides only: a line starts here */
    bool *slide_start;
    size_t *slide_of; /* slides only: manifest entry index of the byte */
    const char **line_of;
} stream;

static void stream_grow(stream *s, size_t add)
{
    if (s->len + add + 1 <= s->cap)
        return;
    size_t cap = (s->len + add + 1) * 2;
    s->bytes = realloc(s->bytes, cap);
    s->word_start = realloc(s->word_start, cap * sizeof(bool));
    s->para_start = realloc(s->para_start, cap * sizeof(bool));
    s->line_start = realloc(s->line_start, cap * sizeof(bool));
    s->slide_start = realloc(s->slide_start, cap * sizeof(bool));
    s->slide_of = realloc(s->slide_of, cap * sizeof(size_t));
    s->line_of = realloc(s->line_of, cap * sizeof(char *));
    assert_non_null(s->bytes);
    assert_non_null(s->word_start);
    assert_non_null(s->para_start);
    assert_non_null(s->line_start);
    assert_non_null(s->slide_start);
    assert_non_null(s->slide_of);
    assert_non_null(s->line_of);
    for (size_t i = s->cap; i < cap; i++) {
        s->word_start[i] = s->para_start[i] = s->line_start[i] = s->slide_start[i] = false;
        s->slide_of[i] = 0;
        s->line_of[i] = NULL;
    }
    s->cap = cap;
}

/* Appends the words of text. Returns the offset where its first word starts. */
static size_t stream_add_text(stream *s, const char *text, size_t slide, bool para, bool first_of_slide)
{
    char **words = NULL;
    size_t n = 0, cap = 0;
    assert_int_equal(kh_split_words(text, &words, &n, &cap), 0);
    size_t first = s->len;
    for (size_t i = 0; i < n; i++) {
        size_t wl = strlen(words[i]);
        stream_grow(s, wl);
        size_t at = s->len;
        s->word_start[at] = true;
        if (i == 0) {
            s->para_start[at] = para;
            s->line_start[at] = true;
            s->slide_start[at] = first_of_slide;
        }
        for (size_t k = 0; k < wl; k++) {
            s->slide_of[at + k] = slide;
            s->line_of[at + k] = text;
        }
        memcpy(s->bytes + at, words[i], wl);
        s->len += wl;
        s->bytes[s->len] = '\0';
    }
    kh_free_words(words, n);
    return first;
}

static void stream_free(stream *s)
{
    free(s->bytes);
    free(s->word_start);
    free(s->para_start);
    free(s->line_start);
    free(s->slide_start);
    free(s->slide_of);
    free(s->line_of);
    memset(s, 0, sizeof *s);
}

/* The body word that covers offset off of the body stream, for messages. */
static void body_word_at(const stream *b, size_t off, char *out, size_t n)
{
    size_t s = off < b->len ? off : b->len;
    while (s > 0 && !b->word_start[s])
        s--;
    size_t e = s + 1;
    while (e < b->len && !b->word_start[e])
        e++;
    snprintf(out, n, "%.*s", (int)(e > s ? e - s : 0), b->bytes + s);
}

/* Globals, so that the test's teardown frees them when a check failed half-way. */
static stream g_body, g_lines;

static void check_words(const article *a, const kh_manifest *m, const char *label)
{
    stream_free(&g_body);
    stream_free(&g_lines);
    stream *B = &g_body, *L = &g_lines;
    for (size_t p = 0; p < a->paragraph_count; p++)
        stream_add_text(B, a->paragraphs[p], 0, true, false);

    size_t excerpts = 0;
    for (size_t i = 0; i < m->count; i++) {
        const kh_entry *e = &m->entries[i];
        if (strcmp(e->kind, "excerpt") != 0)
            continue;
        excerpts++;
        size_t before = L->len;
        bool first = true;
        for (size_t f = 0; f < e->field_count; f++) {
            const kh_field *fl = &e->fields[f];
            bool para = strcmp(fl->name, "para") == 0;
            if (!para && strcmp(fl->name, "line") != 0)
                continue;
            size_t at = stream_add_text(L, fl->text, i, para, first);
            if (L->len == at)
                fail_msg("[%s] %s: an empty body line", label, e->file);
            first = false;
        }
        if (L->len == before)
            fail_msg("[%s] %s: an excerpt slide without body words", label, e->file);
    }
    assert_true(excerpts >= g_min_excerpts);

    /* 1. The same text in the same order: nothing lost, nothing added, nothing repeated. */
    size_t n = B->len < L->len ? B->len : L->len;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && B->bytes[i] == L->bytes[i])
            continue;
        if (i == n && B->len == L->len)
            break;
        char word[256];
        body_word_at(B, i, word, sizeof word);
        if (i == L->len)
            fail_msg("[%s] the slides end before the body: the body goes on at byte %zu with '%s' (words "
                     "lost)",
                     label, i, word);
        if (i == B->len)
            fail_msg("[%s] the slides go on after the body ended: %s shows '%s' (words added or repeated)",
                     label, m->entries[L->slide_of[i]].file, L->line_of[i]);
        fail_msg("[%s] the slides differ from the body at byte %zu (spaces left out): the body goes on "
                 "'%.32s' (word '%s'), the slides '%.32s' (%s line '%s')",
                 label, i, B->bytes + i, word, L->bytes + i, m->entries[L->slide_of[i]].file, L->line_of[i]);
    }

    /* 2. Word and paragraph boundaries, and each word on exactly one slide (so each slide shows a
     *    contiguous run of the body's words). */
    for (size_t i = 0; i < B->len; i++) {
        char word[256];
        const char *file = m->entries[L->slide_of[i]].file;
        if (B->word_start[i] && !L->word_start[i]) {
            body_word_at(B, i, word, sizeof word);
            fail_msg("[%s] %s: the word '%s' is glued to the word before it in line '%s'", label, file, word,
                     L->line_of[i]);
        }
        if (L->word_start[i] && !B->word_start[i] && !L->line_start[i]) {
            body_word_at(B, i, word, sizeof word);
            fail_msg("[%s] %s: the word '%s' is split inside line '%s'", label, file, word, L->line_of[i]);
        }
        if (L->slide_start[i] && !B->word_start[i]) {
            body_word_at(B, i, word, sizeof word);
            fail_msg("[%s] %s: the word '%s' is split across two slides (this one starts with '%s')", label,
                     file, word, L->line_of[i]);
        }
        if (B->para_start[i] && !L->para_start[i])
            fail_msg("[%s] %s: a paragraph starts on line '%s', which is not marked para", label, file,
                     L->line_of[i]);
        if (L->para_start[i] && !B->para_start[i] && !L->slide_start[i])
            fail_msg("[%s] %s: line '%s' is marked para but continues a paragraph in the middle of a slide",
                     label, file, L->line_of[i]);
    }
    print_message("[%s] %zu body bytes of %zu paragraphs on %zu excerpt slides: same words, same order\n",
                  label, B->len, a->paragraph_count, excerpts);
}

/* ---- the render ---- */

/* Non-space characters (code points, not bytes: Cyrillic and Azerbaijani letters take two) of an excerpt
 * slide's body lines. */
static size_t body_chars(const kh_entry *e)
{
    size_t n = 0;
    for (size_t i = 0; i < e->field_count; i++) {
        if (strcmp(e->fields[i].name, "para") != 0 && strcmp(e->fields[i].name, "line") != 0)
            continue;
        for (const char *p = e->fields[i].text; *p; p++)
            n += *p != ' ' && ((unsigned char)*p & 0xC0) != 0x80;
    }
    return n;
}

static article *g_article;
static char *g_path;

static int group_setup(void **state)
{
    (void)state;
    g_article = load_article(&g_path);
    return g_article ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    article_free(g_article);
    free(g_path);
    return 0;
}

/* One test a screen size: the size (its initial state, "WxH") and, while it runs, its fixture. */
typedef struct {
    int w, h;
    char name[96]; /* "<article file> WxH", the test's name */
    kh_fixture *f;
} screen;

static int setup(void **state)
{
    screen *s = *state;
    s->f = kh_fixture_new("render");
    return s->f ? 0 : -1;
}

static int teardown(void **state)
{
    screen *s = *state;
    stream_free(&g_body);
    stream_free(&g_lines);
    kh_fixture_free(s->f);
    s->f = NULL;
    return 0;
}

/* The title slide first, with the article's title and dateline; every slide a known kind, from the
 * article, a positive duration, the NNN.png of its place; enough excerpts. */
static void check_manifest(const kh_manifest *m, const article *a, const char *label)
{
    assert_true(m->count >= 1);
    const kh_entry *first = &m->entries[0];
    assert_string_equal(first->kind, "title");
    assert_string_equal(first->source, "article.txt");
    const char *title = kh_entry_field(first, "title");
    assert_non_null(title);
    assert_string_equal(title, a->title);
    if (a->dateline) {
        assert_non_null(kh_entry_field(first, "dateline"));
        assert_string_equal(kh_entry_field(first, "dateline"), a->dateline);
    }

    size_t excerpts = 0;
    for (size_t i = 0; i < m->count; i++) {
        const kh_entry *e = &m->entries[i];
        char want[32];
        snprintf(want, sizeof want, "%03zu.png", i + 1);
        assert_string_equal(e->file, want);
        assert_string_equal(e->source, "article.txt");
        if (e->duration_ms <= 0)
            fail_msg("[%s] %s: duration_ms=%ld", label, e->file, e->duration_ms);
        if (i > 0) {
            if (strcmp(e->kind, "excerpt") != 0)
                fail_msg("[%s] %s: kind=%s after the title slide of a one-article folder", label, e->file,
                         e->kind);
            const char *head = kh_entry_field(e, "title");
            if (!head || strcmp(head, a->title) != 0)
                fail_msg("[%s] %s: the running head is '%s', not the article title", label, e->file,
                         head ? head : "(none)");
            excerpts++;
        }
    }
    if (excerpts < g_min_excerpts)
        fail_msg("[%s] %zu excerpt slides; the article needs at least %zu", label, excerpts, g_min_excerpts);
}

/* One slide's PNG (in f->image): of the screen size and visibly drawn, its body text inked. */
static void check_png(const kh_image *img, const kh_entry *e, const design *d, const char *label)
{
    int w = d->w, h = d->h;
    if (img->w != w || img->h != h)
        fail_msg("[%s] %s is %dx%d, expected %dx%d", label, e->file, img->w, img->h, w, h);
    double lit = kh_nonblack_share(img), text = kh_bright_share(img, TEXT_MIN);
    size_t chars = body_chars(e);
    double ink = chars ? text * w * h / ((double)chars * d->body_size * d->body_size) : 0.0;
    print_message("[%s] %s kind=%s: %.1f%% not black, %.2f%% text pixels, %zu body characters, ink %.3f\n",
                  label, e->file, e->kind, lit * 100, text * 100, chars, ink);
    if (lit < 0.5)
        fail_msg("[%s] %s is (nearly) black: only %.1f%% of its pixels are not black", label, e->file,
                 lit * 100);
    if (text < MIN_TEXT_SHARE_ANY)
        fail_msg("[%s] %s (kind=%s) has %.3f%% light text pixels, expected at least %.3f%%", label, e->file,
                 e->kind, text * 100, MIN_TEXT_SHARE_ANY * 100);
    if (strcmp(e->kind, "excerpt") == 0 && ink < MIN_INK_PER_CHAR)
        fail_msg("[%s] %s: %.3f%% light text pixels for %zu characters of body text (%.3f body_size^2 "
                 "each, expected at least %.3f): its lines are not (all) drawn",
                 label, e->file, text * 100, chars, ink, MIN_INK_PER_CHAR);
}

static void check_article_at(void **state)
{
    screen *s = *state;
    kh_fixture *f = s->f;
    int w = s->w, h = s->h;
    char size[32];
    snprintf(size, sizeof size, "%dx%d", w, h);
    const char *label = s->name;
    const article *a = g_article;

    char *content = kh_fx_path(f, "content");
    char *out = kh_fx_path(f, "out");
    assert_int_equal(mkdir(content, 0755), 0);
    assert_int_equal(tf_copy_file(g_path, kh_fx_path(f, "content/article.txt")), 0);
    assert_int_equal(kh_fx_no_banner_slide(f), 0);

    const char *argv[] = {g_bin, "--render", out, "--size", size, content, NULL};
    assert_int_equal(kh_run(argv, f->tmp, 90000, &f->run), 0);
    if (f->run.timed_out || f->run.exit_code != 0)
        fail_msg("[%s] --render exited %d (signal %d%s); stderr:\n%s", label, f->run.exit_code, f->run.signal,
                 f->run.timed_out ? ", timed out" : "", f->run.err);

    char err[512];
    kh_manifest *m = &f->manifest;
    if (kh_manifest_load(kh_fx_path(f, "out/slides.txt"), m, err, sizeof err) != 0)
        fail_msg("[%s] %s", label, err);
    check_manifest(m, a, label);

    /* One PNG per manifest entry, each of the screen size and visibly drawn. */
    design d = design_compute(w, h, 0.0);
    int pngs = kh_count_numbered_pngs(out);
    if (pngs < 0 || (size_t)pngs != m->count)
        fail_msg("[%s] %d NNN.png files but %zu manifest entries", label, pngs, m->count);
    for (size_t i = 0; i < m->count; i++) {
        const kh_entry *e = &m->entries[i];
        char *png = tf_join(out, e->file);
        int rc = kh_image_load(png, &f->image, err, sizeof err);
        free(png);
        if (rc != 0)
            fail_msg("[%s] %s", label, err);
        check_png(&f->image, e, &d, label);
        kh_image_free(&f->image);
    }

    /* Through the layout: the body's words on the excerpt slides. */
    check_words(a, m, label);
}

static int usage(const char *prog)
{
    fprintf(stderr, "usage: %s PATH/TO/memorial-kiosk ARTICLE [--seed] [--min-excerpts N] [WxH...]\n", prog);
    return 2;
}

int main(int argc, char **argv)
{
    static screen screens[MAX_SIZES];
    static const char *const defaults[] = {"1920x1080", "1280x720", "800x1280"};
    const char *sizes[MAX_SIZES];
    size_t n = 0;
    bool seed = false;
    if (argc < 3)
        return usage(argv[0]);
    g_bin = argv[1];
    g_article_path = argv[2];
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--seed") == 0)
            seed = true;
        else if (strcmp(argv[i], "--min-excerpts") == 0 && i + 1 < argc)
            g_min_excerpts = strtoul(argv[++i], NULL, 10);
        else if (n < MAX_SIZES && strchr(argv[i], 'x'))
            sizes[n++] = argv[i];
        else
            return usage(argv[0]);
    }
    if (seed && access(g_article_path, R_OK) != 0) {
        printf("seed article not found at %s (../shared/seed is beside the repository only in CI); skipped\n",
               g_article_path);
        return SKIP;
    }
    for (size_t i = 0; n == 0 && i < sizeof defaults / sizeof defaults[0]; i++)
        sizes[i] = defaults[i];
    n = n ? n : sizeof defaults / sizeof defaults[0];
    const char *base = strrchr(g_article_path, '/');
    base = base ? base + 1 : g_article_path;
    struct CMUnitTest tests[MAX_SIZES];
    for (size_t i = 0; i < n; i++) {
        screen *s = &screens[i];
        if (sscanf(sizes[i], "%dx%d", &s->w, &s->h) != 2 || s->w <= 0 || s->h <= 0)
            return usage(argv[0]);
        snprintf(s->name, sizeof s->name, "%s %s", seed ? "seed" : base, sizes[i]);
        tests[i] = (struct CMUnitTest){s->name, check_article_at, setup, teardown, s};
    }
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    int rc = _cmocka_run_group_tests(seed ? "render.seed" : "render.article", tests, n, group_setup,
                                     group_teardown);
    IMG_Quit();
    return rc;
}
