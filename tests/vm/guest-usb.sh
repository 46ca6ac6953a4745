# shellcheck shell=bash
# vm.usb, the guest's steps (sourced by guest.sh when the kernel command line says kiosk_vm_test=usb; uses
# its say, fail, wait_for and unit). The host plugs a stick image into the virtual xHCI controller at
# "KIOSK-VM: plug NAME [BYTES_PER_SECOND]" and pulls it at "KIOSK-VM: pull NAME" (QMP device_add
# usb-storage / device_del); the sticks are made by sticks.sh. Everything below goes through the .deb's
# udev rule, memorial-kiosk-usb@.service and usb-import, under the real systemd and udev.
content=/var/lib/memorial-kiosk/content
status_file=/var/lib/memorial-kiosk/.content.store/status

state() { sed -n 's/^state=//p' "$status_file" 2>/dev/null; }
state_is() { [[ $(state) == "$1" ]]; }
target() { readlink -f "$content"; }
# The journal from the last mark on (all units: the USB unit's and the kiosk's lines)
mark() { cursor=$(journalctl -b -n 1 --show-cursor -o cat | sed -n 's/^-- cursor: //p'); }
since() { journalctl -b --after-cursor="$cursor" --no-pager -o cat; }
seen() { since | grep -q -- "$1"; }
seen_count() { (($(since | grep -c -- "$1") >= $2)); }
line() { since | grep -m1 -- "$1"; }
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
usb_journal() { journalctl -b --no-pager -o cat -u 'memorial-kiosk-usb@*' | tail -n 30; }
ufail() {
    say "status file: $(tr '\n' ' ' <"$status_file" 2>/dev/null)"
    usb_journal | sed 's/^/  usb: /'
    fail "$@"
}

# plug NAME [BPS]: the host plugs the stick; t0 is when it was asked (the host answers within 0.2 s)
plug() {
    mark
    t0=$(date +%s%N)
    say "plug $1 ${2:-0}"
}
# pull NAME [PARTITIONS]: the host pulls it; until each partition's unit has stopped (usb-import stop)
pull() {
    mark
    say "pull $1"
    wait_for 30 seen_count 'event=usb action=removed' "${2:-1}" || ufail "pulling $1 did not stop its unit"
}
# result WHAT: until the import's line with result=WHAT (another result fails at once)
result() {
    wait_for 120 seen 'event=import result=' || ufail "no import after the stick was plugged"
    seen "event=import result=$1" || ufail "import: $(line 'event=import result=') (expected result=$1)"
}
field() { sed -n "s/.* $1=\\([^ ]*\\).*/\\1/p"; }

# 1. A good FAT32 stick: the new exhibit, on screen (the kiosk reloads), the message "done".
before=$(target)
plug fat
result "done"
done_ms=$(ms_since "$t0")
seen 'event=usb action=mounted .*fs=vfat' || ufail "the FAT32 stick was not mounted as vfat"
slides=$(line 'event=import result=done' | field slides)
wait_for 60 seen "event=reload slides=" || ufail "the kiosk did not take the stick's exhibit in (no event=reload)"
shown_ms=$(ms_since "$t0")
shown_slides=$(line 'event=reload slides=' | field slides)
state_is "done" || ufail "status is $(state) after the import, not done"
[[ $(target) != "$before" ]] || ufail "the content folder still points at $before"
[[ -f $content/10-carnations-on-the-alley.txt && -f $content/30-dusk-over-the-bay.bmp ]] ||
    ufail "the stick's files are not in the content folder: $(ls "$content")"
[[ $(stat -c %U "$(target)") == kiosk ]] || ufail "the new exhibit belongs to $(stat -c %U "$(target)"), not kiosk"
say "fat32: plug -> import done in $done_ms ms ($slides slides checked), on screen (event=reload," \
    "$shown_slides slides) in $shown_ms ms"
pull fat
state_is removed || ufail "status is $(state) after the stick was pulled, not removed"
grep -q /run/memorial-kiosk/usb/ /proc/mounts && ufail "a stick is still mounted: $(grep usb/ /proc/mounts)"

# 2. The same stick again: "already showing".
shown=$(target)
plug fat
result unchanged
state_is unchanged || ufail "status is $(state), not unchanged"
[[ $(target) == "$shown" ]] || ufail "the same stick again changed the exhibit"
say "fat32 again: unchanged in $(ms_since "$t0") ms"
pull fat

# 3. An exFAT stick: another exhibit.
plug exfat
result "done"
seen 'event=usb action=mounted .*fs=exfat' || ufail "the exFAT stick was not mounted as exfat"
wait_for 60 seen "event=reload slides=" || ufail "the kiosk did not show the exFAT stick's exhibit"
slides=$(line 'event=reload slides=' | field slides)
[[ -f $content/10-the-siren-at-noon.txt ]] || ufail "the exFAT stick's files are not in the content folder"
say "exfat: plug -> on screen ($slides slides) in $(ms_since "$t0") ms"
pull exfat
shown=$(target)

# 4. A stick of junk: refused, the exhibit stays, the problem said.
plug junk
result refused
state_is refused || ufail "status is $(state) for the junk stick, not refused"
[[ $(target) == "$shown" ]] || ufail "the junk stick changed the exhibit"
say "junk: refused ($(sed -n 's/^reason=//p' "$status_file")), exhibit kept"
pull junk

# 5. A stick without a memorial-kiosk folder.
plug none
wait_for 60 state_is no-folder || ufail "status is $(state) for a stick without the folder, not no-folder"
seen 'event=usb action=no-folder' || ufail "usb-import did not log the missing folder"
[[ $(target) == "$shown" ]] || ufail "a stick without the folder changed the exhibit"
say "no folder: state no-folder, exhibit kept"
pull none

# 6. Two partitions: FAT16 without the folder, ext4 with it; the ext4 one is taken, "no folder" never said.
plug multi
result "done"
seen 'event=usb action=mounted .*fs=ext4.*folder=yes' || ufail "the ext4 partition was not mounted with its folder"
wait_for 30 seen_count 'event=usb action=' 4 || true # both partitions' verdicts
state_is "done" || ufail "status is $(state) after the two-partition stick, not done"
[[ -f $content/10-candles.txt ]] || ufail "the ext4 partition's exhibit is not in the content folder"
# on screen before the next step: a reload that came late (the emulated guest lays out slowly while the
# next stick is read) would otherwise count as one caused by the stick pulled mid-copy
wait_for 120 seen 'event=reload ' || ufail "the kiosk did not show the ext4 partition's exhibit"
say "two partitions: $(since | grep -o 'action=no-folder device=[^ ]* reason="[^"]*"' | head -n 1), ext4 imported"
pull multi 2
shown=$(target)

# 7. Pulled in the middle of the copy (the stick is read at 4 MB/s): the exhibit stays, the status says so.
plug big 4000000
wait_for 60 state_is reading || ufail "the big stick's import did not start reading"
sleep 1.5
state_is reading || ufail "the big stick was read too fast to be pulled mid-copy ($(state))"
percent=$(sed -n 's/^percent=//p' "$status_file")
pull big
state_is removed || ufail "status is $(state) after the stick was pulled mid-copy, not removed"
grep -q '^reason=.' "$status_file" || ufail "the status does not say why nothing changed"
[[ $(target) == "$shown" ]] || ufail "a stick pulled mid-copy changed the exhibit"
seen 'event=reload ' && ufail "the kiosk reloaded after a stick was pulled mid-copy"
say "pulled at ${percent:-?} %: exhibit kept, $(grep '^reason=' "$status_file");" \
    "$(line 'event=import result=' | grep -o 'result=[a-z]* .*reason="[^"]*"' || echo 'import ended by the stop')"

# 8. A second stick while one is being read (at 1 MB/s: about 25 s): left alone, the first one's message
# stays; mount options and the import's user are checked while it reads.
plug big 1000000
wait_for 60 state_is reading || ufail "the big stick's import did not start reading"
source=$(sed -n 's/^source=//p' "$status_file")
plug fat
opts=$(awk '$2 ~ "^/run/memorial-kiosk/usb/" {print $4}' /proc/mounts)
for o in ro nosuid nodev noexec; do
    [[ ,$opts, == *,$o,* ]] || ufail "the stick is mounted with $opts (no $o)"
done
[[ $(stat -c '%a %U:%G' /run/memorial-kiosk/usb) == '750 root:kiosk' ]] ||
    ufail "/run/memorial-kiosk/usb is $(stat -c '%a %U:%G' /run/memorial-kiosk/usb)"
importer=$(pgrep -f -- '--import /run/memorial-kiosk/usb/' | head -n 1)
[[ -n $importer && $(ps -o user= -p "$importer") == kiosk ]] ||
    ufail "the import does not run as kiosk: $(ps -o user=,args= -p "${importer:-1}")"
grep -q '^CapEff:[[:space:]]*0*$' "/proc/$importer/status" || ufail "the import has capabilities"
say "reading as kiosk (no capabilities), mounted $opts"
wait_for 30 seen 'event=usb action=busy' || ufail "the second stick was not left alone"
[[ $(sed -n 's/^source=//p' "$status_file") == "$source" ]] && { state_is reading || state_is "done"; } ||
    ufail "the second stick changed the message: $(tr '\n' ' ' <"$status_file")"
wait_for 120 seen 'event=import result=done' || ufail "the first stick's import did not finish: $(line 'result=')"
state_is "done" || ufail "status is $(state), not done"
pull fat
state_is "done" || ufail "pulling the second stick changed the message: $(state)"
pull big
state_is removed || ufail "status is $(state), not removed"
say "second stick while reading: left alone (action=busy), the first one's import done"

# 9. Switched off: KIOSK_USB_IMPORT=no in /etc/default/memorial-kiosk.
shown=$(target)
echo KIOSK_USB_IMPORT=no >>/etc/default/memorial-kiosk
plug exfat
wait_for 60 seen 'event=usb action=off' || ufail "KIOSK_USB_IMPORT=no did not switch the USB path off"
sleep 1
seen 'event=import' && ufail "an import ran while switched off"
grep -q /run/memorial-kiosk/usb/ /proc/mounts && ufail "a stick was mounted while switched off"
[[ $(target) == "$shown" ]] || ufail "the exhibit changed while switched off"
pull exfat
sed -i '/^KIOSK_USB_IMPORT=no$/d' /etc/default/memorial-kiosk
say "switched off: not mounted, not imported"

# The kiosk ran through all of it.
[[ $(prop ActiveState) == active ]] || ufail "the kiosk is $(prop ActiveState) after the USB steps"
