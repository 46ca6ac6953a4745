#!/usr/bin/env bash
# bench/compare/run.sh: memorial-kiosk next to the kiosk people would otherwise build (the same show as an
# HTML page in Chromium's kiosk mode), measured the same way, side by side, in one run. See README.md.
#
#   bench/compare/run.sh [--quick] [options]
#
#   --quick          20 photos and a 10 s still period (about 6 minutes instead of about 25)
#   --photos N       number of 3000x2000 test photos (default 200)
#   --still S        length of the still-slide CPU measurement in seconds (default 30)
#   --tap-every MS   one tap every MS milliseconds in the tap-through (default 2500)
#   --starts N       start -> first frame is also measured over N more starts of each program (default 5,
#                    --quick 3; the table gives their median), and once with the photos dropped from the
#                    page cache
#   --late-ms MS     a frame interval longer than this is a late frame (default 25: a missed 60 Hz refresh)
#   --renderer R     memorial-kiosk is run as shipped: full screen, no SDL_* variable (each one of the
#                    caller's environment is removed), so it picks its renderer itself ("shipped", the
#                    default). A tuned run, labelled TUNED in the table and the report, sets SDL variables:
#                    "software" (SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0), "software-gl"
#                    (SDL_RENDER_DRIVER=software: frames through SDL's OpenGL window texture, llvmpipe on
#                    Xvfb) or "opengl" (SDL_RENDER_DRIVER=opengl: SDL's own default without the kiosk's
#                    choice, llvmpipe on Xvfb)
#   --eager-page     Chromium gets the naive page (every <img> loaded at once) instead of the windowed one
#   --only WHICH     run only "kiosk" or "chromium" (for development; the table then has one column)
#   --kiosk PATH     this memorial-kiosk binary (default: build it in build-bench/ as below)
#   --chromium PATH  this Chromium (default: chromium, the Debian package)
#   --report FILE    also write the results (machine, versions, table) as Markdown to FILE
#   --nice N         run Xvfb, both programs and the probe at this niceness (default -10 when allowed,
#                    so that other jobs on the machine disturb less; 0: as they come)
#   --keep           keep the work folder (photos, page, logs, screenshots, per-tap and per-frame data)
#   --from DIR       measure nothing: print the table (and --report) again from a kept work folder
#
# Needs (Debian): xvfb chromium gcc pkg-config libx11-dev libxext-dev libxdamage-dev libxtst-dev
# libturbojpeg0-dev, and what memorial-kiosk needs to build (scripts/packages.txt).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

photos=200
still=30
tap_every=2500
late_ms=25
eager=0
renderer=shipped
only=
kiosk_bin=
chromium_bin=chromium
report=
keep=0
quick=0
from=
nice_level=-10
starts=5

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

while (($#)); do
    case $1 in
    --quick)
        quick=1
        photos=20
        still=10
        starts=3
        ;;
    --photos) photos=$2; shift ;;
    --still) still=$2; shift ;;
    --tap-every) tap_every=$2; shift ;;
    --starts) starts=$2; shift ;;
    --late-ms) late_ms=$2; shift ;;
    --eager-page) eager=1 ;;
    --renderer) renderer=$2; shift ;;
    --only) only=$2; shift ;;
    --kiosk) kiosk_bin=$2; shift ;;
    --chromium) chromium_bin=$2; shift ;;
    --report) report=$2; shift ;;
    --keep) keep=1 ;;
    --from) from=$2; shift ;;
    --nice) nice_level=$2; shift ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        echo "run.sh: unknown option $1 (see --help)" >&2
        exit 2
        ;;
    esac
    shift
done
[[ $photos =~ ^[0-9]+$ && $photos -ge 1 ]] || { echo "run.sh: --photos needs a number >= 1" >&2; exit 2; }
[[ $still =~ ^[0-9]+$ && $still -ge 1 ]] || { echo "run.sh: --still needs whole seconds >= 1" >&2; exit 2; }
[[ $starts =~ ^[0-9]+$ ]] || { echo "run.sh: --starts needs a number" >&2; exit 2; }
[[ $tap_every =~ ^[0-9]+$ && $tap_every -ge 1500 ]] || { echo "run.sh: --tap-every needs >= 1500 ms" >&2; exit 2; }
[[ -z $only || $only == kiosk || $only == chromium ]] || { echo "run.sh: --only kiosk|chromium" >&2; exit 2; }
case $renderer in
shipped) kiosk_tune=() ;;
software) kiosk_tune=(SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0) ;;
software-gl) kiosk_tune=(SDL_RENDER_DRIVER=software) ;;
opengl) kiosk_tune=(SDL_RENDER_DRIVER=opengl) ;;
*) echo "run.sh: --renderer shipped|software|software-gl|opengl" >&2; exit 2 ;;
esac
# memorial-kiosk's environment: every SDL_* variable of the caller removed (and WAYLAND_DISPLAY, so SDL
# finds the X server), then the tuned ones, if any. It always runs full screen (no --window).
kiosk_env=()
for v in $(compgen -e); do
    [[ $v == SDL_* ]] && kiosk_env+=(-u "$v")
done
kiosk_env+=(-u WAYLAND_DISPLAY "${kiosk_tune[@]}")
if ((${#kiosk_tune[@]})); then
    kiosk_label="TUNED, not as shipped: full screen, ${kiosk_tune[*]}"
else
    kiosk_label="as shipped: full screen, no SDL variables"
fi
run_kiosk=1
run_chromium=1
[[ $only == chromium ]] && run_kiosk=0
[[ $only == kiosk ]] && run_chromium=0

say() { printf '%s\n' "compare: $*" >&2; }
fail() {
    printf '%s\n' "compare: FAIL: $*" >&2
    exit 1
}

# ---- the table ----
# print_results: the table (stdout) and the report (--report) from the results in $work.
print_results() {
kiosk_version=$("$kiosk_bin" --version 2>/dev/null || echo "?")
chromium_version=$( ((run_chromium)) && "$chromium_bin" --version 2>/dev/null | tail -n1 || echo "-")
kiosk_ff_log=$(sed -n 's/.*event=first-frame ms=\([0-9]*\).*/\1/p' "$work/kiosk.log" 2>/dev/null | head -n1)
cpu_model=$(awk -F': *' '/^model name|^Model|^Hardware/ { print $2; exit }' /proc/cpuinfo)
mem_total=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)

# rows: label | kiosk | chromium | ratio | target  (computed from the measurement files by awk)
{
    for side in kiosk chromium; do
        for f in first mem still walk render-big cold; do
            [[ -s $work/$side.$f ]] && sed "s/^/$side.$f./" "$work/$side.$f"
        done
        for f in first mem; do
            [[ -s $work/$side-big.$f ]] && sed "s/^/$side.big$f./" "$work/$side-big.$f"
        done
    done
    echo "kiosk.log.first_frame_ms=${kiosk_ff_log:--}"
    for side in kiosk chromium; do
        [[ -s $work/$side.starts ]] || continue
        # the median over the main run's start and the extra ones, with the smallest and largest
        { kv "$work/$side.first" first_content_ms; echo; cat "$work/$side.starts"; } | grep -v '^-\|^$' | sort -n |
            awk -v s="$side" '{ v[NR] = $1 } END { if (NR) printf "%s.starts.median=%s\n%s.starts.min=%s\n%s.starts.max=%s\n%s.starts.n=%d\n",
                s, (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), s, v[1], s, v[NR], s, NR }'
    done
    grep -m1 'event=frame-stats' "$work/kiosk.log" 2>/dev/null | tr ' ' '\n' | grep '=' | grep -v '^level=\|^event=' |
        sed 's/^/kiosk.fstats./' || true
} >"$work/all.kv"

table_awk=$(
    cat <<'AWK'
function has(k) { return (k in V) && V[k] != "-" && V[k] + 0 >= 0 }
function v(k) { return V[k] + 0 }
function ms(k) { return has(k) ? sprintf("%.0f ms", v(k)) : "-" }
function mib(k) { return has(k) ? sprintf("%.1f MiB", v(k) / 1024) : "-" }
function pc(k, d) { return has(k) ? sprintf("%." d "f %%", v(k)) : "-" }
function num(k) { return has(k) ? sprintf("%d", v(k)) : "-" }
function dec1(k) { return has(k) ? sprintf("%.1f", v(k)) : "-" }
function ratio(a, b) { return (has(a) && has(b) && v(a) > 0) ? sprintf("%.1fx", v(b) / v(a)) : "" }
function two(a, b, unit) { return (has(a) && has(b)) ? sprintf("%.0f / %.0f %s", v(a), v(b), unit) : "-" }
function of(a, b) { return (has(a) && has(b)) ? sprintf("%d of %d", v(a), v(b)) : "-" }
function verdict(ok) { return ok ? "PASS" : "FAIL" }
# "<= 1/10" of Chromium: kiosk value a, Chromium value b
function tenth(a, b) { return (has(a) && has(b)) ? "<= 1/10: " verdict(v(a) * 10 <= v(b)) : "" }
function atmost(a, lim, label) { return has(a) ? label ": " verdict(v(a) <= lim) : "" }
function other(side) {
    k = side ".walk.walk_system_cpu_pct"
    if (!has(k)) return "-"
    o = v(k) - v(side ".walk.walk_cpu_pct") - v(side ".walk.walk_xserver_cpu_pct")
    return sprintf("%.0f %%", o - v(side ".walk.walk_probe_cpu_pct"))
}
function big(side, key) {
    if (!((side ".bigfirst." key) in V)) return "-"
    if (v(side ".bigfirst." key) < 0 || (key == "settled_ms" && !has(side ".bigfirst.first_color_ms")))
        return "not shown"
    return ms(side ".bigfirst." key)
}
function row(l, k, c, r, t) { n++; L[n] = l; K[n] = k; C[n] = c; R[n] = r; T[n] = t }
{ V[$1] = substr($0, length($1) + 2) }
END {
    if (has("kiosk.starts.median") || has("chromium.starts.median")) {
        row("start -> first frame, median of " (has("kiosk.starts.n") ? v("kiosk.starts.n") : v("chromium.starts.n")) " starts",
            ms("kiosk.starts.median"), ms("chromium.starts.median"), ratio("kiosk.starts.median", "chromium.starts.median"),
            tenth("kiosk.starts.median", "chromium.starts.median"))
        row("  smallest / largest", two("kiosk.starts.min", "kiosk.starts.max", "ms"),
            two("chromium.starts.min", "chromium.starts.max", "ms"), "", "")
        row("  first start (Chromium: fresh profile)", ms("kiosk.first.first_content_ms"), ms("chromium.first.first_content_ms"),
            ratio("kiosk.first.first_content_ms", "chromium.first.first_content_ms"), "")
        row("  photos not in the page cache", ms("kiosk.cold.cold_first_content_ms"), ms("chromium.cold.cold_first_content_ms"),
            ratio("kiosk.cold.cold_first_content_ms", "chromium.cold.cold_first_content_ms"), "")
    } else
        row("start -> first frame on screen", ms("kiosk.first.first_content_ms"), ms("chromium.first.first_content_ms"),
            ratio("kiosk.first.first_content_ms", "chromium.first.first_content_ms"),
            tenth("kiosk.first.first_content_ms", "chromium.first.first_content_ms"))
    row("  (kiosk log: event=first-frame ms=)", ms("kiosk.log.first_frame_ms"), "", "", "")
    row("peak RSS, sum of VmHWM of all processes", mib("kiosk.mem.peak_hwm_sum_kb"), mib("chromium.mem.peak_hwm_sum_kb"),
        ratio("kiosk.mem.peak_hwm_sum_kb", "chromium.mem.peak_hwm_sum_kb"),
        tenth("kiosk.mem.peak_hwm_sum_kb", "chromium.mem.peak_hwm_sum_kb"))
    row("peak PSS, sum over processes (sampled)", mib("kiosk.mem.peak_pss_sum_kb"), mib("chromium.mem.peak_pss_sum_kb"),
        ratio("kiosk.mem.peak_pss_sum_kb", "chromium.mem.peak_pss_sum_kb"),
        tenth("kiosk.mem.peak_pss_sum_kb", "chromium.mem.peak_pss_sum_kb"))
    row("processes", num("kiosk.mem.processes"), num("chromium.mem.processes"), "", "")
    row("CPU while a slide is still (" still " s)", pc("kiosk.still.still_cpu_pct", 2), pc("chromium.still.still_cpu_pct", 2),
        "", atmost("kiosk.still.still_cpu_pct", 0.5, "<= 0.5 %"))
    row("  frames drawn while still", num("kiosk.still.still_frames"), num("chromium.still.still_frames"), "", "")
    row("  scheduler wake-ups per s while still", dec1("kiosk.still.still_wakeups_per_s"),
        dec1("chromium.still.still_wakeups_per_s"), "", "")
    for (g = 1; g <= 2; g++) {
        G = g == 1 ? "text" : "photo"
        lab = g == 1 ? "to a text slide" : "to a photo"
        row("transitions " lab ": CPU (% of a core)", pc("kiosk.walk." G "_transition_cpu_pct", 0),
            pc("chromium.walk." G "_transition_cpu_pct", 0), "", "")
        row("  frames per 1.2 s transition", dec1("kiosk.walk." G "_frames_per_transition"),
            dec1("chromium.walk." G "_frames_per_transition"), "", "")
        row("  frame interval p50 / p99", two("kiosk.walk." G "_frame_p50_ms", "kiosk.walk." G "_frame_p99_ms", "ms"),
            two("chromium.walk." G "_frame_p50_ms", "chromium.walk." G "_frame_p99_ms", "ms"), "", "")
        row("  late frames (interval > " late_ms " ms)", of("kiosk.walk." G "_late", "kiosk.walk." G "_intervals"),
            of("chromium.walk." G "_late", "chromium.walk." G "_intervals"), "", "")
    }
    fs = "-"
    if (has("kiosk.fstats.frames"))
        fs = sprintf("%d/%d/%d ms, %d late", v("kiosk.fstats.p50_ms"), v("kiosk.fstats.p99_ms"), v("kiosk.fstats.worst_ms"),
            v("kiosk.fstats.late"))
    row("  the kiosk's own event=frame-stats", fs, "", "", "")
    row("  taps followed by frames after the transition", num("kiosk.walk.all_reveals"), num("chromium.walk.all_reveals"), "", "")
    row("  late frames while the decoder ran", num("kiosk.walk.all_late_with_decoder"), "n/a", "",
        has("kiosk.walk.all_late_with_decoder") ? "0: " verdict(v("kiosk.walk.all_late_with_decoder") == 0) : "")
    row("tap -> first frame drawn, p50 / max", two("kiosk.walk.all_tap_p50_ms", "kiosk.walk.all_tap_max_ms", "ms"),
        two("chromium.walk.all_tap_p50_ms", "chromium.walk.all_tap_max_ms", "ms"), "",
        atmost("kiosk.walk.all_tap_max_ms", 50, "<= 50 ms"))
    row("  taps to a text slide, p50 / max", two("kiosk.walk.text_tap_p50_ms", "kiosk.walk.text_tap_max_ms", "ms"),
        two("chromium.walk.text_tap_p50_ms", "chromium.walk.text_tap_max_ms", "ms"), "", "")
    row("  taps to a photo, p50 / max", two("kiosk.walk.photo_tap_p50_ms", "kiosk.walk.photo_tap_max_ms", "ms"),
        two("chromium.walk.photo_tap_p50_ms", "chromium.walk.photo_tap_max_ms", "ms"), "", "")
    row("tap -> next slide fully in, p50 / max", two("kiosk.walk.all_settle_p50_ms", "kiosk.walk.all_settle_max_ms", "ms"),
        two("chromium.walk.all_settle_p50_ms", "chromium.walk.all_settle_max_ms", "ms"), "", "")
    row("CPU over the whole tap-through", pc("kiosk.walk.walk_cpu_pct", 0), pc("chromium.walk.walk_cpu_pct", 0),
        ratio("kiosk.walk.walk_cpu_pct", "chromium.walk.walk_cpu_pct"), "")
    row("  X server (Xvfb) meanwhile", pc("kiosk.walk.walk_xserver_cpu_pct", 0), pc("chromium.walk.walk_xserver_cpu_pct", 0), "", "")
    row("  the measuring probe meanwhile", pc("kiosk.walk.walk_probe_cpu_pct", 0), pc("chromium.walk.walk_probe_cpu_pct", 0), "", "")
    row("  all other processes meanwhile (noise)", other("kiosk"), other("chromium"), "", "")
    row("6000x4000 JPEG: start -> photo appears", big("kiosk", "first_color_ms"), big("chromium", "first_color_ms"),
        ratio("kiosk.bigfirst.first_color_ms", "chromium.bigfirst.first_color_ms"), "")
    row("6000x4000 JPEG: start -> fully drawn", big("kiosk", "settled_ms"), big("chromium", "settled_ms"),
        (has("kiosk.bigfirst.first_color_ms") ? ratio("kiosk.bigfirst.settled_ms", "chromium.bigfirst.settled_ms") : ""), "")
    row("6000x4000 JPEG: peak RSS (sum of VmHWM)", mib("kiosk.bigmem.peak_hwm_sum_kb"), mib("chromium.bigmem.peak_hwm_sum_kb"),
        ratio("kiosk.bigmem.peak_hwm_sum_kb", "chromium.bigmem.peak_hwm_sum_kb"), "")
    rb = "-"
    if (has("kiosk.render-big.render_big_s"))
        rb = sprintf("%.0f ms, %.1f MiB", v("kiosk.render-big.render_big_s") * 1000, v("kiosk.render-big.render_big_maxrss_kb") / 1024)
    row("  kiosk --render of it to PNG, no display", rb, "", "", "")
    hl = "measure"; hk = tuned ? "memorial-kiosk (TUNED)" : "memorial-kiosk"; hc = "chromium"; hr = "chromium/kiosk"; ht = "target (kiosk)"
    if (md) {
        print "| " hl " | " hk " | " hc " | " hr " | " ht " |"
        print "| --- | ---: | ---: | ---: | --- |"
        for (i = 1; i <= n; i++) {
            l = L[i]; gsub(/->/, "→", l); gsub(/<=/, "≤", l); t = T[i]; gsub(/<=/, "≤", t)
            sub(/^  /, "\\&nbsp;\\&nbsp;", l)
            print "| " l " | " K[i] " | " C[i] " | " R[i] " | " t " |"
        }
        exit
    }
    w1 = length(hl); w2 = length(hk); w3 = length(hc); w4 = length(hr)
    for (i = 1; i <= n; i++) {
        if (length(L[i]) > w1) w1 = length(L[i])
        if (length(K[i]) > w2) w2 = length(K[i])
        if (length(C[i]) > w3) w3 = length(C[i])
        if (length(R[i]) > w4) w4 = length(R[i])
    }
    fmt = "%-" w1 "s  %" w2 "s  %" w3 "s  %" w4 "s  %s\n"
    printf fmt, hl, hk, hc, hr, ht
    for (i = 1; i <= n; i++) printf fmt, L[i], K[i], C[i], R[i], T[i]
}
AWK
)
tuned=$( ((${#kiosk_tune[@]})) && echo 1 || echo 0)
awk -F= -v still="$still" -v late_ms="$late_ms" -v tuned="$tuned" -v md=0 "$table_awk" "$work/all.kv" >"$work/table.txt"
awk -F= -v still="$still" -v late_ms="$late_ms" -v tuned="$tuned" -v md=1 "$table_awk" "$work/all.kv" >"$work/table.md"

kiosk_display=$(sed -n 's/.*event=display \(.*\)/\1/p' "$work/kiosk.log" 2>/dev/null | head -n1)
header="memorial-kiosk $kiosk_version ($kiosk_label) vs. $chromium_version, 1920x1080 on Xvfb; the bundled exhibit + $photos photos of 3000x2000 ($slides slides); tap every $tap_every ms"
noise=$(awk -F= '$1 ~ /walk\.walk_(system_|xserver_|probe_)?cpu_pct$/ { split($1, k, "."); v[k[1] "." k[3]] = $2 }
    END { for (s in v) if (s ~ /walk_system_cpu_pct$/) { side = s; sub(/\..*/, "", side)
        o = v[side ".walk_system_cpu_pct"] - v[side ".walk_cpu_pct"] - v[side ".walk_xserver_cpu_pct"]
        o -= v[side ".walk_probe_cpu_pct"]
        if (o > 25) printf "%s%s: %.0f %%", (n++ ? ", " : ""), side, o } }' "$work/all.kv")
echo
echo "$header"
cat "$work/table.txt"
if [[ -n $noise ]]; then
    echo
    echo "WARNING: other processes kept the machine busy during the tap-through ($noise of a core);"
    echo "frame times, late frames and tap latencies are disturbed: run again on a quiet machine."
fi
echo

if [[ -n $report ]]; then
    {
        echo "## Run of $run_date"
        echo
        echo "- command: \`bench/compare/run.sh$( ((quick)) && echo " --quick")$( [[ $renderer == shipped ]] || echo " --renderer $renderer")$( ((quick)) || [[ $photos == 200 ]] || echo " --photos $photos")$( [[ $still == 30 || $quick == 1 ]] || echo " --still $still")$( ((eager)) && echo " --eager-page")\`"
        echo "- machine: \`$(uname -a)\`"
        echo "- CPU: $cpu_model, $(nproc) cores; RAM: $mem_total"
        echo "- memorial-kiosk $kiosk_version (Release build, $kiosk_label; its log: ${kiosk_display:-?});" \
            "$chromium_version (Debian package, --kiosk --disable-gpu, $( ((eager)) && echo "naive page: every picture loaded at once" || echo "windowed page: pictures of the current, next and previous slides"))"
        echo "- SDL $(dpkg-query -W -f '${Version}' libsdl2-2.0-0 2>/dev/null || echo "?"), Xvfb $(dpkg-query -W -f '${Version}' xvfb 2>/dev/null || echo "?")"
        echo "- load average before / after the run: $load_before / ${load_after:-?}; niceness of Xvfb, the programs and the probe: ${nice_level:-0}"
        echo "- show: the bundled exhibit + $photos photos of 3000x2000 ($slides slides); still period $still s; tap-through: ${#kinds} taps, one every $tap_every ms; late frame: interval > $late_ms ms"
        echo
        cat "$work/table.md"
        if [[ -n $noise ]]; then
            echo
            echo "**Warning:** other processes kept the machine busy during the tap-through ($noise of a core):" \
                "frame times, late frames and tap latencies are disturbed."
        fi
    } >"$report"
    say "wrote $report"
fi
}

if [[ -n $from ]]; then
    [[ -s $from/params.env ]] || fail "$from is not a kept work folder of run.sh (no params.env)"
    work=$from
    unset kiosk_label
    # shellcheck disable=SC1091
    source "$work/params.env"
    if [[ -z ${kiosk_label:-} ]]; then # kept by an older run.sh: always --window, with SDL variables
        kiosk_tune=("${kiosk_env[@]}")
        kiosk_label="TUNED, not as shipped: --window 1920x1080, ${kiosk_env[*]:1}"
    fi
    print_results
    exit 0
fi

# ---- tools ----
missing=()
for t in Xvfb cc pkg-config awk; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
done
((run_chromium)) && ! command -v "$chromium_bin" >/dev/null 2>&1 && missing+=("$chromium_bin")
for p in x11 xext xdamage xtst libturbojpeg; do
    pkg-config --exists "$p" 2>/dev/null || missing+=("pkg-config:$p")
done
if ((${#missing[@]})); then
    fail "missing ${missing[*]}; on Debian: apt-get install xvfb chromium gcc pkg-config libx11-dev" \
        "libxext-dev libxdamage-dev libxtst-dev libturbojpeg0-dev"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-compare-XXXXXX")
xvfb_pid=
launcher_pid=
cleanup() {
    local rc=$?
    set +e
    if [[ -n $launcher_pid ]] && kill -0 "$launcher_pid" 2>/dev/null; then
        kill -TERM "$launcher_pid" 2>/dev/null # the probe ends the program it started, then itself
        wait "$launcher_pid" 2>/dev/null
    fi
    if [[ -n $xvfb_pid ]] && kill -0 "$xvfb_pid" 2>/dev/null; then
        kill -TERM "$xvfb_pid" 2>/dev/null
        wait "$xvfb_pid" 2>/dev/null
    fi
    if ((keep)); then
        say "kept the work folder $work"
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# kv FILE KEY: the value of KEY in a key=value file ("-" when absent).
kv() {
    local v
    v=$(grep -m1 "^$2=" "$1" 2>/dev/null | cut -d= -f2-) || true
    printf '%s' "${v:--}"
}

# wait_file FILE SECONDS [PID]: waits until FILE exists; fails on timeout or when PID has ended.
wait_file() {
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        [[ -s $1 ]] && return 0
        if [[ -n ${3:-} ]] && ! kill -0 "$3" 2>/dev/null; then
            fail "the measurement of $(basename "$1") ended early (see $work)"
        fi
        sleep 0.1
    done
    fail "timed out waiting for $1"
}

# ---- build ----
if [[ -z $kiosk_bin ]]; then
    kiosk_bin=$root/build-bench/memorial-kiosk
    if ((run_kiosk)) || ((run_chromium)); then
        say "building memorial-kiosk (Release) in build-bench/"
        cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release >"$work/cmake.log" 2>&1 ||
            fail "cmake configure failed: $(tail -n 5 "$work/cmake.log")"
        cmake --build "$root/build-bench" -j "$(nproc)" --target memorial-kiosk >>"$work/cmake.log" 2>&1 ||
            fail "build failed: $(tail -n 15 "$work/cmake.log")"
    fi
fi
[[ -x $kiosk_bin ]] || fail "$kiosk_bin is not an executable"
bin=$work/bin
mkdir -p "$bin"
# shellcheck disable=SC2046
cc -std=c17 -O2 -Wall -o "$bin/probe" "$here/probe.c" $(pkg-config --cflags --libs x11 xext xdamage xtst) ||
    fail "cannot compile probe.c"
# shellcheck disable=SC2046
cc -std=c17 -O2 -Wall -o "$bin/gen_photos" "$here/gen_photos.c" $(pkg-config --cflags --libs libturbojpeg) -lm ||
    fail "cannot compile gen_photos.c"
probe=$bin/probe

# ---- content ----
show=$work/show
big=$work/big
mkdir -p "$show/photos" "$big"
cp -R "$root/content/." "$show/"
say "making $photos test photos of 3000x2000 and one of 6000x4000 (libjpeg-turbo, quality 90)"
t_gen=$(date +%s)
seq 1 "$photos" | xargs -P "$(nproc)" -I{} sh -c \
    'exec "$0" "$(printf "%s/photo-%03d.jpg" "$1" "$2")" 3000x2000 "$2"' "$bin/gen_photos" "$show/photos" {} ||
    fail "making the photos failed"
"$bin/gen_photos" "$big/big.jpg" 6000x4000 100000 || fail "making the 6000x4000 photo failed"
say "  done in $(($(date +%s) - t_gen)) s, $(du -sm "$show/photos" | cut -f1) MB"

# The kiosk's own description of its show (slides, order, durations, texts, laid out at 1920x1080): the
# HTML page is generated from it, so both programs show exactly the same slides.
say "the show as memorial-kiosk lays it out (--render at 1920x1080), and the HTML page from it"
"$kiosk_bin" --render "$work/render" --size 1920x1080 "$show" >"$work/render.log" 2>&1 ||
    fail "memorial-kiosk --render failed: $(tail -n 5 "$work/render.log")"
cp "$work/render/slides.txt" "$work/slides.txt"
rm -rf "$work/render"
# The same without a display, timed by /usr/bin/time: decode, scale, draw and write one PNG.
if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f "render_big_s=%e\nrender_big_maxrss_kb=%M" -o "$work/kiosk.render-big" \
        "$kiosk_bin" --render "$work/render-big" --size 1920x1080 "$big" >"$work/render-big.log" 2>&1 ||
        fail "memorial-kiosk --render of the big photo failed"
else
    "$kiosk_bin" --render "$work/render-big" --size 1920x1080 "$big" >"$work/render-big.log" 2>&1 ||
        fail "memorial-kiosk --render of the big photo failed"
fi
cp "$work/render-big/slides.txt" "$work/slides-big.txt"
rm -rf "$work/render-big"
mkdir -p "$work/page" "$work/page-big"
awk -v base=../show/ -v eager="$eager" -f "$here/make_page.awk" "$work/slides.txt" >"$work/page/index.html"
awk -v base=../big/ -v eager="$eager" -f "$here/make_page.awk" "$work/slides-big.txt" >"$work/page-big/index.html"

slides=$(grep -c $'^[0-9]*\\.png\t' "$work/slides.txt")
title_ms=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^duration_ms=/) { sub(/duration_ms=/, "", $i); print $i } }' \
    "$work/slides.txt")
kind2=$(awk -F'\t' '/^[0-9]+\.png\t/ { n++; if (n == 2) { print $2 } }' "$work/slides.txt")
[[ $kind2 == kind=excerpt ]] || fail "the show's second slide is not a text screen (the still period needs one)"
# One letter per tap of the tap-through, from slide 2 to the last: where that tap leads (t text, p picture).
kinds=$(awk -F'\t' '/^[0-9]+\.png\t/ { n++; if (n >= 3) printf "%s", ($2 == "kind=image" ? "p" : "t") }' \
    "$work/slides.txt")
transition_ms=1200
pics=${kinds//t/}
say "  $slides slides; the tap-through: ${#kinds} taps from slide 2 to the last, ${#pics} of them to a picture"

nice_cmd=()
if [[ $nice_level != 0 ]]; then
    if nice -n "$nice_level" true 2>/dev/null && [[ $(nice -n "$nice_level" nice) == "$nice_level" ]]; then
        nice_cmd=(nice -n "$nice_level")
    else
        say "cannot run at niceness $nice_level (not root?): running at the default priority"
        nice_level=0
    fi
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
run_date=$(date '+%Y-%m-%d %H:%M %Z')
for var in run_date photos still tap_every late_ms eager renderer quick slides kinds load_before kiosk_bin chromium_bin run_kiosk \
    run_chromium nice_level starts; do
    printf '%s=%q\n' "$var" "${!var}"
done >"$work/params.env"
printf 'kiosk_env=(%s)\n' "$(printf '%q ' "${kiosk_env[@]}")" >>"$work/params.env"
printf 'kiosk_tune=(%s)\nkiosk_label=%q\n' "$(printf '%q ' "${kiosk_tune[@]}")" "$kiosk_label" >>"$work/params.env"

# ---- X server ----
: >"$work/displayfd"
"${nice_cmd[@]}" Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp -noreset 3>"$work/displayfd" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for ((i = 0; i < 200; i++)); do
    [[ -s $work/displayfd ]] && break
    kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start: $(tail -n 5 "$work/xvfb.log")"
    sleep 0.05
done
[[ -s $work/displayfd ]] || fail "Xvfb did not start"
export DISPLAY=:$(head -n1 "$work/displayfd" | tr -d '[:space:]')
say "Xvfb $DISPLAY, 1920x1080x24"

# ---- one program ----
# measure NAME MATCH CMD...: the whole scenario for one program; results in $work/NAME.*.
#   1. start -> first frame (screen), with memory samples from then on;
#   2. the first slide (a title) crossfades to the second (a text screen that stays for 45 s): CPU over
#      $still seconds of it;
#   3. the tap-through: one tap every $tap_every ms from slide 2 to the last slide;
#   4. end: peak memory of the whole run.
measure() {
    local name=$1 match=$2
    shift 2
    local out=$work/$name
    say "$name: start"
    "${nice_cmd[@]}" "$probe" launch --match "$match" --out "$out.first" --mem "$out.mem" --pidfile "$out.pid" \
        --log "$out.log" --shot "$out.first.ppm" --settle-ms 1500 -- "$@" &
    launcher_pid=$!
    wait_file "$out.first" 120 "$launcher_pid"
    local pid first settled
    pid=$(cat "$out.pid")
    first=$(kv "$out.first" first_content_ms)
    settled=$(kv "$out.first" settled_ms)
    [[ $first != -1.0 ]] || fail "$name: no first frame with content on the screen (see $out.log)"
    say "$name: first frame after $first ms"
    # The title slide stays title_ms from its first frame, then the crossfade; start 3 s after it.
    local wait_ms
    wait_ms=$(awk -v t="$title_ms" -v tr="$transition_ms" -v f="$first" -v s="$settled" \
        'BEGIN { w = t + tr + 3000 - (s - f + 1500); print (w > 0 ? int(w) : 0) }')
    sleep "$(awk -v w="$wait_ms" 'BEGIN { printf "%.3f", w / 1000 }')"
    say "$name: CPU while slide 2 is still, $still s"
    "${nice_cmd[@]}" "$probe" still --match "$match" --pid "$pid" --xpid "$xvfb_pid" --probe-pid "$launcher_pid" --seconds "$still" --quiet-ms 1000 \
        --out "$out.still"
    "$probe" shot "$out.still.ppm" >/dev/null
    local at
    at=$(current_slide "$name" "$out.log")
    [[ $at == 2 ]] || fail "$name: expected slide 2 on screen before the tap-through, the log says $at"
    say "$name: tap-through, ${#kinds} taps, one every $tap_every ms"
    local thread=()
    [[ $name == kiosk* ]] && thread=(--thread kiosk-decoder)
    "${nice_cmd[@]}" "$probe" walk --match "$match" --pid "$pid" --xpid "$xvfb_pid" --probe-pid "$launcher_pid" --kinds "$kinds" --every "$tap_every" \
        --transition-ms "$transition_ms" --late-ms "$late_ms" "${thread[@]}" \
        --out "$out.walk" --taps "$out.taps" --frames "$out.frames" --raw "$out.raw"
    "$probe" shot "$out.last.ppm" >/dev/null
    at=$(current_slide "$name" "$out.log")
    [[ $at == "$slides" ]] || say "$name: WARNING: the tap-through should end on slide $slides, the log says $at"
    kill -TERM "$launcher_pid"
    wait "$launcher_pid" || true
    launcher_pid=
    [[ -s $out.mem ]] || fail "$name: no memory figures"
    [[ $(kv "$out.mem" early_exit) == 0 ]] || fail "$name ended by itself during the run (see $out.log)"
}

# one_start OUT MATCH CMD...: one start of CMD under the probe, ended once its first frame is seen;
# prints start -> first frame in ms (the files OUT.first, .mem, .pid, .log are left for a look).
one_start() {
    local out=$1 match=$2
    shift 2
    rm -f "$out.first" "$out.mem"
    "${nice_cmd[@]}" "$probe" launch --match "$match" --out "$out.first" --mem "$out.mem" --pidfile "$out.pid" \
        --log "$out.log" --settle-ms 500 --sample-ms 1000 -- "$@" &
    launcher_pid=$!
    wait_file "$out.first" 120 "$launcher_pid"
    kill -TERM "$launcher_pid"
    wait "$launcher_pid" || true
    launcher_pid=
    kv "$out.first" first_content_ms
}

# measure_starts NAME MATCH CMD...: start -> first frame over $starts more starts (Chromium: with the profile
# of the main run, as a kiosk that has run before); their first_content_ms in $work/NAME.starts.
measure_starts() {
    local name=$1 match=$2 i
    shift 2
    local out=$work/$name-start
    : >"$work/$name.starts"
    ((starts > 0)) || return 0
    say "$name: $starts more starts"
    for ((i = 1; i <= starts; i++)); do
        one_start "$out" "$match" "$@" >>"$work/$name.starts"
        echo >>"$work/$name.starts"
        sleep 1
    done
    # Once more with the photos out of the page cache (as after a reboot): GNU dd's iflag=nocache drops
    # the cached pages of each file, nothing else.
    local f
    for f in "$show"/photos/*.jpg; do
        dd if="$f" iflag=nocache count=0 status=none 2>/dev/null || true
    done
    { # not in $(...): a failing start must end the run, and launcher_pid must be this shell's
        printf 'cold_first_content_ms='
        one_start "$out" "$match" "$@"
        echo
    } >"$work/$name.cold"
}

# measure_big NAME MATCH CMD...: start -> the 6000x4000 photo on screen, and the peak memory of that run.
measure_big() {
    local name=$1 match=$2
    shift 2
    local out=$work/$name
    say "$name: one 6000x4000 JPEG"
    "${nice_cmd[@]}" "$probe" launch --match "$match" --out "$out.first" --mem "$out.mem" --pidfile "$out.pid" \
        --log "$out.log" --shot "$out.ppm" --settle-ms 3000 --timeout-ms 30000 --color -- "$@" &
    launcher_pid=$!
    wait_file "$out.first" 120 "$launcher_pid"
    kill -TERM "$launcher_pid"
    wait "$launcher_pid" || true
    launcher_pid=
    [[ $(kv "$out.first" first_color_ms) != -1.0 ]] || say "$name: WARNING: the photo never appeared"
}

# current_slide NAME LOG: the number of the slide on screen, from the program's log.
current_slide() {
    if [[ $1 == kiosk* ]]; then
        grep 'event=slide ' "$2" | tail -n1 | sed -n 's/.* index=\([0-9]*\) .*/\1/p'
    else
        grep -a 'CONSOLE.*"slide ' "$2" | tail -n1 | sed -n 's/.*"slide \([0-9]*\) .*/\1/p'
    fi
}

if ((run_kiosk)); then
    measure kiosk "$work/show" env "${kiosk_env[@]}" "$kiosk_bin" "$show"
    measure_starts kiosk "$work/show" env "${kiosk_env[@]}" "$kiosk_bin" "$show"
    measure_big kiosk-big "$work/big" env "${kiosk_env[@]}" "$kiosk_bin" "$big"
fi
if ((run_chromium)); then
    mkdir -p "$work/chromium-home" "$work/chromium-big-home"
    chromium_main=(env XDG_CONFIG_HOME="$work/chromium-home/config" XDG_CACHE_HOME="$work/chromium-home/cache"
        "$chromium_bin" --kiosk --no-sandbox --disable-gpu --disable-quic --no-first-run
        --disable-background-networking --disable-component-update --disable-sync --no-default-browser-check
        --noerrdialogs --password-store=basic --user-data-dir="$work/chromium-home/profile"
        --window-size=1920,1080 --window-position=0,0 --enable-logging=stderr --v=0 "file://$work/page/index.html")
    measure chromium "$work/chromium-home" "${chromium_main[@]}"
    measure_starts chromium "$work/chromium-home" "${chromium_main[@]}"
    measure_big chromium-big "$work/chromium-big-home" env XDG_CONFIG_HOME="$work/chromium-big-home/config" \
        XDG_CACHE_HOME="$work/chromium-big-home/cache" "$chromium_bin" --kiosk --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync \
        --no-default-browser-check --noerrdialogs --password-store=basic \
        --user-data-dir="$work/chromium-big-home/profile" --window-size=1920,1080 --window-position=0,0 \
        --enable-logging=stderr --v=0 "file://$work/page-big/index.html"
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
printf 'load_after=%q\n' "$load_after" >>"$work/params.env"
print_results
