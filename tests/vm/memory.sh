#!/bin/bash
# vm.memory (issue 19): a Raspberry Pi Zero 2 W's 512 MB show a folder of 2,000 photos for 30 minutes
# without an OOM kill, a restart or memory growth. vm.boot's machine (run.sh: the .deb installed in Debian 12,
# booted under the real systemd, the kiosk on KMS/DRM as the unit starts it, no SDL variable added) is given
# 512 MB (-m 512, no swap) and a 1920x1080 screen (the VGA card's EDID). The content folder is the bundled
# exhibit plus photos/roll-01 ... roll-20, 100 camera-like JPEGs each (IMG_0001.jpg ...): 250 distinct
# pictures made by bench/compare/gen_photos (the detail and size of a camera's JPEG, about 0.4 byte per
# pixel, 1600x1200 to 4000x3000, landscape and portrait), each copied 8 times under other names and never
# next to itself (distinct files on the disk: each is read and decoded again). They are on a second virtual
# disk (ext4, mounted read-only on /var/lib/memorial-kiosk/content/photos), made once and kept in the cache.
# The exhibit's kiosk.conf sets image_seconds (default 3, not the shipped 9: about three times as many
# photos in the time; --image-seconds 9 for the shipped pace); everything else is as shipped.
#
# The guest (guest-memory.sh) samples every --interval seconds from the kiosk's READY: its VmRSS, Pss
# (smaps_rollup) and VmHWM, MemAvailable, the slides shown, NRestarts and the kernel's OOM kills. Printed:
# start/end/peak RSS and PSS, the fitted growth over the second half (least squares, per 10 minutes and over
# the half), the lowest MemAvailable, OOM kills, restarts, slides shown, as a Markdown block for
# bench/RESULTS.md. It fails on an OOM kill, a restart (or a new process), a kiosk not active at a sample,
# or a fitted growth of PSS or RSS over the second half beyond --tolerance-mib (default 4 MiB).
#
# Usage: memory.sh BUILD_DIR [--minutes N] [--image-seconds S] [--interval S] [--tolerance-mib M]
#                             [--mem MB] [--keep DIR]
#   --minutes N   the show's length from READY (default 30; the short check: 3)
#   --keep DIR    the samples, the guest's report and the serial console
# Needs what run.sh needs plus cc and libturbojpeg's headers (gen_photos). The first run makes the base
# system (run.sh's, the same cache) and the photo disk (~5.5 GB in KIOSK_VM_CACHE, some 3-5 minutes on a
# 2-core machine); then about 4 minutes plus the show. Emulated (TCG); KIOSK_VM_ACCEL=kvm where KVM works.
set -euo pipefail
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh" # skip; fail below is this script's own (it prints the guest's logs)
usage() {
    echo "usage: memory.sh BUILD_DIR [--minutes N] [--image-seconds S] [--interval S] [--tolerance-mib M] [--mem MB] [--keep DIR]" >&2
    exit 2
}
(($#)) || usage
build=$(cd "$1" && pwd)
shift
minutes=30 image_seconds=3 interval=30 tolerance_mib=4 mem=512 keep=
while (($#)); do
    (($# >= 2)) || usage
    case $1 in
    --minutes) minutes=$2 ;;
    --image-seconds) image_seconds=$2 ;;
    --interval) interval=$2 ;;
    --tolerance-mib) tolerance_mib=$2 ;;
    --mem) mem=$2 ;;
    --keep) keep=$2 ;;
    *) usage ;;
    esac
    shift 2
done
for v in "$minutes" "$image_seconds" "$interval" "$tolerance_mib" "$mem"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || usage
done
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
cache=${KIOSK_VM_CACHE:-/var/tmp/memorial-kiosk-vm}
mirror=${KIOSK_VM_MIRROR:-http://deb.debian.org/debian}
fail() {
    echo "FAIL: $*" >&2
    [[ -s ${work:-}/report.log ]] && grep -a -v 'KIOSK-VM: sample' "$work/report.log" | tail -n 40 >&2
    [[ -s ${work:-}/serial.log ]] && grep -a 'memorial-kiosk\|Out of memory' "$work/serial.log" | tail -n 40 >&2
    exit 1
}

[[ $(id -u) == 0 ]] || skip "needs root (debootstrap and chroot build the guest system)"
for tool in debootstrap qemu-system-x86_64 mkfs.ext4 debugfs python3 cpack cc pkg-config; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/test installs it: scripts/packages.txt)"
done
pkg-config --exists libturbojpeg || fail "libturbojpeg's headers are missing (libturbojpeg0-dev)"
[[ $(dpkg --print-architecture) == amd64 ]] || skip "the virtual machine is x86-64; this host is $(dpkg --print-architecture)"

work=$(mktemp -d /var/tmp/kiosk-vm-memory-XXXXXX)
qemu_pid=
cleanup() {
    [[ -n $qemu_pid ]] && kill "$qemu_pid" 2>/dev/null && wait "$qemu_pid" 2>/dev/null
    if [[ -n $keep ]]; then
        mkdir -p "$keep" && cp "$work"/*.log "$work"/*.txt "$keep"/ 2>/dev/null || true
    fi
    rm -rf "$work"
    rm -f "$cache"/photos-*."$$".tmp # a photo disk left half made
}
trap cleanup EXIT
trap 'exit 143' TERM INT
# shellcheck source=tests/vm/vmbase.sh
source "$here/vmbase.sh"
began=$SECONDS

# The package under test and run.sh's base system (tests/vm/vmbase.sh: the same list, so the same cache).
vm_package
vm_base_system bookworm

# The photo disk: 2,000 files from 250 distinct pictures, made once (keyed by the generator and the layout).
photos=2000 distinct=250 per_roll=100
sizes="1600x1200 2048x1536 2592x1944 3264x2448 4000x3000 1200x1600 2448x3264 3000x4000 4000x2250 2560x1440"
key=$({ cat "$src/bench/compare/gen_photos.c"; echo "$photos $distinct $per_roll $sizes v2"; } | sha256sum | cut -c1-12)
photo_disk=$cache/photos-$key.img
if [[ ! -f $photo_disk ]]; then
    echo "making the photo disk $photo_disk ($distinct distinct pictures, $photos files)"
    t0=$SECONDS
    mkdir -p "$cache" "$work/distinct" "$work/photos"
    # shellcheck disable=SC2046 # pkg-config's words
    cc -std=c17 -O2 -o "$work/gen_photos" "$src/bench/compare/gen_photos.c" $(pkg-config --cflags --libs libturbojpeg) -lm ||
        fail "cannot compile gen_photos.c"
    read -r -a size <<<"$sizes"
    # shellcheck disable=SC2016 # the words are sh -c's, expanded there
    for ((i = 0; i < distinct; i++)); do echo "$i ${size[i % ${#size[@]}]}"; done |
        xargs -P 2 -n 2 sh -c 'exec "$0" "$(printf "%s/%03d.jpg" "$1" "$2")" "$3" "$((1000 + $2))"' \
            "$work/gen_photos" "$work/distinct" || fail "making the photos failed"
    for ((k = 0; k < photos; k++)); do
        roll=$(printf '%s/photos/roll-%02d' "$work" $((k / per_roll + 1)))
        mkdir -p "$roll"
        # 97 is prime to 250: every picture 8 times, its copies 250 files apart
        cp "$work/distinct/$(printf %03d $((k * 97 % distinct))).jpg" "$roll/$(printf 'IMG_%04d.jpg' $((k + 1)))"
    done
    rm -rf "$work/distinct"
    mb=$(du -sm "$work/photos" | cut -f1)
    mkfs.ext4 -q -F -L photos -d "$work/photos" "$photo_disk.$$.tmp" "$((mb * 11 / 10 + 200))M" >/dev/null
    # no lost+found: the kiosk (rightly) reports a folder it may not open as a content error
    debugfs -w -R 'rmdir lost+found' "$photo_disk.$$.tmp" >/dev/null 2>&1 || fail "debugfs rmdir lost+found"
    mv "$photo_disk.$$.tmp" "$photo_disk"
    rm -rf "$work/photos"
    echo "photo disk made in $((SECONDS - t0)) s: $mb MB"
fi

# This run's system: the base, the package installed as an administrator would, the sampler's unit, the
# exhibit's kiosk.conf, the photo disk's mount point inside the content folder.
root=$work/root
cp -a "$base" "$root"
cp "$deb" "$root/tmp/kiosk.deb"
chroot "$root" dpkg -i /tmp/kiosk.deb >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; }
rm "$root/tmp/kiosk.deb"
chroot "$root" systemctl enable memorial-kiosk.service >/dev/null 2>&1 # postinst does it on a running system
install -m 755 "$here/guest-memory.sh" "$root/usr/local/sbin/kiosk-vm-memory"
cat >"$root/etc/systemd/system/kiosk-vm-memory.service" <<'UNIT'
[Unit]
Description=Memorial Kiosk virtual machine test: memory over a long show
After=memorial-kiosk.service
[Service]
Type=simple
ExecStart=/usr/local/sbin/kiosk-vm-memory
[Install]
WantedBy=multi-user.target
UNIT
chroot "$root" systemctl enable kiosk-vm-memory.service >/dev/null 2>&1
content=$root/var/lib/memorial-kiosk/content
find "$content" -mindepth 1 -delete # the folder holds the photos alone (the bundled articles would take minutes)
mkdir "$content/photos"
printf '# vm.memory: many photos in the time (shipped: 9)\n[show]\nimage_seconds = %s\n' "$image_seconds" >"$content/kiosk.conf"
chroot "$root" chown -R kiosk:kiosk /var/lib/memorial-kiosk
echo kiosk-vm >"$root/etc/hostname"
printf '/dev/vda / ext4 rw 0 1\n/dev/vdb /var/lib/memorial-kiosk/content/photos ext4 ro 0 0\n' >"$root/etc/fstab"
mkfs.ext4 -q -F -L kiosk -d "$root" "$work/disk.img" 3G >/dev/null
rm -rf "$root"

accel=${KIOSK_VM_ACCEL:-tcg}
cpu=max
[[ $accel == kvm ]] && cpu=host
kernel=$(ls "$base"/boot/vmlinuz-* | tail -n 1)
initrd=$(ls "$base"/boot/initrd.img-* | tail -n 1)
append="root=/dev/vda rw console=ttyS0 systemd.journald.forward_to_console=1 systemd.show_status=0"
append+=" kiosk_vm_minutes=$minutes kiosk_vm_interval=$interval"
echo "booting: -m $mem, 1920x1080, $photos photos, image_seconds=$image_seconds, $minutes min, a sample every $interval s"
qemu-system-x86_64 -accel "$accel" -cpu "$cpu" -m "$mem" -smp 2 -nic none -display none \
    -kernel "$kernel" -initrd "$initrd" -append "$append" \
    -drive "file=$work/disk.img,format=raw,if=virtio" \
    -drive "file=$photo_disk,format=raw,if=virtio,readonly=on" \
    -vga none -device VGA,xres=1920,yres=1080,vgamem_mb=64 -device virtio-tablet-pci \
    -serial "file:$work/serial.log" -serial "file:$work/report.log" >"$work/qemu.log" 2>&1 &
qemu_pid=$!

seen=0
deadline=$((SECONDS + minutes * 60 + ${KIOSK_VM_TIMEOUT:-900}))
result=
while [[ -z $result ]]; do
    ((SECONDS < deadline)) || fail "no end from the virtual machine in time"
    kill -0 "$qemu_pid" 2>/dev/null || fail "qemu ended without a result: $(tail -n 5 "$work/qemu.log")"
    mapfile -t lines < <(grep -a -o 'KIOSK-VM: .*' "$work/report.log" 2>/dev/null | tr -d '\r' || true)
    for ((i = seen; i < ${#lines[@]}; i++)); do
        line=${lines[i]#KIOSK-VM: }
        echo "guest: $line"
        case $line in
        END) result=end ;;
        FAIL*) result=fail ;;
        esac
    done
    seen=${#lines[@]}
    sleep 1
done
[[ $result == end ]] || fail "the guest could not sample the kiosk"
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=
grep -a -o 'KIOSK-VM: .*' "$work/report.log" | tr -d '\r' | sed 's/^KIOSK-VM: //' >"$work/samples.txt"
echo "whole run: $(((SECONDS - began) / 60)) min $(((SECONDS - began) % 60)) s"
host="$(date -u '+%F %H:%M') UTC, host $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/memory-figures.py" "$work/samples.txt" --tolerance-mib "$tolerance_mib" \
    --setup "$mem MB, 1920x1080, $photos photos ($distinct distinct), image_seconds=$image_seconds, $minutes min, qemu $accel; $host" ||
    fail "see the figures above"
