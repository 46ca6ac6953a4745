#!/usr/bin/env bash
# The .deb holds the program, the unit, the default content and its maintainer scripts; the unit passes
# `systemd-analyze verify`; the USB stick path (issue 15) too. Usage: package.sh BUILD_DIR SOURCE_DIR BINARY
# $KIOSK_TEST_KEEP_TMP=1 keeps the work folder (tests/lib.sh).
set -euo pipefail
build=$1 src=$2 bin=$3
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/../lib.sh"
test_begin package

# 1. the package
(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/pkg/memorial-kiosk_*.deb)
dpkg-deb -c "$deb" >"$work/list"
for f in ./usr/bin/memorial-kiosk ./usr/lib/systemd/system/memorial-kiosk.service \
    ./usr/lib/systemd/system/memorial-kiosk-cage.service ./etc/default/memorial-kiosk \
    ./usr/share/doc/memorial-kiosk/README.md; do
    grep -q " $f\$" "$work/list" || fail "$f is not in the package"
done
grep -q '\./usr/share/memorial-kiosk/content/.*\.txt$' "$work/list" || fail "no default content in the package"
# the program's own assets (the emblem and the on-screen words), where src/app/assets.c looks for them
for f in emblem.svg text/en.txt text/az.txt text/ru.txt; do
    grep -q " \./usr/share/memorial-kiosk/assets/$f\$" "$work/list" || fail "assets/$f is not in the package"
done
dpkg-deb --ctrl-tarfile "$deb" | tar t >"$work/ctrl"
for f in postinst prerm conffiles; do grep -q "^\./$f\$" "$work/ctrl" || fail "no $f"; done
dpkg-deb -f "$deb" Depends | grep -q libsdl2 || fail "Depends lacks SDL2"
# the text layer's ICU (dpkg-shlibdeps: libicu72 on bookworm; the number follows ICU's soname)
dpkg-deb -f "$deb" Depends | grep -Eq 'libicu[0-9]+' || fail "Depends lacks ICU (libicuNN)"
echo "ok: $(basename "$deb") holds the binary, the unit, the content, the assets and the maintainer scripts"

# 2. the unit: verified with the ExecStart pointed at the binary that was built
if command -v systemd-analyze >/dev/null; then
    for unit in memorial-kiosk.service memorial-kiosk-cage.service; do
        u=$work/$unit
        # cage is not installed here: a stand-in that is executable, so that verify checks the rest
        sed "s|/usr/bin/memorial-kiosk|$bin|; s|/usr/bin/cage |/bin/true |" "$src/dist/$unit" >"$u"
        out=$(systemd-analyze verify "$u" 2>&1 | grep -v 'sysinit.target\|Unit .* not found' || true)
        [[ -z "$out" ]] || fail "systemd-analyze verify $unit: $out"
        grep -q '^Type=notify' "$u" || fail "$unit is not Type=notify"
        grep -q '^WatchdogSec=' "$u" || fail "$unit has no watchdog"
        grep -q '^Restart=always' "$u" || fail "$unit does not restart"
    done
    # in cage, the kiosk is cage's child: it may notify, and must not see cage's WATCHDOG_PID
    grep -q '^NotifyAccess=all' "$work/memorial-kiosk-cage.service" || fail "the cage unit lacks NotifyAccess=all"
    grep -q 'env -u WATCHDOG_PID ' "$work/memorial-kiosk-cage.service" || fail "the cage unit passes WATCHDOG_PID on"
    echo "ok: systemd-analyze verify (both units)"
else
    fail "systemd-analyze is missing (install systemd)"
fi

# 3. USB sticks (issue 15): the udev rule, the template unit and its script are in the package; the unit
# (as the instance udev starts for sda1) passes verify; the script is executable and shellcheck-clean.
for f in ./usr/lib/udev/rules.d/90-memorial-kiosk-usb.rules ./usr/lib/systemd/system/memorial-kiosk-usb@.service \
    ./usr/lib/memorial-kiosk/usb-import; do
    grep -q " $f\$" "$work/list" || fail "$f is not in the package"
done
grep ' \./usr/lib/memorial-kiosk/usb-import$' "$work/list" | grep -q '^-rwxr-xr-x' || fail "usb-import is not executable"
grep -q 'SYSTEMD_WANTS}+="memorial-kiosk-usb@%k.service"' "$src/dist/90-memorial-kiosk-usb.rules" ||
    fail "the udev rule does not start memorial-kiosk-usb@%k.service"
u=$work/memorial-kiosk-usb@sda1.service
sed "s|/usr/lib/memorial-kiosk/usb-import|$src/dist/usb-import|" "$src/dist/memorial-kiosk-usb@.service" >"$u"
out=$(systemd-analyze verify "$u" 2>&1 | grep -v 'sysinit.target\|Unit .* not found' || true)
[[ -z "$out" ]] || fail "systemd-analyze verify memorial-kiosk-usb@sda1.service: $out"
grep -q '^BindsTo=dev-%i.device' "$u" || fail "the USB unit is not bound to its device (a pulled stick would not stop it)"
grep -q '^ExecStopPost=.* stop %I' "$u" || fail "the USB unit does not report a pulled stick"
grep -q '^KIOSK_USB_IMPORT=' "$src/dist/memorial-kiosk.default" || fail "no KIOSK_USB_IMPORT switch in the defaults"
if command -v shellcheck >/dev/null; then
    shellcheck "$src/dist/usb-import" || fail "shellcheck usb-import"
fi
"$src/dist/usb-import" 2>/dev/null && fail "usb-import without arguments did not refuse"
echo "ok: USB sticks: udev rule, unit (verified), usb-import"
