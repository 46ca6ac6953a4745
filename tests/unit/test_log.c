#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <time.h>

#include "log.h"

static char *out;
static size_t out_len;
static FILE *mem;

static int setup(void **state)
{
    mem = open_memstream(&out, &out_len);
    if (mem == NULL)
        return -1;
    log_set_stream(mem);
    log_set_min_level(LOG_INFO);
    return 0;
}

static int teardown(void **state)
{
    log_set_stream(NULL);
    log_set_min_level(LOG_INFO);
    fclose(mem);
    free(out);
    out = NULL;
    out_len = 0;
    return 0;
}

/* Starts again with empty output. */
static void reset_output(void)
{
    teardown(NULL);
    assert_int_equal(setup(NULL), 0);
}

static void expect_output(const char *want)
{
    fflush(mem); /* out is set on a flush (log_end flushes, but nothing may have been written) */
    assert_int_equal(out_len, strlen(want));
    assert_string_equal(out, want);
}

/* Logs one string field and checks the line. */
static void expect_str(const char *value, const char *want_line)
{
    log_line l;
    log_begin(&l, LOG_INFO, "t");
    log_str(&l, "v", value);
    log_end(&l);
    expect_output(want_line);
    reset_output();
}

static void test_basic_line(void **state)
{
    log_line l;
    log_begin(&l, LOG_INFO, "slide");
    log_int(&l, "index", 3);
    log_uint(&l, "count", 12);
    log_str(&l, "kind", "image");
    log_str(&l, "source", "photos/alley.jpg");
    log_end(&l);
    expect_output("level=info event=slide index=3 count=12 kind=image source=photos/alley.jpg\n");
}

static void test_levels_and_min_level(void **state)
{
    log_line l;
    log_begin(&l, LOG_DEBUG, "hidden");
    log_end(&l);
    expect_output(""); /* below the default minimum */
    log_begin(&l, LOG_WARN, "w");
    log_end(&l);
    log_begin(&l, LOG_ERROR, "e");
    log_end(&l);
    log_set_min_level(LOG_DEBUG);
    log_begin(&l, LOG_DEBUG, "d");
    log_end(&l);
    log_set_min_level(LOG_ERROR);
    log_begin(&l, LOG_WARN, "dropped");
    log_end(&l);
    log_begin(&l, LOG_INFO, "dropped");
    log_end(&l);
    expect_output("level=warn event=w\nlevel=error event=e\nlevel=debug event=d\n");
}

static void test_quoting(void **state)
{
    expect_str("plain", "level=info event=t v=plain\n");
    expect_str("", "level=info event=t v=\"\"\n");
    expect_str(NULL, "level=info event=t v=\"\"\n");
    expect_str("two words", "level=info event=t v=\"two words\"\n");
    expect_str("a=b", "level=info event=t v=\"a=b\"\n");
    expect_str("say \"hi\"", "level=info event=t v=\"say \\\"hi\\\"\"\n");
    expect_str("C:\\dir", "level=info event=t v=\"C:\\\\dir\"\n");
    expect_str("l1\nl2\tx", "level=info event=t v=\"l1\\nl2\\tx\"\n");
    expect_str("\x01\x7f\r\x1b", "level=info event=t v=\"\\x01\\x7f\\x0d\\x1b\"\n");
    expect_str("café €", "level=info event=t v=\"café €\"\n");
    expect_str("café", "level=info event=t v=café\n");
    expect_str("it's", "level=info event=t v=it's\n");
}

static void test_event_and_keys(void **state)
{
    log_line l;
    log_begin(&l, LOG_INFO, "odd event");
    log_str(&l, "my-key.x", "1");
    log_end(&l);
    log_begin(&l, LOG_INFO, NULL);
    log_end(&l);
    expect_output("level=info event=\"odd event\" my-key.x=1\nlevel=info event=\"\"\n");
}

static void test_numbers(void **state)
{
    log_line l;
    log_begin(&l, LOG_INFO, "n");
    log_int(&l, "a", -42);
    log_int(&l, "b", LLONG_MIN);
    log_uint(&l, "c", ULLONG_MAX);
    log_double(&l, "d", 1.5);
    log_double(&l, "e", 2.0);
    log_double(&l, "f", 3.14159);
    log_double(&l, "g", 0.0001);
    log_double(&l, "h", -0.0001);
    log_double(&l, "i", -12.25);
    log_double(&l, "j", 1e20);
    log_double(&l, "k", INFINITY);
    log_double(&l, "m", -INFINITY);
    log_double(&l, "z", 0.0);
    log_end(&l);
    expect_output("level=info event=n a=-42 b=-9223372036854775808 c=18446744073709551615 d=1.5 e=2 "
                  "f=3.142 g=0 h=0 i=-12.25 j=1e+20 k=inf m=-inf z=0\n");
}

static void test_nan(void **state)
{
    log_line l;
    log_begin(&l, LOG_INFO, "n");
    log_double(&l, "x", NAN);
    log_end(&l);
    assert_true(strcmp(out, "level=info event=n x=nan\n") == 0 ||
                strcmp(out, "level=info event=n x=-nan\n") == 0);
}

/* Checks the one line in out: a single newline at the end, at most the buffer size, and the mark. */
static void assert_truncated_line(const char *prefix)
{
    assert_true(out_len <= sizeof(((log_line *)0)->buf));
    assert_int_equal(strncmp(out, prefix, strlen(prefix)), 0);
    assert_ptr_equal(strchr(out, '\n'), out + out_len - 1);
    const char *mark = " truncated=true\n";
    assert_string_equal(out + out_len - strlen(mark), mark);
}

static void test_truncation_bare(void **state)
{
    char big[3000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    log_line l;
    log_begin(&l, LOG_WARN, "long");
    log_str(&l, "text", big);
    log_int(&l, "after", 1); /* dropped: the line is full */
    log_end(&l);
    assert_truncated_line("level=warn event=long text=aaaa");
    assert_null(strstr(out, "after="));
    /* The value was cut, not dropped: only the mark follows the run of 'a'. */
    size_t run = strspn(out + strlen("level=warn event=long text="), "a");
    assert_true(run > 1900);
    assert_int_equal(strlen("level=warn event=long text=") + run + strlen(" truncated=true\n"), out_len);
}

static void test_truncation_quoted_keeps_escapes_whole(void **state)
{
    char big[2500];
    memset(big, '\n', sizeof big - 1); /* each escapes to two bytes */
    big[sizeof big - 1] = '\0';
    for (int shift = 0; shift < 2; shift++) {
        reset_output();
        log_line l;
        log_begin(&l, LOG_INFO, shift ? "x" : "xx"); /* both parities of the cut */
        log_str(&l, "text", big);
        log_end(&l);
        assert_truncated_line(shift ? "level=info event=x text=\"\\n" : "level=info event=xx text=\"\\n");
        /* The value ends with a whole "\n" and the closing quote. */
        const char *end = out + out_len - strlen(" truncated=true\n");
        assert_memory_equal(end - 3, "\\n\"", 3);
        const char *v = strchr(out, '"') + 1;
        for (const char *p = v; p < end - 1; p += 2)
            assert_memory_equal(p, "\\n", 2);
        assert_int_equal((end - 1 - v) % 2, 0);
    }
}

static void test_truncation_keeps_utf8_whole(void **state)
{
    char big[3001];
    for (size_t i = 0; i + 1 < sizeof big; i += 2)
        memcpy(big + i, "\xc3\xa9", 2); /* é */
    big[sizeof big - 1] = '\0';
    for (int shift = 0; shift < 2; shift++) {
        reset_output();
        log_line l;
        log_begin(&l, LOG_INFO, shift ? "u" : "uu");
        log_str(&l, "text", big);
        log_end(&l);
        const char *v = strstr(out, "text=") + 5;
        size_t n = (size_t)(out + out_len - strlen(" truncated=true\n") - v);
        assert_int_equal(n % 2, 0);
        assert_true(n > 1900);
        assert_int_equal(memcmp(v + n - 2, "\xc3\xa9", 2), 0);
    }
}

static void test_truncation_key_does_not_fit(void **state)
{
    char big[2100];
    memset(big, 'b', 2000);
    big[2000] = '\0';
    log_line l;
    log_begin(&l, LOG_INFO, "k");
    log_str(&l, "a", big); /* fits */
    log_str(&l, "a_key_that_cannot_fit_anymore", "1");
    log_str(&l, "c", "2");
    log_end(&l);
    char want[2200];
    snprintf(want, sizeof want, "level=info event=k a=%s truncated=true\n", big);
    expect_output(want);
}

static void test_line_just_fits(void **state)
{
    /* Exactly the room for fields: no truncation. */
    const size_t room = sizeof(((log_line *)0)->buf) - strlen(" truncated=true") - 2;
    const char *prefix = "level=info event=f v=";
    char value[2100];
    size_t n = room - strlen(prefix);
    memset(value, 'c', n);
    value[n] = '\0';
    log_line l;
    log_begin(&l, LOG_INFO, "f");
    log_str(&l, "v", value);
    log_end(&l);
    assert_int_equal(out_len, room + 1);
    assert_null(strstr(out, "truncated"));
    /* One byte more is cut. */
    reset_output();
    value[n] = 'c';
    value[n + 1] = '\0';
    log_begin(&l, LOG_INFO, "f");
    log_str(&l, "v", value);
    log_end(&l);
    assert_truncated_line(prefix);
    assert_int_equal(out_len, room + strlen(" truncated=true") + 1);
}

static void test_end_twice_writes_same_line(void **state)
{
    char big[3000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    log_line l;
    log_begin(&l, LOG_INFO, "t");
    log_str(&l, "v", big);
    log_end(&l);
    size_t first = out_len;
    log_end(&l);
    assert_int_equal(out_len, 2 * first);
    assert_memory_equal(out, out + first, first);
}

static void test_clock(void **state)
{
    log_init_clock();
    uint64_t a = log_ms_since_start();
    log_init_clock(); /* a second call does not restart the clock */
    struct timespec d = {0, 30 * 1000000L};
    nanosleep(&d, NULL);
    uint64_t b = log_ms_since_start();
    assert_true(b >= a + 30);
    assert_true(b < a + 10000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_basic_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_levels_and_min_level, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quoting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_and_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nan, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncation_bare, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncation_quoted_keeps_escapes_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncation_keeps_utf8_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncation_key_does_not_fit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_just_fits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_end_twice_writes_same_line, setup, teardown),
        cmocka_unit_test(test_clock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
