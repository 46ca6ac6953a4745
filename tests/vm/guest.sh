#!/bin/bash
# vm.boot and vm.usb, the guest's half (see run.sh): runs inside the virtual machine as the unit kiosk-vm-test, after
# the .deb's memorial-kiosk.service was started at boot on the console (KMS/DRM). It checks what the Pi's
# IT person relies on and reports each step on the second serial port (ttyS1; the first is the console, where
# a getty would hang it up) as "KIOSK-VM: ..." lines; at "KIOSK-VM: tap" the host taps the screen. Ends with
# "KIOSK-VM: PASS" or "KIOSK-VM: FAIL reason" and powers the machine off.
set -u
exec >/dev/ttyS1 2>&1
unit=memorial-kiosk.service
say() { echo "KIOSK-VM: $*"; }
fail() {
    say "FAIL $*"
    journalctl -b -u "$unit" --no-pager -o cat | tail -n 40
    systemctl poweroff
    exit 1
}
prop() { systemctl show -p "$1" --value "$unit"; }
# wait_for SECONDS COMMAND...: until the command succeeds
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}
journal_has() { journalctl -b -u "$unit" --no-pager -o cat | grep -q -- "$1"; }
is_active() { [[ $(prop ActiveState) == active ]]; }

dpms() { cat "$connector/dpms"; }
dpms_is() { [[ $(dpms) == "$1" ]]; }

# 1. Started at boot, READY after its first frame, on the console, through KMS/DRM.
wait_for 180 is_active || fail "the service did not become active: $(prop ActiveState)/$(prop SubState)"
journal_has 'event=display driver=KMSDRM' || fail "not drawn through KMS/DRM"
# The connector the kiosk shows its picture on (once it runs): connected and enabled.
connector=
for c in /sys/class/drm/card*-*; do
    [[ -r $c/status && $(cat "$c/status") == connected && $(cat "$c/enabled") == enabled ]] && connector=$c
done
[[ -n $connector ]] || fail "no connected, enabled DRM connector"
dpms_is On || fail "DPMS of $connector is $(dpms), not On, while showing"
say "showing on ${connector##*/} (dpms $(dpms)), $(journalctl -b -u "$unit" -o cat | grep -m1 'event=first-frame')"

# vm.usb: the USB stick steps instead of the rest (guest-usb.sh)
if grep -qw kiosk_vm_test=usb /proc/cmdline; then
    # shellcheck disable=SC1091 # tests/vm/guest-usb.sh, installed there by run.sh
    . /usr/local/lib/kiosk-vm-usb.sh
    say PASS
    systemctl poweroff
    exit 0
fi

# 2. A hung main loop: stopped, the watchdog is no longer fed; systemd kills it and starts it again.
pid=$(prop MainPID)
restarts=$(prop NRestarts)
kill -STOP "$pid"
t0=$(date +%s%N)
wait_for 30 bash -c "p=\$(systemctl show -p MainPID --value $unit); [[ \$p != 0 && \$p != $pid ]]" ||
    fail "the hung kiosk was not started again within 30 s"
t1=$(date +%s%N)
wait_for 60 is_active || fail "the restarted kiosk did not become ready"
t2=$(date +%s%N)
journalctl -b -u "$unit" --no-pager | grep -q 'Watchdog timeout' || fail "systemd did not report a watchdog timeout"
restarted_ms=$(((t1 - t0) / 1000000))
say "watchdog: hung loop started again after $restarted_ms ms, ready again after $(((t2 - t0) / 1000000)) ms," \
    "NRestarts $restarts -> $(prop NRestarts)"
((restarted_ms < 10000)) || fail "the hung kiosk was started again only after $restarted_ms ms (limit 10 s)"

# 3. Closed all day today (open tomorrow only): black, and the display's signal off (DPMS).
tomorrow=$(LC_ALL=C date -d tomorrow +%a | tr '[:upper:]' '[:lower:]')
printf '[schedule]\nhours = %s 00:00-24:00\n' "$tomorrow" >/var/lib/memorial-kiosk/content/kiosk.conf
systemctl restart "$unit"
wait_for 60 is_active || fail "the kiosk did not come up while closed"
wait_for 30 journal_has 'event=dpms state=off connectors=1' || fail "DPMS was not switched off while closed"
wait_for 10 dpms_is Off || fail "DPMS of $connector is $(dpms) while closed"
say "dark: dpms $(dpms)"

# 4. A tap wakes it: the host taps the virtual tablet (QMP input-send-event) when it reads "tap".
# Up to three taps, 8 s apart: on a loaded host (TCG) one tap was once not seen; a visitor taps again too.
for try in 1 2 3; do
    say tap
    if wait_for 8 journal_has 'event=wake via=click'; then break; fi
done
journal_has 'event=wake via=click' || fail "none of $try taps reached the kiosk"
wait_for 20 journal_has 'event=dpms state=on connectors=1' || fail "a tap did not switch the display on"
wait_for 10 dpms_is On || fail "DPMS of $connector is $(dpms) after a tap"
say "woken by a tap: dpms $(dpms)"
say PASS
systemctl poweroff
