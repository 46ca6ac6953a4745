#!/usr/bin/env bash
# valgrind.sh: memorial-kiosk under valgrind's memcheck (SDL's dummy video driver): no invalid read or
# write, no use of uninitialised memory, and at exit nothing lost (definitely, indirectly or possibly):
# shutdown frees everything it allocated. Two runs on a generated show (tests/soak/gen_content.sh:
# articles in three languages, PNG and JPEG pictures, captions, playlist fits):
#   1. the live show at --speed 20 for SECONDS (default 20), then SIGTERM: exit 0, event=quit;
#   2. --render of the same show to PNG files: exit 0.
#
#   tests/soak/valgrind.sh KIOSK BADINPUT_TOOL [SECONDS]
#
# $KIOSK_TEST_KEEP_TMP=1 keeps the work folder (tests/lib.sh).
# Exit status: 0 clean, 1 a problem (valgrind's report is printed), 77 skipped (no valgrind, or KIOSK is
# an AddressSanitizer build or built for another architecture, which valgrind cannot run).
set -euo pipefail

bin=${1:?usage: valgrind.sh KIOSK BADINPUT_TOOL [SECONDS]}
tool=${2:?usage: valgrind.sh KIOSK BADINPUT_TOOL [SECONDS]}
seconds=${3:-20}
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v valgrind >/dev/null 2>&1; then
    echo "SKIP: valgrind is not installed (apt-get install valgrind)"
    exit 77
fi
# shellcheck source=tests/lib.sh
source "$here/../lib.sh"
if is_foreign "$bin"; then
    skip "$bin is built for another architecture (run under qemu); valgrind runs native builds"
fi
if is_asan "$bin"; then
    skip "$bin is an AddressSanitizer build; valgrind runs the normal build"
fi

test_begin valgrind

"$here/gen_content.sh" "$tool" "$work/content" >/dev/null

vg=(valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect,possible
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 --num-callers=30
    --track-origins=yes)
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

# check LOG LABEL: valgrind's own verdict lines in LOG.
check() {
    grep -q 'ERROR SUMMARY: 0 errors' "$1" || {
        cat "$1" >&2
        fail "$2: valgrind reported errors"
    }
    if grep -qE '(definitely|indirectly|possibly) lost: [1-9]' "$1"; then
        cat "$1" >&2
        fail "$2: memory lost at exit"
    fi
    echo "valgrind: $2: $(grep -m1 'ERROR SUMMARY' "$1" | sed 's/^==[0-9]*== //'); $(grep -m1 'in use at exit' "$1" | sed 's/^==[0-9]*== *//')"
}

# 1. the live show
"${vg[@]}" --log-file="$work/live.vg" "$bin" --window 640x360 --speed 20 "$work/content" 2>"$work/live.log" &
pid=$!
deadline=$((SECONDS + 120))
until grep -q 'event=first-frame' "$work/live.log"; do
    kill -0 "$pid" 2>/dev/null || fail "live: memorial-kiosk ended before its first frame: $(tail -n 5 "$work/live.log")"
    ((SECONDS < deadline)) || fail "live: no first frame within 120 s under valgrind"
    sleep 0.2
done
sleep "$seconds"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
slides=$(grep -c ' event=slide ' "$work/live.log" || true)
((rc == 0)) || {
    cat "$work/live.vg" >&2
    fail "live: exit status $rc after SIGTERM (99: valgrind found errors)"
}
grep -q 'event=quit' "$work/live.log" || fail "live: no event=quit"
((slides >= 3)) || fail "live: only $slides slides shown in ${seconds} s"
check "$work/live.vg" "live show, $slides slides"

# 2. --render
rc=0
"${vg[@]}" --log-file="$work/render.vg" "$bin" --render "$work/out" --size 640x360 "$work/content" \
    2>"$work/render.log" || rc=$?
((rc == 0)) || {
    cat "$work/render.vg" "$work/render.log" >&2
    fail "render: exit status $rc (99: valgrind found errors)"
}
check "$work/render.vg" "--render, $(find "$work/out" -name '*.png' | wc -l) PNG files"
echo "ok: valgrind clean"
