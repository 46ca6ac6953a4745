/* log: see log.h. A line is built in log_line.buf; a field that does not fit is cut (never inside an
 * escape or a UTF-8 sequence), later fields are dropped and the line ends with " truncated=true", so a
 * cut line is still valid logfmt. */
#include "log.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#define TRUNCATED_MARK " truncated=true"
/* Room for fields: the mark, the newline and a NUL stay free. */
#define FIELD_CAP (sizeof(((log_line *)0)->buf) - (sizeof TRUNCATED_MARK - 1) - 2)

static FILE *log_stream; /* NULL: stderr */
static log_level log_min = LOG_INFO;
static struct timespec clock_start;
static bool clock_started;

void log_set_stream(FILE *f)
{
    log_stream = f;
}

void log_set_min_level(log_level lv)
{
    log_min = lv;
}

static const char *level_name(log_level lv)
{
    switch (lv) {
    case LOG_DEBUG:
        return "debug";
    case LOG_INFO:
        return "info";
    case LOG_WARN:
        return "warn";
    case LOG_ERROR:
        return "error";
    }
    return "unknown";
}

static bool is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

static bool needs_quotes(const char *v)
{
    if (*v == '\0') {
        return true;
    }
    for (const unsigned char *p = (const unsigned char *)v; *p != '\0'; p++) {
        if (*p == ' ' || *p == '=' || *p == '"' || *p == '\\' || is_control(*p)) {
            return true;
        }
    }
    return false;
}

/* The next piece of the value at p as written (escaped, or a whole UTF-8 sequence), into out.
 * Returns its length; *used is the number of input bytes it stands for. */
static size_t next_piece(const unsigned char *p, char out[4], size_t *used)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char c = *p;
    *used = 1;
    if (c == '"' || c == '\\' || c == '\n' || c == '\t') {
        out[0] = '\\';
        out[1] = c == '\n' ? 'n' : c == '\t' ? 't' : (char)c;
        return 2;
    }
    if (is_control(c)) {
        memcpy(out, "\\x", 2);
        out[2] = hex[c >> 4];
        out[3] = hex[c & 15];
        return 4;
    }
    size_t want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    out[0] = (char)c;
    while (*used < want && (p[*used] & 0xc0) == 0x80) {
        out[*used] = (char)p[*used];
        ++*used;
    }
    return *used;
}

static void put(log_line *l, const char *s, size_t n)
{
    memcpy(l->buf + l->len, s, n);
    l->len += n;
}

static void add_field(log_line *l, const char *key, const char *value)
{
    if (l->truncated) {
        return;
    }
    if (!value) {
        value = "";
    }
    bool quoted = needs_quotes(value);
    size_t sep = l->len > 0 ? 1 : 0;
    size_t klen = strlen(key);
    if (l->len + sep + klen + 1 + (quoted ? 2 : 0) > FIELD_CAP) {
        l->truncated = true;
        return;
    }
    put(l, " ", sep);
    put(l, key, klen);
    put(l, "=\"", quoted ? 2 : 1);
    size_t limit = FIELD_CAP - (quoted ? 1 : 0);
    const unsigned char *p = (const unsigned char *)value;
    while (*p != '\0') {
        char piece[4];
        size_t used;
        size_t n = next_piece(p, piece, &used);
        if (l->len + n > limit) {
            l->truncated = true;
            break;
        }
        put(l, piece, n);
        p += used;
    }
    put(l, "\"", quoted ? 1 : 0);
}

void log_begin(log_line *l, log_level level, const char *event)
{
    l->len = 0;
    l->level = level;
    l->truncated = false;
    add_field(l, "level", level_name(level));
    add_field(l, "event", event);
}

void log_str(log_line *l, const char *key, const char *value)
{
    add_field(l, key, value);
}

void log_int(log_line *l, const char *key, long long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", value);
    add_field(l, key, buf);
}

void log_uint(log_line *l, const char *key, unsigned long long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%llu", value);
    add_field(l, key, buf);
}

void log_double(log_line *l, const char *key, double value)
{
    char buf[64];
    if (isfinite(value) && fabs(value) < 1e15) {
        snprintf(buf, sizeof buf, "%.3f", value);
        size_t n = strlen(buf);
        while (buf[n - 1] == '0') {
            n--;
        }
        if (buf[n - 1] == '.') {
            n--;
        }
        buf[n] = '\0';
        if (strcmp(buf, "-0") == 0) {
            strcpy(buf, "0");
        }
    } else {
        snprintf(buf, sizeof buf, "%g", value);
    }
    add_field(l, key, buf);
}

void log_end(log_line *l)
{
    if (l->level < log_min) {
        return;
    }
    size_t n = l->len; /* l->len is left as is: calling log_end twice writes the same line twice */
    if (l->truncated) {
        memcpy(l->buf + n, TRUNCATED_MARK, sizeof TRUNCATED_MARK - 1);
        n += sizeof TRUNCATED_MARK - 1;
    }
    l->buf[n] = '\n';
    l->buf[n + 1] = '\0';
    FILE *f = log_stream ? log_stream : stderr;
    fwrite(l->buf, 1, n + 1, f);
    fflush(f);
}

void log_init_clock(void)
{
    if (clock_started) {
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &clock_start);
    clock_started = true;
}

uint64_t log_ms_since_start(void)
{
    log_init_clock();
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t ms =
        (int64_t)(now.tv_sec - clock_start.tv_sec) * 1000 + (now.tv_nsec - clock_start.tv_nsec) / 1000000;
    return ms > 0 ? (uint64_t)ms : 0;
}
