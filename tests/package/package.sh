#!/usr/bin/env bash
# The .deb holds the program, the unit, the default content and its maintainer scripts; the unit passes
# `systemd-analyze verify`. Usage: package.sh BUILD_DIR SOURCE_DIR BINARY
set -euo pipefail
build=$1 src=$2 bin=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

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
dpkg-deb --ctrl-tarfile "$deb" | tar t >"$work/ctrl"
for f in postinst prerm conffiles; do grep -q "^\./$f\$" "$work/ctrl" || fail "no $f"; done
dpkg-deb -f "$deb" Depends | grep -q libsdl2 || fail "Depends lacks SDL2"
echo "ok: $(basename "$deb") holds the binary, the unit, the content and the maintainer scripts"

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
