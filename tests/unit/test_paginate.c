/* Unit tests of layout_paginate: pages of whole paragraphs, sentence chunks, whole articles (the
 * project's own in tests/data/articles; with `--seed PATH` the seed article instead, exit 77 when it is
 * absent, as in a plain clone without ../shared). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <unistd.h>

#include "article.h"

#include "layout_testutil.h"
#include "testfs.h"

/* ---- layout_paginate ---------------------------------------------------------------------------- */

#define SKIP 77 /* CTest SKIP_RETURN_CODE */

static const layout_box box20x5 = {200, 100, 20, 10}; /* 20 letters a line, 5 lines, gap of half a line */

static void test_paginate_whole_paragraphs(void **state)
{
    const char *paras[] = {
        "Thirty-four years have passed.",                     /* 2 lines */
        "People pay profound respect.",                       /* 2 lines */
        "Large crowds have been heading to the Alley today.", /* 3 lines */
    };
    layout_pages p = {0};
    (void)state;
    assert_int_equal(layout_paginate(paras, 3, &box20x5, measure_cp10, NULL, &p), 0);
    check_pages(paras, 3, &box20x5, measure_cp10, &p, 1);
    assert_int_equal(p.count, 2);
    assert_int_equal(p.pages[0].count, 4);
    assert_int_equal(p.pages[0].lines[0].para, 0);
    assert_int_equal(p.pages[0].lines[2].para, 1);
    assert_true(p.pages[0].lines[2].para_start);
    assert_false(p.pages[0].lines[3].para_start);
    assert_int_equal(p.pages[1].count, 3);
    assert_int_equal(p.pages[1].lines[0].para, 2);
    assert_int_equal(layout_block_height(&box20x5, 4, 1), 90);
    layout_pages_free(&p);
}

static void test_paginate_sentence_split(void **state)
{
    char buf[4000] = "";
    unsigned seed = 3;
    layout_pages p = {0};
    (void)state;
    for (int i = 0; i < 14; i++)
        add_sentence(buf, sizeof buf, &seed, 3 + i % 4);
    const char *paras[] = {"A short opening line.", buf, "The end."};
    assert_int_equal(layout_paginate(paras, 3, &box20x5, measure_cp10, NULL, &p), 0);
    check_pages(paras, 3, &box20x5, measure_cp10, &p, 1);
    assert_true(p.count >= 4);
    size_t boundaries = 0;
    for (size_t pg = 0; pg + 1 < p.count; pg++) {
        const layout_page *a = &p.pages[pg], *b = &p.pages[pg + 1];
        const layout_page_line *last = &a->lines[a->count - 1];
        if (last->para == 1 && b->lines[0].para == 1) { /* the long paragraph goes on: after a '.' */
            assert_int_equal(paras[1][last->start + last->len - 1], '.');
            assert_true(b->lines[0].para_start);
            boundaries++;
        }
    }
    assert_true(boundaries >= 2);
    /* the first chunk shares page 1 with the short opening paragraph */
    assert_int_equal(p.pages[0].lines[0].para, 0);
    assert_int_equal(p.pages[0].lines[p.pages[0].count - 1].para, 1);
    layout_pages_free(&p);
}

static void test_paginate_long_sentence(void **state)
{
    char buf[4000] = "";
    unsigned seed = 11;
    layout_pages p = {0};
    (void)state;
    add_sentence(buf, sizeof buf, &seed, 80); /* ~30 lines, one sentence */
    const char *paras[] = {buf};
    assert_int_equal(layout_paginate(paras, 1, &box20x5, measure_cp10, NULL, &p), 0);
    check_pages(paras, 1, &box20x5, measure_cp10, &p, 1);
    assert_true(p.count >= 5);
    for (size_t pg = 0; pg + 2 < p.count; pg++)
        assert_int_equal(p.pages[pg].count, 5); /* cut between lines: full pages */
    size_t a = p.pages[p.count - 2].count, b = p.pages[p.count - 1].count;
    assert_true(a >= b && a - b <= 1); /* but the last two balanced */
    layout_pages_free(&p);
}

static void test_paginate_long_word_and_sp5(void **state)
{
    char buf[1200];
    layout_pages p = {0};
    layout_box box = {150, 200, 20, 8};
    (void)state;
    memset(buf, 'w', 300);
    snprintf(buf + 300, sizeof buf - 300, " and then some words. More words follow here. The end.");
    const char *paras[] = {"Short one. Two.", buf, "ə ğ ı İ ş Şəhidlər Xiyabanı."};
    assert_int_equal(layout_paginate(paras, 3, &box, measure_sp5, NULL, &p), 0);
    check_pages(paras, 3, &box, measure_sp5, &p, 0);
    layout_pages_free(&p);
}

static void test_paginate_degenerate(void **state)
{
    const char *blank[] = {"", "   ", NULL};
    const char *paras[] = {"one two three four five six seven eight nine ten"};
    layout_box tiny = {200, 5, 20, 10}; /* shorter than one line: one line a page, still progress */
    layout_pages p = {0};
    (void)state;
    assert_int_equal(layout_paginate(blank, 0, &box20x5, measure_cp10, NULL, &p), 0);
    assert_int_equal(p.count, 0);
    assert_int_equal(layout_paginate(blank, 3, &box20x5, measure_cp10, NULL, &p), 0);
    assert_int_equal(p.count, 0);
    assert_int_equal(layout_paginate(paras, 1, &tiny, measure_cp10, NULL, &p), 0);
    assert_int_equal(p.count, 3);
    for (size_t i = 0; i < p.count; i++)
        assert_int_equal(p.pages[i].count, 1);
    layout_pages_free(&p);
}

static void test_paginate_cjk(void **state)
{
    const char *zh = "一九九零年一月二十日，苏联军队进入巴库。许多平民遇难。人们永远怀念他们。"
                     "每年一月二十日，人们来到烈士陵园献花。他们的名字将永远铭刻在我们心中。";
    const char *paras[] = {zh};
    layout_box box = {100, 60, 20, 10}; /* 10 characters, 3 lines */
    layout_pages p = {0};
    (void)state;
    assert_int_equal(layout_paginate(paras, 1, &box, measure_cp10, NULL, &p), 0);
    assert_true(p.count >= 3);
    check_pages(paras, 1, &box, measure_cp10, &p, 0);
    layout_pages_free(&p);
}

/* An article file, parsed by the core's parser: at 60 characters by 12 lines every word of its body
 * appears exactly once, in order, on at least min_pages pages. */
typedef struct {
    const char *name; /* under tests/data/articles */
    size_t min_pages;
    char path[1024]; /* filled by main */
} paged_article;

static paged_article g_seed = {"article.txt", 5, ""};
static paged_article g_articles[] = {
    {"alley-long.txt", 6, ""},
    {"az-anim.txt", 2, ""},
    {"ru-pamyat.txt", 2, ""},
    {"no-closing.txt", 1, ""},
};
#define ARTICLES (sizeof g_articles / sizeof g_articles[0])

static void test_article_words(void **state)
{
    const paged_article *pa = *state;
    char *data = NULL;
    size_t len = 0;
    article *a = NULL;
    layout_box box = {600, 12 * 20, 20, 6};
    layout_pages p = {0};
    data = tf_read_file(pa->path, &len);
    if (!data)
        fail_msg("cannot open %s", pa->path);
    assert_int_equal(article_parse(data, len, &a, NULL), ARTICLE_OK);
    const char *const *paras = (const char *const *)a->paragraphs;
    size_t n = a->paragraph_count;
    assert_int_equal(layout_paginate(paras, n, &box, measure_cp10, NULL, &p), 0);
    check_pages(paras, n, &box, measure_cp10, &p, 1);
    size_t words = 0, placed = 0;
    for (size_t i = 0; i < n; i++)
        words += layout_count_words(paras[i]);
    for (size_t pg = 0; pg < p.count; pg++)
        for (size_t i = 0; i < p.pages[pg].count; i++) {
            const layout_page_line *l = &p.pages[pg].lines[i];
            char *t = strndup(paras[l->para] + l->start, l->len);
            assert_non_null(t);
            placed += layout_count_words(t);
            free(t);
        }
    print_message("%s: %zu words of %zu paragraphs on %zu pages\n", pa->name, words, n, p.count);
    assert_int_equal(placed, words);
    assert_true(p.count >= pa->min_pages);
    layout_pages_free(&p);
    article_free(a);
    free(data);
}

static int page_h(const layout_box *box, const layout_page *p)
{
    size_t starts = 0;
    for (size_t i = 1; i < p->count; i++)
        starts += p->lines[i].para_start;
    return layout_block_height(box, p->count, starts);
}

/* A last page much emptier than the one before is balanced with it; a full last page is left alone. */
static void test_paginate_balanced_tail(void **state)
{
    layout_box box = {200, 200, 20, 10}; /* 20 letters, 10 lines */
    char buf[4000] = "";
    unsigned seed = 5;
    layout_pages p = {0};
    (void)state;
    /* sentences of 3..6 words: about 12 lines, so packed greedily as 10 + 2 */
    while (strlen(buf) < 215)
        add_sentence(buf, sizeof buf, &seed, 3 + (int)(strlen(buf) % 4));
    const char *paras[] = {buf};
    assert_int_equal(layout_paginate(paras, 1, &box, measure_cp10, NULL, &p), 0);
    check_pages(paras, 1, &box, measure_cp10, &p, 1);
    assert_int_equal(p.count, 2);
    int a = page_h(&box, &p.pages[0]), b = page_h(&box, &p.pages[1]);
    print_message("balanced pages: %zu and %zu lines\n", p.pages[0].count, p.pages[1].count);
    assert_true(b * 5 >= a * 3);
    assert_true(a >= b);
    assert_true(p.pages[1].lines[0].para_start);
    layout_pages_free(&p);

    /* whole short paragraphs cannot be balanced further than they are: pages stay valid */
    const char *three[] = {"Thirty-four years have passed.", "People pay profound respect.",
                           "Large crowds have been heading to the Alley today."};
    assert_int_equal(layout_paginate(three, 3, &box20x5, measure_cp10, NULL, &p), 0);
    check_pages(three, 3, &box20x5, measure_cp10, &p, 1);
    layout_pages_free(&p);
}

/* A huge paragraph without a sentence end (a list of names on one line) is paginated in linear time:
 * the measuring work grows with the text, not with its square. */
static void test_paginate_long_unpunctuated_paragraph_is_linear(void **state)
{
    (void)state;
    const size_t sizes[] = {50000, 200000};
    long bytes[2];
    for (int k = 0; k < 2; k++) {
        char *text = malloc(sizes[k] + 16);
        assert_non_null(text);
        size_t n = 0;
        while (n < sizes[k]) {
            memcpy(text + n, "Name Surname ", 13);
            n += 13;
        }
        text[n] = '\0';
        const char *paras[] = {text};
        layout_box box = {600, 240, 20, 10}; /* 60 letters a line, 12 lines a page */
        counter c = {0, 0};
        layout_pages pages = {0};
        assert_int_equal(layout_paginate(paras, 1, &box, measure_counting, &c, &pages), 0);
        check_pages(paras, 1, &box, measure_cp10, &pages, 1);
        bytes[k] = c.bytes;
        layout_pages_free(&pages);
        free(text);
    }
    /* four times the text: at most about four times the work (quadratic would be sixteen) */
    assert_true(bytes[1] < bytes[0] * 6);
}

static int run_seed(const char *path)
{
    if (access(path, R_OK) != 0) {
        printf("seed article not found at %s (../shared/seed is beside the repository only in CI); "
               "skipped\n",
               path);
        return SKIP;
    }
    snprintf(g_seed.path, sizeof g_seed.path, "%s", path);
    const struct CMUnitTest tests[] = {
        {"article words: the seed", test_article_words, NULL, NULL, &g_seed},
    };
    return cmocka_run_group_tests_name("seed", tests, NULL, NULL);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--seed") == 0)
        return run_seed(argv[2]);
    if (argc != 1) {
        fprintf(stderr, "usage: %s [--seed PATH/TO/article.txt]\n", argv[0]);
        return 2;
    }
    for (size_t i = 0; i < ARTICLES; i++)
        snprintf(g_articles[i].path, sizeof g_articles[i].path, "%s/articles/%s", KIOSK_TEST_DATA_DIR,
                 g_articles[i].name);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paginate_balanced_tail),
        cmocka_unit_test(test_paginate_whole_paragraphs),
        cmocka_unit_test(test_paginate_sentence_split),
        cmocka_unit_test(test_paginate_long_sentence),
        cmocka_unit_test(test_paginate_long_word_and_sp5),
        cmocka_unit_test(test_paginate_degenerate),
        cmocka_unit_test(test_paginate_cjk),
        {"article words: alley-long.txt", test_article_words, NULL, NULL, &g_articles[0]},
        {"article words: az-anim.txt", test_article_words, NULL, NULL, &g_articles[1]},
        {"article words: ru-pamyat.txt", test_article_words, NULL, NULL, &g_articles[2]},
        {"article words: no-closing.txt", test_article_words, NULL, NULL, &g_articles[3]},
        cmocka_unit_test(test_paginate_long_unpunctuated_paragraph_is_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
