#!/bin/bash
# vm.powercut, the guest's half (see powercut.sh): runs at every boot of the appliance as the unit
# kiosk-powercut. It waits until memorial-kiosk.service is active (READY after its first frame), reports
# what the boot brought up on the second serial port (ttyS1) as one "POWERCUT: state ..." line, then does
# what the kernel command line's kiosk_powercut= asks, until the host pulls the plug:
#   show        nothing (the show runs)
#   import      memorial-kiosk --import of the exhibit X (A or B, the one not shown; kept on the read-only
#               root) as the user kiosk ("POWERCUT: importing X")
#   usb         asks the host to plug the stick holding X ("POWERCUT: plug X"), waits for the USB import
#   boot, last  nothing
# "POWERCUT: imported X rc=N ms=M" when an import has ended (the host then expects X for sure).
set -u
exec >/dev/ttyS1 2>&1
unit=memorial-kiosk.service
data=/var/lib/memorial-kiosk
content=$data/content
say() { echo "POWERCUT: $*"; }
prop() { systemctl show -p "$1" --value "$unit"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
action=$(sed -n 's/.*kiosk_powercut=\([^ ]*\).*/\1/p' /proc/cmdline)

for ((i = 0; i < 900; i++)); do
    [[ $(prop ActiveState) == active ]] && break
    sleep 0.2
done
mounted=no
mountpoint -q "$data" && mounted=yes
dir=$(readlink -f "$content")
# the exhibit shown: every file's name and sha256 (hidden files are not part of an exhibit)
exhibit=$(cd "$dir" 2>/dev/null && find . -type f ! -name '.*' -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum |
    sha256sum | cut -c1-16)
staging=$(find "$data/.content.store" -maxdepth 1 -name 'staging-*' 2>/dev/null | wc -l)
say "state active=$(prop ActiveState) ready_us=$(prop ActiveEnterTimestampMonotonic) mounted=$mounted" \
    "root=$(findmnt -no FSTYPE /) exhibit=${exhibit:-none} version=${dir##*/} staging=$staging" \
    "restarts=$(prop NRestarts)"
journalctl -b -o cat -u "$unit" | grep -m 3 -E 'event=store-recovered|event=content-error' | sed 's/^/POWERCUT: log /'

# the exhibit to import: of A and B, the one not shown now
x=A
[[ $exhibit == "$(cd /usr/local/share/kiosk-powercut/A && find . -type f ! -name '.*' -print0 | LC_ALL=C sort -z |
    xargs -0 -r sha256sum | sha256sum | cut -c1-16)" ]] && x=B
case $action in
import)
    say "importing $x"
    t0=$(now_ms)
    setpriv --reuid=kiosk --regid=kiosk --clear-groups -- /usr/bin/memorial-kiosk --import \
        "/usr/local/share/kiosk-powercut/$x" "$content" >/dev/null 2>&1
    rc=$?
    say "imported $x rc=$rc ms=$(($(now_ms) - t0))"
    ;;
usb)
    t0=$(now_ms)
    say "plug $x"
    for ((i = 0; i < 1200; i++)); do
        line=$(journalctl -b -o cat -u 'memorial-kiosk-usb@*' 2>/dev/null | grep -m 1 'action=imported')
        if [[ -n $line ]]; then
            rc=$(sed -n 's/.*exit=\([0-9]*\).*/\1/p' <<<"$line")
            say "imported $x rc=${rc:-?} ms=$(($(now_ms) - t0))"
            break
        fi
        sleep 0.1
    done
    ;;
esac
sleep infinity
