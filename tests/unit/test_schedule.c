/* Unit tests of the schedule: opening hours, the day of remembrance and the minute of silence, as pure
 * decisions over fixed instants in fixed time zones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "schedule.h"

/* The local time of a UTC instant in time zone tz. */
static struct tm local_in(const char *tz, int y, int mo, int d, int h, int mi, int s)
{
    struct tm utc = {0}, out;
    utc.tm_year = y - 1900;
    utc.tm_mon = mo - 1;
    utc.tm_mday = d;
    utc.tm_hour = h;
    utc.tm_min = mi;
    utc.tm_sec = s;
    time_t t = timegm(&utc);
    setenv("TZ", tz, 1);
    tzset();
    assert_non_null(localtime_r(&t, &out));
    return out;
}

static schedule museum(void)
{
    schedule s;
    char err[128];
    schedule_defaults(&s);
    assert_int_equal(schedule_parse_hours("mon-fri 09:00-18:00, sat 10:00-16:00", &s, err, sizeof err), 0);
    return s;
}

static void test_always_open_by_default(void **state)
{
    (void)state;
    schedule s;
    schedule_defaults(&s);
    struct tm tm = local_in("UTC", 2026, 3, 1, 3, 0, 0);
    assert_int_equal(schedule_at(&s, &tm, 0, 0).mode, SCHEDULE_SHOW);
}

static void test_opening_hours(void **state)
{
    (void)state;
    schedule s = museum();
    /* 2026-11-25 is a Wednesday; Baku is UTC+4 all year */
    struct tm tm = local_in("Asia/Baku", 2026, 11, 25, 4, 59, 0); /* 08:59 local */
    assert_int_equal(tm.tm_hour, 8);
    assert_int_equal(schedule_at(&s, &tm, 100, 0).mode, SCHEDULE_DARK);
    tm = local_in("Asia/Baku", 2026, 11, 25, 5, 0, 0); /* 09:00 */
    assert_int_equal(schedule_at(&s, &tm, 100, 0).mode, SCHEDULE_SHOW);
    tm = local_in("Asia/Baku", 2026, 11, 25, 13, 59, 0); /* 17:59 */
    assert_int_equal(schedule_at(&s, &tm, 100, 0).mode, SCHEDULE_SHOW);
    tm = local_in("Asia/Baku", 2026, 11, 25, 14, 0, 0); /* 18:00 closes */
    assert_int_equal(schedule_at(&s, &tm, 100, 0).mode, SCHEDULE_DARK);
    tm = local_in("Asia/Baku", 2026, 11, 28, 11, 0, 0); /* Saturday 15:00 */
    assert_int_equal(schedule_at(&s, &tm, 100, 0).mode, SCHEDULE_SHOW);
    tm = local_in("Asia/Baku", 2026, 11, 29, 8, 0, 0); /* Sunday noon: closed */
    assert_int_equal(schedule_at(&s, &tm, 100, 0).mode, SCHEDULE_DARK);
    /* a tap woke the screen until 280 */
    assert_int_equal(schedule_at(&s, &tm, 100, 280).mode, SCHEDULE_SHOW);
    assert_int_equal(schedule_at(&s, &tm, 280, 280).mode, SCHEDULE_DARK);
}

static void test_same_instant_other_zone(void **state)
{
    (void)state;
    schedule s = museum();
    /* 06:30 UTC on a Wednesday: open in Baku (10:30), closed in London (06:30) */
    struct tm baku = local_in("Asia/Baku", 2026, 11, 25, 6, 30, 0);
    struct tm london = local_in("Europe/London", 2026, 11, 25, 6, 30, 0);
    assert_int_equal(schedule_at(&s, &baku, 0, 0).mode, SCHEDULE_SHOW);
    assert_int_equal(schedule_at(&s, &london, 0, 0).mode, SCHEDULE_DARK);
}

static void test_hours_past_midnight(void **state)
{
    (void)state;
    schedule s;
    char err[128];
    schedule_defaults(&s);
    assert_int_equal(schedule_parse_hours("daily 18:00-02:00", &s, err, sizeof err), 0);
    struct tm tm = local_in("UTC", 2026, 11, 25, 1, 0, 0);
    assert_true(schedule_is_open(&s, &tm));
    tm = local_in("UTC", 2026, 11, 25, 3, 0, 0);
    assert_false(schedule_is_open(&s, &tm));
    tm = local_in("UTC", 2026, 11, 25, 23, 0, 0);
    assert_true(schedule_is_open(&s, &tm));
}

static void test_remembrance_day_and_silence(void **state)
{
    (void)state;
    schedule s = museum();
    /* 20 January 2026 is a Tuesday. 12:00:30 in Baku = 08:00:30 UTC */
    struct tm tm = local_in("Asia/Baku", 2026, 1, 20, 8, 0, 30);
    schedule_state st = schedule_at(&s, &tm, 0, 0);
    assert_true(st.remembrance_day);
    assert_int_equal(st.mode, SCHEDULE_SILENCE);
    tm = local_in("Asia/Baku", 2026, 1, 20, 7, 59, 59); /* 11:59:59 */
    assert_int_equal(schedule_at(&s, &tm, 0, 0).mode, SCHEDULE_SHOW);
    tm = local_in("Asia/Baku", 2026, 1, 20, 8, 1, 0); /* 12:01:00: the minute is over */
    st = schedule_at(&s, &tm, 0, 0);
    assert_int_equal(st.mode, SCHEDULE_SHOW);
    assert_true(st.remembrance_day);
    /* the same instant in UTC is 08:00:30: no silence, still the 20th, and before opening time */
    tm = local_in("UTC", 2026, 1, 20, 8, 0, 30);
    st = schedule_at(&s, &tm, 0, 0);
    assert_int_equal(st.mode, SCHEDULE_DARK);
    assert_true(st.remembrance_day);
    /* the silence is kept even outside opening hours (a Sunday) */
    tm = local_in("Asia/Baku", 2030, 1, 20, 8, 0, 0);
    assert_int_equal(tm.tm_wday, 0);
    assert_int_equal(schedule_at(&s, &tm, 0, 0).mode, SCHEDULE_SILENCE);
    /* another day */
    tm = local_in("Asia/Baku", 2026, 1, 21, 8, 0, 30);
    st = schedule_at(&s, &tm, 0, 0);
    assert_false(st.remembrance_day);
    assert_int_equal(st.mode, SCHEDULE_SHOW);
}

static void test_parse_errors_and_off(void **state)
{
    (void)state;
    schedule s;
    char err[128];
    schedule_defaults(&s);
    assert_int_equal(schedule_parse_hours("monday 9-5", &s, err, sizeof err), -1);
    assert_int_equal(schedule_parse_hours("mon 09:00-25:00", &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "09:00-18:00"));
    assert_int_equal(schedule_parse_hours("xyz 09:00-18:00", &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "mon"));
    assert_int_equal(schedule_parse_hours("mon 09:00-18:00 tue 09:00-18:00", &s, err, sizeof err), -1);
    assert_true(s.always_open); /* unchanged after errors */
    assert_int_equal(schedule_parse_hours("sat-mon 10:00-14:00, sun closed", &s, err, sizeof err), 0);
    assert_int_equal(s.open[5], 600);
    assert_int_equal(s.open[6], -1);
    assert_int_equal(s.open[0], 600);
    assert_int_equal(s.open[2], -1);
    assert_int_equal(schedule_parse_day("02-30", &s), -1);
    assert_int_equal(schedule_parse_day("1-20x", &s), -1);
    assert_int_equal(schedule_parse_day("none", &s), 0);
    assert_int_equal(s.remembrance_month, 0);
    assert_int_equal(schedule_parse_silence("12:60", &s), -1);
    assert_int_equal(schedule_parse_silence("none", &s), 0);
    assert_int_equal(s.silence_minute, -1);
    assert_int_equal(schedule_parse_silence("11:30", &s), 0);
    assert_int_equal(s.silence_minute, 690);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_always_open_by_default),      cmocka_unit_test(test_opening_hours),
        cmocka_unit_test(test_same_instant_other_zone),     cmocka_unit_test(test_hours_past_midnight),
        cmocka_unit_test(test_remembrance_day_and_silence), cmocka_unit_test(test_parse_errors_and_off),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
