/* schedule: see schedule.h. */
#include "schedule.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const day_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

void schedule_defaults(schedule *s)
{
    memset(s, 0, sizeof *s);
    s->always_open = true;
    for (int d = 0; d < 7; d++) {
        s->open[d] = 0;
        s->close[d] = 24 * 60;
    }
    s->remembrance_month = 1;
    s->remembrance_day = 20;
    s->silence_minute = 12 * 60;
    s->silence_seconds = 60;
    s->wake_seconds = 180;
}

static int day_index(const char *p)
{
    for (int d = 0; d < 7; d++) {
        if (strncasecmp(p, day_names[d], 3) == 0) {
            return d;
        }
    }
    return -1;
}

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    return p;
}

/* "HH:MM" -> minutes; 24:00 allowed as an end. Returns the end pointer or NULL. */
static const char *parse_time(const char *p, int *minutes)
{
    int h, m, n = 0;
    if (sscanf(p, "%2d:%2d%n", &h, &m, &n) != 2 || n < 4 || h < 0 || h > 24 || m < 0 || m > 59 ||
        (h == 24 && m != 0)) {
        return NULL;
    }
    *minutes = h * 60 + m;
    return p + n;
}

int schedule_parse_hours(const char *spec, schedule *s, char *err, size_t errlen)
{
    schedule t = *s;
    const char *p = skip_space(spec);
    if (strcasecmp(p, "always") == 0 || *p == '\0') {
        s->always_open = true;
        return 0;
    }
    t.always_open = false;
    for (int d = 0; d < 7; d++) {
        t.open[d] = t.close[d] = -1;
    }
    while (*p) {
        int first, last;
        p = skip_space(p);
        if (strncasecmp(p, "daily", 5) == 0) {
            first = 0, last = 6;
            p += 5;
        } else {
            if ((first = day_index(p)) < 0) {
                goto bad_day;
            }
            p += 3;
            last = first;
            if (*p == '-') {
                if ((last = day_index(p + 1)) < 0) {
                    goto bad_day;
                }
                p += 4;
            }
        }
        int open, close;
        p = skip_space(p);
        if (strncasecmp(p, "closed", 6) == 0) {
            open = close = -1;
            p += 6;
        } else {
            if (!(p = parse_time(p, &open)) || *p != '-' || !(p = parse_time(p + 1, &close)) ||
                open == close) {
                snprintf(err, errlen, "expected hours like 09:00-18:00");
                return -1;
            }
        }
        for (int d = first;; d = (d + 1) % 7) {
            t.open[d] = (int16_t)open;
            t.close[d] = (int16_t)close;
            if (d == last) {
                break;
            }
        }
        p = skip_space(p);
        if (*p == ',') {
            p++;
        } else if (*p) {
            snprintf(err, errlen, "expected ',' between day ranges");
            return -1;
        }
    }
    *s = t;
    return 0;
bad_day:
    snprintf(err, errlen, "expected a day (mon tue wed thu fri sat sun, or daily)");
    return -1;
}

int schedule_parse_day(const char *spec, schedule *s)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int m, d, n = 0;
    if (*spec == '\0' || strcasecmp(spec, "none") == 0) {
        s->remembrance_month = s->remembrance_day = 0;
        return 0;
    }
    if (sscanf(spec, "%2d-%2d%n", &m, &d, &n) != 2 || spec[n] != '\0' || m < 1 || m > 12 || d < 1 ||
        d > days[m - 1]) {
        return -1;
    }
    s->remembrance_month = m;
    s->remembrance_day = d;
    return 0;
}

int schedule_parse_silence(const char *spec, schedule *s)
{
    int minutes;
    const char *end;
    if (*spec == '\0' || strcasecmp(spec, "none") == 0) {
        s->silence_minute = -1;
        return 0;
    }
    if (!(end = parse_time(spec, &minutes)) || *end != '\0' || minutes >= 24 * 60) {
        return -1;
    }
    s->silence_minute = minutes;
    return 0;
}

bool schedule_is_open(const schedule *s, const struct tm *tm)
{
    if (s->always_open) {
        return true;
    }
    int today = (tm->tm_wday + 6) % 7; /* struct tm: 0 = Sunday; here 0 = Monday */
    int yesterday = (today + 6) % 7;
    int now = tm->tm_hour * 60 + tm->tm_min;
    int o = s->open[today], c = s->close[today];
    if (o >= 0 && (o < c ? now >= o && now < c : now >= o)) {
        return true;
    }
    /* yesterday's hours that pass midnight */
    o = s->open[yesterday];
    c = s->close[yesterday];
    return o >= 0 && c < o && now < c;
}

void schedule_from_config(schedule *s, const kiosk_config *c, diag_list *diags)
{
    char err[128];
    schedule_defaults(s);
    if (schedule_parse_hours(c->hours, s, err, sizeof err) != 0) {
        diag_add(diags, DIAG_ERROR, "kiosk.conf", 0, "[schedule] hours '%s': %s; open always", c->hours, err);
    }
    if (schedule_parse_day(c->remembrance_day, s) != 0) {
        diag_add(diags, DIAG_ERROR, "kiosk.conf", 0,
                 "[schedule] remembrance_day '%s': expected MONTH-DAY like 01-20, or none; 01-20 is used",
                 c->remembrance_day);
    }
    if (schedule_parse_silence(c->silence, s) != 0) {
        diag_add(diags, DIAG_ERROR, "kiosk.conf", 0,
                 "[schedule] silence '%s': expected a time like 12:00, or none; 12:00 is used", c->silence);
    }
    s->silence_seconds = (c->silence_ms + 999) / 1000;
    s->wake_seconds = (c->wake_ms + 999) / 1000;
}

bool schedule_is_remembrance_day(const schedule *s, const struct tm *tm)
{
    return s->remembrance_month && tm->tm_mon + 1 == s->remembrance_month &&
           tm->tm_mday == s->remembrance_day;
}

schedule_state schedule_at(const schedule *s, const struct tm *tm, int64_t now, int64_t woken_until)
{
    schedule_state st = {SCHEDULE_SHOW, false};
    st.remembrance_day =
        s->remembrance_month && tm->tm_mon + 1 == s->remembrance_month && tm->tm_mday == s->remembrance_day;
    if (st.remembrance_day && s->silence_minute >= 0) {
        int64_t sec = (int64_t)(tm->tm_hour * 60 + tm->tm_min) * 60 + tm->tm_sec;
        int64_t start = (int64_t)s->silence_minute * 60;
        if (sec >= start && sec < start + s->silence_seconds) {
            st.mode = SCHEDULE_SILENCE;
            return st;
        }
    }
    if (!schedule_is_open(s, tm) && now >= woken_until) {
        st.mode = SCHEDULE_DARK;
    }
    return st;
}
