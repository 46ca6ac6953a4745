#!/usr/bin/env bash
# gen_content.sh TOOL DIR: writes a mixed exhibit of a few dozen slides into DIR (created), for the soak
# and fault tests. Nothing binary is committed: the pictures come from badinput_tool (tests/badinput),
# the articles are written here.
#   - 8 articles (English, Azerbaijani, Russian; one long enough for several text screens; with and without
#     the category/date line), each a title screen and one or more text screens
#   - 16 pictures, PNG and JPEG, landscape, portrait, square and small, 6 of them with a caption; 4 in a
#     sub-folder; fits contain (blurred backdrop), cover and kenburns (through playlist.txt)
#   - kiosk.conf: every slide's duration at its minimum (1 s) and a 2 s crossfade, so that --speed F gives
#     a transition of 2000/F ms and a slide at rest of 1000/F ms (F = 40: 50 ms, about 3 frames at 60 Hz,
#     and 25 ms); no schedule (always open, no day of remembrance, no minute of silence)
# Pictures stay small (at most 1024x576): the decoder thread has each ready long before it is due.
set -euo pipefail
tool=${1:?usage: gen_content.sh TOOL DIR}
dir=${2:?usage: gen_content.sh TOOL DIR}
mkdir -p "$dir/photos"

para() { # para N: a paragraph of N sentences
    local i
    for ((i = 1; i <= $1; i++)); do
        printf 'Sentence %d of a paragraph that remembers the night and the people who did not come home. ' "$i"
    done
    printf '\n'
}

article() { # article FILE TITLE DATELINE PARAGRAPHS SENTENCES [FOOTER]
    {
        printf '%s\n\n%s\n\n' "$2" "$3"
        local k
        for ((k = 1; k <= $4; k++)); do
            para "$5"
            printf '\n'
        done
        if [[ -n ${6:-} ]]; then printf '%s\n' "$6"; fi
    } >"$1"
}

article "$dir/01-the-night.txt" "The Night of 20 January 1990" "Baku, 20 January" 2 3 "History 2026-01-20 09:00:00"
article "$dir/02-yanvar-gecesi.txt" "20 Yanvar gecəsi: şəhidlər, ağrı və yaddaş" "Bakı, 20 yanvar" 1 4 "Tarix 2026-01-20"
cat >"$dir/04-ночь.txt" <<'TXT'
Ночь на 20 января 1990 года

Баку, 20 января

Город помнит эту ночь. Каждый год люди несут красные гвоздики на Аллею шехидов, и тишина длится долго.

Память 2026-01-20
TXT
article "$dir/06-long-remembrance.txt" "Remembrance at the Alley of Martyrs, year after year" "Baku" 6 9 "Remembrance 2026-01-20 12:00:00"
article "$dir/09-a-short-note.txt" "A short note" "Baku" 1 1
article "$dir/12-witnesses.txt" "Witnesses" "Baku, January" 3 5 "Memory 2025-01-20"
article "$dir/15-the-flame.txt" "The eternal flame" "Baku" 2 2
article "$dir/18-last.txt" "The last article of the show, with a title long enough to need two lines on a small screen" "Baku, 20 January" 2 4

pic() { # pic png|jpeg FILE W H [CAPTION]
    "$tool" "$1" "$2" "$3" "$4"
    if [[ -n ${5:-} ]]; then printf '%s\n' "$5" >"${2%.*}.txt"; fi
}
pic jpeg "$dir/03-carnations.jpg" 800 450 "Red carnations / Qırmızı qərənfillər"
pic png "$dir/05-flame.png" 640 360
pic jpeg "$dir/07-portrait.jpg" 360 480 "A portrait picture, fitted on its blurred copy"
pic png "$dir/08-square.png" 400 400
pic jpeg "$dir/10-wide.jpg" 1024 576 "A wide picture / Geniş şəkil"
pic png "$dir/11-small.png" 120 90
pic jpeg "$dir/13-cover.jpg" 720 480
pic png "$dir/14-kenburns.png" 960 540 "Ken Burns: a slow pan and zoom"
pic jpeg "$dir/16-tall.jpg" 300 600
pic png "$dir/17-banner.png" 1000 250 "A very wide picture"
pic jpeg "$dir/19-kenburns.jpg" 800 600
pic png "$dir/20-end.png" 640 480
pic jpeg "$dir/photos/a.jpg" 640 360
pic png "$dir/photos/b.png" 480 360 "In the sub-folder"
pic jpeg "$dir/photos/c.jpg" 512 512
pic png "$dir/photos/d.png" 700 400

cat >"$dir/kiosk.conf" <<'CONF'
[show]
image_seconds = 1
title_seconds = 1
text_min_seconds = 1
text_max_seconds = 1
[transition]
kind = crossfade
seconds = 2
[schedule]
hours = always
remembrance_day = none
silence = none
CONF
cat >"$dir/playlist.txt" <<'LIST'
# listed first, with their own fit; every other file follows in name order
13-cover.jpg fit=cover
14-kenburns.png fit=kenburns
01-the-night.txt
19-kenburns.jpg fit=kenburns
photos/a.jpg fit=cover
LIST
