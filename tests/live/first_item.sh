#!/usr/bin/env bash
# live.first-item: the first frame does not wait for the whole folder. With a folder of 2,000 pictures
# in 20 sub-folders the kiosk shows the first item (in name order) before the folder is read
# (event=first-frame before event=content-loaded), then takes in the whole show on the same slide and
# goes on in order. With a playlist.txt the order is the playlist's, so the whole folder is read first.
# A picture added just after the first frame is taken in (the folder is watched from then on).
# (How fast is the benchmark's business: bench/RESULTS.md.)
# Usage: first_item.sh MEMORIAL_KIOSK
set -euo pipefail
bin=$1
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh"
test_begin first
line_of() { grep -n -m1 -- "$1" "$work/log" | cut -d: -f1; }

# a small valid picture (a PNG made by the kiosk itself is not needed: 1x1 PNG bytes)
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde\0\0\0\x0cIDATx\x9cc\xf8\xcf\xc0\0\0\x03\x01\x01\0\xc9\xfe\x92\xef\0\0\0\0IEND\xaeB`\x82' >"$work/p.png"
mkdir "$work/content"
for d in $(seq -w 1 20); do
    mkdir "$work/content/room-$d"
    for f in $(seq -w 1 100); do cp "$work/p.png" "$work/content/room-$d/photo-$f.png"; done
done

export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy KIOSK_RELOAD_SETTLE_MS=500
start() {
    : >"$work/log"
    "$bin" --window 640x360 --speed 20 "$work/content" 2>"$work/log" &
    pid=$!
}
stop() {
    kill "$pid" && wait "$pid" 2>/dev/null || true
    pid=
}

start
wait_for 'event=content-loaded slides=2001 ' 1 60 # 2,000 pictures and the banner slide
ff=$(line_of 'event=first-frame')
cl=$(line_of 'event=content-loaded')
[[ -n "$ff" && "$ff" -lt "$cl" ]] || fail "the first frame waited for the whole folder"
first=$(grep -m1 'event=slide ' "$work/log")
[[ "$first" == *"source=room-01/photo-001.png"* ]] || fail "the first slide is not the first item: $first"
(($(count 'event=slide index=1 ') == 1)) || fail "the first slide was logged twice"
wait_for 'event=slide index=3 count=2001 kind=image source=room-01/photo-003.png' 1 30
stop
echo "ok: first frame from the first item, then the whole show in order"

printf 'room-20/photo-100.png\n' >"$work/content/playlist.txt"
start
wait_for 'event=first-frame' 1 60
cl=$(line_of 'event=content-loaded')
ff=$(line_of 'event=first-frame')
[[ -n "$cl" && "$cl" -lt "$ff" ]] || fail "with a playlist the whole folder must be read first"
first=$(grep -m1 'event=slide ' "$work/log")
[[ "$first" == *"source=room-20/photo-100.png"* ]] || fail "the playlist's first item is not first: $first"
stop
echo "ok: with a playlist, the whole folder first"

# The folder is watched from the first frame on (the watch and the whole read wait for it): a picture
# added just after the first frame is taken in, by the whole read or by a reload.
rm "$work/content/playlist.txt"
start
wait_for 'event=first-frame' 1 60
cp "$work/p.png" "$work/content/room-20/photo-101.png"
wait_for 'slides=2002 ' 1 60
stop
echo "live.first-item: passed"
