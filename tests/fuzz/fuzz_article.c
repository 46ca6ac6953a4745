/* Fuzz target: article_parse (src/core/content/article.c), with article_check_encoding and the UTF-8 helpers
 * it uses. The input is the raw bytes of an article file, exactly as content_load_article hands them over.
 * Checks the promises of article.h beyond "no crash": on ARTICLE_OK every string is valid, trimmed UTF-8
 * with single inner spaces, there is at least one paragraph, and a closing-line date is a real date;
 * otherwise *out is NULL; encoding problems agree with article_check_encoding. */
#include "fuzz_util.h"

#include "article.h"

static void check_clean(const char *what, const char *s)
{
    size_t n = strlen(s);
    FUZZ_CHECK(fuzz_valid_utf8(s, n), "%s is not valid UTF-8", what);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        FUZZ_CHECK(c > 0x20 || c == ' ', "%s holds control byte 0x%02x at %zu", what, c, i);
        FUZZ_CHECK(c != 0x7F, "%s holds DEL at %zu", what, i);
        FUZZ_CHECK(!(c == ' ' && (i == 0 || i + 1 == n || s[i + 1] == ' ')), "%s: space not squeezed at %zu",
                   what, i);
    }
    FUZZ_CHECK(n < 2 || memcmp(s, "\xC2\xA0", 2) != 0, "%s starts with a no-break space", what);
    FUZZ_CHECK(n < 2 || memcmp(s + n - 2, "\xC2\xA0", 2) != 0, "%s ends with a no-break space", what);
}

static int days_in(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : days[m - 1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exactly sized copy: the parser gets a length and must never read past it. */
    char *buf = (char *)fuzz_dup(data, size);
    article *a = (article *)(uintptr_t)1;
    int line = -1;
    article_status st = article_parse(buf, size, &a, &line);

    FUZZ_CHECK(st >= ARTICLE_OK && st <= ARTICLE_NO_MEMORY, "status %d", (int)st);
    FUZZ_CHECK(article_status_message(st) != NULL, "no message");
    FUZZ_CHECK(line >= 0, "err_line %d", line);
    FUZZ_CHECK(st != ARTICLE_NO_MEMORY, "out of memory on a %zu byte input", size);

    size_t start = 99;
    int enc_line = -1;
    article_status enc = article_check_encoding(buf, size, &start, &enc_line);
    FUZZ_CHECK(start == 0 || start == 3, "text_start %zu", start);
    if (enc != ARTICLE_OK) {
        FUZZ_CHECK(st == enc, "parse gives %d, check_encoding %d", (int)st, (int)enc);
        FUZZ_CHECK(line == enc_line, "err_line %d vs %d", line, enc_line);
    }
    if (enc == ARTICLE_BAD_UTF8)
        FUZZ_CHECK(line >= 1, "bad UTF-8 without a line");

    if (st == ARTICLE_OK) {
        FUZZ_CHECK(a != NULL, "OK without an article");
        FUZZ_CHECK(a->title != NULL && a->title[0] != '\0', "empty title");
        check_clean("title", a->title);
        if (a->dateline) {
            FUZZ_CHECK(a->dateline[0] != '\0', "empty dateline");
            check_clean("dateline", a->dateline);
        }
        FUZZ_CHECK(a->paragraph_count >= 1 && a->paragraphs != NULL, "no paragraphs");
        for (size_t i = 0; i < a->paragraph_count; i++) {
            FUZZ_CHECK(a->paragraphs[i] != NULL && a->paragraphs[i][0] != '\0', "empty paragraph %zu", i);
            check_clean("paragraph", a->paragraphs[i]);
        }
        FUZZ_CHECK(a->has_date == (a->category != NULL), "has_date %d, category %p", a->has_date,
                   (void *)a->category);
        if (a->category) {
            if (a->category[0])
                check_clean("category", a->category);
            FUZZ_CHECK(a->year >= 1 && a->year <= 9999 && a->month >= 1 && a->month <= 12 && a->day >= 1 &&
                           a->day <= days_in(a->year, a->month),
                       "bad date %d-%d-%d", a->year, a->month, a->day);
            FUZZ_CHECK(a->hour >= 0 && a->hour <= 23 && a->minute >= 0 && a->minute <= 59 && a->second >= 0 &&
                           a->second <= 59,
                       "bad time %d:%d:%d", a->hour, a->minute, a->second);
        }
        article_free(a);
    } else {
        FUZZ_CHECK(a == NULL, "status %d but an article", (int)st);
    }

    /* The helpers on the same bytes: utf8_squeeze_space is idempotent and only shortens. */
    char *copy = fuzz_cstr(data, size);
    size_t n1 = utf8_squeeze_space(copy, size);
    FUZZ_CHECK(n1 <= size && copy[n1] == '\0', "squeeze length %zu of %zu", n1, size);
    size_t n2 = utf8_squeeze_space(copy, n1);
    FUZZ_CHECK(n2 == n1, "squeeze not idempotent: %zu then %zu", n1, n2);
    FUZZ_CHECK(utf8_length(buf, size) <= size, "utf8_length");
    free(copy);
    free(buf);
    return 0;
}
