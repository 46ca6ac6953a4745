# Shared helpers of the live tests (tests/live/*.sh): source it after `bin=$1`. Source it; do not run it.
#   live_begin NAME      a work folder $work (/tmp/kiosk-NAME-XXXXXX), removed at exit with the kiosk
#                        whose pid is in $pid (when set) stopped
#   fail MESSAGE         prints the message and the kiosk's log ($work/log, and every file named in
#                        $live_logs), exits 1
#   count PATTERN        lines of $work/log matching PATTERN
#   wait_for PATTERN N SECONDS   until $work/log has N lines matching PATTERN, else fail
#   article FILE TITLE   a short article
# shellcheck shell=bash

pid=
live_logs=
live_begin() {
    work=$(mktemp -d "/tmp/kiosk-$1-XXXXXX")
    trap live_cleanup EXIT
}

live_cleanup() {
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$work"
}

fail() {
    echo "FAIL: $*" >&2
    local f
    for f in "$work/log" $live_logs; do
        echo "---- $(basename "$f") (last 200 lines) ----" >&2
        tail -n 200 "$f" >&2 || true
    done
    exit 1
}

count() { grep -c -- "$1" "$work/log" || true; }

wait_for() {
    local deadline=$((SECONDS + $3))
    while ((SECONDS < deadline)); do
        (($(count "$1") >= $2)) && return 0
        sleep 0.1
    done
    fail "no $2 line(s) matching '$1' within $3 s"
}

article() {
    printf '%s\n\nBaku, 20 January\n\nA paragraph about %s, long enough to be read.\n' "$2" "$2" >"$1"
}
