#!/usr/bin/env bash
# check.verdicts: --check on a corpus of good, truncated, corrupt, zero-byte, huge-dimension and
# wrong-extension pictures (made by badinput_tool, as tests/badinput does; nothing binary is committed),
# copied into 14 folders (over 200 pictures, so that threads interleave and the progress line is on).
#   verdicts.sh PATH/TO/memorial-kiosk PATH/TO/badinput_tool PATH/TO/kiosk_check_verdicts [OLD_BIN]
#   1. kiosk_check_verdicts: the threaded check (1, 2, 3, 8 threads) gives every picture the verdict and
#      the reason of the sequential one; bad-* refused, good-* not;
#   2. memorial-kiosk --check: exit 1, every bad-* reported exactly once with an error, no good-*;
#   3. with OLD_BIN (a --check from before the threads, e.g. built from commit 77f2b5b; CMake option
#      KIOSK_CHECK_OLD_BIN): its stdout and exit status are the same, byte for byte.
# $KIOSK_TEST_KEEP_TMP=1 keeps the work folder (tests/lib.sh).
set -euo pipefail
bin=${1:?memorial-kiosk}
tool=${2:?badinput_tool}
cmp_tool=${3:?kiosk_check_verdicts}
old=${4:-}
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh"
test_begin verdicts
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "$0")/.." && pwd)/lsan.supp}

one=$work/one
mkdir -p "$one"
"$tool" jpeg "$work/ref.jpg" 1600 1200
"$tool" png "$work/ref.png" 640 400
jsize=$(stat -c %s "$work/ref.jpg")
psize=$(stat -c %s "$work/ref.png")
cp "$work/ref.jpg" "$one/good-photo.jpg"
cp "$work/ref.png" "$one/good-photo.png"
"$tool" jpeg "$one/good-small.jpg" 320 200
"$tool" png "$one/good-png-named.jpg" 160 120 # wrong extension: told by the bytes
"$tool" jpeg "$one/good-jpeg-named.png" 160 120
"$tool" jpeg "$one/good-tiny.jpg" 1 1   # one pixel: one MCU
"$tool" jpeg "$one/good-odd.jpg" 333 251 # partial MCUs at the right and the bottom
{ cat "$work/ref.jpg" && printf 'trailing bytes after EOI'; } >"$one/good-trailing.jpg"
head -c 300 "$work/ref.jpg" >"$one/bad-truncated-header.jpg"
head -c $((jsize / 2)) "$work/ref.jpg" >"$one/bad-truncated-half.jpg"
head -c $((jsize - 200)) "$work/ref.jpg" >"$one/bad-truncated-end.jpg" # only the last MCUs are missing
head -c $((psize / 2)) "$work/ref.png" >"$one/bad-truncated-half.png"
{ head -c 3 "$work/ref.jpg" && head -c 600 /dev/zero | tr '\0' 'Z'; } >"$one/bad-corrupt-header.jpg"
cp "$work/ref.jpg" "$one/bad-corrupt-scan.jpg"
head -c 2000 /dev/zero | tr '\0' 'U' | dd of="$one/bad-corrupt-scan.jpg" bs=1 seek=$((jsize / 3)) conv=notrunc status=none
cp "$work/ref.png" "$one/bad-corrupt-data.png"
printf 'XXXXXXXX' | dd of="$one/bad-corrupt-data.png" bs=1 seek=$((psize / 2)) conv=notrunc status=none
: >"$one/bad-empty.jpg"
: >"$one/bad-empty.png"
"$tool" png-header "$one/bad-bomb.png" 100000 100000
printf 'This is a letter, not a photograph.\n' >"$one/bad-letter.png"
per=$(find "$one" -type f | wc -l)
content=$work/content
for k in $(seq -w 1 14); do
    mkdir -p "$content/set-$k"
    cp "$one"/* "$content/set-$k/"
done
total=$(find "$content" -type f | wc -l)
echo "corpus: $per files (good-*, bad-*) in 14 folders: $total pictures"

# 1. the pool against the sequential check, in-process
"$cmp_tool" "$content" || fail_later "kiosk_check_verdicts: the threaded verdicts differ (see above)"

# 2. the program
rc=0
"$bin" --check "$content" >"$work/new.out" 2>"$work/new.err" || rc=$?
[[ $rc == 1 ]] || fail_later "--check exited $rc (want 1)"
for f in $(cd "$one" && ls); do
    n=$(grep -c -- "/$f: error: " "$work/new.out" || true)
    case $f in
    bad-*) [[ $n == 14 ]] || fail_later "$f: $n error lines for 14 copies" ;;
    good-*) [[ $n == 0 ]] || fail_later "$f: $n error lines (a good picture)" ;;
    esac
done
grep -q "event=check-progress" "$work/new.err" && echo "(a progress line was logged)"

# 3. the old binary, byte for byte
if [[ -n $old ]]; then
    rc_old=0
    "$old" --check "$content" >"$work/old.out" 2>/dev/null || rc_old=$?
    [[ $rc_old == "$rc" ]] || fail_later "exit status: old $rc_old, new $rc"
    if cmp -s "$work/old.out" "$work/new.out"; then
        echo "the old --check ($old) printed the same $(wc -l <"$work/new.out") lines"
    else
        fail_later "the old and the new --check print different lines:"
        diff "$work/old.out" "$work/new.out" | head -20 >&2
    fi
else
    echo "no old binary given (KIOSK_CHECK_OLD_BIN): the byte-for-byte comparison with it is left out"
fi
finish
echo "check.verdicts: all checks passed"
