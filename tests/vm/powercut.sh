#!/bin/bash
# vm.powercut: the plug pulled at any moment loses nothing. The .deb is installed in the Debian 12 system of
# vm.boot (run.sh) with overlayroot added, and scripts/setup-pi makes it the appliance, as on the museum's
# Pi: --appliance on --data-device (a second virtual disk, 256 MB, formatted and filled by setup-pi), the
# kernel command line setup-pi writes. Then the virtual machine is killed without a shutdown (QMP "quit" and
# SIGKILL of qemu, in turn) at a random moment of one of four situations, in turn:
#   boot     between qemu's start and the kiosk's READY (as long as the last boot took)
#   show     0-8 s after READY, while the show runs
#   import   during `memorial-kiosk --import` of the other exhibit (kept on the guest's root)
#   usb      during the import of a USB stick (QMP plug) holding the other exhibit
# After each kill: `e2fsck -fn` of the data disk (its journal replayed first, on a copy, as the kernel does
# at mount) and of the root disk must be clean; the next boot must come up READY by itself (the guest
# reports it, guest-powercut.sh) with the data place mounted, the root an overlay, no staging folder left,
# and a complete exhibit: the name and sha256 of every file equal to exactly one known exhibit (bundled,
# A, B), the one shown before the cut or, in an import, the one being imported (that one for sure once the
# import had ended). At the end: a boot without the data disk comes up READY with the bundled exhibit, and
# the root disk image is byte for byte what setup-pi left.
#
# Usage: powercut.sh BUILD_DIR [--cycles N] [--seed S] [--keep DIR]
#   --cycles N  cycles (default 4, one of each situation: CI); the long run: --cycles 200 (1-3 min each)
#   --seed S    the random moments (default: the time)
#   --keep DIR  the per-cycle results (results.txt) and the logs of failed boots
# Needs what run.sh needs, plus mkfs.vfat and mcopy. Prints a summary: cycles, failures, time to READY
# (median, worst) from the kernel's start (systemd's ActiveEnterTimestampMonotonic of the kiosk's unit).
set -euo pipefail
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh" # skip; fail below is this script's own (it prints the guest's logs)
build=$(cd "$1" && pwd)
shift
cycles=4
seed=$(date +%s)
keep=
while (($#)); do
    case $1 in
    --cycles) cycles=$2; shift ;;
    --seed) seed=$2; shift ;;
    --keep) keep=$2; shift ;;
    *) echo "usage: powercut.sh BUILD_DIR [--cycles N] [--seed S] [--keep DIR]" >&2; exit 2 ;;
    esac
    shift
done
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
cache=${KIOSK_VM_CACHE:-/var/tmp/memorial-kiosk-vm}
mirror=${KIOSK_VM_MIRROR:-http://deb.debian.org/debian}
die() { echo "FAIL: $*" >&2; exit 1; }

[[ $(id -u) == 0 ]] || skip "needs root (debootstrap, chroot, loop devices)"
for tool in debootstrap qemu-system-x86_64 mkfs.ext4 e2fsck python3 cpack mkfs.vfat mcopy losetup; do
    command -v "$tool" >/dev/null || die "$tool is missing (scripts/test installs it: scripts/packages.txt)"
done
[[ $(dpkg --print-architecture) == amd64 ]] || skip "the virtual machine is x86-64"

work=$(mktemp -d /var/tmp/kiosk-powercut-XXXXXX)
[[ -n $keep ]] || keep=$work/keep
mkdir -p "$keep"
results=$keep/results.txt
: >"$results"
qemu_pid=
loopdev=
cleanup() {
    [[ -n $qemu_pid ]] && kill -9 "$qemu_pid" 2>/dev/null && wait "$qemu_pid" 2>/dev/null
    for m in dev proc sys; do mountpoint -q "$work/root/$m" 2>/dev/null && umount -l "$work/root/$m"; done
    [[ -n $loopdev ]] && losetup -d "$loopdev" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT
RANDOM=$seed
echo "seed $seed, $cycles cycles, results in $results"

# --- the appliance's image ---------------------------------------------------------------------------
# the package and run.sh's base system (the same list) with overlayroot (its initramfs script needs
# busybox's grep) and e2fsprogs, cached beside it (tests/vm/vmbase.sh)
fail() { die "$@"; }
# shellcheck source=tests/vm/vmbase.sh
source "$here/vmbase.sh"
vm_package
vm_base_system bookworm-appliance overlayroot busybox e2fsprogs

root=$work/root
cp -a "$base" "$root"
cp "$deb" "$root/tmp/kiosk.deb"
chroot "$root" dpkg -i /tmp/kiosk.deb >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; die "dpkg -i"; }
echo kiosk-vm >"$root/etc/hostname"
echo '/dev/vda / ext4 defaults 0 1' >"$root/etc/fstab"
echo 'root=/dev/vda console=ttyS0' >"$root/boot/cmdline.txt"

# The exhibits: the bundled one (the package's, where a new set-up starts), A and B (the bundled texts, 24
# more pictures each, a file of the same name that differs, B without one of the bundled pictures)
bundled=$root/usr/share/memorial-kiosk/content
ex=$root/usr/local/share/kiosk-powercut
for x in A B; do
    mkdir -p "$ex/$x"
    cp -a "$bundled"/. "$ex/$x/"
    rm -f "$ex/$x"/kiosk.conf*
    n=0
    for pic in "$bundled"/*.jpg; do
        for k in 1 2 3 4; do
            n=$((n + 1))
            cp "$pic" "$ex/$x/$(printf '%02d' $((40 + n)))-$x-$k-${pic##*/}"
        done
    done
    printf 'Exhibit %s\n\nThe version %s of the power-cut test exhibit.\n' "$x" "$x" >"$ex/$x/10-version.txt"
done
rm -f "$ex/B/09-"*.jpg
manifest() { (cd "$1" && find . -type f ! -name '.*' -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum | cut -c1-16); }
declare -A name_of=()
name_of[$(manifest "$bundled")]=bundled
name_of[$(manifest "$ex/A")]=A
name_of[$(manifest "$ex/B")]=B
# the USB sticks (FAT32, the folder memorial-kiosk)
for x in A B; do
    mkdir -p "$work/stick-$x/memorial-kiosk"
    cp -a "$ex/$x"/. "$work/stick-$x/memorial-kiosk/"
    truncate -s 64M "$work/stick-$x.img"
    mkfs.vfat -F 32 -s 1 -n KIOSK"$x" "$work/stick-$x.img" >/dev/null
    mcopy -s -i "$work/stick-$x.img" "$work/stick-$x"/* ::
done

install -m 755 "$here/guest-powercut.sh" "$root/usr/local/sbin/kiosk-powercut"
cat >"$root/etc/systemd/system/kiosk-powercut.service" <<'UNIT'
[Unit]
Description=Memorial Kiosk power-cut test (the guest's half)
After=memorial-kiosk.service
[Service]
Type=simple
ExecStart=/usr/local/sbin/kiosk-powercut
[Install]
WantedBy=multi-user.target
UNIT
chroot "$root" systemctl enable kiosk-powercut.service >/dev/null 2>&1

# setup-pi, as the IT person runs it (the package is already there: it only checks it), with the data disk
# on a loop device
truncate -s 256M "$work/data.img"
loopdev=$(losetup -f --show "$work/data.img")
mount --bind /dev "$root/dev"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
install -m 755 "$src/scripts/setup-pi" "$root/tmp/setup-pi"
chroot "$root" env SETUP_PI_CMDLINE=/boot/cmdline.txt /tmp/setup-pi --appliance on --data-device "$loopdev" \
    /tmp/kiosk.deb >"$keep/setup-pi.log" 2>&1 || { cat "$keep/setup-pi.log"; die "setup-pi"; }
umount "$root/dev" "$root/proc" "$root/sys"
losetup -d "$loopdev"
loopdev=
rm -f "$root/tmp/kiosk.deb" "$root/tmp/setup-pi"
grep -q 'overlayroot="tmpfs:recurse=0"' "$root/etc/overlayroot.local.conf" || die "setup-pi did not set overlayroot"
append="$(head -n 1 "$root/boot/cmdline.txt") systemd.show_status=0 systemd.journald.forward_to_console=1"
kernels=("$root"/boot/vmlinuz-*) initrds=("$root"/boot/initrd.img-*)
cp "${kernels[-1]}" "$work/vmlinuz" && cp "${initrds[-1]}" "$work/initrd.img"
mkfs.ext4 -q -F -L kiosk -d "$root" "$work/disk.img" 3G
rm -rf "$root"
root_sum=$(sha256sum <"$work/disk.img")

# --- the machine ---------------------------------------------------------------------------------------
accel=${KIOSK_VM_ACCEL:-tcg}
cpu=max
[[ $accel == kvm ]] && cpu=host
boots=0
report=
# boot ACTION [nodata]: a new boot of the machine, its report in $report
boot() {
    boots=$((boots + 1))
    report=$work/report-$boots.log
    : >"$report"
    rm -f "$work/qmp.sock"
    local data=(-drive "file=$work/data.img,format=raw,if=virtio")
    [[ ${2:-} == nodata ]] && data=()
    qemu-system-x86_64 -accel "$accel" -cpu "$cpu" -m 1536 -smp 2 -nic none -display none \
        -kernel "$work/vmlinuz" -initrd "$work/initrd.img" -append "$append kiosk_powercut=$1" \
        -drive "file=$work/disk.img,format=raw,if=virtio" "${data[@]}" -vga std -device qemu-xhci,id=xhci \
        -serial "file:$work/serial.log" -serial "file:$report" -qmp "unix:$work/qmp.sock,server,nowait" \
        >"$work/qemu.log" 2>&1 &
    qemu_pid=$!
    boot_t0=$(now_ms)
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
rand_ms() { echo $(((RANDOM * 32768 + RANDOM) % ($1 + 1))); }
# line PATTERN: the report's first line starting with PATTERN (without "POWERCUT: "), or nothing
line() { { grep -a -o "POWERCUT: $1.*" "$report" 2>/dev/null || true; } | head -n 1 | tr -d '\r' | sed 's/^POWERCUT: //'; }
# wait_line PATTERN SECONDS: until that line is there (1) or the time is over or qemu ended (0)
wait_line() {
    local deadline=$(($(now_ms) + $2 * 1000))
    while [[ -z $(line "$1") ]]; do
        (($(now_ms) < deadline)) && kill -0 "$qemu_pid" 2>/dev/null || return 1
        sleep 0.1
    done
}
# pull the plug: QMP quit and SIGKILL in turn
kills=0
pull_plug() {
    kills=$((kills + 1))
    if ((kills % 2)); then
        python3 -c '
import json, socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile("rw"); f.readline()
for c in ("qmp_capabilities", "quit"):
    f.write(json.dumps({"execute": c}) + "\n"); f.flush(); f.readline()
' "$work/qmp.sock" 2>/dev/null || kill -9 "$qemu_pid" 2>/dev/null || true # (qemu may be gone already)
    else
        kill -9 "$qemu_pid" 2>/dev/null || true
    fi
    wait "$qemu_pid" 2>/dev/null || true
    qemu_pid=
}
# the disks after the cut: e2fsck of a copy of the data disk with its journal replayed, and of the root
fsck_disks() {
    cp --sparse=always "$work/data.img" "$work/check.img"
    e2fsck -E journal_only -y "$work/check.img" >/dev/null 2>&1 || true
    e2fsck -fn "$work/check.img" >"$work/fsck.log" 2>&1 || { cat "$work/fsck.log" >&2; return 1; }
    e2fsck -fn "$work/disk.img" >"$work/fsck.log" 2>&1 || { cat "$work/fsck.log" >&2; return 1; }
}

# --- the cycles ----------------------------------------------------------------------------------------
current=bundled
failures=0
ready_ms=()
est_boot=45000 est_import=8000 est_usb=15000
# check_state ALLOWED... [nodata]: the boot's state line: READY, the data place, the overlay, no staging
# left, a complete exhibit among ALLOWED (which becomes the current one). Else 1, with $problem.
check_state() {
    local st want_mounted=yes ex name a ok=0 us
    [[ ${!#} == nodata ]] && want_mounted=no
    st=$(line state)
    problem="not READY: $st"
    [[ $st == "state active=active "* ]] || return 1
    problem="data place mounted: want $want_mounted: $st"
    [[ $st == *" mounted=$want_mounted "* ]] || return 1
    problem="the root is not the overlay: $st"
    [[ $st == *" root=overlay "* ]] || return 1
    problem="a staging folder was left: $st"
    [[ $st == *" staging=0 "* ]] || return 1
    ex=$(sed -n 's/.* exhibit=\([^ ]*\).*/\1/p' <<<"$st")
    name=${name_of[$ex]:-}
    problem="the exhibit shown is none of bundled, A, B (a mix, or damaged): $st"
    [[ -n $name ]] || return 1
    for a in "$@"; do [[ $a == "$name" ]] && ok=1; done
    problem="exhibit $name shown, expected one of: $*: $st"
    ((ok)) || return 1
    problem=
    current=$name
    us=$(sed -n 's/.* ready_us=\([0-9]*\).*/\1/p' <<<"$st")
    ready_ms+=($((us / 1000)))
    ready="ready=$((us / 1000))ms"
    est_boot=$(($(now_ms) - boot_t0))
}
record() { # record CYCLE SITUATION RESULT DETAILS...
    printf '%s cycle=%s situation=%s result=%s %s\n' "$(date +%T)" "$1" "$2" "$3" "${*:4}" | tee -a "$results"
    if [[ $3 != ok ]]; then
        failures=$((failures + 1))
        mkdir -p "$keep/fail-$1"
        cp "$work"/serial.log "$report" "$keep/fail-$1/" 2>/dev/null || true
    fi
}
situations=(boot show import usb)
allowed=(bundled)
for ((c = 1; c <= cycles + 1; c++)); do
    s=${situations[(c - 1) % 4]}
    ((c > cycles)) && s=last
    target=
    : >"$work/serial.log"
    boot "$s"
    problem=
    detail=
    ready=
    if [[ $s == boot ]]; then
        at=$(rand_ms "$est_boot")
        while (($(now_ms) - boot_t0 < at)) && kill -0 "$qemu_pid" 2>/dev/null; do sleep 0.05; done
        detail="at=${at}ms"
        if [[ -n $(line state) ]]; then
            detail+=" reached-ready"
            check_state "${allowed[@]}" || true
        fi
    elif ! wait_line state 240; then
        problem="no READY within 240 s: $(tail -c 300 "$work/serial.log" | tr -d '\r' | tr '\n' ' ')"
    elif check_state "${allowed[@]}"; then
        case $s in
        show)
            at=$(rand_ms 8000)
            sleep "$((at / 1000)).$(printf '%03d' $((at % 1000)))"
            detail="at=${at}ms"
            ;;
        import | usb)
            # the guest picks the exhibit to import: A or B, the one not shown
            if [[ $s == import ]]; then
                wait_line importing 30 || problem="the import did not start"
                target=$(line importing | cut -d ' ' -f 2)
            else
                wait_line plug 30 || problem="no plug asked"
                target=$(line plug | cut -d ' ' -f 2)
                python3 "$here/qmp.py" "$work/qmp.sock" plug "stick$c" "$work/stick-$target.img" 0 ||
                    problem="plugging the stick"
            fi
            t0=$(now_ms)
            if [[ $s == import ]]; then est=$est_import; else est=$est_usb; fi
            at=$(rand_ms $((est * 5 / 4)))
            while (($(now_ms) - t0 < at)) && kill -0 "$qemu_pid" 2>/dev/null; do sleep 0.05; done
            done_line=$(line imported)
            detail="at=${at}ms target=$target"
            if [[ -n $done_line ]]; then
                detail+=" ended-before-cut(${done_line#imported })"
                ms=$(sed -n 's/.* ms=\([0-9]*\).*/\1/p' <<<"$done_line")
                if [[ $s == import ]]; then est_import=$ms; else est_usb=$ms; fi
            else
                detail+=" mid-import"
            fi
            ;;
        esac
    fi
    # what the next boot may show
    if [[ ${done_line:-} == *" rc=0 "* ]]; then
        allowed=("$target")
    elif [[ -n $target && -z ${done_line:-} ]]; then
        allowed=("$current" "$target")
    else
        allowed=("$current")
    fi
    done_line=
    [[ -n $qemu_pid ]] && pull_plug
    fsck_disks >"$work/fsck.out" 2>&1 || problem+=" fsck: $(head -c 400 "$work/fsck.out" | tr '\n' ' ')"
    record "$c" "$s" "$([[ -z $problem ]] && echo ok || echo FAIL)" "$detail" "shown=$current" "$ready" "${problem}"
done

# A boot without the data disk: READY, with the exhibit kept on the read-only root (the bundled one).
n=${#ready_ms[@]}
problem="no READY within 240 s"
boot missing nodata
if wait_line state 240 && check_state bundled nodata; then
    record missing-data missing-data ok "shown=bundled ready=${ready_ms[n]}ms"
else
    record missing-data missing-data FAIL "$problem"
fi
ready_ms=("${ready_ms[@]:0:n}") # the figures are the cycles' boots
pull_plug
if [[ $(sha256sum <"$work/disk.img") == "$root_sum" ]]; then
    echo "ok: the root disk was never written"
else
    echo "FAIL: the root disk image changed" | tee -a "$results"
    failures=$((failures + 1))
fi

# --- the figures ---------------------------------------------------------------------------------------
sorted=$(printf '%s\n' "${ready_ms[@]}" | sort -n)
median=none
((n > 0)) && median=$(sed -n "$(((n + 1) / 2))p" <<<"$sorted")
worst=$(tail -n 1 <<<"$sorted")
mid=$(grep -c 'mid-import' "$results" || true)
summary="cycles=$cycles failures=$failures boots=$boots ready_boots=$n ready_median_ms=$median ready_worst_ms=$worst"
summary+=" mid_import_cuts=$mid seed=$seed"
echo "$summary" | tee -a "$results"
((failures == 0)) || die "$failures of $((cycles + 1)) checks failed (see $results)"
echo "ok: $cycles power cuts (boot, show, import, USB import): every boot READY by itself with a complete exhibit, fsck clean"
