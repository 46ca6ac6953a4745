/* schedule: what the kiosk should be doing at a given local time. Pure: the caller converts the clock to
 * local broken-down time (localtime_r, so the time zone is the system's or TZ's) and asks.
 *   - opening hours per weekday ("mon-fri 09:00-18:00, sat 10:00-16:00"; a range may pass midnight);
 *     outside them the screen is dark, unless a visitor's tap woke it (wake_seconds);
 *   - a day of remembrance (e.g. 01-20): a separate playlist is used that day;
 *   - a minute of silence (e.g. 12:00 for 60 s): a full-screen card, on the remembrance day only. */
#ifndef KIOSK_SCHEDULE_H
#define KIOSK_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "diag.h"

typedef struct {
    int16_t open[7], close[7]; /* minutes since midnight; weekday 0 = Monday; open < 0: closed all day */
    bool always_open;          /* no hours configured */
    int remembrance_month, remembrance_day; /* 0: none */
    int silence_minute;                     /* minutes since midnight, -1: none */
    uint32_t silence_seconds;               /* length of the minute of silence (60) */
    uint32_t wake_seconds;                  /* how long a tap wakes a dark screen (180) */
} schedule;

typedef enum { SCHEDULE_SHOW, SCHEDULE_DARK, SCHEDULE_SILENCE } schedule_mode;

typedef struct {
    schedule_mode mode;
    bool remembrance_day; /* today is the day of remembrance: use its playlist */
} schedule_state;

/* Always open, 20 January, silence at 12:00 for 60 s, wake 180 s. */
void schedule_defaults(schedule *s);
/* Parses opening hours, e.g. "mon-fri 09:00-18:00, sat 10:00-16:00" or "daily 09:00-19:00" or "always".
 * Days not named are closed. Returns 0, or -1 with a reason in err. */
int schedule_parse_hours(const char *spec, schedule *s, char *err, size_t errlen);
/* Parses "MM-DD" for the day of remembrance and "HH:MM" for the silence ("" or "none" turns it off). */
int schedule_parse_day(const char *spec, schedule *s);
int schedule_parse_silence(const char *spec, schedule *s);
/* The decision at local time tm (tm_wday 0 = Sunday as in struct tm, tm_sec used for the silence). now and
 * woken_until are seconds on any one clock: a dark screen shows while now < woken_until. */
schedule_state schedule_at(const schedule *s, const struct tm *tm, int64_t now, int64_t woken_until);
/* The schedule of a kiosk.conf; each bad value is reported in diags (path "kiosk.conf") and its default kept.
 */
void schedule_from_config(schedule *s, const kiosk_config *c, diag_list *diags);
/* True when tm is the day of remembrance. */
bool schedule_is_remembrance_day(const schedule *s, const struct tm *tm);
/* True when the museum is open at tm (ignores wake-ups). */
bool schedule_is_open(const schedule *s, const struct tm *tm);

#endif
