#!/usr/bin/env bash
# Fault tests: the real memorial-kiosk (SDL's dummy video driver, a window, no display needed) keeps
# going, or stops cleanly, when the world around it breaks. One mode per CTest test:
#
#   faults.sh folder-restore  KIOSK TOOL   the content folder deleted mid-show, later copied back
#   faults.sh picture-rewrite KIOSK TOOL   pictures cut in half, then truncated and rewritten many times
#   faults.sh pictures-all-bad KIOSK TOOL  a show of pictures only, all damaged, then repaired
#   faults.sh font-missing    KIOSK TOOL   fontconfig without any font (FONTCONFIG_FILE, no font folder)
#   faults.sh no-display      KIOSK TOOL   SDL_VIDEODRIVER=nonexistent (and x11 without a server)
#   faults.sh sigterm-load    KIOSK TOOL   SIGTERM right after the start and while 2,400 files load
#
# KIOSK is the memorial-kiosk binary, TOOL tests/badinput's badinput_tool (it writes the pictures). What
# each mode checks is written above its function. Every run of the kiosk in every mode: no sanitizer
# report in its log (with an ASan build: no leak either, LeakSanitizer runs at exit) and, where it is
# stopped with SIGTERM, exit status 0 and exactly one event=quit.
# $KIOSK_TEST_KEEP_TMP=1 keeps the work folder (content, logs; tests/lib.sh).
set -euo pipefail

mode=${1:-}
bin=${2:-}
tool=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
if [[ -z $mode || -z $bin || -z $tool ]]; then
    echo "usage: $0 folder-restore|picture-rewrite|pictures-all-bad|font-missing|no-display|sigterm-load KIOSK TOOL" >&2
    exit 2
fi
# shellcheck source=tests/lib.sh
source "$here/../lib.sh"
need_exe "$bin" memorial-kiosk
need_exe "$tool" badinput_tool

test_begin faults
test_tag=$mode
test_log_lines=40
ok() { echo "ok: $mode: $*"; }

export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset NOTIFY_SOCKET WATCHDOG_USEC WATCHDOG_PID
# Sanitizer builds (other builds ignore these): leaks are reported (system libraries' suppressed, the
# project's list) and a report fails the run.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1"
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/../lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export KIOSK_RELOAD_SETTLE_MS=500 # the quiet time before a changed folder is read again (2 s normally)

# ---- the log ---------------------------------------------------------------------------------------

nlines() { wc -l <"$log"; }
# count_after N ERE: lines after line N of the log that match
count_after() { tail -n "+$(($1 + 1))" "$log" | grep -a -c -E -- "$2" || true; }
# line_of_last ERE: the number of the last line that matches (0: none)
line_of_last() { grep -a -n -E -- "$1" "$log" | tail -n 1 | cut -d: -f1 || true; }

no_sanitizer_report() {
    if grep -a -q -E 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: [A-Za-z]+Sanitizer' "$1"; then
        log=$1
        fail "sanitizer report in $1"
    fi
}

# start ARGS...: the kiosk in the background, its stderr in $log
start() {
    "$bin" "$@" 2>"$log" &
    pid=$!
}

alive() {
    kill -0 "$pid" 2>/dev/null && return 0
    local rc=0
    wait "$pid" || rc=$?
    pid=
    fail "the kiosk ended by itself (exit status $rc)"
}

# wait_after N ERE COUNT SECONDS: until COUNT lines after line N match (the kiosk must stay alive)
wait_after() {
    local deadline=$((SECONDS + $4))
    while (($(count_after "$1" "$2") < $3)); do
        alive
        ((SECONDS < deadline)) || fail "fewer than $3 line(s) matching '$2' after line $1 within $4 s"
        sleep 0.05
    done
}

# stop: SIGTERM; exit status 0 within 30 s, one event=quit, no sanitizer report
stop() {
    alive
    kill -TERM "$pid"
    local deadline=$((SECONDS + 30)) rc=0
    while kill -0 "$pid" 2>/dev/null; do
        ((SECONDS < deadline)) || fail "still running 30 s after SIGTERM"
        sleep 0.05
    done
    wait "$pid" || rc=$?
    pid=
    no_sanitizer_report "$log"
    ((rc == 0)) || fail "exit status $rc after SIGTERM (0 expected)"
    (($(count_after 0 ' event=quit') == 1)) || fail "not exactly one event=quit"
}

# check_order N COUNT: the slides after line N follow each other (index i+1 after i, 1 after COUNT),
# all with count=COUNT: none skipped
check_order() {
    local bad
    bad=$(tail -n "+$(($1 + 1))" "$log" | awk -v want="$2" '
        / event=slide / {
            i = ""; c = ""
            for (k = 1; k <= NF; k++) {
                if ($k ~ /^index=/) i = substr($k, 7) + 0
                if ($k ~ /^count=/) c = substr($k, 7) + 0
            }
            if (c != want) { print "count=" c " (" want " expected)"; exit }
            if (prev != "" && i != prev % c + 1) { print "index " i " after " prev; exit }
            prev = i
        }')
    [[ -z $bad ]] || fail "slides after line $1 skipped or out of order: $bad"
}

# pass_after_last_reload N: one whole pass of N slides, in order, after the last event=reload (a reload
# that comes meanwhile starts the wait again); its line number in $last_reload
last_reload=0
pass_after_last_reload() {
    while :; do
        last_reload=$(line_of_last ' event=reload ')
        wait_after "$last_reload" ' event=slide ' "$1" 90
        [[ $(line_of_last ' event=reload ') == "$last_reload" ]] && break
    done
    check_order "$last_reload" "$1"
}

loaded_slides() { sed -n 's/.* event=content-loaded slides=\([0-9]*\) .*/\1/p' "$log" | head -n 1; }

article() { # article FILE TITLE
    printf '%s\n\nBaku, 20 January\n\nA paragraph about %s, long enough to be read.\n' "$2" "$2" >"$1"
}

# ---- (a) the content folder deleted and restored ---------------------------------------------------
# While the folder is gone: event=reload-rejected ("does not exist"), no event=reload, and the show goes
# on (slides keep coming). Copied back (with one article more): event=reload with the new number of
# slides and no error, then one whole pass of the restored show in order, the new article in it.
folder_restore() {
    "$here/../soak/gen_content.sh" "$tool" "$work/content"
    cp -r "$work/content" "$work/restore"
    article "$work/restore/99-restored.txt" "the restored folder"
    start --window 640x360 --speed 20 "$work/content"
    wait_after 0 ' event=first-frame' 1 60
    local k
    k=$(loaded_slides)
    [[ -n $k ]] || fail "no event=content-loaded"
    wait_after 0 ' event=slide ' 3 30

    local l0
    l0=$(nlines)
    rm -rf "$work/content"
    wait_after "$l0" ' event=reload-rejected .*does not exist' 1 20
    local l1
    l1=$(nlines)
    wait_after "$l1" ' event=slide ' 10 60 # the show goes on without its folder
    (($(count_after "$l0" ' event=reload ') == 0)) || fail "a reload while the folder was missing"

    local l2
    l2=$(nlines)
    cp -r "$work/restore" "$work/content"
    wait_after "$l2" " event=reload slides=$((k + 2)) errors=0( |\$)" 1 30
    pass_after_last_reload $((k + 2))
    local r=$last_reload
    tail -n "+$((r + 1))" "$log" | grep -a -m 1 ' event=slide ' | grep -q ' index=1 ' ||
        fail "the restored show did not start at its first slide"
    (($(count_after "$r" ' event=slide .*source=99-restored.txt') >= 1)) || fail "the new article was not shown"
    (($(count_after "$r" ' event=content-error ') == 0)) || fail "content errors after the folder came back"
    stop
    ok "folder deleted: reload rejected, $(count_after "$l1" ' event=slide ' ) slides shown without it; restored: reload slides=$((k + 2)), a whole pass in order; exit 0"
}

# ---- (b) pictures rewritten while shown ------------------------------------------------------------
# A JPEG and a PNG are cut to half their size: each is reported once it is decoded (event=content-error
# with its path) and the show goes on. Then both are truncated and rewritten 20 times, 50 ms apart,
# and left complete: after the next event=reload (slides and errors as at the start) a whole pass of the
# show in order (both pictures in it, no slide skipped) and no content-error.
picture_rewrite() {
    "$here/../soak/gen_content.sh" "$tool" "$work/content"
    cp -r "$work/content" "$work/orig"
    local pics=(10-wide.jpg 05-flame.png)
    start --window 640x360 --speed 20 "$work/content"
    wait_after 0 ' event=first-frame' 1 60
    local k
    k=$(loaded_slides)
    wait_after 0 ' event=slide ' 3 30

    local l0 p size
    l0=$(nlines)
    for p in "${pics[@]}"; do
        size=$(stat -c %s "$work/orig/$p")
        head -c $((size / 2)) "$work/orig/$p" >"$work/content/$p"
    done
    for p in "${pics[@]}"; do
        wait_after "$l0" " event=content-error path=$p " 1 60
    done
    local l1
    l1=$(nlines)
    wait_after "$l1" ' event=slide ' 5 30 # and the show goes on

    local i
    for ((i = 0; i < 20; i++)); do
        for p in "${pics[@]}"; do : >"$work/content/$p"; done
        sleep 0.05
        for p in "${pics[@]}"; do cat "$work/orig/$p" >"$work/content/$p"; done
        sleep 0.05
    done
    local l2
    l2=$(nlines)
    wait_after "$l2" " event=reload slides=$k errors=0( |\$)" 1 30
    # a scan begun during the rewrites may end after l2: the last reload counts
    pass_after_last_reload "$k"
    for p in "${pics[@]}"; do
        (($(count_after "$last_reload" " event=slide .*source=$p\$") >= 1)) || fail "$p not shown after the rewrites"
    done
    (($(count_after "$last_reload" ' event=content-error ') == 0)) || fail "content errors after the last rewrite"
    stop
    ok "half pictures reported, show went on; after 20 truncate+rewrite rounds a whole pass in order, both shown; exit 0"
}

# ---- (b2) every picture damaged, then repaired ------------------------------------------------------
# A show of pictures only (3 JPEGs). All three are overwritten with their first 1,500 bytes (the header
# is whole, so the folder is read again: event=reload slides=3 errors=0; each is reported once decoded:
# event=content-error path=…) and the kiosk stays up. Then the good files are copied back: the kiosk
# must pick them up (event=reload slides=3 errors=0 after the copy), then show a whole pass in order
# without content-error; SIGTERM: exit 0.
pictures_all_bad() {
    mkdir -p "$work/content" "$work/orig"
    local i
    for i in 1 2 3; do
        "$tool" jpeg "$work/orig/p$i.jpg" 800 450
        cp "$work/orig/p$i.jpg" "$work/content/"
    done
    # A bad slide is left at once, as if by a tap: a long idle_resume keeps the show from going on by
    # itself meanwhile (the kiosk must not depend on that to take in the repaired folder).
    # No banner slide: every slide of this show must be a picture, so that every slide turns bad.
    printf '[show]\nimage_seconds = 1\nidle_resume_seconds = 3600\n[transition]\nseconds = 2\n[banner]\nslide = none\n' \
        >"$work/content/kiosk.conf"
    start --window 640x360 --speed 20 "$work/content"
    wait_after 0 ' event=first-frame' 1 60
    wait_after 0 ' event=slide ' 3 30

    local l0
    l0=$(nlines)
    for i in 1 2 3; do head -c 1500 "$work/orig/p$i.jpg" >"$work/content/p$i.jpg"; done
    wait_after "$l0" ' event=reload slides=3 errors=0( |$)' 1 30
    for i in 1 2 3; do wait_after "$l0" " event=content-error path=p$i.jpg " 1 30; done
    local l1
    l1=$(nlines)
    sleep 1 # every slide is bad now: the kiosk stays up
    alive

    for i in 1 2 3; do cp "$work/orig/p$i.jpg" "$work/content/p$i.jpg"; done
    wait_after "$l1" ' event=reload slides=3 errors=0( |$)' 1 30
    pass_after_last_reload 3
    (($(count_after "$last_reload" ' event=content-error ') == 0)) || fail "content errors after the repair"
    stop
    ok "all pictures damaged: reported, kiosk up; repaired: reloaded, a whole pass in order; exit 0"
}

# ---- (c) no font at all ----------------------------------------------------------------------------
# fontconfig is given a configuration without any font folder. --render: exit 0, event=font-missing for
# the title, body and banner roles (each with a reason), no other error, one valid 640x360 PNG per slide
# as slides.txt lists them. The live show: a whole pass of the slides in order, then SIGTERM: exit 0.
font_missing() {
    "$here/../soak/gen_content.sh" "$tool" "$work/content"
    mkdir -p "$work/fc-cache"
    cat >"$work/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <cachedir>$work/fc-cache</cachedir>
</fontconfig>
EOF
    export FONTCONFIG_FILE=$work/fonts.conf
    log=$work/render.log
    local rc=0
    "$bin" --render "$work/out" --size 640x360 "$work/content" 2>"$log" || rc=$?
    no_sanitizer_report "$log"
    ((rc == 0)) || fail "--render without fonts: exit status $rc (0 expected)"
    local role
    for role in title body banner; do
        grep -a -q -E "^level=error event=font-missing role=$role wanted=.* reason=." "$log" ||
            fail "no event=font-missing for role=$role"
    done
    if grep -a '^level=error' "$log" | grep -v -q ' event=font-missing '; then
        fail "errors other than font-missing"
    fi
    local k listed pngs f sig ihdr
    k=$(loaded_slides)
    listed=$(grep -c -E '^[0-9]{3}\.png	kind=' "$work/out/slides.txt" || true)
    pngs=$(find "$work/out" -name '*.png' | wc -l)
    [[ -n $k ]] && ((k > 0 && listed == k && pngs == k)) ||
        fail "--render without fonts: $pngs PNG files, $listed in slides.txt, ${k:-no} slides loaded"
    for f in "$work/out"/*.png; do
        sig=$(od -A n -t x1 -N 8 "$f" | tr -d ' \n')
        ihdr=$(od -A n -t x1 -j 16 -N 8 "$f" | tr -d ' \n')
        [[ $sig == 89504e470d0a1a0a && $ihdr == 0000028000000168 ]] ||
            fail "$(basename "$f") is not a 640x360 PNG (signature $sig, size $ihdr)"
    done

    log=$work/log
    start --window 640x360 --speed 40 "$work/content"
    wait_after 0 ' event=first-frame' 1 60
    grep -a -q ' event=font-missing ' "$log" || fail "the live show did not log event=font-missing"
    k=$(loaded_slides)
    wait_after 0 ' event=slide ' $((k + 1)) 90
    check_order 0 "$k"
    stop
    unset FONTCONFIG_FILE
    ok "without fonts: font-missing logged; --render wrote $pngs PNGs (exit 0); the live show made a whole pass and exited 0"
}

# ---- (d) no usable display -------------------------------------------------------------------------
# SDL_VIDEODRIVER=nonexistent (window and full screen) and x11 with no X server: exit status 3 within
# 5 s, exactly one "level=error event=display-error reason=..." with a reason, and nothing shown.
no_display() {
    mkdir -p "$work/content"
    article "$work/content/a.txt" "an article"
    local n=87
    while [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]]; do n=$((n + 1)); done
    local cases=("nonexistent --window 320x240" "nonexistent" "x11 --window 320x240")
    local c drv args t0 ms rc
    for c in "${cases[@]}"; do
        read -r drv args <<<"$c"
        t0=$(date +%s%N)
        rc=0
        # shellcheck disable=SC2086
        SDL_VIDEODRIVER=$drv DISPLAY=:$n "$bin" $args "$work/content" 2>"$log" || rc=$?
        ms=$((($(date +%s%N) - t0) / 1000000))
        no_sanitizer_report "$log"
        ((rc == 3)) || fail "SDL_VIDEODRIVER=$drv $args: exit status $rc (3 expected)"
        ((ms < 5000)) || fail "SDL_VIDEODRIVER=$drv $args: $ms ms to give up (5 s at most)"
        (($(count_after 0 '^level=error event=display-error reason=("[^"]+"|[^" ]+)$') == 1)) ||
            fail "SDL_VIDEODRIVER=$drv $args: not exactly one display-error line with a reason"
        (($(count_after 0 ' event=(first-frame|slide|quit)( |$)') == 0)) ||
            fail "SDL_VIDEODRIVER=$drv $args: something was shown"
        echo "  SDL_VIDEODRIVER=$c: exit 3 after $ms ms: $(grep -a 'event=display-error' "$log")"
    done
    ok "no display: exit 3 with event=display-error, quickly"
}

# ---- (e) SIGTERM while loading ---------------------------------------------------------------------
# A folder of 2,000 articles and 400 pictures (4,400 slides). SIGTERM
#   - as soon as the process runs the kiosk (its exe), and 5, 20, 50, 100 and 200 ms later: exit status 0
#     with one event=quit, or killed by that SIGTERM itself before the kiosk has set anything up (its log
#     has at most event=start: SDL takes over SIGTERM when it opens the display);
#   - right after event=display, while the folder is being read: exit status 0 with one event=quit;
# each within 30 s, with no sanitizer report (an ASan build: no leak).
sigterm_load() {
    local dir=$work/many i
    mkdir -p "$dir"
    "$tool" png "$work/p.png" 320 180
    "$tool" jpeg "$work/p.jpg" 320 180
    for ((i = 1000; i < 3000; i++)); do
        printf 'Article %d\n\nBaku\n\nA paragraph of article %d, about the night and the people who did not come home.\n' \
            "$i" "$i" >"$dir/a$i.txt"
    done
    for ((i = 100; i < 300; i++)); do
        cp "$work/p.png" "$dir/p$i.png"
        cp "$work/p.jpg" "$dir/q$i.jpg"
    done
    local exe='' delay rc t0 ms early=0 clean=0 other
    # is_kiosk PID EXE: PID has exec'd EXE. Under qemu-user (binfmt_misc, a build for another
    # architecture) /proc/PID/exe is the emulator; the process's name is still the program's.
    is_kiosk() {
        [[ $(readlink -f "/proc/$1/exe" 2>/dev/null) == "$2" ]] && return 0
        is_foreign "$2" && [[ $(cat "/proc/$1/comm" 2>/dev/null) == "$(basename "$2" | cut -c1-15)" ]]
    }
    # the shell's child becomes the kiosk at exec: a signal before that would hit the shell (not when
    # KIOSK is a wrapper script)
    [[ $(head -c 4 "$bin" | od -A n -t x1 | tr -d ' \n') == 7f454c46 ]] && exe=$(readlink -f "$bin")
    for delay in 0 0.005 0.02 0.05 0.1 0.2 display; do
        start --window 640x360 "$dir"
        t0=$SECONDS
        while [[ -n $exe ]] && ! is_kiosk "$pid" "$exe"; do
            ((SECONDS - t0 < 10)) || fail "the kiosk did not start"
            sleep 0.001
        done
        if [[ $delay == display ]]; then
            wait_after 0 ' event=display ' 1 60
        elif [[ $delay != 0 ]]; then
            sleep "$delay"
        fi
        t0=$(date +%s%N)
        kill -TERM "$pid"
        rc=0
        while kill -0 "$pid" 2>/dev/null; do
            (($(date +%s%N) - t0 < 30000000000)) || fail "SIGTERM after $delay: still running after 30 s"
            sleep 0.01
        done
        wait "$pid" || rc=$?
        pid=
        ms=$((($(date +%s%N) - t0) / 1000000))
        no_sanitizer_report "$log"
        other=$(grep -a -v -c ' event=start ' "$log" || true)
        if ((rc == 143)) && [[ $delay != display ]] && ((other == 0)); then
            early=$((early + 1))
            echo "  SIGTERM after $delay: killed by it before the display was opened ($ms ms)"
            continue
        fi
        ((rc == 0)) || fail "SIGTERM after $delay: exit status $rc (0 expected)"
        (($(count_after 0 ' event=quit') == 1)) || fail "SIGTERM after $delay: not exactly one event=quit"
        clean=$((clean + 1))
        echo "  SIGTERM after $delay: exit 0 after $ms ms: $(grep -a -o 'event=[a-z-]*' "$log" | grep -v 'event=slide' |
            sed 's/event=//' | tr '\n' ' ')"
    done
    ((clean >= 1)) || fail "no run ended with exit status 0"
    ok "SIGTERM while loading 2,400 files: $clean clean exits (0, event=quit), $early killed before the display was opened"
}

case $mode in
folder-restore) folder_restore ;;
picture-rewrite) picture_rewrite ;;
font-missing) font_missing ;;
no-display) no_display ;;
sigterm-load) sigterm_load ;;
pictures-all-bad) pictures_all_bad ;;
*) echo "unknown mode '$mode'" >&2; exit 2 ;;
esac
