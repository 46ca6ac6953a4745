/* textseg: see textseg.h. Grapheme clusters are ICU's (exact UAX #29); white space and sentences are
 * the project's own rules, tuned for prose. */
#include "textseg.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "utf8.h"

size_t textseg_prev_start(const char *s, size_t lo, size_t i)
{
    size_t j = i - 1;
    while (j > lo && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80) {
        j--;
    }
    return j;
}

bool textseg_is_newline(uint32_t c)
{
    return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool textseg_is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || textseg_is_newline(c) || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x205F || c == 0x3000;
}

size_t textseg_skip_space(const char *s, size_t len, size_t i, bool newlines)
{
    while (i < len) {
        uint32_t c;
        utf8_decode(s + i, len - i, &c);
        if (!textseg_is_space(c) || (!newlines && textseg_is_newline(c))) {
            break;
        }
        /* The whole cluster: a mark or joiner after a space is skipped with it, so that a line never
         * starts with a bare accent. */
        i = textseg_next_grapheme(s, len, i);
    }
    return i;
}

bool textseg_is_prepend(uint32_t c)
{
    return u_getIntPropertyValue((UChar32)c, UCHAR_GRAPHEME_CLUSTER_BREAK) == U_GCB_PREPEND;
}

/* True when the white space c at s[j] belongs to the cluster of a Prepend character before it (UAX #29
 * GB9b holds any character but a control): trimming it would cut that cluster. */
static bool held_by_prepend(const char *s, size_t lo, size_t j, uint32_t c)
{
    if (j == lo || textseg_is_newline(c) || c == '\t') {
        return false;
    }
    uint32_t p;
    size_t k = textseg_prev_start(s, lo, j);
    utf8_decode(s + k, j - k, &p);
    return textseg_is_prepend(p);
}

size_t textseg_trim_end(const char *s, size_t lo, size_t hi)
{
    while (hi > lo) {
        uint32_t c;
        size_t j = textseg_prev_start(s, lo, hi);
        utf8_decode(s + j, hi - j, &c);
        if (!textseg_is_space(c) || held_by_prepend(s, lo, j, c)) {
            break;
        }
        hi = j;
    }
    return hi;
}

size_t textseg_count_words(const char *s, size_t len)
{
    size_t words = 0;
    bool in_word = false;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += utf8_decode(s + i, len - i, &c);
        bool sp = textseg_is_space(c);
        if (!sp && !in_word) {
            words++;
        }
        in_word = !sp;
    }
    return words;
}

/* ---- graphemes ---------------------------------------------------------------------------------- */

/* One ICU character (grapheme cluster) break iterator per thread (layout also runs on the loader
 * thread), opened on the thread's first call and closed when the thread ends (the main thread's lives
 * until exit): opening one costs far more than a lookup. NULL when ICU cannot open it (no data): then a
 * cluster is one code point. */
static pthread_key_t grapheme_key;
static bool grapheme_key_ok;
static pthread_once_t grapheme_once = PTHREAD_ONCE_INIT;

static void grapheme_close(void *bi)
{
    ubrk_close(bi);
}

static void grapheme_key_init(void)
{
    grapheme_key_ok = pthread_key_create(&grapheme_key, grapheme_close) == 0;
}

static UBreakIterator *grapheme_breaker(void)
{
    pthread_once(&grapheme_once, grapheme_key_init);
    if (!grapheme_key_ok) {
        return NULL;
    }
    UBreakIterator *bi = pthread_getspecific(grapheme_key);
    if (!bi) {
        UErrorCode err = U_ZERO_ERROR;
        bi = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &err);
        if (U_FAILURE(err) || pthread_setspecific(grapheme_key, bi) != 0) {
            ubrk_close(bi);
            bi = NULL;
        }
    }
    return bi;
}

/* True when UAX #29 surely breaks between c and the code point n after it: c is a plain character
 * (Other, Control, LF: not CR, Prepend, Hangul, a regional indicator, an Extend or ZWJ) and n starts a
 * cluster of its own (Other, Control, CR, LF). No rule looks further back then, so no iterator is needed:
 * most text (letters, spaces, punctuation) takes this path. */
static bool plain_break(uint32_t c, uint32_t n)
{
    int32_t a = u_getIntPropertyValue((UChar32)c, UCHAR_GRAPHEME_CLUSTER_BREAK);
    int32_t b = u_getIntPropertyValue((UChar32)n, UCHAR_GRAPHEME_CLUSTER_BREAK);
    return (a == U_GCB_OTHER || a == U_GCB_CONTROL || a == U_GCB_LF) &&
           (b == U_GCB_OTHER || b == U_GCB_CONTROL || b == U_GCB_CR || b == U_GCB_LF);
}

size_t textseg_next_grapheme(const char *s, size_t end, size_t i)
{
    uint32_t c, n;
    size_t next = i + utf8_decode(s + i, end - i, &c);
    if (next >= end) {
        return next;
    }
    utf8_decode(s + next, end - next, &n);
    UBreakIterator *bi = plain_break(c, n) ? NULL : grapheme_breaker();
    if (!bi || end > INT32_MAX) {
        return next;
    }
    /* UAX #29 extended grapheme clusters, read straight from the UTF-8 (offsets stay byte offsets; a
     * stray byte is U+FFFD of one byte). The iterator keeps a clone of the UText, which points into s
     * only until the next call sets another text. */
    UErrorCode err = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, s, (int64_t)end, &err);
    ubrk_setUText(bi, &ut, &err);
    int32_t b = U_SUCCESS(err) ? ubrk_following(bi, (int32_t)i) : UBRK_DONE;
    utext_close(&ut);
    return b == UBRK_DONE || (size_t)b <= i ? next : (size_t)b;
}

/* ---- sentences ---------------------------------------------------------------------------------- */

static bool is_terminal(uint32_t c, bool *cjk)
{
    *cjk = c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E;
    return *cjk || c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
           c == 0x2048 || c == 0x2049;
}

static bool is_closer(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == 0xBB || c == 0x2019 ||
           c == 0x201D || c == 0x203A || c == 0x300D || c == 0x300F || c == 0x3011 || c == 0xFF09;
}

/* True when the word before the '.' at dot is an abbreviation or an initial ("Mr.", "e.g.", "J."). */
static bool is_abbreviation(const char *s, size_t lo, size_t dot)
{
    static const char *const abbr[] = {"Mr",  "Mrs", "Ms",   "Dr",   "Prof", "St",  "Sr",  "Jr",  "Gen",
                                       "Col", "Lt",  "Sgt",  "Capt", "Maj",  "Rev", "Hon", "Mt",  "No",
                                       "Nos", "Vol", "vol",  "pp",   "e.g",  "i.e", "cf",  "vs",  "approx",
                                       "Jan", "Feb", "Aug",  "Sep",  "Sept", "Oct", "Nov", "Dec", "Gov",
                                       "Sen", "Rep", "Pres", "Adm",  "Cpl",  "Pvt", "Fig", "fig"};
    size_t w = dot;
    while (w > lo && (s[w - 1] == '.' || (s[w - 1] >= 'a' && s[w - 1] <= 'z') ||
                      (s[w - 1] >= 'A' && s[w - 1] <= 'Z'))) {
        w--;
    }
    size_t n = dot - w;
    if (n == 1 && s[w] >= 'A' && s[w] <= 'Z') {
        return true;
    }
    for (size_t i = 0; i < sizeof abbr / sizeof abbr[0]; i++) {
        if (strlen(abbr[i]) == n && memcmp(abbr[i], s + w, n) == 0) {
            return true;
        }
    }
    return false;
}

size_t textseg_next_sentence(const char *s, size_t len, size_t from)
{
    size_t i = from;
    while (i < len) {
        uint32_t c;
        bool cjk, more_cjk, closed = false;
        size_t n = utf8_decode(s + i, len - i, &c);
        if (!is_terminal(c, &cjk)) {
            i += n;
            continue;
        }
        bool lone_dot = c == '.', soft = c == '.' || c == 0x2026;
        size_t j = i + n;
        while (j < len &&
               (n = utf8_decode(s + j, len - j, &c), is_terminal(c, &more_cjk))) { /* "?!", "..." */
            j += n, cjk = cjk || more_cjk, lone_dot = false;
        }
        while (j < len && (n = utf8_decode(s + j, len - j, &c), is_closer(c))) {
            j += n, closed = true;
        }
        if (j >= len) {
            return len;
        }
        utf8_decode(s + j, len - j, &c);
        if (!cjk && !textseg_is_space(c)) { /* "3.5", "a.m.", "x.org" */
            i = j;
            continue;
        }
        size_t k = textseg_skip_space(s, len, j, true);
        if (k >= len) {
            return len;
        }
        bool lower_next = s[k] >= 'a' && s[k] <= 'z';
        if (!cjk && ((lone_dot && !closed && is_abbreviation(s, from, i)) || (soft && lower_next))) {
            i = k;
            continue;
        }
        return k;
    }
    return len;
}
