/* Unit tests of article: whole articles (as is, CRLF, CR, BOM, with and without a closing line, with a
 * bad byte, as UTF-16) and the edge cases of titles, datelines and closing lines.
 * Without arguments the articles are the project's own (tests/data/articles: a long English one, an
 * Azerbaijani one, a Russian one, one without a closing line). With `--seed PATH` the same checks run on
 * the seed article (../shared/seed/article.txt, beside the repository only in CI); when PATH is absent
 * the program says so and exits 77 (skipped). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "article.h"
#include "testfs.h"

#define SKIP 77 /* CTest SKIP_RETURN_CODE */

/* What an article file must parse to. */
typedef struct {
    const char *name; /* file name under tests/data/articles */
    const char *title;
    const char *dateline; /* NULL: none */
    size_t paragraphs;
    const char *first_prefix; /* the first paragraph starts so */
    size_t mid_index;         /* paragraph mid_index is mid, in full */
    const char *mid;
    const char *last;     /* the last paragraph, in full */
    const char *bad_at;   /* the first occurrence of this character, made a lone byte, ... */
    int bad_line;         /* ... is reported on this line */
    const char *category; /* NULL: no closing line */
    int y, mo, d, h, mi, s;
    bool final_newline; /* the file ends with a line break */
    char path[1024];    /* filled by main */
} expect;

static expect g_seed = {
    "article.txt",
    "People of Azerbaijan pay tribute to 20 January martyrs",
    "Baku, January 20, AZERTAC",
    12, /* lines 5-12 and 15-18 of the seed */
    "Thirty-four years have passed since the tragic events",
    8,
    "The martyrs\xE2\x80\x99 blood did not remain unavenged. Our people have regained independence, and our "
    "lands, which have been under occupation for about 30 years, were liberated on the battlefield.",
    "Our dear martyrs, who paved the first path and sacrificed their lives for freedom and victories, will "
    "never be forgotten. Their bright memories will live on in our hearts forever.",
    "\xE2\x80\x99",
    15,
    "Days of sorrow",
    2024,
    1,
    20,
    11,
    0,
    0,
    false,
    "",
};

static expect g_articles[] = {
    {"alley-long.txt", "Baku remembers the night of 20 January 1990", "Baku, 20 January, Memorial Kiosk", 12,
     "Every year on the twentieth of January the capital wakes", 4,
     "The memorial’s eternal flame burns under a domed pavilion at the top of the alley, looking out over "
     "the water. Visitors stop there after passing the graves, and many stand facing the sea for a while "
     "before they go down again.",
     "By evening the alley is red from one end to the other, and the flame still burns at the top of the "
     "hill.",
     "’", 9, "Days of remembrance", 2025, 1, 20, 9, 30, 0, false, ""},
    {"az-anim.txt", "20 Yanvar şəhidləri yad edilir", "Bakı, 20 yanvar", 6, "Hər il yanvarın iyirmisində", 2,
     "İnsanlar sakit addımlarla məzarların yanından keçir. Məktəblilər, tələbələr, müharibə veteranları və "
     "ailələr hər şəhidin adını oxuyur, gül dəstələrini daşın üstünə qoyur.",
     "Şəhidlərin xatirəsi heç vaxt unudulmayacaq. İllər keçsə də, onların adları xalqın yaddaşında yaşayır.",
     "İ", 7, "Anım günü", 2025, 1, 20, 11, 0, 0, true, ""},
    {"ru-pamyat.txt", "Баку помнит ночь 20 января", "Баку, 20 января", 6, "Каждый год двадцатого января", 1,
     "В ночь с 19 на 20 января 1990 года части советской армии вошли в Баку. По мирным жителям открыли "
     "огонь, около ста пятидесяти человек погибли, сотни были ранены.",
     "Память о погибших живёт в каждой семье и передаётся от старших к младшим.", "ё", 15, "Память", 2025, 1,
     20, 12, 0, 0, true, ""},
    {"no-closing.txt", "Carnations on the hill", "Baku", 4, "The flower sellers at the foot of the hill", 2,
     "Many buyers ask for two or four stems, never an odd number, because an even number of flowers is what "
     "one brings to a grave.",
     "They fell on 20 January 1990.", "—", 6, NULL, 0, 0, 0, 0, 0, 0, true, ""},
};

#define ARTICLES (sizeof g_articles / sizeof g_articles[0])

typedef struct {
    char *data;
    size_t len;
} buf;

static buf read_article(const expect *e)
{
    buf b = {NULL, 0};
    b.data = tf_read_file(e->path, &b.len);
    if (!b.data)
        fail_msg("cannot open %s", e->path);
    assert_true(b.len > 0);
    return b;
}

/* Non-blank lines minus title, dateline and closing line, counted independently of the parser. */
static size_t count_body_lines(const buf *b, const expect *e)
{
    size_t lines = 0;
    int blank = 1;
    for (size_t i = 0; i <= b->len; i++) {
        if (i == b->len || b->data[i] == '\n') {
            lines += !blank;
            blank = 1;
        } else if (b->data[i] != ' ' && b->data[i] != '\r' && b->data[i] != '\t') {
            blank = 0;
        }
    }
    return lines - 1 - (e->dateline != NULL) - (e->category != NULL);
}

/* Returns a new buffer with every LF replaced by eol. */
static buf with_eol(const buf *b, const char *eol)
{
    size_t el = strlen(eol);
    buf out = {malloc(b->len * el + 1), 0};
    assert_non_null(out.data);
    for (size_t i = 0; i < b->len; i++) {
        if (b->data[i] == '\n') {
            memcpy(out.data + out.len, eol, el);
            out.len += el;
        } else {
            out.data[out.len++] = b->data[i];
        }
    }
    out.data[out.len] = '\0';
    return out;
}

static article *parse_ok(const char *data, size_t len)
{
    article *a = (article *)1;
    int line = -1;
    assert_int_equal(article_parse(data, len, &a, &line), ARTICLE_OK);
    assert_non_null(a);
    assert_int_equal(line, 0);
    return a;
}

static article_status parse_fail(const char *data, size_t len, int *line)
{
    article *a = (article *)1;
    article_status st = article_parse(data, len, &a, line);
    assert_null(a);
    return st;
}

/* Title, dateline and paragraphs as e says (the closing line is checked by the callers). */
static void check_body(const article *a, const expect *e)
{
    assert_string_equal(a->title, e->title);
    if (e->dateline) {
        assert_non_null(a->dateline);
        assert_string_equal(a->dateline, e->dateline);
    } else {
        assert_null(a->dateline);
    }
    assert_int_equal(a->paragraph_count, e->paragraphs);
    assert_true(strncmp(a->paragraphs[0], e->first_prefix, strlen(e->first_prefix)) == 0);
    assert_string_equal(a->paragraphs[e->mid_index], e->mid);
    assert_string_equal(a->paragraphs[e->paragraphs - 1], e->last);
    for (size_t i = 0; i < a->paragraph_count; i++) {
        size_t n = strlen(a->paragraphs[i]);
        assert_true(n > 0);
        assert_true(a->paragraphs[i][0] != ' ' && a->paragraphs[i][n - 1] != ' ');
        assert_null(strpbrk(a->paragraphs[i], "\r\n\t"));
        assert_null(strstr(a->paragraphs[i], "  "));
    }
}

static void check_article(const article *a, const expect *e)
{
    check_body(a, e);
    if (!e->category) {
        assert_false(a->has_date);
        assert_null(a->category);
        return;
    }
    assert_true(a->has_date);
    assert_string_equal(a->category, e->category);
    assert_int_equal(a->year, e->y);
    assert_int_equal(a->month, e->mo);
    assert_int_equal(a->day, e->d);
    assert_int_equal(a->hour, e->h);
    assert_int_equal(a->minute, e->mi);
    assert_int_equal(a->second, e->s);
}

static void test_as_is(void **state)
{
    const expect *e = *state;
    buf b = read_article(e);
    assert_int_equal(count_body_lines(&b, e), e->paragraphs);
    assert_int_equal(b.data[b.len - 1] == '\n', e->final_newline);
    article *a = parse_ok(b.data, b.len);
    check_article(a, e);
    article_free(a);
    free(b.data);
}

static void test_line_endings_and_bom(void **state)
{
    const expect *e = *state;
    buf b = read_article(e);
    const char *eols[] = {"\r\n", "\r", "\n\n", " \t\r\n"};
    for (size_t i = 0; i < sizeof eols / sizeof eols[0]; i++) {
        buf c = with_eol(&b, eols[i]);
        article *a = parse_ok(c.data, c.len);
        check_article(a, e);
        article_free(a);
        free(c.data);
    }
    char *bom = malloc(b.len + 3);
    assert_non_null(bom);
    memcpy(bom, "\xEF\xBB\xBF", 3);
    memcpy(bom + 3, b.data, b.len);
    article *a = parse_ok(bom, b.len + 3);
    check_article(a, e); /* the title does not start with the BOM */
    article_free(a);
    free(bom);
    free(b.data);
}

/* An article with a closing line, cut before it: the same body, no date. One without: given one, the
 * same body with the date. */
static void test_closing_line_cut_or_added(void **state)
{
    const expect *e = *state;
    buf b = read_article(e);
    article *a = NULL;
    if (e->category) {
        size_t end = b.len;
        while (end > 0 && b.data[end - 1] == '\n')
            end--;
        while (end > 0 && b.data[end - 1] != '\n')
            end--; /* the start of the closing line */
        assert_true(end > 0);
        a = parse_ok(b.data, end);
        assert_false(a->has_date);
        assert_null(a->category);
    } else {
        const char *closing = "\n\nMemory 1990-01-20 00:00:01";
        char *more = malloc(b.len + strlen(closing) + 1);
        assert_non_null(more);
        memcpy(more, b.data, b.len);
        memcpy(more + b.len, closing, strlen(closing) + 1);
        a = parse_ok(more, strlen(more));
        free(more);
        assert_true(a->has_date);
        assert_string_equal(a->category, "Memory");
        assert_int_equal(a->year, 1990);
        assert_int_equal(a->second, 1);
    }
    check_body(a, e);
    article_free(a);
    free(b.data);
}

static void test_bad_byte(void **state)
{
    const expect *e = *state;
    buf b = read_article(e);
    /* Replace the first occurrence of bad_at (a multi-byte character) by a lone Windows-1252 byte. */
    char *at = strstr(b.data, e->bad_at);
    size_t n = strlen(e->bad_at);
    assert_non_null(at);
    assert_true(n >= 2);
    at[0] = '\x92';
    memmove(at + 1, at + n, b.len - (size_t)(at + n - b.data) + 1);
    b.len -= n - 1;
    int line = 0;
    assert_int_equal(parse_fail(b.data, b.len, &line), ARTICLE_BAD_UTF8);
    assert_int_equal(line, e->bad_line);
    buf crlf = with_eol(&b, "\r\n"); /* the same line with CRLF */
    assert_int_equal(parse_fail(crlf.data, crlf.len, &line), ARTICLE_BAD_UTF8);
    assert_int_equal(line, e->bad_line);
    buf cr = with_eol(&b, "\r");
    assert_int_equal(parse_fail(cr.data, cr.len, &line), ARTICLE_BAD_UTF8);
    assert_int_equal(line, e->bad_line);
    free(crlf.data);
    free(cr.data);
    free(b.data);
}

static void test_utf16(void **state)
{
    const expect *e = *state;
    buf b = read_article(e);
    /* The first bytes as UTF-16LE with a BOM, as Windows Notepad saves "Unicode". */
    size_t chars = b.len < 200 ? b.len : 200, n = 2 + 2 * chars;
    char *u = calloc(n, 1);
    assert_non_null(u);
    u[0] = '\xFF';
    u[1] = '\xFE';
    for (size_t i = 0; i < chars; i++) {
        u[2 + 2 * i] = b.data[i];
    }
    int line = -1;
    assert_int_equal(parse_fail(u, n, &line), ARTICLE_UTF16);
    assert_int_equal(parse_fail(u + 2, n - 2, &line), ARTICLE_UTF16); /* no BOM: NUL bytes */
    assert_int_equal(line, 1);
    u[0] = '\xFE';
    u[1] = '\xFF'; /* big-endian BOM */
    assert_int_equal(parse_fail(u, n, NULL), ARTICLE_UTF16);
    free(u);
    free(b.data);
}

static void test_bad_bytes_and_nul(void **state)
{
    int line = -1;
    (void)state;
    assert_int_equal(parse_fail("ok\n\xC3(", 5, &line), ARTICLE_BAD_UTF8);
    assert_int_equal(line, 2);
    assert_int_equal(parse_fail("\xEF\xBB\xBF\xFF", 4, NULL), ARTICLE_BAD_UTF8); /* err_line may be NULL */
    assert_int_equal(parse_fail("Title\nBody\nmore\0text", 20, &line), ARTICLE_UTF16);
    assert_int_equal(line, 3);
}

static void test_empty_and_no_body(void **state)
{
    int line = -1;
    assert_int_equal(parse_fail("", 0, &line), ARTICLE_EMPTY);
    assert_int_equal(line, 0);
    assert_int_equal(parse_fail(" \n\t\r\n\r  ", 8, &line), ARTICLE_EMPTY);
    assert_int_equal(parse_fail("\xEF\xBB\xBF", 3, &line), ARTICLE_EMPTY);
    assert_int_equal(parse_fail("\xC2\xA0\n", 3, &line), ARTICLE_EMPTY);
    const char *no_body[] = {"Only a title", "Only a title\n\n\n",
                             "Title\n\nDays of sorrow 2024-01-20 11:00:00"};
    for (size_t i = 0; i < sizeof no_body / sizeof no_body[0]; i++) {
        assert_int_equal(parse_fail(no_body[i], strlen(no_body[i]), &line), ARTICLE_NO_BODY);
    }
    /* A dateline-like line alone under the title is kept as the body rather than refused. */
    const char *lone = "Title\nBaku, January 20, AZERTAC\nDays of sorrow 2024-01-20";
    article *a = parse_ok(lone, strlen(lone));
    assert_null(a->dateline);
    assert_int_equal(a->paragraph_count, 1);
    assert_true(a->has_date);
    article_free(a);
    a = parse_ok("T\nA\nB", 5); /* the shortest complete article */
    assert_string_equal(a->title, "T");
    assert_string_equal(a->dateline, "A");
    assert_int_equal(a->paragraph_count, 1);
    assert_string_equal(a->paragraphs[0], "B");
    article_free(a);
}

static void test_dateline_rules(void **state)
{
    /* A sentence is not a dateline. */
    const char *t1 = "Title\nThe crowds came early to the Alley.\nSecond paragraph.";
    article *a = parse_ok(t1, strlen(t1));
    assert_null(a->dateline);
    assert_int_equal(a->paragraph_count, 2);
    assert_string_equal(a->paragraphs[0], "The crowds came early to the Alley.");
    article_free(a);
    /* Nor is a quotation that ends a sentence, nor a line over 100 bytes. */
    const char *t2 = "Title\n\xE2\x80\x9CWe remember.\xE2\x80\x9D\nBody.";
    a = parse_ok(t2, strlen(t2));
    assert_null(a->dateline);
    assert_int_equal(a->paragraph_count, 2);
    article_free(a);
    char t3[256];
    snprintf(t3, sizeof t3, "Title\n%0101d\nBody", 7);
    a = parse_ok(t3, strlen(t3));
    assert_null(a->dateline);
    article_free(a);
    /* A short line alone under the title is the body, not a dateline. */
    const char *t4 = "In memory\n\nWe remember them";
    a = parse_ok(t4, strlen(t4));
    assert_null(a->dateline);
    assert_int_equal(a->paragraph_count, 1);
    assert_string_equal(a->paragraphs[0], "We remember them");
    article_free(a);
    /* Spaces are trimmed and collapsed everywhere. */
    const char *t5 = "  \xC2\xA0Title \t with  gaps \n\n  Baku,\tJanuary 20 \nBody   text\there.  \n";
    a = parse_ok(t5, strlen(t5));
    assert_string_equal(a->title, "Title with gaps");
    assert_string_equal(a->dateline, "Baku, January 20");
    assert_string_equal(a->paragraphs[0], "Body text here.");
    article_free(a);
}

static article *parse_closing(const char *last)
{
    char text[256];
    snprintf(text, sizeof text, "Title\nBaku\nBody one.\nBody two.\n\n%s\n", last);
    return parse_ok(text, strlen(text));
}

static void test_closing_line(void **state)
{
    static const struct {
        const char *line;
        const char *category;
        int y, mo, d, h, mi, s;
    } good[] = {
        {"Days of sorrow 2024-01-20 11:00:00", "Days of sorrow", 2024, 1, 20, 11, 0, 0},
        {"Days of sorrow 2024-01-20 09:05", "Days of sorrow", 2024, 1, 20, 9, 5, 0},
        {"Society 1990-01-20", "Society", 1990, 1, 20, 0, 0, 0},
        {"2024-01-20 23:59:59", "", 2024, 1, 20, 23, 59, 59},
        {"Memory 2024-02-29 7:30", "Memory", 2024, 2, 29, 7, 30, 0},
        {"Memory 2000-02-29", "Memory", 2000, 2, 29, 0, 0, 0},
        /* No-break spaces before the date are not part of the category (found by tests/fuzz). */
        {"Memory\xC2\xA0 2000-02-29", "Memory", 2000, 2, 29, 0, 0, 0},
        {"Memory \xC2\xA0\xC2\xA0 2000-02-29 10:00", "Memory", 2000, 2, 29, 10, 0, 0},
        {"\xC2\xA0 \xC2\xA0 2000-02-29", "", 2000, 2, 29, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        article *a = parse_closing(good[i].line);
        assert_true(a->has_date);
        assert_string_equal(a->category, good[i].category);
        assert_int_equal(a->paragraph_count, 2);
        assert_int_equal(a->year, good[i].y);
        assert_int_equal(a->month, good[i].mo);
        assert_int_equal(a->day, good[i].d);
        assert_int_equal(a->hour, good[i].h);
        assert_int_equal(a->minute, good[i].mi);
        assert_int_equal(a->second, good[i].s);
        article_free(a);
    }
    /* Not a valid closing line: kept as the last paragraph. */
    const char *bad[] = {"Days of sorrow 2024-02-30 11:00:00",
                         "Days 2023-02-29",
                         "Days 1900-02-29",
                         "Days 2024-13-01",
                         "Days 2024-00-10",
                         "Days 2024-01-20 24:00",
                         "Days 2024-01-20 11:60",
                         "Days 2024-01-20 11:00:60",
                         "Days 2024-1-20",
                         "Days 24-01-20",
                         "Days 2024/01/20",
                         "Days 2024-01-20 11",
                         "Days 2024-01-20x",
                         "12:00",
                         "They fell on 20 January 1990."};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        article *a = parse_closing(bad[i]);
        assert_false(a->has_date);
        assert_null(a->category);
        assert_int_equal(a->paragraph_count, 3);
        assert_string_equal(a->paragraphs[2], bad[i]);
        article_free(a);
    }
}

static void test_status_messages(void **state)
{
    const article_status all[] = {ARTICLE_OK,    ARTICLE_EMPTY,   ARTICLE_BAD_UTF8,
                                  ARTICLE_UTF16, ARTICLE_NO_BODY, ARTICLE_NO_MEMORY};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        const char *m = article_status_message(all[i]);
        assert_non_null(m);
        assert_true(strlen(m) > 10);
        assert_true(m[strlen(m) - 1] != '.'); /* diag messages have no trailing period */
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(m, article_status_message(all[j]));
        }
    }
    assert_non_null(strstr(article_status_message(ARTICLE_BAD_UTF8), "save it as UTF-8"));
    assert_non_null(strstr(article_status_message(ARTICLE_UTF16), "UTF-16"));
}

/* The five checks of one article, named "<file>: <check>". */
#define PER_ARTICLE 5

static void add_article_tests(struct CMUnitTest *t, char (*names)[96], expect *e)
{
    static const struct {
        const char *what;
        CMUnitTestFunction fn;
    } checks[PER_ARTICLE] = {
        {"as is", test_as_is},
        {"line endings and BOM", test_line_endings_and_bom},
        {"closing line cut or added", test_closing_line_cut_or_added},
        {"bad byte", test_bad_byte},
        {"UTF-16", test_utf16},
    };
    for (size_t i = 0; i < PER_ARTICLE; i++) {
        snprintf(names[i], sizeof names[i], "%s: %s", e->name, checks[i].what);
        t[i] = (struct CMUnitTest){names[i], checks[i].fn, NULL, NULL, e};
    }
}

static int run_seed(const char *path)
{
    if (access(path, R_OK) != 0) {
        printf("seed article not found at %s (../shared/seed is beside the repository only in CI); "
               "skipped\n",
               path);
        return SKIP;
    }
    struct CMUnitTest tests[PER_ARTICLE];
    static char names[PER_ARTICLE][96];
    snprintf(g_seed.path, sizeof g_seed.path, "%s", path);
    add_article_tests(tests, names, &g_seed);
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
    static const struct CMUnitTest generic[] = {
        cmocka_unit_test(test_bad_bytes_and_nul), cmocka_unit_test(test_empty_and_no_body),
        cmocka_unit_test(test_dateline_rules),    cmocka_unit_test(test_closing_line),
        cmocka_unit_test(test_status_messages),
    };
    enum { GENERIC = sizeof generic / sizeof generic[0], ALL = GENERIC + ARTICLES * PER_ARTICLE };
    struct CMUnitTest tests[ALL];
    static char names[ARTICLES * PER_ARTICLE][96];
    memcpy(tests, generic, sizeof generic);
    for (size_t i = 0; i < ARTICLES; i++) {
        expect *e = &g_articles[i];
        snprintf(e->path, sizeof e->path, "%s/articles/%s", KIOSK_TEST_DATA_DIR, e->name);
        add_article_tests(tests + GENERIC + i * PER_ARTICLE, names + i * PER_ARTICLE, e);
    }
    return cmocka_run_group_tests_name("articles", tests, NULL, NULL);
}
