#!/usr/bin/env bash
# bench/text-start.sh: start time and memory of the kiosk as shipped (full screen on Xvfb 1920x1080, no SDL
# variables, no options) for content folders, warm page cache (the machine is shared: no cache drop).
# For each folder, RUNS starts; each prints the first-frame line's ms and its parts (display, content,
# fonts), then, 1 s after the first frame (the rest of the show laid out), the CPU time used so far (user +
# system: less sensitive to the load of a shared machine than the wall clock), PSS and private memory
# (smaps_rollup: Private_Clean + Private_Dirty, which does not depend on other processes sharing the
# libraries as PSS does) and VmHWM.
# Prints the median of each column and the load average before and after (issue 18: ICU text layer).
# Usage: bench/text-start.sh BUILD_DIR RUNS FOLDER...
set -euo pipefail
build=$1
runs=$2
shift 2
bin=$build/memorial-kiosk
work=$(mktemp -d /tmp/kiosk-ts-XXXXXX)
disp=:${KIOSK_BENCH_DISPLAY:-87}
xpid=
cleanup() {
    [[ -n "$xpid" ]] && kill "$xpid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
Xvfb "$disp" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
sleep 1

one() { # one FOLDER: "ms display content fonts cpu_ms pss_kb private_kb hwm_kb"
    local log=$work/log i
    env -u SDL_VIDEODRIVER -u SDL_RENDER_DRIVER -u SDL_FRAMEBUFFER_ACCELERATION DISPLAY="$disp" \
        "$bin" "$1" 2>"$log" &
    local pid=$!
    for i in $(seq 1 400); do
        grep -q 'event=first-frame' "$log" && break
        sleep 0.02
    done
    sleep 1
    local pss priv hwm cpu tck
    tck=$(getconf CLK_TCK)
    cpu=$(awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
    priv=$(awk '/^Private_(Clean|Dirty):/ {s += $2} END {print s}' "/proc/$pid/smaps_rollup")
    hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
    local l
    l=$(grep 'event=first-frame' "$log")
    f() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$l"; }
    echo "$(f ms) $(f display_ms) $(f content_ms) $(f fonts_ms) $cpu $pss $priv $hwm"
}

med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " (" a[1] "-" a[NR] ")"}'; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| folder | first frame ms | display ms | content ms | fonts ms | CPU ms | PSS KiB | private KiB | VmHWM KiB |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for folder in "$@"; do
    for r in $(seq 1 "$runs"); do one "$folder"; done >"$work/rows"
    row="| $(basename "$folder") |"
    for col in 1 2 3 4 5 6 7 8; do row="$row $(cut -d' ' -f$col "$work/rows" | med) |"; done
    echo "$row"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
