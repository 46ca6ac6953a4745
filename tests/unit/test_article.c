/* Unit tests of article: the real seed article (as is, CRLF, CR, BOM, without its closing line, with a
 * bad byte, as UTF-16) and the edge cases of titles, datelines and closing lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "article.h"

#define SEED_PATH KIOSK_SEED_DIR "/article.txt"
#define SEED_TITLE "People of Azerbaijan pay tribute to 20 January martyrs"
#define SEED_PARAGRAPHS 12 /* lines 5-12 and 15-18 of the seed */

typedef struct {
    char *data;
    size_t len;
} buf;

static buf read_seed(void)
{
    buf b = {NULL, 0};
    FILE *f = fopen(SEED_PATH, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    assert_true(size > 0);
    rewind(f);
    b.data = malloc((size_t)size + 1);
    assert_non_null(b.data);
    b.len = fread(b.data, 1, (size_t)size, f);
    assert_int_equal(b.len, (size_t)size);
    b.data[b.len] = '\0';
    fclose(f);
    return b;
}

/* Non-blank lines of the seed minus title, dateline and closing line, counted independently. */
static size_t count_body_lines(const buf *b)
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
    return lines - 3;
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

static void check_seed_article(const article *a)
{
    assert_string_equal(a->title, SEED_TITLE);
    assert_non_null(a->dateline);
    assert_string_equal(a->dateline, "Baku, January 20, AZERTAC");
    assert_int_equal(a->paragraph_count, SEED_PARAGRAPHS);
    assert_true(strncmp(a->paragraphs[0], "Thirty-four years have passed since the tragic events", 53) == 0);
    assert_string_equal(a->paragraphs[8],
                        "The martyrs\xE2\x80\x99 blood did not remain unavenged. Our people have "
                        "regained independence, and our lands, which have been under "
                        "occupation for about 30 years, were liberated on the battlefield.");
    assert_string_equal(a->paragraphs[11],
                        "Our dear martyrs, who paved the first path and sacrificed their lives "
                        "for freedom and victories, will never be forgotten. Their bright "
                        "memories will live on in our hearts forever.");
    for (size_t i = 0; i < a->paragraph_count; i++) {
        size_t n = strlen(a->paragraphs[i]);
        assert_true(n > 0);
        assert_true(a->paragraphs[i][0] != ' ' && a->paragraphs[i][n - 1] != ' ');
        assert_null(strpbrk(a->paragraphs[i], "\r\n\t"));
    }
    assert_true(a->has_date);
    assert_string_equal(a->category, "Days of sorrow");
    assert_int_equal(a->year, 2024);
    assert_int_equal(a->month, 1);
    assert_int_equal(a->day, 20);
    assert_int_equal(a->hour, 11);
    assert_int_equal(a->minute, 0);
    assert_int_equal(a->second, 0);
}

static void test_seed(void **state)
{
    buf b = read_seed();
    assert_int_equal(count_body_lines(&b), SEED_PARAGRAPHS);
    assert_true(b.data[b.len - 1] != '\n'); /* the closing line has no line break */
    article *a = parse_ok(b.data, b.len);
    check_seed_article(a);
    article_free(a);
    free(b.data);
}

static void test_seed_line_endings_and_bom(void **state)
{
    buf b = read_seed();
    const char *eols[] = {"\r\n", "\r", "\n\n", " \t\r\n"};
    for (size_t i = 0; i < sizeof eols / sizeof eols[0]; i++) {
        buf c = with_eol(&b, eols[i]);
        article *a = parse_ok(c.data, c.len);
        check_seed_article(a);
        article_free(a);
        free(c.data);
    }
    char *bom = malloc(b.len + 3);
    assert_non_null(bom);
    memcpy(bom, "\xEF\xBB\xBF", 3);
    memcpy(bom + 3, b.data, b.len);
    article *a = parse_ok(bom, b.len + 3);
    check_seed_article(a); /* the title does not start with the BOM */
    article_free(a);
    free(bom);
    free(b.data);
}

static void test_seed_without_closing_line(void **state)
{
    buf b = read_seed();
    char *last = strrchr(b.data, '\n');
    assert_non_null(last);
    size_t len = (size_t)(last - b.data) + 1;
    article *a = parse_ok(b.data, len);
    assert_string_equal(a->title, SEED_TITLE);
    assert_string_equal(a->dateline, "Baku, January 20, AZERTAC");
    assert_int_equal(a->paragraph_count, SEED_PARAGRAPHS);
    assert_false(a->has_date);
    assert_null(a->category);
    article_free(a);
    free(b.data);
}

static void test_seed_with_bad_byte(void **state)
{
    buf b = read_seed();
    /* Replace the "’" (E2 80 99) of line 15 by a lone Windows-1252 byte. */
    char *quote = strstr(b.data, "martyrs\xE2\x80\x99");
    assert_non_null(quote);
    quote[7] = '\x92';
    memmove(quote + 8, quote + 10, b.len - (size_t)(quote + 10 - b.data) + 1);
    b.len -= 2;
    int line = 0;
    assert_int_equal(parse_fail(b.data, b.len, &line), ARTICLE_BAD_UTF8);
    assert_int_equal(line, 15);
    buf crlf = with_eol(&b, "\r\n"); /* the same line with CRLF */
    assert_int_equal(parse_fail(crlf.data, crlf.len, &line), ARTICLE_BAD_UTF8);
    assert_int_equal(line, 15);
    buf cr = with_eol(&b, "\r");
    assert_int_equal(parse_fail(cr.data, cr.len, &line), ARTICLE_BAD_UTF8);
    assert_int_equal(line, 15);
    assert_int_equal(parse_fail("ok\n\xC3(", 5, &line), ARTICLE_BAD_UTF8);
    assert_int_equal(line, 2);
    assert_int_equal(parse_fail("\xEF\xBB\xBF\xFF", 4, NULL), ARTICLE_BAD_UTF8); /* err_line may be NULL */
    free(crlf.data);
    free(cr.data);
    free(b.data);
}

static void test_utf16(void **state)
{
    buf b = read_seed();
    /* UTF-16LE with a BOM, as Windows Notepad saves "Unicode". */
    size_t n = 2 + 2 * 200;
    char *u = calloc(n, 1);
    assert_non_null(u);
    u[0] = '\xFF';
    u[1] = '\xFE';
    for (size_t i = 0; i < 200; i++) {
        u[2 + 2 * i] = b.data[i];
    }
    int line = -1;
    assert_int_equal(parse_fail(u, n, &line), ARTICLE_UTF16);
    assert_int_equal(parse_fail(u + 2, n - 2, &line), ARTICLE_UTF16); /* no BOM: NUL bytes */
    assert_int_equal(line, 1);
    u[0] = '\xFE';
    u[1] = '\xFF'; /* big-endian BOM */
    assert_int_equal(parse_fail(u, n, NULL), ARTICLE_UTF16);
    assert_int_equal(parse_fail("Title\nBody\nmore\0text", 20, &line), ARTICLE_UTF16);
    assert_int_equal(line, 3);
    free(u);
    free(b.data);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_seed_line_endings_and_bom),
        cmocka_unit_test(test_seed_without_closing_line),
        cmocka_unit_test(test_seed_with_bad_byte),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_empty_and_no_body),
        cmocka_unit_test(test_dateline_rules),
        cmocka_unit_test(test_closing_line),
        cmocka_unit_test(test_status_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
