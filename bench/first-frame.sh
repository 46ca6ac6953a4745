#!/usr/bin/env bash
# bench/first-frame.sh: start -> first frame for a folder of 10 and of 20,000 photos (200 sub-folders),
# with the page cache dropped before each start (as after a power-on), as shipped: full screen on Xvfb
# 1920x1080 without a window manager, no SDL variables, no options. Prints the median and the spread of
# RUNS starts of each, the ratio (issue 19's target: 20,000 photos within 1.5x of 10 photos) and the
# load average around the runs (the times mean little on a busy machine).
# Usage: bench/first-frame.sh BUILD_DIR [RUNS]   (root, to drop the page cache; else it says so)
set -euo pipefail
build=$1
runs=${2:-5}
bin=$build/memorial-kiosk
work=$(mktemp -d /tmp/kiosk-ff-XXXXXX)
xpid=
cleanup() {
    [[ -n "$xpid" ]] && kill "$xpid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# a small valid JPEG made by the kiosk's own bench tool (BUILD/bench/check_bench, or KIOSK_CHECK_BENCH),
# else by ImageMagick; never a fake one: the kiosk leaves out a picture whose header is not valid, and a
# folder of them is read whole before the first frame, which is not what this measures
# (small: the scan reads names and headers, not pixels; the first photo is decoded at once either way)
photo=$work/p.jpg
tool=${KIOSK_CHECK_BENCH:-$build/bench/check_bench}
if [[ -x "$tool" ]] && "$tool" jpeg "$photo" 320 240; then :
elif command -v convert >/dev/null && convert -size 320x240 plasma:fractal "$photo" 2>/dev/null; then :
else
    echo "first-frame.sh: cannot make a JPEG: build check_bench (bench/) or install ImageMagick" >&2
    exit 1
fi
mkdir -p "$work/c10" "$work/c20000" "$work/room"
for f in $(seq -w 1 10); do cp "$photo" "$work/c10/photo-$f.jpg"; done
for f in $(seq -w 1 100); do cp "$photo" "$work/room/photo-$f.jpg"; done
for d in $(seq -w 1 200); do # distinct files, each folder's made in name order (one cp a folder)
    mkdir "$work/c20000/room-$d"
    cp "$work/room/"*.jpg "$work/c20000/room-$d/"
done
sync

cold=yes
drop() { sync && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || cold=no; }

Xvfb :73 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
sleep 1

one() { # one FOLDER: prints the first-frame ms of one start
    drop
    local log=$work/log
    env -u SDL_VIDEODRIVER -u SDL_RENDER_DRIVER -u SDL_FRAMEBUFFER_ACCELERATION DISPLAY=:73 \
        "$bin" "$1" 2>"$log" &
    local pid=$! i
    for i in $(seq 1 200); do
        grep -q 'event=first-frame' "$log" && break
        sleep 0.05
    done
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
    sed -n 's/.*event=first-frame ms=\([0-9]*\).*/\1/p' "$log"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " (" a[1] "-" a[NR] ")"}'; }

declare -A res
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for n in 10 20000; do
    res[$n]=$(for r in $(seq 1 "$runs"); do one "$work/c$n"; done | median)
done
m10=${res[10]%% *}
m20k=${res[20000]%% *}
echo "first frame, as shipped (full screen 1920x1080 on Xvfb, no SDL variables), page cache dropped: $cold"
echo "| photos | start -> first frame, median (range) of $runs |"
echo "| ---: | --- |"
echo "| 10 | ${res[10]} ms |"
echo "| 20,000 | ${res[20000]} ms |"
awk -v a="$m20k" -v b="$m10" 'BEGIN { printf "ratio 20,000 / 10: %.2fx (target <= 1.5x)\n", a / b }'
echo "load average (1, 5, 15 min) at the first start: $load_start; after the last: $(cut -d' ' -f1-3 /proc/loadavg)"
