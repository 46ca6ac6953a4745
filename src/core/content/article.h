/* article: parser for the news-agency article format (see README, "Articles").
 *   line 1: title; next paragraph: dateline ("Baku, January 20, AZERTAC");
 *   body paragraphs, one per line (blank lines ignored);
 *   optional closing line "<category> YYYY-MM-DD[ HH:MM[:SS]]".
 * UTF-8 with or without BOM, LF, CRLF or CR line ends. Pure: parses a buffer, no I/O. */
#ifndef KIOSK_ARTICLE_H
#define KIOSK_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *title;       /* never NULL */
    char *dateline;    /* NULL when the article has none */
    char **paragraphs; /* paragraph_count trimmed, non-empty strings */
    size_t paragraph_count;
    char
        *category; /* from the closing line; NULL when there is none (may be "" if the line is a bare date) */
    bool has_date; /* true when a closing line with a valid date was found */
    int year, month, day, hour, minute, second;
} article;

typedef enum {
    ARTICLE_OK,
    ARTICLE_EMPTY,    /* no text at all */
    ARTICLE_BAD_UTF8, /* not valid UTF-8; *err_line tells where */
    ARTICLE_UTF16,    /* a UTF-16 byte order mark or NUL bytes: saved in the wrong encoding */
    ARTICLE_NO_BODY,  /* a title but no paragraphs */
    ARTICLE_NO_MEMORY
} article_status;

/* Parses data[0..len). On ARTICLE_OK *out owns a new article (free with article_free); otherwise
 * *out is NULL and, when err_line is not NULL, *err_line is the 1-based line of the problem or 0. */
article_status article_parse(const char *data, size_t len, article **out, int *err_line);
void article_free(article *a);
/* Checks only the encoding of a text file (articles and captions): a UTF-16 byte order mark or NUL
 * bytes give ARTICLE_UTF16, malformed UTF-8 gives ARTICLE_BAD_UTF8, else ARTICLE_OK. *text_start
 * (if not NULL) is set past a UTF-8 byte order mark; *err_line (if not NULL) to the 1-based line of
 * the problem, or 0. */
article_status article_check_encoding(const char *data, size_t len, size_t *text_start, int *err_line);
/* A plain-words reason for staff, e.g. "not valid UTF-8 text (save the file as UTF-8)". */
const char *article_status_message(article_status s);

#endif
