#!/usr/bin/env bash
# faults.import-crash: `memorial-kiosk --import` killed with SIGKILL at 20 random moments (the power cut:
# while listing, comparing, copying, fsyncing, swapping the link, deleting the old version). After each,
# the content folder holds exactly the old exhibit or the new one (file list and SHA-256 of every file),
# and the next import succeeds, leaving no staging folder and at most two versions. The first import also
# turns the plain content folder into a link into the store. The copy is slowed down (about 0.8 s for
# 16 MiB) with KIOSK_IMPORT_THROTTLE_MS_PER_MIB so that the kills land inside it.
# $KIOSK_TEST_KEEP_TMP=1 keeps the work folder (tests/lib.sh).
# Usage: import-crash.sh MEMORIAL_KIOSK [ROUNDS]
set -euo pipefail
bin=$1
rounds=${2:-20}
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh"
test_begin import-crash
test_log_lines=20
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
test_on_fail() { ls -la "$work/p" "$work/p/.content.store" >&2 || true; }

exhibit() { # exhibit DIR NAME: an article and 16 files of 1 MiB of random bytes in sub-folders
    mkdir -p "$1/data/a" "$1/data/b"
    printf 'Exhibit %s\n\nBaku, 20 January\n\nA paragraph of exhibit %s.\n' "$2" "$2" >"$1/01-$2.txt"
    for i in $(seq 1 8); do
        head -c 1048576 /dev/urandom >"$1/data/a/$i.bin"
        head -c 1048576 /dev/urandom >"$1/data/b/$i.bin"
    done
}

sums() { # sums DIR: file list and SHA-256 of every file
    (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
}

exhibit "$work/A" A
exhibit "$work/B" B
sum_a=$(sums "$work/A")
sum_b=$(sums "$work/B")
mkdir -p "$work/p"
cp -r "$work/A" "$work/p/content"
content=$work/p/content
store=$work/p/.content.store
current=A

# How long one slowed-down import takes (A -> B -> A: the second is timed).
export KIOSK_IMPORT_THROTTLE_MS_PER_MIB=40
"$bin" --import "$work/B" "$content" 2>>"$work/log" || fail "first import"
t0=$(date +%s%N)
"$bin" --import "$work/A" "$content" 2>>"$work/log" || fail "second import"
span=$((($(date +%s%N) - t0) / 1000000 + 100))
echo "one import takes about $((span - 100)) ms; killing at random moments within $span ms"

outcomes=""
for ((r = 1; r <= rounds; r++)); do
    if [[ $current == A ]]; then target=B; else target=A; fi
    "$bin" --import "$work/$target" "$content" 2>>"$work/log" &
    pid=$!
    delay=$((RANDOM % span))
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
    now=$(sums "$content" 2>/dev/null) || fail "round $r: the content folder cannot be read after the kill"
    if [[ "$now" == "$sum_a" ]]; then
        seen=A
    elif [[ "$now" == "$sum_b" ]]; then
        seen=B
    else
        fail "round $r (killed after $delay ms): the content folder is neither the old nor the new exhibit"
    fi
    outcomes+="$delay:$current>$seen "
    # the next import (full speed) succeeds and leaves nothing behind
    KIOSK_IMPORT_THROTTLE_MS_PER_MIB=0 "$bin" --import "$work/$target" "$content" 2>>"$work/log" ||
        fail "round $r: the import after the kill failed"
    want=$sum_a
    [[ $target == B ]] && want=$sum_b
    [[ "$(sums "$content")" == "$want" ]] || fail "round $r: the next import is not in"
    [[ -z "$(find "$store" -maxdepth 1 -name 'staging-*' -print -quit)" ]] ||
        fail "round $r: a staging folder is left"
    versions=$(find "$store" -maxdepth 1 -name 'v*' | wc -l)
    ((versions <= 2)) || fail "round $r: $versions versions kept"
    [[ -L "$content" ]] || fail "round $r: the content folder is no link"
    current=$target
done
echo "outcomes (ms:old>seen): $outcomes"
changed=$(grep -o '[AB]>[AB]' <<<"$outcomes" | awk -F'>' '$1 != $2' | wc -l)
echo "ok: $rounds kills, the old exhibit $((rounds - changed)) times, the new one $changed times, never a mix"
