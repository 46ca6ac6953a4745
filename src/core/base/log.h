/* log: one logfmt line per event on stderr:
 *   level=info event=slide index=3 count=12 kind=image source=photos/alley.jpg
 * Values with spaces, quotes, '=' or control characters are quoted and escaped. Build a line on the
 * stack with log_begin, add fields, write it with log_end (one write, so lines never interleave).
 * A line longer than the buffer is cut inside a value and ends with truncated=true. */
#ifndef KIOSK_LOG_H
#define KIOSK_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } log_level;

typedef struct {
    char buf[2048];
    size_t len;
    log_level level;
    bool truncated; /* a field did not fit: it was cut, later fields are dropped */
} log_line;

void log_set_stream(FILE *f);         /* default stderr */
void log_set_min_level(log_level lv); /* default LOG_INFO */
void log_begin(log_line *l, log_level level, const char *event);
void log_str(log_line *l, const char *key, const char *value); /* NULL value writes "" */
void log_int(log_line *l, const char *key, long long value);
void log_uint(log_line *l, const char *key, unsigned long long value);
void log_double(log_line *l, const char *key, double value); /* %.3f without trailing zeros */
void log_end(log_line *l);
/* Milliseconds since log_init_clock was first called (the process start, when called first in main). */
void log_init_clock(void);
uint64_t log_ms_since_start(void);

#endif
