#!/usr/bin/env bash
# live.reload: the running kiosk (SDL's dummy video driver, a window, no display needed) picks up changes
# to its content folder by itself: a file added, changed, removed; the folder replaced by `mv`; a slowly
# written file only once complete; an empty or broken replacement keeps the last good show.
# Usage: reload.sh MEMORIAL_KIOSK
set -euo pipefail
bin=$1
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh"
test_begin reload

mkdir "$work/content"
article "$work/content/1-a.txt" "the first article"
article "$work/content/2-b.txt" "the second article"

export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy KIOSK_RELOAD_SETTLE_MS=800
"$bin" --window 640x360 --speed 4 "$work/content" 2>"$work/log" &
pid=$!
wait_for 'event=first-frame' 1 30
wait_for 'event=content-loaded slides=5 ' 1 5 # 2 articles (title + page) and the banner slide

# 1. a file added
article "$work/content/3-c.txt" "the third article"
wait_for 'event=reload slides=7 ' 1 15
# the new article is shown
wait_for 'event=slide .*source=3-c.txt' 1 30

# 2. a file changed: two more paragraphs do not change the slide count here, but a reload happens
n=$(count 'event=reload ')
printf 'Changed title\n\nBaku\n\nNew text.\n' >"$work/content/2-b.txt"
wait_for 'event=reload ' $((n + 1)) 15

# 3. a file removed
rm "$work/content/1-a.txt"
wait_for 'event=reload slides=5 ' 1 15

# 4. the folder replaced by mv
mkdir "$work/new"
article "$work/new/x.txt" "a replacement"
mv "$work/content" "$work/old"
mv "$work/new" "$work/content"
wait_for 'event=reload slides=3 ' 1 15
wait_for 'event=slide .*source=x.txt' 1 30

# 5. a slowly written file is read only when complete
n=$(count 'event=reload ')
{
    printf 'Slowly written\n\nBaku\n\n'
    for i in 1 2 3 4 5 6; do
        printf 'Sentence %d of a paragraph that arrives slowly. ' "$i"
        sleep 0.3
    done
    printf '\n'
} >"$work/content/y.txt"
written=$SECONDS
wait_for 'event=reload ' $((n + 1)) 15
(($(count 'event=reload ') == n + 1)) || fail "the half-written file caused more than one reload"
grep -q 'path=y.txt' "$work/log" && fail "the half-written file was read before it was complete"

# 6. an empty replacement keeps the last good show
mkdir "$work/empty"
mv "$work/content" "$work/old2"
mv "$work/empty" "$work/content"
wait_for 'event=reload-rejected' 1 15
n=$(count 'event=slide ')
wait_for 'event=slide .*source=[xy].txt' 1 30
wait_for 'event=slide ' $((n + 2)) 30

# 7. a broken replacement (only a damaged picture) too
rmdir "$work/content"
mkdir "$work/broken"
head -c 3000 /dev/urandom >"$work/broken/photo.jpg"
mv "$work/broken" "$work/content"
wait_for 'event=reload-rejected' 2 15
grep -q 'event=content-error path=photo.jpg' "$work/log" || fail "the damaged picture was not reported"

kill -TERM "$pid"
wait "$pid" || fail "exit status $? after SIGTERM"
pid=
grep -q 'event=quit' "$work/log" || fail "no event=quit"
echo "ok: reload on add, change, remove, mv, slow write; empty and broken replacements rejected"
