#!/usr/bin/env bash
# live.import: a running kiosk (SDL's dummy video driver, no display needed) and `--import` beside it:
# a plain content folder is taken over by the store (the kiosk keeps showing), the new exhibit is swapped
# in at a slide boundary (event=reload with the new slide count, its slides shown), the same folder again
# changes nothing, --rollback brings the old one back, and a staging folder left by an interrupted import
# is removed when the kiosk starts.
# Usage: import.sh MEMORIAL_KIOSK
set -euo pipefail
bin=$1
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh"
test_begin import
test_logs=$work/import.log

start_kiosk() {
    "$bin" --window 640x360 --speed 4 "$content" 2>>"$work/log" &
    pid=$!
}

content=$work/p/content
mkdir -p "$content" "$work/new"
article "$content/1-a.txt" "the first article"
article "$content/2-b.txt" "the second article"
for i in 1 2 3; do article "$work/new/$i-new.txt" "new article $i"; done
touch "$work/new/Thumbs.db" "$work/new/._1-new.txt"

export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy KIOSK_RELOAD_SETTLE_MS=500
start_kiosk
wait_for 'event=first-frame' 1 30
wait_for 'event=content-loaded slides=' 1 5
# two articles: a title and a text slide each (plus any slide the show adds by itself)
n0=$(grep -o 'event=content-loaded slides=[0-9]*' "$work/log" | head -n 1 | grep -o '[0-9]*$')
((n0 >= 4)) || fail "expected at least 4 slides, got $n0"

# 1. the import: the plain folder becomes a link into the store; the new show comes in whole
"$bin" --import "$work/new" "$content" 2>>"$work/import.log" || fail "--import exit status $?"
grep -q 'event=import result=done .*slides=[3-9] errors=0 ' "$work/import.log" || fail "no event=import result=done"
[[ -L "$content" ]] || fail "the content folder is not a link into the store"
grep -q '^state=done$' "$work/p/.content.store/status" || fail "status file is not state=done"
wait_for "event=reload slides=$((n0 + 2)) " 1 15
wait_for 'event=slide .*source=3-new.txt' 1 30
[[ -e "$content/Thumbs.db" || -e "$content/._1-new.txt" ]] && fail "ignored files were copied"

# 2. the same again: unchanged, no reload
n=$(count 'event=reload ')
"$bin" --import "$work/new" "$content" 2>>"$work/import.log" || fail "second --import exit status $?"
grep -q 'event=import result=unchanged .*bytes=0 ' "$work/import.log" || fail "no result=unchanged"
sleep 1.5
(($(count 'event=reload ') == n)) || fail "an unchanged import made the kiosk reload"

# 3. rollback: the first exhibit is back
"$bin" --rollback "$content" 2>>"$work/import.log" || fail "--rollback exit status $?"
grep -q 'event=rollback result=done' "$work/import.log" || fail "no event=rollback"
wait_for "event=reload slides=$n0 " 1 15
n=$(count 'event=slide .*source=1-a.txt')
wait_for 'event=slide .*source=1-a.txt' $((n + 1)) 30

# 4. a refused import (nothing to show) keeps the show
mkdir "$work/junk"
echo "not an exhibit" >"$work/junk/notes.doc"
if "$bin" --import "$work/junk" "$content" 2>>"$work/import.log"; then fail "junk was taken in"; fi
grep -q 'event=import result=refused .*reason="nothing in the folder can be shown"' "$work/import.log" ||
    fail "no refusal with its reason"

# 5. a staging folder left by an interrupted import is removed at the kiosk's start
kill -TERM "$pid"
wait "$pid" || fail "exit status $? after SIGTERM"
pid=
mkdir -p "$work/p/.content.store/staging-Ab12Cd/photos"
head -c 1000 /dev/zero >"$work/p/.content.store/staging-Ab12Cd/photos/half.jpg"
printf 'state=reading\npercent=30\n' >"$work/p/.content.store/status"
start_kiosk
wait_for 'event=store-recovered .*what=staging-removed,interrupted-import' 1 30
wait_for "event=content-loaded slides=$n0 " 2 30
[[ -e "$work/p/.content.store/staging-Ab12Cd" ]] && fail "the staging folder is still there"
grep -q '^state=refused$' "$work/p/.content.store/status" || fail "the interrupted status was not closed"
kill -TERM "$pid"
wait "$pid" || fail "exit status $? after SIGTERM"
pid=
echo "ok: import swapped in at a slide boundary, unchanged import, rollback, refusal, recovery at start"
