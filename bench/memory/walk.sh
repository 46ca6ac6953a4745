#!/usr/bin/env bash
# bench/memory/walk.sh BIN FOLDER OUT [TAPS]: where memorial-kiosk's memory goes (issue 19). Runs BIN as
# shipped (full screen, every SDL_* variable removed) on its own Xvfb (display $DISP, default :77) at
# 1920x1080x24 (no window manager) with FOLDER, samples PSS and USS (private) every 100 ms from
# /proc/PID/smaps_rollup (pss-sample.py, which also keeps the smaps of the highest sample), and writes
# the PSS/RSS per group of mappings (smaps-groups.py) at the first frame, on the still title slide, during
# two transitions and at rest after TAPS taps (default 40; one every 0.6 + $REST s, REST default 1.9),
# and of the mappings at the highest PSS sample. Needs Xvfb, xdotool, python3.
# Prints: peak PSS, peak USS, VmHWM. OUT gets first.txt still.txt tap9.txt tap12.txt end.txt peak.smaps
# pss.samples uss.samples kiosk.log.
set -u
bin=$1 folder=$2 out=$3 taps=${4:-40}
here=$(cd "$(dirname "$0")" && pwd)
groups() { python3 "$here/smaps-groups.py" "$@"; }
mkdir -p "$out"
rm -f "$out"/*.txt "$out"/*.samples "$out"/peak*
disp=${DISP:-:77} # another display with DISP=:N
Xvfb $disp -screen 0 1920x1080x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
xpid=$!
sleep 1
unset_sdl=()
for v in $(env | grep -o '^SDL_[A-Z_]*'); do unset_sdl+=(-u "$v"); done
env -u WAYLAND_DISPLAY "${unset_sdl[@]}" DISPLAY=$disp "$bin" "$folder" >"$out/kiosk.log" 2>&1 &
kpid=$!
python3 "$here/pss-sample.py" $kpid "$out" 100 &
spid=$!
for _ in $(seq 50); do
    grep -q first-frame "$out/kiosk.log" && break
    sleep 0.1
done
sleep 0.3
groups $kpid first-frame >"$out/first.txt"
sleep 3
groups $kpid still-title >"$out/still.txt"
for i in $(seq "$taps"); do
    DISPLAY=$disp xdotool mousemove 1500 500 click 1
    sleep 0.6
    if [[ $i == 9 || $i == 12 ]]; then groups $kpid "in a transition, tap $i" >"$out/tap$i.txt"; fi
    sleep "${REST:-1.9}"
done
sleep 2
groups $kpid "at rest after $taps taps" >"$out/end.txt"
hwm=$(awk '/^VmHWM/ { print $2 }' /proc/$kpid/status)
kill $kpid
wait $kpid 2>/dev/null
kill $xpid
wait $xpid 2>/dev/null
groups "$out/peak.smaps" "highest PSS sample" >"$out/peak.txt"
wait $spid 2>/dev/null
echo "peak PSS $(cat "$out/peak") KiB, peak USS $(cut -f2 "$out/uss.samples" | sort -n | tail -n 1) KiB, VmHWM $hwm KiB, $(wc -l <"$out/pss.samples") samples"
