#!/usr/bin/env bash
# Bad-input test: a content folder full of what museum staff (or a failing USB stick) can leave in it,
# generated here (no binary is committed), shown by the real program.
#
#   badinput.sh content PATH/TO/memorial-kiosk PATH/TO/badinput_tool
#       --render OUT --size 640x360 FOLDER (SDL_VIDEODRIVER=dummy) and --check FOLDER. For each:
#       the program does not crash (render exits 0, check exits 1 as the folder has errors), every bad
#       file is reported exactly once with a reason (render: stderr lines event=content-error or
#       event=content-warning with path=FILE; check: stdout lines FOLDER/FILE[:LINE]: error|warning: ...),
#       no other path is reported, and every good file is shown (render: a picture has one slide with
#       source=FILE in OUT/slides.txt, an article at least one; check: not reported). A bad file that
#       still gets a slide is noted, not failed.
#   badinput.sh gif-bomb PATH/TO/memorial-kiosk PATH/TO/badinput_tool
#       GIFs whose 16x16 logical screen hides a 30000x30000 first frame behind 0.2 MB or 1.2 MB of
#       comment blocks: --check must refuse each once, with an error, at a peak memory under 600 MB (a
#       decoder that allocates the frame needs 900 MB and more).
#
# $KIOSK_TEST_KEEP_TMP=1 keeps the work folder (content, renders, logs; tests/lib.sh).
set -euo pipefail

mode=${1:-}
bin=${2:-}
tool=${3:-}
if [[ $mode != content && $mode != gif-bomb ]] || [[ -z $bin || -z $tool ]]; then
    echo "usage: $0 content|gif-bomb PATH/TO/memorial-kiosk PATH/TO/badinput_tool" >&2
    exit 2
fi
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh"
need_exe "$bin" memorial-kiosk
need_exe "$tool" badinput_tool

readonly RUN_TIMEOUT=300 # seconds for one run of the program: generous for a loaded 2-core sanitizer build
test_begin badinput

ok() { echo "ok: $*"; }

export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
# Sanitizer builds: leaks in system libraries are not ours (the project's list), and a report fails the run.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "$0")/.." && pwd)/lsan.supp}

# ---- the logs --------------------------------------------------------------------------------------

# The path= value of every event=content-error / content-warning line of a logfmt log, one per line.
logged_paths() {
    awk '
    / event=content-(error|warning)( |$)/ {
        i = index($0, " path=")
        if (i == 0) { print "<no path>"; next }
        s = substr($0, i + 6)
        if (substr(s, 1, 1) != "\"") { sub(/ .*/, "", s); print s; next }
        v = ""
        for (k = 2; k <= length(s); k++) {
            c = substr(s, k, 1)
            if (c == "\\") { k++; v = v substr(s, k, 1); continue }
            if (c == "\"") break
            v = v c
        }
        print v
    }' "$1"
}

# The FILE of every "FOLDER/FILE[:LINE]: error|warning: ..." line of --check, one per line.
checked_paths() {
    local folder=$1 out=$2
    awk -v pre="$folder/" '
    index($0, pre) == 1 {
        rest = substr($0, length(pre) + 1)
        if (match(rest, /(:[0-9]+)?: (error|warning): /)) print substr(rest, 1, RSTART - 1)
    }
    index($0, pre) != 1 && index($0, substr(pre, 1, length(pre) - 1) ": ") == 1 { print "<the folder>" }
    ' "$out"
}

# The source= of every slide of a --render manifest.
shown_sources() {
    awk -F '\t' '$1 ~ /^[0-9]+\.png$/ { for (i = 2; i <= NF; i++) if (index($i, "source=") == 1) print substr($i, 8) }' "$1"
}

count_in() { # count_in FILE LINE: how many lines of FILE are exactly LINE
    awk -v want="$2" '$0 == want { n++ } END { print n + 0 }' "$1"
}

# ---- gif-bomb ---------------------------------------------------------------------------------------
if [[ $mode == gif-bomb ]]; then
    content=$work/content
    mkdir -p "$content"
    # The frame's size comes after the first 64 KB that are read (near), or after the first 1 MB (far).
    "$tool" gif-late-frame "$content/late-frame-near.gif" 16 16 30000 30000 200000
    "$tool" gif-late-frame "$content/late-frame-far.gif" 16 16 30000 30000 1200000
    "$tool" png "$content/good-photo.png" 320 200
    rc=0
    "$tool" maxrss "$work/rss" -- timeout "$RUN_TIMEOUT" "$bin" --check "$content" >"$work/check.out" \
        2>"$work/check.err" || rc=$?
    rss_mb=$(($(cat "$work/rss") / 1024))
    cat "$work/check.out"
    [[ $rc == 1 ]] || fail_later "--check exited $rc (want 1: the folder has errors)"
    checked_paths "$content" "$work/check.out" >"$work/check.paths"
    for f in late-frame-near.gif late-frame-far.gif; do
        n=$(count_in "$work/check.paths" "$f")
        [[ $n == 1 ]] || fail_later "$f reported $n times by --check (want 1)"
        grep -qF "$content/$f: error: " "$work/check.out" || fail_later "$f is not refused with an error"
    done
    n=$(count_in "$work/check.paths" good-photo.png)
    [[ $n == 0 ]] || fail_later "good-photo.png reported $n times"
    if ((rss_mb >= 600)); then
        fail_later "--check peaked at $rss_mb MB for two GIFs of 0.2 and 1.2 MB: a 30000x30000 first frame got" \
            "past the header check (the 16x16 logical screen was taken as the size) and was decoded"
    else
        ok "peak memory $rss_mb MB"
    fi
    finish
    echo "gif-bomb: all checks passed"
    exit 0
fi

# ---- the content folder ----------------------------------------------------------------------------
content=$work/content
outside=$work/outside
mkdir -p "$content" "$outside"
cd "$content"

good=()          # shown, never reported
bad_hidden=()    # reported once, no slide
bad_reported=()  # reported once; a slide is allowed (a damaged picture that is partly drawn)
maybe_warned=()  # shown; at most one warning, never an error

article() { # article FILE TITLE
    printf '%s\nGanja, March 3\n\nThe first paragraph of the notice, in plain words.\n' "$1" >"$2"
    printf 'A second paragraph follows it.\nCulture 2021-03-03\n' >>"$2"
}

# Good files.
article "A good article" good-article.txt
good+=(good-article.txt)
"$tool" png good-photo.png 320 200
good+=(good-photo.png)
"$tool" jpeg good-photo.jpg 320 200
good+=(good-photo.jpg)
article "Xatirə gecəsi" "Şəhidlər xiyabanı.txt"
good+=("Şəhidlər xiyabanı.txt")
"$tool" png "photo with spaces ü.png" 200 300
good+=("photo with spaces ü.png")
"$tool" png captioned.png 240 160
printf 'A caption under the picture.\n' >captioned.txt
good+=(captioned.png)
# A folder named like a picture is a folder: what is inside it is shown.
mkdir photos.jpg
article "Inside a folder named like a picture" photos.jpg/inside.txt
good+=(photos.jpg/inside.txt)
# Unreadable: chmod 000 stops everyone but root, who reads it anyway (then it is simply a good picture).
"$tool" png unreadable.png 160 120
chmod 000 unreadable.png
if [[ -r unreadable.png ]]; then
    good+=(unreadable.png)
else
    bad_hidden+=(unreadable.png)
fi

# Pictures under the wrong extension: told by their bytes, so they work.
"$tool" png png-named.jpg 160 120
maybe_warned+=(png-named.jpg)
"$tool" jpeg jpeg-named.png 160 120
maybe_warned+=(jpeg-named.png)

# Zero bytes.
: >empty.jpg
: >empty.png
: >zero-bytes.txt # not empty.txt: that would be empty.jpg's caption, unread as the picture is refused
bad_hidden+=(empty.jpg empty.png zero-bytes.txt)

# Truncated and corrupted pictures.
"$tool" jpeg "$work/ref.jpg" 640 400
"$tool" png "$work/ref.png" 640 400
jsize=$(stat -c %s "$work/ref.jpg")
psize=$(stat -c %s "$work/ref.png")
head -c 300 "$work/ref.jpg" >truncated-header.jpg         # ends inside the tables: nothing to draw
head -c $((jsize / 2)) "$work/ref.jpg" >truncated-half.jpg # ends in the scan: half a picture at best
head -c $((psize / 2)) "$work/ref.png" >truncated-half.png
{ head -c 3 "$work/ref.jpg" && head -c 600 /dev/zero | tr '\0' 'Z'; } >corrupt-header.jpg
cp "$work/ref.jpg" corrupt-scan.jpg # 2000 bytes of the scan overwritten
head -c 2000 /dev/zero | tr '\0' 'U' | dd of=corrupt-scan.jpg bs=1 seek=$((jsize / 3)) conv=notrunc status=none
cp "$work/ref.png" corrupt-data.png # the compressed data and its CRC no longer agree
printf 'XXXXXXXX' | dd of=corrupt-data.png bs=1 seek=$((psize / 2)) conv=notrunc status=none
bad_hidden+=(truncated-header.jpg truncated-half.png corrupt-header.jpg corrupt-data.png)
bad_reported+=(truncated-half.jpg corrupt-scan.jpg)

# A decompression bomb: a 65-byte PNG whose header claims 100000 x 100000 pixels.
"$tool" png-header bomb.png 100000 100000
bad_hidden+=(bomb.png)

# Text named like a picture, and a file that is neither.
printf 'This is a letter, not a photograph.\n' >letter.png
printf 'PK\003\004 not really a document\n' >notes.docx
bad_hidden+=(letter.png notes.docx)

# Text in the wrong encoding.
printf 'Title\nA paragraph with a bad byte \xC3\x28 here.\n' >invalid-utf8.txt
printf '\xFF\xFET\x00i\x00t\x00l\x00e\x00\n\x00B\x00o\x00d\x00y\x00\n\x00' >utf16le-bom.txt
printf '\xFE\xFF\x00T\x00i\x00t\x00l\x00e\x00\n\x00B\x00o\x00d\x00y\x00\n' >utf16be-bom.txt
printf 'T\x00i\x00t\x00l\x00e\x00\n\x00B\x00o\x00d\x00y\x00\n\x00' >utf16le-nobom.txt
bad_hidden+=(invalid-utf8.txt utf16le-bom.txt utf16be-bom.txt utf16le-nobom.txt)
# A picture whose caption is not UTF-8: the caption is reported, the picture still shown.
"$tool" png badcaption.png 200 150
printf 'Caption \xE2\x28\xA1 broken\n' >badcaption.txt
good+=(badcaption.png)
bad_hidden+=(badcaption.txt)

# A huge text file (5 MB).
{
    printf 'A title\n'
    head -c $((5 * 1024 * 1024)) /dev/zero | tr '\0' 'w' | fold -w 100
} >huge.txt
bad_hidden+=(huge.txt)

# Links: loops, outside the folder, dangling.
ln -s . loop-to-self
ln -s loop-b.jpg loop-a.jpg
ln -s loop-a.jpg loop-b.jpg
"$tool" jpeg "$outside/secret.jpg" 160 120
ln -s "$outside/secret.jpg" outside.jpg
ln -s ../outside outside-folder
ln -s does-not-exist.png dangling.png
bad_hidden+=(loop-to-self loop-a.jpg loop-b.jpg outside.jpg outside-folder dangling.png)

# FIFOs: opening one for reading would block a scanner that does not take care.
mkfifo fifo.txt fifo.jpg
bad_hidden+=(fifo.txt fifo.jpg)

cd "$work"
echo "content folder: $(find "$content" -mindepth 1 | wc -l) entries;" \
    "${#good[@]} good, ${#maybe_warned[@]} renamed pictures," \
    "$((${#bad_hidden[@]} + ${#bad_reported[@]})) bad"

# ---- --render ----------------------------------------------------------------------------------------
rc=0
timeout "$RUN_TIMEOUT" "$bin" --render "$work/out" --size 640x360 "$content" >"$work/render.out" \
    2>"$work/render.err" || rc=$?
if [[ $rc != 0 ]]; then
    fail_later "--render exited $rc (want 0; 124 is the ${RUN_TIMEOUT}s timeout); the end of its log:"
    tail -20 "$work/render.err" >&2
fi
[[ -f $work/out/slides.txt ]] || : >"$work/out/slides.txt"
logged_paths "$work/render.err" >"$work/render.paths"
shown_sources "$work/out/slides.txt" >"$work/render.shown"

check_reports() { # check_reports WHAT PATHS-FILE SHOWN-FILE(or "")
    local what=$1 paths=$2 shown=$3 f n s
    for f in "${good[@]}"; do
        n=$(count_in "$paths" "$f")
        [[ $n == 0 ]] || fail_later "$what: good file '$f' reported $n times"
        if [[ -n $shown ]]; then
            s=$(count_in "$shown" "$f")
            if [[ $f == *.txt ]]; then # an article: a title slide and its pages of text
                [[ $s -ge 1 ]] || fail_later "$what: good article '$f' has no slide"
            else
                [[ $s == 1 ]] || fail_later "$what: good picture '$f' has $s slides (want 1)"
            fi
        fi
    done
    for f in "${maybe_warned[@]}"; do
        n=$(count_in "$paths" "$f")
        [[ $n -le 1 ]] || fail_later "$what: renamed picture '$f' reported $n times (want at most 1)"
        if [[ -n $shown ]]; then
            s=$(count_in "$shown" "$f")
            [[ $s == 1 ]] || fail_later "$what: renamed picture '$f' has $s slides (want 1: its bytes say what it is)"
        fi
    done
    for f in "${bad_hidden[@]}" "${bad_reported[@]}"; do
        n=$(count_in "$paths" "$f")
        [[ $n == 1 ]] || fail_later "$what: bad file '$f' reported $n times (want exactly 1)"
    done
    if [[ -n $shown ]]; then
        for f in "${bad_hidden[@]}"; do
            s=$(count_in "$shown" "$f")
            [[ $s == 0 ]] || echo "note: $what: bad file '$f' still has $s slide(s) (drawn without its picture)"
        done
    fi
    # Nothing else is reported (a path under a link loop, the folder itself, a caption's picture...).
    local known
    known=$(printf '%s\n' "${good[@]}" "${maybe_warned[@]}" "${bad_hidden[@]}" "${bad_reported[@]}")
    while IFS= read -r f; do
        grep -qxF -- "$f" <<<"$known" || fail_later "$what: unexpected report for '$f'"
    done < <(sort -u "$paths")
}

check_reports --render "$work/render.paths" "$work/render.shown"
echo "--render: $(wc -l <"$work/render.paths") reports, $(wc -l <"$work/render.shown") slides, exit $rc"

# ---- --check -----------------------------------------------------------------------------------------
rc=0
timeout "$RUN_TIMEOUT" "$bin" --check "$content" >"$work/check.out" 2>"$work/check.err" || rc=$?
[[ $rc == 1 ]] || fail_later "--check exited $rc (want 1: the folder has errors; 124 is the timeout)"
checked_paths "$content" "$work/check.out" >"$work/check.paths"
check_reports --check "$work/check.paths" ""
echo "--check: $(wc -l <"$work/check.paths") reports, exit $rc"

if ((failures)); then
    echo "--- --render reports (event=content-error/warning):" >&2
    grep -E ' event=content-(error|warning)( |$)' "$work/render.err" >&2 || true
    echo "--- --check output:" >&2
    cat "$work/check.out" >&2
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "bad input: all checks passed"
