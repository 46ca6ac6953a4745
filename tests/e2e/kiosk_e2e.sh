#!/usr/bin/env bash
# End-to-end: the real memorial-kiosk in a real X window (Xvfb), driven like a visitor with xdotool.
#
#   kiosk_e2e.sh click   PATH/TO/memorial-kiosk
#       3 articles, --window 800x600 --speed 0.05 (slow, so auto-advance never interferes): after the first
#       frame, a left click moves to slide 2 within 1 s (measured here from the log), the window's picture
#       changes once the crossfade is over (xwd screenshots), and Esc quits with exit code 0 and event=quit.
#   kiosk_e2e.sh sigterm PATH/TO/memorial-kiosk
#       the same show, ended with SIGTERM: exit code 0 and event=quit.
#   kiosk_e2e.sh staff   PATH/TO/memorial-kiosk
#       a 3.4 s press in the top-left corner shows the staff status overlay (event=staff-status), no input.
#   kiosk_e2e.sh photo   PATH/TO/memorial-kiosk PATH/TO/badinput_tool
#       a show of one 6000x4000 JPEG: the first frame is the placeholder; the picture must then appear by
#       itself (xwd: at least 30 % of the window colourful within 30 s), and Esc quits cleanly.
#   kiosk_e2e.sh marked  PATH/TO/memorial-kiosk PATH/TO/marked_present
#       the first frame's present by its marked runs (src/app/backdrop.c), in-process against this X server:
#       marked_present draws frames and reads the window back from the server (see marked_present.c).
#   kiosk_e2e.sh fullscreen          PATH/TO/memorial-kiosk
#   kiosk_e2e.sh fullscreen-portrait PATH/TO/memorial-kiosk
#       as shipped: full screen (no --window), no SDL_* variable, on an X server of 1920x1080 (portrait:
#       1080x1920) without a window manager. The window, SDL's sizes (event=display size/screen) and a
#       screenshot of the whole X screen (xwd -root) must show the slide over the whole screen: no pixel of
#       the corner blocks or along the four edges is the root window's black, and the banner's red rule
#       runs from the left edge to the right one near the bottom. Ctrl+Alt+Q quits cleanly.
#
# Needs Xvfb, xdotool and xwd (Debian: xvfb xdotool x11-apps; scripts/test installs them).
# Xvfb runs on the first free display of :90..:99 (its own lock decides, so parallel runs never share one).
# $KIOSK_TEST_KEEP_TMP=1 keeps the work folder (log, screenshots; tests/lib.sh).
set -euo pipefail

mode=${1:-}
bin=${2:-}
badtool=${3:-} # photo mode: tests/badinput's badinput_tool, which writes the test JPEG; marked: marked_present
if [[ $mode != click && $mode != sigterm && $mode != staff && $mode != photo && $mode != fullscreen &&
    $mode != fullscreen-portrait && $mode != marked ]] || [[ -z $bin ]] ||
    [[ ($mode == photo || $mode == marked) && ! -x $badtool ]]; then
    echo "usage: $0 click|sigterm|staff|fullscreen|fullscreen-portrait PATH/TO/memorial-kiosk" >&2
    echo "       $0 photo PATH/TO/memorial-kiosk PATH/TO/badinput_tool" >&2
    echo "       $0 marked PATH/TO/memorial-kiosk PATH/TO/marked_present" >&2
    exit 2
fi

# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh"
need_exe "$bin" memorial-kiosk

missing=()
for tool in Xvfb xdotool xwd; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "FAIL: e2e tests need ${missing[*]} (Debian packages: xvfb xdotool x11-apps; scripts/test installs" \
        "them, or: apt-get install xvfb xauth xdotool x11-apps)" >&2
    exit 1
fi

# Generous waits for a loaded 2-core machine (and sanitizer builds); the 1 s bound is the contract.
readonly XVFB_READY_MS=20000 FIRST_FRAME_MS=60000 CLICK_BOUND_MS=1000 CLICK_WAIT_MS=10000
readonly SETTLE_MS=90000 STABLE_MS=1500 SHOT_EVERY=0.25 EXIT_MS=15000

# The X screen: the windowed tests' 1024x768, the full-screen ones the sizes of real kiosk screens.
case $mode in
fullscreen) screen_w=1920 screen_h=1080 ;;
fullscreen-portrait) screen_w=1080 screen_h=1920 ;;
*) screen_w=1024 screen_h=768 ;;
esac

test_begin e2e
xvfb_pid=
app_pid=
log=$work/kiosk.log
test_logs=$work/xvfb.log
test_log_lines=1000 # the whole log of a short show
test_on_exit() {
    if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill -KILL "$app_pid" 2>/dev/null
        wait "$app_pid" 2>/dev/null
    fi
    if [[ -n $xvfb_pid ]] && kill -0 "$xvfb_pid" 2>/dev/null; then
        kill -TERM "$xvfb_pid" 2>/dev/null
        wait "$xvfb_pid" 2>/dev/null
    fi
}
trap 'exit 130' INT TERM HUP

NOW=0
now_ms() { # sets NOW (milliseconds, wall clock) without forking
    local t=${EPOCHREALTIME:-}
    if [[ -n $t ]]; then
        t=${t/[.,]/}
        NOW=$((10#$t / 1000))
    else
        NOW=$(date +%s%3N)
    fi
}

say() { echo "e2e.$mode: $*"; }

# The state letter of a process (R, S, Z, ...), or X when it is gone.
proc_state() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || {
        echo X
        return
    }
    stat=${stat##*) }
    echo "${stat%% *}"
}

# wait_exit PID TIMEOUT_MS: waits for a child to end; sets EXIT_RC. Returns 1 on timeout.
EXIT_RC=
wait_exit() {
    local pid=$1 deadline
    now_ms
    deadline=$((NOW + $2))
    while :; do
        local st
        st=$(proc_state "$pid")
        if [[ $st == Z || $st == X ]]; then
            EXIT_RC=0
            wait "$pid" || EXIT_RC=$?
            return 0
        fi
        now_ms
        ((NOW < deadline)) || return 1
        sleep 0.02
    done
}

start_xvfb() {
    local n
    for n in 90 91 92 93 94 95 96 97 98 99; do
        [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
        : >"$work/displayfd"
        # -displayfd: Xvfb writes the display number to fd 3 once it accepts connections.
        Xvfb ":$n" -screen 0 "${screen_w}x${screen_h}x24" -nolisten tcp -noreset -displayfd 3 \
            3>"$work/displayfd" >>"$work/xvfb.log" 2>&1 &
        xvfb_pid=$!
        local deadline
        now_ms
        deadline=$((NOW + XVFB_READY_MS))
        while :; do
            if [[ $(proc_state "$xvfb_pid") == [ZX] ]]; then # lost a race for :$n, or failed: next one
                wait "$xvfb_pid" 2>/dev/null || true
                xvfb_pid=
                break
            fi
            if [[ -s $work/displayfd ]] && DISPLAY=":$n" xdotool getdisplaygeometry >/dev/null 2>&1; then
                export DISPLAY=":$n"
                say "Xvfb ready on $DISPLAY (pid $xvfb_pid)"
                return 0
            fi
            now_ms
            if ((NOW > deadline)); then
                fail "Xvfb :$n did not get ready within ${XVFB_READY_MS} ms"
            fi
            sleep 0.05
        done
    done
    fail "no free X display among :90..:99 (or Xvfb cannot start; see its log)"
}

write_content() {
    local dir=$work/content i
    mkdir -p "$dir"
    if [[ $mode == photo ]]; then # one big picture: it is decoded well after the first frame
        "$badtool" jpeg "$dir/photo.jpg" 6000 4000 || fail "badinput_tool could not write the test JPEG"
        return 0
    fi
    for i in 1 2 3; do
        cat >"$dir/0$i-article.txt" <<EOF
Article number $i of the e2e show

Baku, January 20, AZERTAC

The first paragraph of article $i: people laid carnations at the Alley of Martyrs.
The second paragraph of article $i: the ceremony went on until the evening.

Days of sorrow 2024-01-20 11:00:00
EOF
    done
}

# With AddressSanitizer (scripts/test's second pass): Mesa's software GL driver, swrast_dri.so, is
# dlclose'd at exit, and LeakSanitizer then reports what the driver still holds as leaks from
# "<unknown module>", which no suppression can name (tests/lsan.supp has leak:dri for it). Preloading the
# driver keeps it mapped: its memory stays reachable, and the leak check stays on for everything else.
asan_preload() {
    local asan d
    asan=$(ldd "$bin" 2>/dev/null | awk '/libasan\.so/ { print $3; exit }')
    [[ -n $asan ]] || return 0
    # the driver of the binary's own architecture (other architectures' Mesa may be installed too, for
    # cross-builds): the folder its libc comes from, e.g. /lib/x86_64-linux-gnu -> x86_64-linux-gnu
    local arch
    arch=$(ldd "$bin" 2>/dev/null | awk '/libc\.so/ { print $3; exit }' | xargs -r dirname | xargs -r basename)
    for d in "/usr/lib/$arch/dri/swrast_dri.so" /usr/lib/dri/swrast_dri.so; do
        if [[ -e $d ]]; then
            echo "$asan $d"
            return 0
        fi
    done
}

start_app() {
    local preload
    preload=$(asan_preload)
    [[ -z $preload ]] || say "sanitizer build: LD_PRELOAD=$preload"
    if [[ $mode == fullscreen* ]]; then
        # As shipped: no --window and no SDL_* variable at all (the kiosk picks its renderer itself); no
        # Wayland display, so SDL finds the X server.
        local unset=() v
        for v in $(compgen -e); do
            [[ $v == SDL_* ]] && unset+=(-u "$v")
        done
        env "${unset[@]}" -u WAYLAND_DISPLAY LD_PRELOAD="${preload:-${LD_PRELOAD:-}}" \
            "$bin" --speed 0.05 "$work/content" >"$work/kiosk.stdout" 2>"$log" &
    else
        # A real X11 window whatever the caller's environment says.
        SDL_VIDEODRIVER=x11 WAYLAND_DISPLAY='' LD_PRELOAD=${preload:-${LD_PRELOAD:-}} \
            "$bin" --window 800x600 --speed 0.05 "$work/content" >"$work/kiosk.stdout" 2>"$log" &
    fi
    app_pid=$!
    local deadline
    now_ms
    deadline=$((NOW + FIRST_FRAME_MS))
    while ! grep -q 'event=first-frame' "$log"; do
        [[ $(proc_state "$app_pid") == [ZX] ]] && fail "memorial-kiosk ended before its first frame"
        now_ms
        ((NOW < deadline)) || fail "no event=first-frame within ${FIRST_FRAME_MS} ms"
        sleep 0.02
    done
    say "first frame: $(grep -m1 'event=first-frame' "$log")"
}

find_window() {
    local deadline ids
    now_ms
    deadline=$((NOW + 10000))
    while :; do
        ids=$(xdotool search --onlyvisible --name '^Memorial Kiosk$' 2>/dev/null || true)
        if [[ -n $ids ]]; then
            WIN=${ids%%$'\n'*}
            return 0
        fi
        now_ms
        ((NOW < deadline)) || fail "no visible window named 'Memorial Kiosk'"
        sleep 0.05
    done
}

# shot FILE: an xwd screenshot of the kiosk window (full screen: of the whole X screen, root window).
shot() {
    local target=(-id "$WIN")
    [[ $mode == fullscreen* ]] && target=(-root)
    xwd "${target[@]}" -silent >"$1" 2>>"$work/xwd.err" || fail "xwd of window $WIN failed: $(tail -n 3 "$work/xwd.err")"
}

# Fails unless FILE (an xwd dump) is mostly non-zero bytes: the exhibit's darkest colours are not black.
not_black() {
    local total nonzero
    total=$(stat -c %s "$1")
    nonzero=$(tr -d '\000' <"$1" | wc -c)
    ((nonzero * 2 > total)) || fail "screenshot $2 is (nearly) black: $nonzero of $total bytes are non-zero"
}

# settle OUT [DIFFERENT_FROM]: screenshots until the picture is at rest (unchanged for STABLE_MS) and, when
# given, differs from DIFFERENT_FROM; the last one is left in OUT.
settle() {
    local out=$1 other=${2:-} prev=$work/settle.prev cur=$work/settle.cur since deadline
    now_ms
    deadline=$((NOW + SETTLE_MS))
    shot "$prev"
    now_ms
    since=$NOW
    while :; do
        sleep "$SHOT_EVERY"
        shot "$cur"
        now_ms
        if ! cmp -s "$cur" "$prev"; then
            since=$NOW
            mv "$cur" "$prev"
        elif [[ -n $other ]] && cmp -s "$cur" "$other"; then
            since=$NOW # still the old picture: not yet moved
        elif ((NOW - since >= STABLE_MS)); then
            mv "$cur" "$out"
            return 0
        fi
        ((NOW < deadline)) || fail "the window did not come to rest ${other:+on a new picture }within ${SETTLE_MS} ms"
    done
}

# Per mille of the pixels of FILE (an xwd dump of a 32-bit window) that are colourful (channels differ by
# 60 or more): the test photo is, the placeholder (dark background, thin red rule, grey text) is not.
colourful() {
    od -An -v -tu4 -N4 --endian=big "$1" | {
        read -r header
        od -An -v -tu1 -w4 -j "$header" "$1"
    } | awk '{ hi = $1; lo = $1; for (i = 2; i <= 3; i++) { if ($i > hi) hi = $i; if ($i < lo) lo = $i }
                n++; if (hi - lo >= 60) c++ }
              END { printf "%d\n", n ? 1000 * c / n : 0 }'
}

# cover_report FILE W H: reads an xwd dump of the whole W x H screen (3 or 4 bytes a pixel) and prints
# "black_corners=N black_edges=N rule_row=Y rule_px=N": pixels that are pure black (the bare X root)
# in the 32x32 corner blocks and along the four edges, and the row of the bottom quarter with the most
# pixels of the banner's red rule (r >= 100, r exceeding g and b by 60) with that count (-1 0: none).
cover_report() {
    local f=$1 w=$2 h=$3 hdr
    read -r -a hdr < <(od -An -v -tu4 -w100 -N100 --endian=big "$f")
    # header_size [0], ..., width [4], height [5], byte_order [7], ..., bytes_per_line [12], ..., ncolors
    # [19]; a depth-24 screen has 4 bytes a pixel (xwd may call it 24 or 32 bits), rarely 3
    local stride=$((hdr[12] / w))
    ((hdr[4] == w && hdr[5] == h && (stride == 3 || stride == 4))) ||
        fail "the screenshot is ${hdr[4]}x${hdr[5]}, ${hdr[12]} bytes a row; expected ${w}x${h}, 3 or 4 bytes a pixel"
    od -An -v -tu1 -w"${hdr[12]}" -j $((hdr[0] + hdr[19] * 12)) "$f" |
        awk -v W="$w" -v H="$h" -v msb="${hdr[7]}" -v S="$stride" '
        function px(x) { # sets r g b of pixel x of this row (LSB first: B G R [X]; MSB first: [X] R G B)
            if (msb) { o = S * x + S - 2; r = $o; g = $(o + 1); b = $(o + 2) }
            else { o = S * x + 1; b = $o; g = $(o + 1); r = $(o + 2) }
        }
        function black(x) { px(x); return r == 0 && g == 0 && b == 0 }
        BEGIN { best = -1; bestn = 0 }
        {
            y = NR - 1
            if (y >= H) exit
            edge = (y == 0 || y == H - 1)
            corner = (y < 32 || y >= H - 32)
            if (edge) { for (x = 0; x < W; x++) if (black(x)) be++ }
            else { if (black(0)) be++; if (black(W - 1)) be++ }
            if (corner) for (x = 0; x < 32; x++) { if (black(x)) bc++; if (black(W - 1 - x)) bc++ }
            if (y >= H * 3 / 4) {
                n = 0
                for (x = 0; x < W; x++) { px(x); if (r >= 100 && r - g >= 60 && r - b >= 60) n++ }
                if (n > bestn) { bestn = n; best = y }
            }
        }
        END { printf "black_corners=%d black_edges=%d rule_row=%d rule_px=%d\n", bc, be, best, bestn }'
}

# The line number of the first log line matching the extended regex, or 0.
log_line_no() {
    local n
    n=$(grep -n -m1 -E "$1" "$log" | cut -d: -f1) || true
    echo "${n:-0}"
}

expect_clean_exit() {
    wait_exit "$app_pid" "$EXIT_MS" || fail "memorial-kiosk still running ${EXIT_MS} ms after $1"
    app_pid=
    ((EXIT_RC == 0)) || fail "memorial-kiosk exited with $EXIT_RC after $1, expected 0"
    grep -q 'event=quit' "$log" || fail "no event=quit logged after $1"
    if grep -q 'level=error' "$log"; then
        fail "errors logged: $(grep 'level=error' "$log")"
    fi
    say "exit code 0 and event=quit after $1"
}

start_xvfb
if [[ $mode == marked ]]; then # no kiosk: the tool presents frames itself
    SDL_VIDEODRIVER=x11 WAYLAND_DISPLAY='' "$badtool" || fail "marked_present failed (its message above)"
    echo "e2e.$mode: 1 passed, 0 failed"
    exit 0
fi
write_content
start_app
find_window
geometry=$(xdotool getwindowgeometry --shell "$WIN")
say "window $WIN: ${geometry//$'\n'/ }"

if [[ $mode == fullscreen* ]]; then
    # The whole X screen, with no window manager to enlarge a window: the kiosk's own window must fill it.
    [[ $geometry == *$'\nX=0\nY=0\nWIDTH='$screen_w$'\nHEIGHT='$screen_h$'\n'* ]] ||
        fail "the window does not cover the ${screen_w}x${screen_h} screen at 0,0: ${geometry//$'\n'/ }"
    display=$(grep -m1 'event=display ' "$log")
    say "$display"
    [[ $display == *" size=${screen_w}x${screen_h} "* && $display == *" screen=${screen_w}x${screen_h}"* ]] ||
        fail "SDL's renderer output (size=) or desktop mode (screen=) is not ${screen_w}x${screen_h}: $display"
    settle "$work/full.xwd"
    report=$(cover_report "$work/full.xwd" "$screen_w" "$screen_h")
    say "screenshot of the whole screen: $report"
    read -r bc be row rule <<<"$(tr ' ' '\n' <<<"$report" | cut -d= -f2 | paste -sd' ')"
    ((bc == 0)) || fail "$bc pixels of the screen's corners are the bare X root's black: the slide does not reach them"
    ((be == 0)) || fail "$be pixels along the screen's edges are the bare X root's black: the slide does not reach them"
    ((row >= 0 && rule == screen_w)) ||
        fail "no red banner rule across the whole width near the bottom (best row $row: $rule of $screen_w pixels)"
    say "the slide covers the whole ${screen_w}x${screen_h} screen; banner rule on row $row, edge to edge"
    grep -q 'level=warn event=display-size' "$log" && fail "display-size warning: $(grep 'event=display-size' "$log")"
    xdotool mousemove "$((screen_w / 2))" "$((screen_h / 2))" key ctrl+alt+q
    expect_clean_exit Ctrl+Alt+Q
    echo "e2e.$mode: 1 passed, 0 failed"
    exit 0
fi
[[ $geometry == *WIDTH=800*HEIGHT=600* ]] || fail "the window is not 800x600: $geometry"

if [[ $mode == sigterm ]]; then
    kill -TERM "$app_pid"
    expect_clean_exit SIGTERM
    echo "e2e.$mode: 1 passed, 0 failed"
    exit 0
fi

if [[ $mode == staff ]]; then
    # a long press (3 s) in the top-left corner shows the staff status overlay; it is not a "next"
    settle "$work/1.xwd"
    xdotool mousemove --window "$WIN" 4 4 mousedown 1
    sleep 3.4
    xdotool mouseup 1
    now_ms
    deadline=$((NOW + CLICK_WAIT_MS))
    until grep -q 'event=staff-status' "$log"; do
        now_ms
        ((NOW < deadline)) || fail "no event=staff-status after a 3.4 s press in the corner"
        sleep 0.01
    done
    grep -q 'event=input' "$log" && fail "the long press was taken as a visitor's input"
    settle "$work/2.xwd" "$work/1.xwd"
    cmp -s "$work/1.xwd" "$work/2.xwd" && fail "no overlay drawn"
    say "the status overlay is shown after a long press in the corner"
    xdotool key Escape
    expect_clean_exit Escape
    echo "e2e.$mode: 1 passed, 0 failed"
    exit 0
fi

if [[ $mode == photo ]]; then
    # A one-picture show: the first frame is the placeholder (the 6000x4000 JPEG is still being
    # decoded); when the picture comes the screen must show it, with nothing else happening (no slide
    # change, no input).
    now_ms
    deadline=$((NOW + 30000))
    while :; do
        shot "$work/photo.xwd"
        pm=$(colourful "$work/photo.xwd")
        ((pm >= 300)) && break
        now_ms
        ((NOW < deadline)) || fail "the picture never appeared: ${pm} per mille of the window is colourful after 30 s"
        sleep "$SHOT_EVERY"
    done
    say "the picture is on screen (${pm} per mille of the window colourful)"
    xdotool key Escape
    expect_clean_exit Escape
    echo "e2e.$mode: 1 passed, 0 failed"
    exit 0
fi

# --- click ---
settle "$work/1.xwd"
not_black "$work/1.xwd" 1
if grep -q 'event=slide index=2 ' "$log"; then
    fail "slide 2 came before any input: auto-advance at --speed 0.05 should take minutes"
fi

xdotool mousemove --window "$WIN" 400 300
now_ms
t_click=$NOW
xdotool click 1
deadline=$((t_click + CLICK_WAIT_MS))
while :; do
    input=$(log_line_no 'event=input .*action=next.*via=click')
    slide=$(log_line_no 'event=slide index=2 ')
    now_ms
    ((input > 0 && slide > 0)) && break
    ((NOW < deadline)) || fail "no event=input action=next via=click and event=slide index=2 within ${CLICK_WAIT_MS} ms of the click"
    sleep 0.01
done
elapsed=$((NOW - t_click))
say "click -> event=slide index=2 in ${elapsed} ms (as seen in the log)"
((input < slide)) || fail "event=slide index=2 logged before event=input action=next"
((elapsed <= CLICK_BOUND_MS)) || fail "the click took ${elapsed} ms to move to slide 2 (bound: ${CLICK_BOUND_MS} ms)"

settle "$work/2.xwd" "$work/1.xwd"
not_black "$work/2.xwd" 2
cmp -s "$work/1.xwd" "$work/2.xwd" && fail "the window shows the same picture after the click"
say "the window's picture changed and came to rest"

xdotool mousemove --window "$WIN" 400 300
xdotool key Escape
expect_clean_exit Escape
echo "e2e.$mode: 1 passed, 0 failed"
