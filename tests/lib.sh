# tests/lib.sh: the helpers every shell test under tests/ shares (tests/vm's host scripts take skip and
# need_exe-like checks from it; their fail prints the guest's logs and stays their own). Source it; do not run it:
#   source "$(dirname "$0")/../lib.sh"
#
#   test_begin NAME       a work folder $work (${TMPDIR:-/tmp}/kiosk-NAME-XXXXXX) and $log ($work/log);
#                         at exit (the EXIT trap): the process in $pid (when set), every process in the
#                         array $test_pids killed with SIGKILL and reaped, xvfb_start's Xvfb stopped
#                         with SIGTERM (a killed Xvfb leaves its socket behind, taking the display), the function test_on_exit called (when the test defines one), then
#                         the work folder removed or kept (see KIOSK_TEST_KEEP_TMP below)
#   fail MESSAGE          "FAIL: [$test_tag: ]MESSAGE", the function test_on_fail called (when the test
#                         defines one), the last $test_log_lines (200) lines of $log and of every file
#                         in $test_logs, exit 1
#   skip MESSAGE          "SKIP: [$test_tag: ]MESSAGE" on stderr, exit 77 (CTest's SKIP_RETURN_CODE)
#   fail_later MESSAGE    "FAIL: MESSAGE", counted in $failures; the test goes on (finish ends it)
#   finish                exit 1 with the count when fail_later was called, else return
#   count PATTERN         lines of $log matching PATTERN (grep's basic regular expression)
#   wait_for PATTERN N SECONDS   until $log has N lines matching PATTERN, else fail
#   need_exe FILE WHAT    fail (exit 1) unless FILE is an executable: "build WHAT first"
#   is_foreign FILE       true when the ELF FILE is built for another architecture than this shell
#                         (the arm64 suite run by qemu-user: RSS, valgrind and /proc/PID/exe differ)
#   is_asan FILE          true when FILE carries AddressSanitizer (gcc: libasan.so; clang: a static
#                         runtime); asan_runtime FILE prints the libasan.so it loads (empty: none), for
#                         an LD_PRELOAD that must list it first
#   xvfb_start [SCREEN]   a private Xvfb (SCREEN: 1024x768x24) on a free display number: DISPLAY
#                         exported, its pid in $test_xvfb (stopped at exit), its log
#                         $work/xvfb.log; fail when it does not start within 10 s
#   stop_test_pids        SIGTERM to every process in $test_pids, each waited for, the array emptied
#   article FILE TITLE    a short article (title, dateline, one paragraph)
#
# KIOSK_TEST_KEEP_TMP: one meaning for every test. 1 keeps the work folder of a test that passed
# (its path printed to stderr); a test that failed keeps its folder anyway. Unset, empty or any other
# value: a test that passed removes it. The C tests (tests/common) keep theirs with 1 only.
# shellcheck shell=bash

work=
log=
pid=
test_pids=()  # a test's other processes (several kiosks): killed at exit like $pid
test_xvfb= # xvfb_start's Xvfb: stopped at exit with SIGTERM (it then removes its socket and lock)
failures=0
test_tag=
test_logs=
test_log_lines=200

test_keep_tmp() { [[ ${KIOSK_TEST_KEEP_TMP:-0} == 1 ]]; }

test_begin() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-$1-XXXXXX")
    log=$work/log
    trap test_cleanup EXIT
}

test_cleanup() {
    local rc=$?
    set +e
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
    pid=
    local p
    for p in "${test_pids[@]}"; do
        kill -KILL "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    if [[ -n $test_xvfb ]]; then
        kill -TERM "$test_xvfb" 2>/dev/null
        wait "$test_xvfb" 2>/dev/null
    fi
    if declare -F test_on_exit >/dev/null; then test_on_exit; fi
    if [[ -n $work && -d $work ]]; then
        if test_keep_tmp || ((rc != 0)); then
            echo "work folder kept: $work" >&2
        else
            chmod -R u+rwX "$work" 2>/dev/null
            rm -rf "$work"
        fi
    fi
    exit "$rc"
}

fail() {
    echo "FAIL: ${test_tag:+$test_tag: }$*" >&2
    if declare -F test_on_fail >/dev/null; then test_on_fail; fi
    local f
    for f in "$log" $test_logs; do
        [[ -s $f ]] || continue
        echo "---- $(basename "$f") (last $test_log_lines lines) ----" >&2
        tail -n "$test_log_lines" "$f" >&2 || true
    done
    exit 1
}

skip() {
    echo "SKIP: ${test_tag:+$test_tag: }$*" >&2
    exit 77
}

fail_later() {
    echo "FAIL: ${test_tag:+$test_tag: }$*" >&2
    failures=$((failures + 1))
}

finish() {
    if ((failures > 0)); then
        echo "$failures failure(s)" >&2
        exit 1
    fi
}

count() { grep -c -- "$1" "$log" || true; }

wait_for() {
    local deadline=$((SECONDS + $3))
    while ((SECONDS < deadline)); do
        (($(count "$1") >= $2)) && return 0
        sleep 0.1
    done
    fail "no $2 line(s) matching '$1' within $3 s"
}

need_exe() {
    [[ -x $1 ]] && return 0
    echo "FAIL: $1 is not an executable (build $2 first)" >&2
    exit 1
}

# The ELF header's e_machine (2 bytes at offset 18) of FILE and of /bin/sh.
is_foreign() {
    [[ $(od -An -tu2 -j18 -N2 "$1" | tr -d ' ') != "$(od -An -tu2 -j18 -N2 /bin/sh | tr -d ' ')" ]]
}

# Read whole before matching: `ldd X | grep -q` under pipefail fails at random (SIGPIPE to ldd).
is_asan() {
    local out
    out=$({ ldd "$1"; nm -D "$1"; } 2>/dev/null || true)
    [[ $out == *libasan* || $out == *" __asan_init"* ]]
}

asan_runtime() {
    ldd "$1" 2>/dev/null | awk '/libasan/ { print $3; exit }' || true
}

xvfb_start() {
    exec 3>"$work/displayfd"
    Xvfb -displayfd 3 -screen 0 "${1:-1024x768x24}" -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
    test_xvfb=$!
    exec 3>&-
    local _
    for _ in $(seq 100); do [[ -s $work/displayfd ]] && break; sleep 0.1; done
    [[ -s $work/displayfd ]] || fail "Xvfb did not start"
    DISPLAY=":$(head -n1 "$work/displayfd")"
    export DISPLAY
}

stop_test_pids() {
    local p
    for p in "${test_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${test_pids[@]}"; do wait "$p" 2>/dev/null || true; done
    test_pids=()
}

article() {
    printf '%s\n\nBaku, 20 January\n\nA paragraph about %s, long enough to be read.\n' "$2" "$2" >"$1"
}
