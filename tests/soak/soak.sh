#!/usr/bin/env bash
# soak.sh: the live show, accelerated, for a given number of transitions; then SIGTERM. See README.md.
#
#   tests/soak/soak.sh [--transitions N] [--kiosk PATH] [--tool PATH] [--mode auto|asan|release]
#                      [--speed F] [--window WxH] [--rss-limit-kb K] [--timeout S] [--keep]
#
# A content folder of a few dozen mixed slides (gen_content.sh: articles in three languages, PNG and
# JPEG pictures with and without captions, contain/cover/kenburns) is shown with SDL's dummy video driver
# at --speed 40 (kiosk.conf: 1 s slides, 2 s crossfades: a 50 ms transition, about 3 frames, then 25 ms at
# rest), until the log has N transitions (event=slide lines after the first). Then SIGTERM, and:
#   - exit status 0 and one event=quit; no level=error line; no sanitizer report (ERROR: AddressSanitizer,
#     LeakSanitizer, runtime error:); with an ASan build, LeakSanitizer runs at exit: 0 leaks
#   - the slides follow each other in order (index i+1 after i, 1 after the last): none skipped
#   - at least one frame interval per transition on average (transitions are drawn, not cut)
#   - release builds: VmRSS from /proc/PID/status every second; after the warm-up (the first 10 s and two
#     passes through the show), the median of each 10-sample window stays within --rss-limit-kb (2048) of
#     the others. The raw minimum and maximum are printed too: they include the short-lived buffers of a
#     picture being decoded at the moment of the sample.
# Prints the event=frame-stats line, the rate of transitions and the RSS summary; the series is in the
# work folder (kept with --keep or on failure).
# Exit status: 0 pass, 1 fail, 2 usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

transitions=1000
bin=${KIOSK_SOAK_BIN:-$root/build-soak/memorial-kiosk}
tool=
mode=auto
speed=40
window=640x360
rss_limit_kb=2048
timeout=
keep=0 # --keep: as KIOSK_TEST_KEEP_TMP=1 (tests/lib.sh)

usage() {
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
while (($#)); do
    case $1 in
    --transitions) transitions=${2:?}; shift 2 ;;
    --kiosk) bin=${2:?}; shift 2 ;;
    --tool) tool=${2:?}; shift 2 ;;
    --mode) mode=${2:?}; shift 2 ;;
    --speed) speed=${2:?}; shift 2 ;;
    --window) window=${2:?}; shift 2 ;;
    --rss-limit-kb) rss_limit_kb=${2:?}; shift 2 ;;
    --timeout) timeout=${2:?}; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) usage ;;
    *) echo "soak.sh: unknown argument '$1'" >&2; usage ;;
    esac
done
[[ $transitions =~ ^[0-9]+$ ]] && ((transitions >= 1)) || { echo "soak.sh: --transitions N (N >= 1)" >&2; exit 2; }
[[ $mode == auto || $mode == asan || $mode == release ]] || usage
[[ -z $tool ]] && tool=$(dirname "$bin")/tests/badinput/badinput_tool
# shellcheck source=tests/lib.sh
source "$here/../lib.sh"
if ((keep)); then export KIOSK_TEST_KEEP_TMP=1; fi
need_exe "$bin" memorial-kiosk
need_exe "$tool" badinput_tool
# at least 4 transitions a second (13 are expected), plus two minutes to start and stop
[[ -n $timeout ]] || timeout=$((120 + transitions / 4))

if [[ $mode == auto ]]; then
    if is_asan "$bin"; then mode=asan; else mode=release; fi
fi

test_begin soak
series=$work/rss.txt # elapsed_s rss_kb transitions
test_log_lines=40

"$here/gen_content.sh" "$tool" "$work/content"

export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset NOTIFY_SOCKET WATCHDOG_USEC WATCHDOG_PID
if [[ $mode == asan ]]; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1"
    export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fi

count_slides() { grep -c ' event=slide ' "$log" || true; }

echo "soak: mode=$mode kiosk=$bin transitions=$transitions speed=$speed window=$window"
"$bin" --window "$window" --speed "$speed" "$work/content" 2>"$log" &
pid=$!
start=$SECONDS
: >"$series"

# Every second: the resident memory and the transitions so far, until there are enough.
done_t=0
next_report=$((SECONDS + 60))
while :; do
    sleep 1
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    if [[ -z $rss ]] || ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid" && rc=0 || rc=$?
        pid=
        fail "the kiosk ended by itself (exit status $rc) after $((SECONDS - start)) s, before the SIGTERM"
    fi
    n=$(count_slides)
    done_t=$((n > 0 ? n - 1 : 0))
    echo "$((SECONDS - start)) $rss $done_t" >>"$series"
    ((done_t >= transitions)) && break
    if ((SECONDS - start > timeout)); then
        fail "only $done_t of $transitions transitions after $timeout s"
    fi
    if ((SECONDS >= next_report)); then
        echo "soak: $((SECONDS - start)) s: $done_t transitions, VmRSS $rss kB"
        next_report=$((SECONDS + 60))
    fi
done
elapsed=$((SECONDS - start))

kill -TERM "$pid"
stop_deadline=$((SECONDS + 60)) # LeakSanitizer's check at exit takes a few seconds
while kill -0 "$pid" 2>/dev/null && ((SECONDS < stop_deadline)); do
    sleep 0.1
done
kill -0 "$pid" 2>/dev/null && fail "still running 60 s after SIGTERM"
wait "$pid" && rc=0 || rc=$?
pid=

# ---- checks ----------------------------------------------------------------------------------------
grep -E -q 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: [A-Za-z]+Sanitizer' "$log" &&
    fail "sanitizer report (see the log)"
((rc == 0)) || fail "exit status $rc after SIGTERM (0 expected)"
(($(grep -c ' event=quit' "$log" || true) == 1)) || fail "not exactly one event=quit"
if grep -q '^level=error' "$log"; then
    grep '^level=error' "$log" | head -5 >&2
    fail "level=error lines in the log"
fi
slides=$(sed -n 's/.* event=content-loaded slides=\([0-9]*\) .*/\1/p' "$log" | head -1)
[[ -n $slides ]] && ((slides >= 24)) || fail "content-loaded: ${slides:-no} slides (a few dozen expected)"

n=$(count_slides)
done_t=$((n - 1))
order=$(awk -v want="$slides" '
    / event=slide / {
        i = ""; c = ""
        for (k = 1; k <= NF; k++) {
            if ($k ~ /^index=/) i = substr($k, 7) + 0
            if ($k ~ /^count=/) c = substr($k, 7) + 0
        }
        if (c != want) { print "count=" c " at line " NR; exit }
        if (prev != "" && i != prev % c + 1) { print "index " i " after " prev " at line " NR; exit }
        prev = i
    }' "$log")
[[ -z $order ]] || fail "slides out of order or skipped: $order"

stats=$(grep ' event=frame-stats ' "$log" | tail -1)
[[ -n $stats ]] || fail "no event=frame-stats line"
frames=$(sed -n 's/.* frames=\([0-9]*\).*/\1/p' <<<"$stats")
((frames >= done_t)) || fail "$frames frame intervals for $done_t transitions: transitions are not drawn"

# RSS after the warm-up: the first 10 s and two passes through the show
warm=$((2 * slides))
rss_summary=$(awk -v warm="$warm" -v limit="$rss_limit_kb" '
    $1 >= 10 && $3 >= warm { v[n++] = $2; if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2 }
    function median(a, from, len,   i, j, t, b) {
        for (i = 0; i < len; i++) b[i] = a[from + i]
        for (i = 1; i < len; i++) { t = b[i]; for (j = i - 1; j >= 0 && b[j] > t; j--) b[j + 1] = b[j]; b[j + 1] = t }
        return len % 2 ? b[int(len / 2)] : int((b[len / 2 - 1] + b[len / 2]) / 2)
    }
    END {
        w = 0
        for (s = 0; s + 5 <= n; s += 10) {
            m = median(v, s, n - s < 10 ? n - s : 10)
            if (w == 0 || m < mlo) mlo = m
            if (w == 0 || m > mhi) mhi = m
            if (w == 0) first = m
            last = m; w++
        }
        if (w < 2) { printf "samples=%d windows=%d", n, w; exit }
        printf "samples=%d min_kb=%d max_kb=%d windows=%d median_first_kb=%d median_last_kb=%d median_min_kb=%d median_max_kb=%d median_spread_kb=%d limit_kb=%d",
            n, min, max, w, first, last, mlo, mhi, mhi - mlo, limit
    }' "$series")

rate=$(awk -v t="$done_t" -v s="$elapsed" 'BEGIN { printf "%.1f", (s > 0 ? t / s : 0) }')
echo "soak: $done_t transitions in $elapsed s ($rate/s), $slides slides, exit 0, event=quit"
echo "soak: ${stats#level=info }"
echo "soak: frames per transition $(awk -v f="$frames" -v t="$done_t" 'BEGIN { printf "%.2f", f / t }')"
echo "soak: rss (after warm-up, 1 sample/s) $rss_summary"
foreign=0 # a build for another architecture, run by qemu-user: its RSS is qemu's, translated code and all
is_foreign "$bin" && foreign=1
if [[ $mode == asan ]]; then
    echo "soak: AddressSanitizer + UBSan + LeakSanitizer: no report (RSS not checked: the sanitizers' own memory)"
elif ((foreign)); then
    echo "soak: RSS not checked: $bin runs under qemu-user, whose translation cache grows with the code run"
else
    spread=$(sed -n 's/.*median_spread_kb=\([0-9]*\).*/\1/p' <<<"$rss_summary")
    [[ -n $spread ]] || fail "too few RSS samples after the warm-up ($rss_summary): run more transitions"
    ((spread <= rss_limit_kb)) || fail "RSS not flat: the 10 s medians differ by $spread kB (limit $rss_limit_kb)"
fi
echo "ok: soak ($mode) of $done_t transitions"
