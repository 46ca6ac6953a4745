#!/usr/bin/env bash
# render.no_session_bus: the kiosk starts no D-Bus session bus. SDL_Init opens the session bus, and
# libdbus, given no DBUS_SESSION_BUS_ADDRESS while DISPLAY is set, forks "dbus-launch --autolaunch",
# which would start a bus daemon for the display (and costs the start a fork). The kiosk sets the
# address to "disabled:" when the environment has none (src/app/main.c), in every mode; an address the
# caller set is kept. A stand-in dbus-launch early in PATH records every call.
#   no_session_bus.sh KIOSK CONTENT_DIR
source "$(dirname "$0")/../lib.sh"
kiosk=$1 content=$2
need_exe "$kiosk" memorial-kiosk
test_begin no-session-bus
mkdir -p "$work/bin"
cat > "$work/bin/dbus-launch" <<EOS
#!/bin/sh
echo "\$*" >> "$work/launched"
exit 1
EOS
chmod +x "$work/bin/dbus-launch"

# run ADDRESS ARGS...: the kiosk with DBUS_SESSION_BUS_ADDRESS=ADDRESS, or without one when ADDRESS is
# empty. DISPLAY names no server: with SDL_VIDEODRIVER=dummy nothing connects to it; libdbus only looks
# at it.
run() {
    local address=$1
    shift
    env -u DBUS_SESSION_BUS_ADDRESS ${address:+"DBUS_SESSION_BUS_ADDRESS=$address"} DISPLAY=:4242 \
        PATH="$work/bin:$PATH" SDL_VIDEODRIVER=dummy "$kiosk" "$@" >> "$log" 2>&1
}
run "" --render "$work/out" --size 640x360 "$content" || fail "--render failed (exit $?)"
[[ -e $work/launched ]] && fail "--render ran dbus-launch: $(cat "$work/launched")"
run "" --check "$content" || true # its verdict on the bundled folder is not this test's matter
[[ -e $work/launched ]] && fail "--check ran dbus-launch: $(cat "$work/launched")"

# The stand-in is found and called when the caller asks for autolaunch (the check above can fail):
# unless the machine's libdbus runs its own /usr/bin/dbus-launch first (dbus-x11 installed).
if [[ ! -e /usr/bin/dbus-launch ]]; then
    run autolaunch: --render "$work/out2" --size 640x360 "$content" ||
        fail "--render with the caller's autolaunch: address failed (exit $?)"
    [[ -s $work/launched ]] || fail "the caller's DBUS_SESSION_BUS_ADDRESS was not kept: no dbus-launch call"
    grep -q -- "--autolaunch" "$work/launched" || fail "dbus-launch called without --autolaunch: $(cat "$work/launched")"
fi
echo "PASS: no session bus started; the caller's address kept"
