#!/usr/bin/env bash
# sync.syncthing: two real Syncthing instances on 127.0.0.1 (their own homes, GUI/API and listen ports,
# API keys; no relays, no global or local discovery, no NAT, no usage reports), introduced to each other
# through the REST API (/rest/config/devices, /rest/config/folders). A folder is shared send-only from
# "staff" and receive-only on "kiosk". Staff write an exhibit (an article and 40 MiB of random bytes in
# 80 files; the kiosk receives at most 16 MiB/s) and seal it (memorial-kiosk --seal); meanwhile a loop runs the path unit's command,
# memorial-kiosk --import KIOSK_FOLDER CONTENT, every 0.5 s. After every import the content is exactly
# one whole version (file list and SHA-256 of every file: the old exhibit, the first sealed version or
# the second), a done import brings exactly the sealed version, every refusal says "still arriving", and
# no Syncthing temporary or conflict file is ever in the content. A second version (files changed,
# removed, added) then switches whole. Prints how many "still arriving" refusals the loop saw.
# $KIOSK_TEST_KEEP_TMP=1 keeps the work folder (tests/lib.sh).
# Usage: syncthing.sh MEMORIAL_KIOSK          (exit 77 when syncthing is not installed)
set -euo pipefail
bin=$1
if ! command -v syncthing >/dev/null || ! command -v curl >/dev/null || ! command -v jq >/dev/null; then
    echo "SKIP: syncthing, curl or jq is not installed (apt-get install syncthing curl jq)"
    exit 77
fi
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh"
test_begin sync
pids=()
test_on_exit() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy STNOUPGRADE=1 HOME=$work/home
mkdir -p "$HOME"
t0=$(date +%s)

test_logs="$work/loop.log $work/kiosk.import.log"
test_log_lines=15

free_port() { # a port nothing listens on
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
}

declare -A GUI LISTEN KEY ID
api() { # api NAME METHOD PATH [JSON]
    curl -fsS -X "$2" -H "X-API-Key: ${KEY[$1]}" -H 'Content-Type: application/json' ${4:+-d "$4"} \
        "http://127.0.0.1:${GUI[$1]}$3"
}

start() { # start NAME: a Syncthing of its own, configured before it first runs
    local n=$1 home=$work/$1.home
    GUI[$n]=$(free_port) LISTEN[$n]=$(free_port) KEY[$n]=key-$n-$RANDOM$RANDOM
    syncthing generate --home="$home" --no-default-folder --skip-port-probing >/dev/null 2>&1
    sed -i -e "s|<listenAddress>[^<]*</listenAddress>|<listenAddress>tcp://127.0.0.1:${LISTEN[$n]}</listenAddress>|" \
        -e 's|<globalAnnounceEnabled>true<|<globalAnnounceEnabled>false<|' \
        -e 's|<localAnnounceEnabled>true<|<localAnnounceEnabled>false<|' \
        -e 's|<relaysEnabled>true<|<relaysEnabled>false<|' -e 's|<natEnabled>true<|<natEnabled>false<|' \
        -e 's|<startBrowser>true<|<startBrowser>false<|' -e 's|<urAccepted>0<|<urAccepted>-1<|' \
        -e 's|<crashReportingEnabled>true<|<crashReportingEnabled>false<|' "$home/config.xml"
    syncthing serve --home="$home" --no-browser --no-restart --gui-address="127.0.0.1:${GUI[$n]}" \
        --gui-apikey="${KEY[$n]}" --logfile="$work/$n.log" >/dev/null 2>&1 &
    pids+=($!)
}

start staff
start kiosk
for n in staff kiosk; do
    for _ in $(seq 100); do api "$n" GET /rest/system/ping >/dev/null 2>&1 && break; sleep 0.1; done
    ID[$n]=$(api "$n" GET /rest/system/status | jq -r .myID)
    [[ ${ID[$n]} =~ ^[A-Z0-9-]{63}$ ]] || fail "$n: no device ID"
    opts=$(api "$n" GET /rest/config/options)
    jq -e '.relaysEnabled == false and .globalAnnounceEnabled == false and .localAnnounceEnabled == false
           and .listenAddresses == ["tcp://127.0.0.1:'"${LISTEN[$n]}"'"]' <<<"$opts" >/dev/null ||
        fail "$n: options not as set: $opts"
done

# the kiosk receives at most 16 MiB/s (also on the LAN): the 40 MiB take a few seconds, so the loop
# sees the sets while they arrive on any machine
api kiosk PATCH /rest/config/options '{"maxRecvKbps":16384,"limitBandwidthInLan":true}' >/dev/null

staff=$work/staff kiosk=$work/kiosk-sync content=$work/p/content
mkdir -p "$staff/.stfolder" "$kiosk/.stfolder" "$content"
printf 'The old exhibit\n\nBaku, 20 January\n\nA paragraph of the old exhibit.\n' >"$content/01-old.txt"

# introduced to each other, then the folder shared: send-only from staff, receive-only on the kiosk
for pair in "staff kiosk" "kiosk staff"; do
    set -- $pair
    api "$1" POST /rest/config/devices "{\"deviceID\":\"${ID[$2]}\",\"name\":\"$2\",
        \"addresses\":[\"tcp://127.0.0.1:${LISTEN[$2]}\"]}" >/dev/null
done
api staff POST /rest/config/folders "{\"id\":\"exhibit\",\"label\":\"exhibit\",\"path\":\"$staff\",
    \"type\":\"sendonly\",\"fsWatcherEnabled\":false,\"rescanIntervalS\":3600,
    \"devices\":[{\"deviceID\":\"${ID[kiosk]}\"}]}" >/dev/null
api kiosk POST /rest/config/folders "{\"id\":\"exhibit\",\"label\":\"exhibit\",\"path\":\"$kiosk\",
    \"type\":\"receiveonly\",\"fsWatcherEnabled\":false,\"rescanIntervalS\":3600,
    \"devices\":[{\"deviceID\":\"${ID[staff]}\"}]}" >/dev/null
for _ in $(seq 300); do
    api staff GET /rest/system/connections | jq -e ".connections[\"${ID[kiosk]}\"].connected" >/dev/null && break
    sleep 0.1
done
api staff GET /rest/system/connections | jq -e ".connections[\"${ID[kiosk]}\"].connected" >/dev/null ||
    fail "the two instances did not connect"

sums() { # sums DIR: file list and SHA-256 of every file but hidden ones (the kept seal)
    (cd "$1" && find . -mindepth 1 -name '.*' -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}
sums "$content" >"$work/v0.sums"

# the loop: the path unit's command every 0.5 s, each result recorded, the content checked after each
loop() {
    local i=0 out rc
    while [[ ! -e "$work/stop" ]]; do
        i=$((i + 1))
        rc=0
        arrived=$(find "$kiosk" -mindepth 1 -name '.*' -prune -o -type f -print | wc -l)
        "$bin" --import "$kiosk" "$content" 2>"$work/one.log" || rc=$?
        cat "$work/one.log" >>"$work/kiosk.import.log"
        out=$(grep -o 'event=import result=[a-z]*' "$work/one.log" | cut -d= -f3 || true)
        reason=$(grep -o 'reason="[^"]*"' "$work/one.log" | head -1 || true)
        sums "$content" >"$work/now.sums"
        state=none
        for v in v0 v1 v2; do
            [[ -f "$work/$v.sums" ]] && cmp -s "$work/now.sums" "$work/$v.sums" && state=$v
        done
        bad=$(find -L "$content" \( -name '.syncthing.*' -o -name '~syncthing~*' -o -name '*.sync-conflict-*' \
            -o -name '.stfolder' -o -name '.stignore' -o -name '.stversions' -o -name 'memorial-kiosk.manifest' \) \
            -print | head -1)
        echo "$i rc=$rc result=$out content=$state bad=${bad:-none} arrived=$arrived $reason" >>"$work/loop.log"
        sleep 0.5
    done
}
loop &
looppid=$!
pids+=($looppid)

exhibit() { # exhibit VERSION: an article and 80 files of 512 KiB of random bytes in 4 folders
    mkdir -p "$staff/data/a" "$staff/data/b" "$staff/data/c" "$staff/data/d"
    printf 'Exhibit %s\n\nBaku, 20 January\n\nA paragraph of exhibit %s.\n' "$1" "$1" >"$staff/01-exhibit.txt"
    for d in a b c d; do
        for i in $(seq 1 20); do head -c 524288 /dev/urandom >"$staff/data/$d/$i.bin"; done
    done
}

sync_version() { # sync_version VERSION: seal the staff folder, let Syncthing carry it, wait for done
    "$bin" --seal "$staff" 2>>"$work/seal.log" || fail "--seal $1"
    sums "$staff" >"$work/$1.sums"
    grep -q memorial-kiosk.manifest "$work/$1.sums" || fail "the manifest is not in the staff folder"
    grep -v 'memorial-kiosk.manifest$' "$work/$1.sums" >"$work/$1.tmp" && mv "$work/$1.tmp" "$work/$1.sums"
    local seal=$(head -1 "$staff/memorial-kiosk.manifest" | grep -o 'seal=[0-9a-f]*')
    api staff POST "/rest/db/scan?folder=exhibit" >/dev/null
    for _ in $(seq 600); do
        grep -q "result=done.*$seal" "$work/kiosk.import.log" 2>/dev/null && return 0
        sleep 0.1
    done
    fail "$1 was not taken in within 60 s"
}

exhibit 1
sync_version v1
mark=$(wc -l <"$work/loop.log")
# the second version: the article changed, 20 files removed, 40 changed, 20 added
printf 'Exhibit 2\n\nBaku, 20 January\n\nA paragraph of the second exhibit.\n' >"$staff/01-exhibit.txt"
rm -r "$staff/data/a"
mkdir -p "$staff/data/e"
for i in $(seq 1 20); do
    for d in b c e; do head -c 524288 /dev/urandom >"$staff/data/$d/$i.bin"; done
done
sync_version v2
sleep 1.2
touch "$work/stop"
wait "$looppid" || true

# the verdict, from the loop's records
[[ -s "$work/loop.log" ]] || fail "the loop recorded nothing"
grep -v ' content=v[012] ' "$work/loop.log" && fail "the content was once not one whole version"
grep -v ' bad=none' "$work/loop.log" && fail "a Syncthing or seal file was in the content"
grep ' result=refused' "$work/loop.log" | grep -v 'still arriving' && fail "a refusal that is not 'still arriving'"
grep ' result=done ' "$work/loop.log" | grep -v ' content=v[12] ' && fail "a done import that is not a sealed version"
grep -q ' result=done content=v1 ' "$work/loop.log" || fail "the first version was never shown"
tail -n 1 "$work/loop.log" | grep -q ' content=v2 ' || fail "the second version is not shown at the end"
# once a version is in, never back to an older one
first_v1=$(grep -n ' content=v1 ' "$work/loop.log" | head -1 | cut -d: -f1)
tail -n +"$first_v1" "$work/loop.log" | grep ' content=v0 ' && fail "the content went back after the first version"
first_v2=$(grep -n ' content=v2 ' "$work/loop.log" | head -1 | cut -d: -f1)
tail -n +"$first_v2" "$work/loop.log" | grep -v ' content=v2 ' && fail "the content went back after the second version"
arriving=$(grep -c 'still arriving' "$work/loop.log" || true)
half=$(grep -c 'still arriving ([0-9]* of' "$work/loop.log" || true)
noseal=$(grep -c 'no seal yet' "$work/loop.log" || true)
# a half set seen: a refusal while some files had arrived in the kiosk's folder
v1=$(head -n "$mark" "$work/loop.log" | grep 'still arriving' | grep -vc ' arrived=0 ' || true)
v2=$(tail -n +"$((mark + 1))" "$work/loop.log" | grep 'still arriving' | grep -vc ' arrived=0 ' || true)
echo "loop: $(wc -l <"$work/loop.log") imports; 'still arriving' refusals: $arriving ($half 'N of M files'," \
    "$noseal 'no seal yet'; with a half set in the kiosk's folder: $v1 while the first version came," \
    "$v2 while the second); $(($(date +%s) - t0)) s"
grep 'still arriving (' "$work/loop.log" | grep -o 'still arriving ([^)]*)' | sort | uniq -c | head -8
((v1 > 0 && v2 > 0)) || fail "the loop never saw a half set (the sync was too quick to observe)"
echo "PASS"
