#!/usr/bin/env bash
# sync.peers: three kiosk processes in one [sync] group on one Xvfb, each with a content folder of its own
# (issue 17: the group's beacon, src/core/show/syncpeers.h; the switch to a new version, syncswitch.h).
#  1. k3's folder holds one article more (another content version, another show): after the grace every
#     process logs event=sync-peers state=differs (warn), k1 and k2 about k3, k3 about both others.
#  2. A new version (five articles), sealed with --seal, is taken in by --import into the three folders
#     1.5 s apart (its version: seal- and the seal id's first 16 digits); with
#     switch_delay_seconds = 10 all three (room for slow imports) hold it before it is due: they log event=version-switch with the
#     same switch_ms, late=0, and present its first frame within 250 ms of each other (and not before
#     switch_ms); k1 and k2 then log state=agrees about k3 and k3 about them; after the switch every
#     boundary of the group is every process's (bench/sync_spread.py --check).
#  3. A third version reaches k1 and k2 only; they switch at the group's moment (late=0); k3 gets it after
#     that moment: it logs late=1, switches at its next boundary, and keeps step with the others again.
# KIOSK_CLOCK_SYNCED=1: the machine's clock may be unsynchronised (wallclock.h).
# Usage: peers.sh MEMORIAL_KIOSK   Skips (77) without Xvfb or python3.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
bin=$1
need_exe "$bin" memorial-kiosk
for tool in Xvfb python3; do
    command -v "$tool" >/dev/null || skip "needs $tool (Debian: xvfb python3)"
done
spread=$(dirname "$0")/../../bench/sync_spread.py
test_begin sync-peers
test_logs="$work/k1.log $work/k2.log $work/k3.log"
port=$((20000 + RANDOM % 20000)) # tests running at once use their own beacon port

for n in 1 2 3; do
    mkdir -p "$work/c$n"
    for a in 1 2 3; do article "$work/c$n/0$a.txt" "Article $a"; done
    cat >"$work/c$n/kiosk.conf" <<CONF
[show]
title_seconds = 1
text_min_seconds = 1
text_max_seconds = 1
[transition]
seconds = 0.3
[banner]
slide = none
[sync]
group = test-peers
port = $port
switch_delay_seconds = 10
CONF
done
article "$work/c3/04.txt" "Article 4" # k3 shows another version

xvfb_start
export KIOSK_CLOCK_SYNCED=1 SDL_VIDEODRIVER=x11 WAYLAND_DISPLAY= KIOSK_RELOAD_SETTLE_MS=300

for n in 1 2 3; do
    "$bin" --window 320x240 "$work/c$n" >"$work/k$n.stdout" 2>"$work/k$n.log" &
    test_pids+=($!)
    sleep 1
done

# 1. the odd one out, said by everyone once the difference has lasted SP_GRACE_MS
log=$work/k3.log
wait_for 'level=warn event=sync-peers .*state=differs' 2 25
for n in 1 2; do
    log=$work/k$n.log
    wait_for 'level=warn event=sync-peers .*state=differs' 1 10
    grep 'state=differs' "$log" | grep -q 'peer_version=folder-' || fail "k$n: no peer_version in $(grep differs "$log")"
done
v12=$(grep -o 'event=exhibit .*version=folder-[0-9a-f]*' "$work/k1.log" | head -n1 | sed 's/.*version=//')
v3=$(grep -o 'event=exhibit .*version=folder-[0-9a-f]*' "$work/k3.log" | head -n1 | sed 's/.*version=//')
[[ -n $v12 && -n $v3 && $v12 != "$v3" ]] || fail "versions: k1 $v12, k3 $v3"
grep 'state=differs' "$work/k1.log" | grep -q "peer_version=$v3 .*version=$v12" ||
    fail "k1 did not name k3's version"
grep -q "version=$v12" "$work/k2.log" || fail "k2 does not show k1's version"
echo "k1/k2 show $v12, k3 $v3: all three said so"

# 2. a new version, sealed by staff and taken in by each kiosk's --import 1.5 s apart (as the imports
# of Syncthing's folder would, at different moments)
seal_new() { # DIR ARTICLES...: a sealed folder with those articles and the kiosk.conf; prints the seal id
    local dir=$1 a
    shift
    mkdir -p "$dir"
    cp "$work/c1/kiosk.conf" "$dir/"
    for a in "$@"; do article "$dir/0$a.txt" "Article $a"; done
    "$bin" --seal "$dir" 2>>"$work/seal.log" | grep -o 'seal [0-9a-f]*' | cut -d' ' -f2
}
take_in() { "$bin" --import "$1" "$work/c$2" 2>>"$work/import.log" || fail "--import into c$2: exit $?"; }
seal=$(seal_new "$work/v2" 1 2 3 4 5)
[[ ${#seal} == 64 ]] || fail "no seal id from --seal: $(cat "$work/seal.log")"
for n in 1 2 3; do
    take_in "$work/v2" "$n"
    sleep 1.5
done
for n in 1 2 3; do
    log=$work/k$n.log
    wait_for 'event=version-switch' 1 30
done
sleep 4 # a few boundaries of the new show

# 3. another version reaches k1 and k2 only; k3 gets it after the group switched: late, at its next boundary
phase3=$(date +%s%3N)
seal_new "$work/v3" 1 2 3 4 5 6 >/dev/null
for n in 1 2; do take_in "$work/v3" "$n"; done
for n in 1 2; do
    log=$work/k$n.log
    wait_for 'event=version-switch' 2 30
done
sleep 1
take_in "$work/v3" 3
log=$work/k3.log
wait_for 'event=version-switch' 2 10
# four boundaries after k3's late switch (its checks below need two after the second): counted, not slept,
# so a slow machine waits longer
wait_for 'event=slide ' "$(($(count 'event=slide ') + 4))" 30
sleep 0.5
stop_test_pids

for n in 1 2 3; do # the ASan build: no report, no leak at exit
    ! grep -q 'Sanitizer' "$work/k$n.log" || fail "k$n: a sanitizer report"
done
field() { # KEY LOG [N]: KEY of the Nth event=version-switch of LOG
    grep -o "event=version-switch .*" "$2" | sed -n "${3:-1}p" | grep -o "\b$1=[^ ]*" | head -n1 | cut -d= -f2
}
v2=$(field version "$work/k1.log")
s1=$(field switch_ms "$work/k1.log")
[[ $v2 == "seal-${seal:0:16}" ]] || fail "the sealed version is $v2, not seal-${seal:0:16}"
walls=()
for n in 1 2 3; do
    f=$work/k$n.log
    grep 'event=version-switch' "$f" >&2
    [[ $(field version "$f") == "$v2" ]] || fail "k$n switched to $(field version "$f"), not $v2"
    [[ $(field switch_ms "$f") == "$s1" ]] || fail "k$n switched at $(field switch_ms "$f"), k1 at $s1"
    [[ $(field late "$f") == 0 ]] || fail "k$n was late"
    w=$(field wall_ms "$f")
    ((w >= s1)) || fail "k$n switched at $w, before switch_ms $s1"
    walls+=("$w")
done
min=$(printf '%s\n' "${walls[@]}" | sort -n | head -n1)
max=$(printf '%s\n' "${walls[@]}" | sort -n | tail -n1)
echo "switch_ms $s1: swapped at ${walls[*]} (spread $((max - min)) ms)"
((max - min <= 250)) || fail "the three switched $((max - min)) ms apart"
((min - s1 <= 1000)) || fail "the switch came $((min - s1)) ms after switch_ms"
for n in 1 2; do
    grep -q "state=agrees .*peer_version=$v2 .*version=$v2" "$work/k$n.log" || fail "k$n: no state=agrees"
done
(($(grep -c "state=agrees .*version=$v2" "$work/k3.log") >= 2)) || fail "k3: not agreeing with both"
python3 "$spread" --since "$((s1 + 500))" --exclude "$work/k1.log:$phase3:$((phase3 + 99999))" \
    --exclude "$work/k2.log:$phase3:$((phase3 + 99999))" --exclude "$work/k3.log:$phase3:$((phase3 + 99999))" \
    --check 3 "$work/k1.log" "$work/k2.log" "$work/k3.log" ||
    fail "the screens did not agree on the slide after the switch"
# 3: k1 and k2 at the same boundary, on time; k3 late, after it
v3=$(field version "$work/k1.log" 2)
s3=$(field switch_ms "$work/k1.log" 2)
for n in 1 2; do
    [[ $(field switch_ms "$work/k$n.log" 2) == "$s3" && $(field late "$work/k$n.log" 2) == 0 ]] ||
        fail "k$n: not on time at $s3 for the third version"
done
[[ $(field version "$work/k3.log" 2) == "$v3" && $(field late "$work/k3.log" 2) == 1 ]] ||
    fail "k3 did not switch late to $v3"
w3=$(field wall_ms "$work/k3.log" 2)
((w3 > s3)) || fail "k3 switched at $w3, not after the group's $s3"
echo "third version: k1 and k2 at $s3, k3 late at $w3"
k3_at=$(grep 'event=slide ' "$work/k3.log" | grep -o 'wall_ms=[0-9]*' | cut -d= -f2 | awk -v t="$w3" '$1 >= t' | sed -n 2p)
[[ -n $k3_at ]] || fail "k3 showed no boundary after its late switch"
python3 "$spread" --since "$k3_at" --check 2 "$work/k1.log" "$work/k2.log" "$work/k3.log" ||
    fail "k3 did not keep step after its late switch"
echo "PASS"
