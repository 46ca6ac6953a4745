/* article: parser for the news-agency article format (see article.h).
 * Ownership: article_parse builds each non-blank line as its own malloc'd string (a line_vec owns
 * them), then moves the strings into the article, which owns them until article_free. */
#include "article.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define DATELINE_MAX 100 /* bytes: a longer second line is a paragraph */
#define CATEGORY_MAX 100 /* bytes: a longer "category" is a paragraph that happens to end in a date */

typedef struct {
    char **items; /* owned strings; NULL once moved into the article */
    size_t count;
    size_t cap;
} line_vec;

typedef struct {
    size_t category_len; /* bytes of the line before the date (and its separating space) */
    int year, month, day, hour, minute, second;
} closing;

static void line_vec_free(line_vec *v)
{
    for (size_t i = 0; i < v->count; i++) {
        free(v->items[i]);
    }
    free(v->items);
    v->items = NULL;
    v->count = v->cap = 0;
}

/* Takes ownership of s (freed on failure). Returns 0 or -1 when out of memory. */
static int line_vec_push(line_vec *v, char *s)
{
    if (v->count == v->cap) {
        size_t cap = v->cap != 0 ? v->cap * 2 : 32;
        char **items = realloc(v->items, cap * sizeof *items);
        if (!items) {
            free(s);
            return -1;
        }
        v->items = items;
        v->cap = cap;
    }
    v->items[v->count++] = s;
    return 0;
}

/* 1-based number of the line holding byte off of s (LF, CRLF and CR each end one line). */
static int line_of_offset(const char *s, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n'))) {
            line++;
        }
    }
    return line;
}

article_status article_check_encoding(const char *data, size_t len, size_t *text_start, int *err_line)
{
    const unsigned char *p = (const unsigned char *)data;
    article_status st = ARTICLE_OK;
    size_t start = 0;
    int line = 0;

    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        st = ARTICLE_UTF16;
        goto done;
    }
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        start = 3;
    }
    const char *nul = len > start ? memchr(data + start, '\0', len - start) : NULL;
    if (nul) {
        st = ARTICLE_UTF16;
        line = line_of_offset(data + start, (size_t)(nul - (data + start)));
        goto done;
    }
    size_t bad = 0;
    if (!utf8_validate(data + start, len - start, &bad)) {
        st = ARTICLE_BAD_UTF8;
        line = line_of_offset(data + start, bad);
    }
done:
    if (text_start) {
        *text_start = start;
    }
    if (err_line) {
        *err_line = line;
    }
    return st;
}

/* Splits text into lines, cleans each (trim, collapse spaces) and keeps the non-blank ones.
 * Returns 0 or -1 when out of memory. */
static int split_lines(const char *text, size_t len, line_vec *out)
{
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && text[end] != '\n' && text[end] != '\r') {
            end++;
        }
        char *s = malloc(end - i + 1);
        if (!s) {
            return -1;
        }
        memcpy(s, text + i, end - i);
        if (utf8_squeeze_space(s, end - i) == 0) {
            free(s);
        } else if (line_vec_push(out, s) != 0) {
            return -1;
        }
        i = end;
        if (i < len && text[i] == '\r') {
            i++; /* CR, or the start of CRLF */
        }
        if (i < len && text[i] == '\n') {
            i++;
        }
    }
    return 0;
}

/* Parses exactly min_digits..max_digits ASCII digits s[0..n) into *v. */
static int parse_digits(const char *s, size_t n, size_t min_digits, size_t max_digits, int *v)
{
    if (n < min_digits || n > max_digits) {
        return 0;
    }
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* Start of the last space-separated token of s[0..n) (0 when there is no space). */
static size_t last_token(const char *s, size_t n)
{
    size_t p = n;
    while (p > 0 && s[p - 1] != ' ') {
        p--;
    }
    return p;
}

/* "HH:MM" or "HH:MM:SS" (hour may have one digit). */
static int parse_time(const char *s, size_t n, closing *c)
{
    const char *colon = memchr(s, ':', n);
    if (!colon) {
        return 0;
    }
    size_t hl = (size_t)(colon - s);
    const char *rest = colon + 1;
    size_t rl = n - hl - 1;
    c->second = 0;
    if (!parse_digits(s, hl, 1, 2, &c->hour)) {
        return 0;
    }
    if (rl == 2) {
        return parse_digits(rest, 2, 2, 2, &c->minute);
    }
    return rl == 5 && rest[2] == ':' && parse_digits(rest, 2, 2, 2, &c->minute) &&
           parse_digits(rest + 3, 2, 2, 2, &c->second);
}

/* Matches a (cleaned) line against "<category> YYYY-MM-DD[ HH:MM[:SS]]" with a real calendar date. */
static int parse_closing(const char *s, closing *c)
{
    size_t n = strlen(s);
    size_t t = last_token(s, n);
    c->hour = c->minute = c->second = 0;
    if (parse_time(s + t, n - t, c)) {
        if (t == 0) {
            return 0; /* a time alone */
        }
        n = t - 1;
        t = last_token(s, n);
    }
    const char *d = s + t;
    if (n - t != 10 || d[4] != '-' || d[7] != '-' || !parse_digits(d, 4, 4, 4, &c->year) ||
        !parse_digits(d + 5, 2, 2, 2, &c->month) || !parse_digits(d + 8, 2, 2, 2, &c->day)) {
        return 0;
    }
    if (c->year < 1 || c->month < 1 || c->month > 12 || c->day < 1 ||
        c->day > days_in_month(c->year, c->month) || c->hour > 23 || c->minute > 59 || c->second > 59) {
        return 0;
    }
    /* The category ends before the space ahead of the date, and before any no-break spaces there
     * ("Society\u00A0 2024-01-20": the line's trim only reached its two ends). */
    size_t k = t > 0 ? t - 1 : 0;
    while (k > 0 && (s[k - 1] == ' ' || (k >= 2 && memcmp(s + k - 2, "\xC2\xA0", 2) == 0))) {
        k -= s[k - 1] == ' ' ? 1 : 2;
    }
    c->category_len = k;
    return c->category_len <= CATEGORY_MAX;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* A short line that does not end a sentence: "Baku, January 20, AZERTAC". */
static int looks_like_dateline(const char *s)
{
    static const char *const quotes[] = {"\"", "'", "\xE2\x80\x99", "\xE2\x80\x9D", "\xC2\xBB", ")"};
    static const char *const stops[] = {".", "!", "?", "\xE2\x80\xA6"}; /* ... as one character too */
    size_t n = strlen(s);
    if (n > DATELINE_MAX) {
        return 0;
    }
    for (int stripped = 1; stripped;) {
        stripped = 0;
        for (size_t i = 0; i < sizeof quotes / sizeof quotes[0]; i++) {
            if (ends_with(s, n, quotes[i])) {
                n -= strlen(quotes[i]);
                stripped = 1;
            }
        }
    }
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        if (ends_with(s, n, stops[i])) {
            return 0;
        }
    }
    return 1;
}

/* Moves line i out of v. */
static char *take(line_vec *v, size_t i)
{
    char *s = v->items[i];
    v->items[i] = NULL;
    return s;
}

article_status article_parse(const char *data, size_t len, article **out, int *err_line)
{
    article_status st;
    line_vec lines = {0}; /* owns every cleaned line not yet moved into a */
    article *a = NULL;    /* owned here until handed to *out */
    closing c = {0};
    size_t start = 0;
    int line = 0;

    *out = NULL;
    st = article_check_encoding(data, len, &start, &line);
    if (st != ARTICLE_OK) {
        goto cleanup;
    }
    st = ARTICLE_NO_MEMORY;
    if (split_lines(data + start, len - start, &lines) != 0) {
        goto cleanup;
    }
    if (lines.count == 0) {
        st = ARTICLE_EMPTY;
        goto cleanup;
    }

    /* Roles: [0] title, [1] maybe the dateline, [last] maybe the closing line, the rest paragraphs. */
    size_t first = 1, end = lines.count;
    int has_closing = end >= 2 && parse_closing(lines.items[end - 1], &c);
    if (has_closing) {
        end--;
    }
    /* A short second line is the dateline, unless it is the only text under the title. */
    int has_dateline = end - first >= 2 && looks_like_dateline(lines.items[1]);
    if (has_dateline) {
        first = 2;
    }
    if (end <= first) {
        st = ARTICLE_NO_BODY;
        goto cleanup;
    }

    st = ARTICLE_NO_MEMORY;
    a = calloc(1, sizeof *a);
    if (!a) {
        goto cleanup;
    }
    a->paragraphs = malloc((end - first) * sizeof *a->paragraphs);
    if (!a->paragraphs) {
        goto cleanup;
    }
    for (size_t i = first; i < end; i++) {
        a->paragraphs[a->paragraph_count++] = take(&lines, i);
    }
    a->title = take(&lines, 0);
    if (has_dateline) {
        a->dateline = take(&lines, 1);
    }
    if (has_closing) {
        a->category = take(&lines, lines.count - 1);
        a->category[c.category_len] = '\0';
        a->has_date = true;
        a->year = c.year;
        a->month = c.month;
        a->day = c.day;
        a->hour = c.hour;
        a->minute = c.minute;
        a->second = c.second;
    }
    *out = a;
    a = NULL;
    st = ARTICLE_OK;
cleanup:
    article_free(a);
    line_vec_free(&lines);
    if (err_line) {
        *err_line = line;
    }
    return st;
}

void article_free(article *a)
{
    if (!a) {
        return;
    }
    free(a->title);
    free(a->dateline);
    for (size_t i = 0; i < a->paragraph_count; i++) {
        free(a->paragraphs[i]);
    }
    free(a->paragraphs);
    free(a->category);
    free(a);
}

const char *article_status_message(article_status s)
{
    switch (s) {
    case ARTICLE_OK:
        return "the article is fine";
    case ARTICLE_EMPTY:
        return "the file has no text in it";
    case ARTICLE_BAD_UTF8:
        return "the text is not valid UTF-8 (open it in a text editor and save it as UTF-8)";
    case ARTICLE_UTF16:
        return "the text is saved as UTF-16, not UTF-8 (open it in a text editor and save it as UTF-8)";
    case ARTICLE_NO_BODY:
        return "the article has a title but no text under it (put each paragraph on its own line)";
    case ARTICLE_NO_MEMORY:
        return "the computer ran out of memory while reading it";
    }
    return "the article could not be read";
}
