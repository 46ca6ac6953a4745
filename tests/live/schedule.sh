#!/usr/bin/env bash
# live.schedule: the running kiosk follows kiosk.conf [schedule]: outside opening hours the screen is dark
# (no slides drawn); on the day of remembrance its own playlist is used and, at the set time, the minute of
# silence is shown. Dates are made relative to today, so the test runs on any day.
# Usage: schedule.sh MEMORIAL_KIOSK
set -euo pipefail
bin=$1
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh"
test_begin schedule
run() { # run SECONDS: the kiosk on the folder for a while, then SIGTERM
    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$bin" --window 480x270 "$work/content" 2>"$work/log" &
    pid=$!
    wait_for 'event=first-frame' 1 20 # also when the first thing shown is the dark screen (READY for systemd)
    sleep "$1"
    kill -TERM "$pid"
    wait "$pid" || fail "exit status $?"
    pid=
    grep -q 'event=quit' "$work/log" || fail "no event=quit"
}

mkdir "$work/content"
article "$work/content/a.txt" "the first article"
article "$work/content/b.txt" "the second article"

# 1. closed all day today (open only tomorrow): dark, nothing drawn
tomorrow=$(LC_ALL=C date -d tomorrow +%a | tr '[:upper:]' '[:lower:]')
printf '[schedule]\nhours = %s 00:00-24:00\n' "$tomorrow" >"$work/content/kiosk.conf"
run 2
grep -q 'event=schedule mode=dark' "$work/log" || fail "not dark outside opening hours"
grep -q 'event=backlight state=off' "$work/log" || fail "the backlight was not asked to go off"
# the display's signal too (DPMS): no KMS/DRM under the dummy driver, so no connector is switched
grep -q 'event=dpms state=off connectors=0' "$work/log" || fail "DPMS was not asked to go off"
# a kiosk stopped while dark leaves the screen lit for whoever uses it next
tail -n 4 "$work/log" | grep -q 'event=backlight state=on' || fail "the backlight was not lit again on quit"
(($(count 'event=slide ') == 0)) || fail "slides were drawn while closed"

# 2. open today: the show
today=$(LC_ALL=C date +%a | tr '[:upper:]' '[:lower:]')
printf '[schedule]\nhours = %s 00:00-24:00\nremembrance_day = none\n' "$today" >"$work/content/kiosk.conf"
run 1
grep -q 'event=schedule' "$work/log" && fail "a schedule change while open"
grep -q 'event=slide index=1' "$work/log" || fail "no slide while open"

# 3. the day of remembrance: its playlist, and the minute of silence now
sec=$(date +%S)
((10#$sec >= 55)) && sleep 6 # not at the very end of a minute
printf '[schedule]\nremembrance_day = %s\nsilence = %s\nsilence_seconds = 60\n[show]\nunlisted_files = omit\n' \
    "$(date +%m-%d)" "$(date +%H:%M)" >"$work/content/kiosk.conf"
printf 'b.txt\n' >"$work/content/playlist-remembrance.txt"
run 1
grep -q 'event=schedule mode=silence remembrance=1' "$work/log" || fail "no minute of silence"
grep -q 'event=content-loaded slides=3 ' "$work/log" || fail "the remembrance playlist was not used" # b.txt and the banner slide
grep -q 'path=playlist-remembrance.txt' "$work/log" && fail "the playlist was taken for an article"
echo "ok: dark when closed, shown when open, remembrance playlist and minute of silence"
