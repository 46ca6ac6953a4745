/* live.notify: under systemd (Type=notify, WatchdogSec) the kiosk tells its state on NOTIFY_SOCKET:
 * READY=1 once the first frame is drawn, WATCHDOG=1 from the main loop at least every half watchdog
 * interval while a slide is still, and STOPPING=1 when SIGTERM arrives; in that order.
 * Usage: kiosk_notify PATH/TO/memorial-kiosk */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <poll.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testfs.h"

static const char *g_bin;

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Receives one datagram within timeout_ms into buf; returns its length or -1. */
static ssize_t receive(int fd, char *buf, size_t n, int timeout_ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0)
        return -1;
    ssize_t len = recv(fd, buf, n - 1, 0);
    if (len >= 0)
        buf[len] = '\0';
    return len;
}

static void ready_watchdog_stopping(void **state)
{
    (void)state;
    char dir[] = "/tmp/kiosk-notify-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sock_path[64], content[64], log_path[96];
    snprintf(sock_path, sizeof sock_path, "%s/notify.sock", dir);
    snprintf(content, sizeof content, "%s/content", dir);
    snprintf(log_path, sizeof log_path, "%s/log", dir);
    assert_int_equal(mkdir(content, 0755), 0);
    assert_int_equal(tf_write_text(content, "a.txt", "A still slide\n\nBaku\n\nOne paragraph.\n"), 0);

    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock_path);
    assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setenv("NOTIFY_SOCKET", sock_path, 1);
        setenv("WATCHDOG_USEC", "400000", 1); /* 0.4 s: fed at least every 0.2 s */
        unsetenv("WATCHDOG_PID");
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        if (!freopen(log_path, "w", stderr))
            _exit(126);
        /* one article, slow: the title slide stays still for a long time */
        execl(g_bin, g_bin, "--window", "320x240", "--speed", "0.1", content, (char *)NULL);
        _exit(127);
    }

    char msg[512];
    long start = now_ms(), ready_at = -1, last_feed = -1, longest_gap = 0;
    int feeds = 0;
    while (now_ms() - start < 30000 && feeds < 10) {
        if (receive(fd, msg, sizeof msg, 2000) < 0)
            continue;
        if (strstr(msg, "READY=1")) {
            assert_int_equal(ready_at, -1);
            assert_int_equal(feeds, 0); /* READY comes first */
            ready_at = now_ms();
            last_feed = ready_at;
        } else if (strstr(msg, "WATCHDOG=1")) {
            if (ready_at < 0)
                fail_msg("WATCHDOG=1 before READY=1");
            long gap = now_ms() - last_feed;
            longest_gap = gap > longest_gap ? gap : longest_gap;
            last_feed = now_ms();
            feeds++;
        }
        assert_null(strstr(msg, "STOPPING=1"));
    }
    if (ready_at < 0)
        fail_msg("no READY=1 within 30 s");
    if (feeds < 10)
        fail_msg("only %d WATCHDOG=1 messages", feeds);
    print_message("READY after %ld ms; 10 watchdog feeds, longest gap %ld ms\n", ready_at - start,
                  longest_gap);
    assert_true(longest_gap < 400); /* never longer than the interval itself */

    kill(pid, SIGTERM);
    bool stopping = false;
    while (receive(fd, msg, sizeof msg, 5000) >= 0)
        if (strstr(msg, "STOPPING=1")) {
            stopping = true;
            break;
        }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(stopping);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    close(fd);
    tf_rm_rf(dir);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s MEMORIAL_KIOSK\n", argv[0]);
        return 2;
    }
    g_bin = argv[1];
    const struct CMUnitTest tests[] = {cmocka_unit_test(ready_watchdog_stopping)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
