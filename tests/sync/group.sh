#!/usr/bin/env bash
# sync.group: three kiosk processes in one [sync] group, in windows on one Xvfb (the kiosk as shipped,
# SDL's x11 driver), started 2 s apart, one of them tapped with xdotool (a real click). Asserts that
# they agree on the slide at every boundary (bench/sync_spread.py --check: no process shows another
# slide than the others; the late ones joined at the current slide), and that the tapped one left the
# group (event=input) and rejoined: after idle_resume_seconds its boundaries match the others' again.
# KIOSK_CLOCK_SYNCED=1: the machine's clock may be unsynchronised (wallclock.h).
# With FAKETIME_TEST=1 (sync.clock-step): the third process runs under libfaketime with its clock 3.3 s off,
# then stepped back to the true time (FAKETIME_TIMESTAMP_FILE rewritten): it logs event=clock-step and
# its slides match the group's again. No tap then.
# Usage: group.sh MEMORIAL_KIOSK [seconds]   Skips (77) without Xvfb or xdotool (or faketime).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
bin=$1
run_s=${2:-16}
need_exe "$bin" memorial-kiosk
for tool in Xvfb xdotool python3; do
    command -v "$tool" >/dev/null || skip "needs $tool (Debian: xvfb xdotool python3)"
done
libfaketime=
if [[ ${FAKETIME_TEST:-0} == 1 ]]; then
    libfaketime=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n1 || true)
    [[ -n $libfaketime ]] || skip "needs libfaketime (Debian: faketime)"
    if is_foreign "$bin"; then # this machine's libfaketime cannot be preloaded into an emulated binary
        skip "$bin is built for another architecture (qemu-user); libfaketime is this machine's"
    fi
fi
spread=$(dirname "$0")/../../bench/sync_spread.py
test_begin sync-group
test_logs="$work/k1.log $work/k2.log $work/k3.log"

mkdir -p "$work/content"
for n in 1 2 3; do article "$work/content/0$n.txt" "Article $n"; done
cat >"$work/content/kiosk.conf" <<CONF
[show]
title_seconds = 1
text_min_seconds = 1
text_max_seconds = 1
idle_resume_seconds = 3
[transition]
seconds = 0.3
[banner]
slide = none
[sync]
group = test-room
port = $((20000 + RANDOM % 20000))
CONF

xvfb_start
export KIOSK_CLOCK_SYNCED=1 SDL_VIDEODRIVER=x11 WAYLAND_DISPLAY=

start() { # N [env...]
    local n=$1
    shift
    env "$@" "$bin" --window 320x240 "$work/content" >"$work/k$n.stdout" 2>"$work/k$n.log" &
    test_pids+=($!)
}
start 1
sleep 2
start 2
sleep 2
if [[ -n $libfaketime ]]; then
    echo "+3.3" >"$work/faketime" # relative: 3.3 s ahead of the true clock
    # an ASan build must have its runtime first in the preload list
    preload=$libfaketime
    asan_lib=$(asan_runtime "$bin")
    [[ -z $asan_lib ]] || preload=$asan_lib:$libfaketime
    start 3 LD_PRELOAD="$preload" FAKETIME_TIMESTAMP_FILE="$work/faketime" FAKETIME_NO_CACHE=1 \
        DONT_FAKE_MONOTONIC=1
else
    start 3
fi
log=$work/k3.log
wait_for 'event=sync .*state=in-step' 1 20
joined=$(date +%s%3N)
sleep 3
tap_at=0
if [[ -n $libfaketime ]]; then
    echo "+0" >"$work/faketime" # the clock stepped back to the true time
    tap_at=$(date +%s%3N)
else
    # the topmost window (the last started) is clicked in its middle: a visitor's tap
    win=$(xdotool search --sync --pid "${test_pids[2]}" --name '^Memorial Kiosk$' | head -n1)
    xdotool mousemove --window "$win" 160 120
    sleep 0.2
    xdotool click 1
    tap_at=$(date +%s%3N)
fi
sleep "$run_s"
stop_test_pids

for n in 1 2 3; do
    grep -q 'event=sync .*state=in-step' "$work/k$n.log" || fail "k$n never played in step"
done
if [[ -n $libfaketime ]]; then
    grep -q 'event=clock-step' "$work/k3.log" || fail "the stepped process logged no event=clock-step"
    # its wall_ms are its own (faked) clock's: before the step they were 3.3 s ahead of the others'; the
    # step it noticed is that much back
    step=$(grep -o 'event=clock-step ms=-\?[0-9]*' "$work/k3.log" | head -n1 | sed 's/.*ms=//')
    ((step <= -3200 && step >= -3400)) || fail "the step noticed was $step ms, not about -3300"
    # after the step (1 s of margin), every boundary of the group is the stepped process's too
    python3 "$spread" --since "$((tap_at + 1000))" --check 8 "$work/k1.log" "$work/k2.log" "$work/k3.log" ||
        fail "the stepped process did not rejoin the group"
else
    # the window under the pointer got the click (no window manager decides the stacking): that one
    tapped=$(grep -l 'event=input action=next via=click' "$work"/k?.log | head -n1 || true)
    [[ -n $tapped ]] || fail "no screen saw the tap"
    others=()
    for n in 1 2 3; do [[ $work/k$n.log == "$tapped" ]] || others+=("$work/k$n.log"); done
    echo "tapped: $(basename "$tapped")"
    # all three from k3's join on, leaving out the tapped one while out of step (tap .. tap + idle 3 s + a
    # transition)
    python3 "$spread" --since "$joined" --exclude "$tapped:$((tap_at - 500)):$((tap_at + 3800))" --check 8 \
        "${others[@]}" "$tapped" || fail "the screens did not agree on the slide"
    # the tapped one rejoined: its boundaries after the idle time match the group's
    python3 "$spread" --since "$((tap_at + 3800))" --check 5 "${others[0]}" "$tapped" ||
        fail "the tapped screen did not rejoin"
fi
echo "PASS"
