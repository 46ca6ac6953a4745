#!/bin/bash
# vm.boot: the .deb on a freshly booted Debian 12 machine, as on the museum's Pi: the package is installed
# in a Debian bookworm system (debootstrap), which boots in a virtual machine (qemu, x86-64) with a
# KMS/DRM display and a touch tablet but no desktop. guest.sh then checks, under the real systemd:
#   - memorial-kiosk.service starts at boot, draws through KMS/DRM on the console, and is READY;
#   - a hung main loop (SIGSTOP: the watchdog is no longer fed) is killed and started again within 10 s;
#   - closed (kiosk.conf [schedule] hours): the display's signal goes off (the connector's DPMS: Off);
#   - a tap wakes it: the signal comes on again (DPMS: On).
# The guest's report and the serial console are kept with KIOSK_VM_KEEP=DIR. Not checked here: the picture
# itself (qemu's screendump of an emulated card does not follow KMS page flips reliably; the pixels are
# tested by tests/render, tests/e2e and tests/typo).
#
# vm.usb (run.sh BUILD_DIR usb): the same machine with a USB (xHCI) controller; instead of the hang, dark
# and tap steps, guest-usb.sh asks the host to plug and pull the stick images made by sticks.sh (QMP,
# qmp.py): a good FAT32 stick and an exFAT one give the new exhibit on screen (time from the plug printed),
# the same stick again "unchanged", a stick of junk "refused", a stick without the folder "no-folder", a
# stick with two partitions, a stick pulled in the middle of the copy (the exhibit stays, the status says
# so), a second stick while one is read, the USB path switched off. Afterwards no stick image has changed.
#
# Usage: run.sh BUILD_DIR [boot|usb]    (the build whose .deb is tested; made here with cpack)
# Needs root (debootstrap, chroot), debootstrap, qemu-system-x86, e2fsprogs and python3, and Debian's
# mirror for the first run: the base system (~1 GB) is kept in KIOSK_VM_CACHE (default
# /var/tmp/memorial-kiosk-vm) and made again only when its package list changes. About 3 minutes with the
# cache, 5 without. The virtual machine is emulated (TCG); KIOSK_VM_ACCEL=kvm uses KVM where it works.
set -euo pipefail
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh" # skip; fail below is this script's own (it prints the guest's logs)
build=$(cd "$1" && pwd)
mode=${2:-boot}
[[ $mode == boot || $mode == usb ]] || { echo "usage: run.sh BUILD_DIR [boot|usb]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
cache=${KIOSK_VM_CACHE:-/var/tmp/memorial-kiosk-vm}
mirror=${KIOSK_VM_MIRROR:-http://deb.debian.org/debian}
fail() {
    echo "FAIL: $*" >&2
    [[ -s ${work:-}/report.log ]] && cat "$work/report.log" >&2
    [[ -s ${work:-}/serial.log ]] && grep -a 'memorial-kiosk' "$work/serial.log" | tail -n 40 >&2
    exit 1
}

[[ $(id -u) == 0 ]] || skip "needs root (debootstrap and chroot build the guest system)"
tools="debootstrap qemu-system-x86_64 mkfs.ext4 python3 cpack"
[[ $mode == usb ]] && tools+=" mkfs.vfat mcopy mkfs.exfat mount.exfat-fuse losetup sfdisk"
for tool in $tools; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/test installs it: scripts/packages.txt)"
done
[[ $(dpkg --print-architecture) == amd64 ]] || skip "the virtual machine is x86-64; this host is $(dpkg --print-architecture)"

work=$(mktemp -d /var/tmp/kiosk-vm-XXXXXX)
qemu_pid=
cleanup() {
    [[ -n $qemu_pid ]] && kill "$qemu_pid" 2>/dev/null && wait "$qemu_pid" 2>/dev/null
    if [[ -n ${KIOSK_VM_KEEP:-} ]]; then
        mkdir -p "$KIOSK_VM_KEEP" && cp "$work"/*.log "$KIOSK_VM_KEEP"/ 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=tests/vm/vmbase.sh
source "$here/vmbase.sh"

# The package under test and the base system (tests/vm/vmbase.sh).
vm_package
vm_base_system bookworm

# This run's system: the base, the package installed as an administrator would, the test unit.
root=$work/root
cp -a "$base" "$root"
cp "$deb" "$root/tmp/kiosk.deb"
chroot "$root" dpkg -i /tmp/kiosk.deb >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; }
rm "$root/tmp/kiosk.deb"
chroot "$root" systemctl enable memorial-kiosk.service >/dev/null 2>&1 # postinst does it on a running system
install -m 755 "$here/guest.sh" "$root/usr/local/sbin/kiosk-vm-test"
install -D -m 644 "$here/guest-usb.sh" "$root/usr/local/lib/kiosk-vm-usb.sh"
cat >"$root/etc/systemd/system/kiosk-vm-test.service" <<'UNIT'
[Unit]
Description=Memorial Kiosk virtual machine test
After=memorial-kiosk.service
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/kiosk-vm-test
[Install]
WantedBy=multi-user.target
UNIT
chroot "$root" systemctl enable kiosk-vm-test.service >/dev/null 2>&1
echo kiosk-vm >"$root/etc/hostname"
echo '/dev/vda / ext4 rw 0 1' >"$root/etc/fstab"
mkfs.ext4 -q -F -L kiosk -d "$root" "$work/disk.img" 3G
rm -rf "$root"

# Boot it: a standard VGA card (bochs-drm: KMS/DRM with a DPMS property), a virtio tablet for taps.
accel=${KIOSK_VM_ACCEL:-tcg}
cpu=max
[[ $accel == kvm ]] && cpu=host
kernel=$(ls "$base"/boot/vmlinuz-* | tail -n 1)
initrd=$(ls "$base"/boot/initrd.img-* | tail -n 1)
extra=()
append="root=/dev/vda rw console=ttyS0 systemd.journald.forward_to_console=1 systemd.show_status=0"
if [[ $mode == usb ]]; then
    # the sticks, and what they hold, to check afterwards that nothing was written to them
    "$here/sticks.sh" "$work/sticks" >"$work/sticks.log" 2>&1 || { cat "$work/sticks.log"; fail "making the sticks"; }
    (cd "$work/sticks" && sha256sum ./*.img) >"$work/sticks.sha256"
    extra=(-device "qemu-xhci,id=xhci")
    append+=" kiosk_vm_test=usb"
fi
qemu-system-x86_64 -accel "$accel" -cpu "$cpu" -m 1536 -smp 2 -nic none -display none \
    -kernel "$kernel" -initrd "$initrd" -append "$append" "${extra[@]}" \
    -drive "file=$work/disk.img,format=raw,if=virtio" -vga std -device virtio-tablet-pci \
    -serial "file:$work/serial.log" -serial "file:$work/report.log" -qmp "unix:$work/qmp.sock,server,nowait" >"$work/qemu.log" 2>&1 &
qemu_pid=$!

# tap: a tap on the virtual tablet through QMP. SDL 2.26 takes an absolute pointer's raw values as window
# pixels (it does not scale them by the device's range), so the point is given in pixels: the pointer
# moves there first, then presses for 150 ms and releases on the spot (a tap, not a swipe).
tap() {
    python3 - "$work/qmp.sock" <<'PY'
import json, socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
f = s.makefile("rw")
f.readline()
def cmd(c, **a):
    f.write(json.dumps({"execute": c, "arguments": a} if a else {"execute": c}) + "\n")
    f.flush()
    while True:
        r = json.loads(f.readline())
        if "error" in r:
            sys.exit(c + ": " + r["error"]["desc"])
        if "return" in r:
            return r
def ev(kind, data):
    return {"type": kind, "data": data}
cmd("qmp_capabilities")
cmd("input-send-event", events=[ev("abs", {"axis": "x", "value": 640}), ev("abs", {"axis": "y", "value": 400})])
time.sleep(0.1)
for down in (True, False):
    cmd("input-send-event", events=[ev("btn", {"down": down, "button": "left"})])
    time.sleep(0.15)
PY
}

# plug NAME [BPS] / pull NAME: a stick image in and out of the USB controller (qmp.py); each plug is a new
# device (NAME-N), as a stick plugged again is
declare -A plugged=()
plugs=0
plug() {
    plugs=$((plugs + 1))
    plugged[$1]=$1-$plugs
    python3 "$here/qmp.py" "$work/qmp.sock" plug "${plugged[$1]}" "$work/sticks/$1.img" "${2:-0}"
}
pull() { python3 "$here/qmp.py" "$work/qmp.sock" pull "${plugged[$1]}"; }

seen=0
deadline=$((SECONDS + ${KIOSK_VM_TIMEOUT:-600}))
result=
while [[ -z $result ]]; do
    ((SECONDS < deadline)) || fail "no result from the virtual machine within ${KIOSK_VM_TIMEOUT:-600} s"
    kill -0 "$qemu_pid" 2>/dev/null || fail "qemu ended without a result: $(tail -n 5 "$work/qemu.log")"
    mapfile -t lines < <(grep -a -o 'KIOSK-VM: .*' "$work/report.log" 2>/dev/null | tr -d '\r' || true)
    for ((i = seen; i < ${#lines[@]}; i++)); do
        line=${lines[i]#KIOSK-VM: }
        echo "guest: $line"
        case $line in
        tap) tap || fail "the tap could not be sent" ;;
        plug\ *) read -r name rate <<<"${line#plug }" && plug "$name" "$rate" || fail "plugging the stick in: $line" ;;
        pull\ *) pull "${line#pull }" || fail "pulling the stick out: $line" ;;
        PASS) result=pass ;;
        FAIL*) result=fail ;;
        esac
    done
    seen=${#lines[@]}
    sleep 0.2
done
[[ $result == pass ]] || fail "the guest's checks failed"
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=
if [[ $mode == usb ]]; then
    (cd "$work/sticks" && sha256sum --quiet -c "$work/sticks.sha256") || fail "a stick image was written to"
    echo "ok: USB sticks: FAT32 and exFAT imported and shown, unchanged, junk refused, no folder, two" \
        "partitions, pulled mid-copy, a second stick, switched off; nothing written to the sticks"
else
    echo "ok: booted, started by systemd on KMS/DRM, restarted after a hang, DPMS off when closed, on after a tap"
fi
