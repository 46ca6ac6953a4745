/* live.stallwatch: the stall watcher (src/app/stallwatch.c) names the step a turn of the main loop is held
 * in, once per turn, while it is held; a turn that ends in time or a loop asleep is never reported. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL.h>

#include "log.h"
#include "stallwatch.h"
#include "testfs.h"

static char *logged(FILE *f)
{
    fflush(f);
    char *s = tf_read_stream(f, NULL);
    assert_non_null(s);
    return s;
}

static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what)) {
        n++;
    }
    return n;
}

static void held_step_named_once(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    log_set_stream(f);
    stallwatch *sw = stallwatch_open(100, 0, 0, NULL);
    assert_non_null(sw);

    /* a quick turn, then the loop asleep: nothing */
    stallwatch_busy(sw, SDL_GetTicks64(), "reload", false);
    stallwatch_step(sw, "draw", false);
    stallwatch_idle(sw);
    SDL_Delay(300);
    char *s = logged(f);
    assert_int_equal(count(s, "event=stalled"), 0);
    free(s);

    /* a turn held in "prepare" for 400 ms: one line, naming it */
    stallwatch_busy(sw, SDL_GetTicks64(), "reload", false);
    stallwatch_step(sw, "prepare", false);
    SDL_Delay(400);
    stallwatch_idle(sw);
    s = logged(f);
    assert_int_equal(count(s, "event=stalled"), 1);
    assert_non_null(strstr(s, "level=warn event=stalled step=prepare ms="));
    free(s);

    /* the next held turn is reported again */
    stallwatch_busy(sw, SDL_GetTicks64(), "input", false);
    SDL_Delay(300);
    stallwatch_idle(sw);
    s = logged(f);
    assert_int_equal(count(s, "event=stalled"), 2);
    assert_non_null(strstr(s, "event=stalled step=input"));
    free(s);

    stallwatch_close(sw);
    log_set_stream(stderr);
    fclose(f);
}

static SDL_atomic_t feeds;

static void feed(void)
{
    SDL_AtomicIncRef(&feeds);
}

/* Fed every feed_ms only while the turn is in a step that may be long, and only for grace_ms. */
static void long_step_fed_within_grace(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    log_set_stream(f); /* the stalled lines are not looked at here */
    stallwatch *sw = stallwatch_open(5000, 1000, 100, feed);
    assert_non_null(sw);

    SDL_AtomicSet(&feeds, 0); /* a short step that may not be long: never fed */
    stallwatch_busy(sw, SDL_GetTicks64(), "input", false);
    SDL_Delay(450);
    stallwatch_idle(sw);
    assert_int_equal(SDL_AtomicGet(&feeds), 0);

    SDL_AtomicSet(&feeds, 0); /* a long draw of 650 ms: fed about 6 times */
    stallwatch_busy(sw, SDL_GetTicks64(), "reload", false);
    stallwatch_step(sw, "draw", true);
    SDL_Delay(650);
    stallwatch_idle(sw);
    int n = SDL_AtomicGet(&feeds);
    assert_in_range(n, 3, 7);
    SDL_Delay(300); /* asleep: no more */
    assert_int_equal(SDL_AtomicGet(&feeds), n);

    SDL_AtomicSet(&feeds, 0); /* a draw held for 2 s: fed only during the first second (the grace) */
    stallwatch_busy(sw, SDL_GetTicks64(), "draw", true);
    SDL_Delay(2000);
    n = SDL_AtomicGet(&feeds);
    stallwatch_idle(sw);
    assert_in_range(n, 6, 10);

    stallwatch_close(sw);
    log_set_stream(stderr);
    fclose(f);
}

static void null_watcher_does_nothing(void **state)
{
    (void)state;
    stallwatch_busy(NULL, 0, "reload", true);
    stallwatch_step(NULL, "draw", true);
    stallwatch_idle(NULL);
    stallwatch_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(held_step_named_once),
        cmocka_unit_test(long_step_fed_within_grace),
        cmocka_unit_test(null_watcher_does_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
