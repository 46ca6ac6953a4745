#!/usr/bin/env bash
# live.settings: every key of kiosk.conf takes effect on a live reload, without a restart. The running
# kiosk (SDL's dummy video driver) is given one changed kiosk.conf after another; after each reload the
# settings in effect (event=exhibit, logged at start and at every swap) carry the new value, and where the
# effect shows in the log it is checked too: opening hours turn the screen dark and back, the banner
# slide comes and goes from the show.
# Usage: settings.sh MEMORIAL_KIOSK
set -euo pipefail
bin=$1
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh"
test_begin settings

# conf SECTION KEY VALUE FIELD=EXPECTED...: writes a kiosk.conf with that one key, waits for the reload,
# and checks the fields of the newest event=exhibit line.
conf() {
    local section=$1 key=$2 value=$3
    shift 3
    local n
    n=$(count 'event=exhibit ')
    printf '[%s]\n%s = %s\n' "$section" "$key" "$value" >"$work/content/kiosk.conf"
    wait_for 'event=exhibit ' $((n + 1)) 20
    local line
    line=$(grep 'event=exhibit ' "$work/log" | tail -1)
    for want in "$@"; do
        [[ " $line " == *" $want "* ]] || fail "[$section] $key = $value: expected $want in: $line"
    done
    echo "ok: [$section] $key = $value -> $*"
}

mkdir "$work/content"
for n in 1 2; do
    printf 'Article %s\n\nBaku, 20 January\n\nA paragraph of article %s, long enough to be read.\n' "$n" "$n" \
        >"$work/content/$n-a.en.txt"
done

export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy KIOSK_RELOAD_SETTLE_MS=500
"$bin" --window 640x360 --speed 8 "$work/content" 2>"$work/log" &
pid=$!
wait_for 'event=first-frame' 1 30
wait_for 'event=exhibit .*banner_slide=0 ' 1 5
wait_for 'event=slide .*kind=banner' 1 30 # once per round by default

conf show image_seconds 5 image_ms=5000
conf show title_seconds 4 title_ms=4000
conf show idle_resume_seconds 7 idle_resume_ms=875 # 7 s at --speed 8
conf transition seconds 2 transition_ms=250
conf transition kind cut transition_ms=0
conf pictures fit cover fit=cover
conf pictures backdrop solid backdrop=solid
conf pictures max_megapixels 12 max_pixels=12000000
conf colors background '#203040' colors=#203040
conf colors text '#fafafa' text=#fafafa
conf colors accent '#aa0000' accent=#aa0000
conf colors banner '#101010' banner_color=#101010
conf fonts title 'DejaVu Serif' 'fonts="DejaVu Serif"'
conf fonts body 'DejaVu Sans' 'body_font="DejaVu Sans"'
conf fonts banner 'DejaVu Sans' 'banner_font="DejaVu Sans"'
conf staff corner bottom-right staff_corner=bottom-right
conf staff long_press_seconds 5 long_press_ms=5000
conf screen safe_area_percent 5 safe_area=0.05
conf screen rotation 90 rotation=90
conf banner slide_languages 'ru az' languages=ru,az
conf schedule remembrance_day 05-09 remembrance_day=05-09
conf schedule silence 11:00 silence=11:00

# the banner slide leaves the show, then comes back every item
conf banner slide none banner_slide=-1
n=$(count 'event=slide ')
sleep 3
after=$(grep 'event=slide ' "$work/log" | tail -n +$((n + 1)))
[[ -n "$after" ]] || fail "the show stopped"
grep -q 'kind=banner' <<<"$after" && fail "a banner slide after [banner] slide = none"
conf banner slide 'every 1' banner_slide=1
wait_for 'event=slide .*kind=banner' 2 30

# opening hours: closed all week makes the screen dark at once, always brings the show back
conf schedule hours 'mon 00:00-00:01' 'hours="mon 00:00-00:01"'
if [[ $(date +%u) != 1 || $(date +%H%M) != 000* ]]; then
    wait_for 'event=schedule mode=dark' 1 10
    conf schedule hours always hours=always
    wait_for 'event=schedule mode=show' 1 10
fi
echo "live.settings: every key took effect without a restart"
