#!/bin/bash
# vm.memory, the guest's half (see memory.sh): runs inside the 512 MB virtual machine as the unit
# kiosk-vm-memory, after the .deb's memorial-kiosk.service was started at boot (KMS/DRM, as installed). It
# waits until the kiosk is READY, then for kiosk_vm_minutes= minutes samples every kiosk_vm_interval=
# seconds, one line each on the second serial port (ttyS1):
#   KIOSK-VM: sample t=S pid=P rss_kb= pss_kb= anon_kb= pss_anon_kb= hwm_kb= avail_kb= slides= restarts= oom=
# (the kiosk's VmRSS, RssAnon and VmHWM from /proc/PID/status, its Pss and Pss_Anon from smaps_rollup, the machine's
# MemAvailable, the slides shown so far (event=slide lines), the unit's NRestarts, the kernel's OOM kills so
# far), then a few "KIOSK-VM: info ..." lines and "KIOSK-VM: END", and powers the machine off. It judges
# nothing: the host does (memory.sh).
set -u
exec >/dev/ttyS1 2>&1
unit=memorial-kiosk.service
say() { echo "KIOSK-VM: $*"; }
prop() { systemctl show -p "$1" --value "$unit"; }
arg() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
minutes=$(arg kiosk_vm_minutes)
interval=$(arg kiosk_vm_interval)
# kB of a "Key:   N kB" line of a /proc file (0 when the file or the line is missing: the process ended)
kb() { awk -v k="$1:" '$1 == k { print $2; f = 1 } END { if (!f) print 0 }' "$2" 2>/dev/null || echo 0; }
# the kiosk's log since the last call (a cursor file: the runtime journal may rotate in a long run)
cursor=/run/kiosk-vm-memory.cursor
slides=0
new_slides() {
    journalctl -b -u "$unit" -o cat --no-pager --cursor-file="$cursor" 2>/dev/null | grep -c 'event=slide ' || true
}
ooms() { dmesg | grep -ci 'out of memory: Killed process' || true; }

for ((i = 0; i < 1500; i++)); do
    [[ $(prop ActiveState) == active ]] && break
    sleep 0.2
done
if [[ $(prop ActiveState) != active ]]; then
    say "FAIL the kiosk did not become active within 300 s: $(prop ActiveState)/$(prop SubState)"
    journalctl -b -u "$unit" --no-pager -o cat | tail -n 30
    systemctl poweroff
    exit 1
fi
log() { journalctl -b -u "$unit" --no-pager -o cat; }
say "info unit Environment=$(prop Environment) KIOSK_OPTIONS=$(sed -n 's/^KIOSK_OPTIONS=//p' /etc/default/memorial-kiosk)"
say "info display $(log | grep -m1 'event=display ')"
say "info first-frame $(log | grep -m1 'event=first-frame')"
say "info mode $(cat /sys/class/drm/card0-*/modes 2>/dev/null | head -n 1) memtotal_kb=$(kb MemTotal /proc/meminfo)"

start=$SECONDS
end=$((start + minutes * 60))
while :; do
    t=$((SECONDS - start))
    pid=$(prop MainPID)
    slides=$((slides + $(new_slides)))
    say "sample t=$t pid=$pid rss_kb=$(kb VmRSS "/proc/$pid/status") pss_kb=$(kb Pss "/proc/$pid/smaps_rollup")" \
        "anon_kb=$(kb RssAnon "/proc/$pid/status") pss_anon_kb=$(kb Pss_Anon "/proc/$pid/smaps_rollup")" \
        "hwm_kb=$(kb VmHWM "/proc/$pid/status") avail_kb=$(kb MemAvailable /proc/meminfo) slides=$slides" \
        "restarts=$(prop NRestarts) oom=$(ooms) state=$(prop ActiveState)"
    ((SECONDS < end)) || break
    # the next sample on the interval's grid (sampling itself takes a moment on an emulated CPU)
    next=$((start + (t / interval + 1) * interval))
    ((next > end)) && next=$end
    sleep $((next > SECONDS ? next - SECONDS : 0))
done

say "info content-loaded $(log | grep 'event=content-loaded' | tail -n 1)"
say "info in-journal image-slides $(log | grep 'event=slide ' | grep -c 'kind=image') distinct-sources" \
    "$(log | grep 'event=slide ' | sed -n 's/.* source=//p' | sort -u | wc -l)" \
    "content-errors $(log | grep -c 'event=content-error') slow-loops $(log | grep -c 'event=slow-loop')"
say "info unit Result=$(prop Result) NRestarts=$(prop NRestarts)"
dmesg | grep -i 'out of memory\|oom-kill\|oom_reaper' | head -n 5 | sed 's/^/KIOSK-VM: info oom /'
say END
systemctl poweroff
