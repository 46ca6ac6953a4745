#!/usr/bin/env bash
# sync.no-gateway: an exhibit LAN with fixed addresses and no gateway (no default route, so no route for
# multicast): the group's beacon joins on the network interface itself, not only on the loopback. Two
# kiosks (SDL's dummy video driver) in a network namespace of their own (unshare -n) with the loopback and
# one veth interface (10.77.0.1/24, no default route), each with another content version: both hear the
# other (event=sync-peers state=joined, then differs) and neither logs state=local (loopback only).
# Usage: nogateway.sh MEMORIAL_KIOSK   Skips (77) without root, unshare or veth (containers often lack it),
# and for a binary of another architecture (qemu-user).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
bin=$1
need_exe "$bin" memorial-kiosk
[[ $(id -u) == 0 ]] || skip "needs root (a network namespace)"
if is_foreign "$bin"; then # qemu-user does not carry IP_MULTICAST_IF to the kernel (ENOPROTOOPT)
    skip "$bin is built for another architecture (qemu-user cannot set a multicast interface)"
fi
for tool in unshare ip; do
    command -v "$tool" >/dev/null || skip "needs $tool (Debian: util-linux, iproute2)"
done
unshare -n ip link add v0 type veth peer name v1 2>/dev/null ||
    skip "no veth interfaces in a new network namespace here"
test_begin sync-no-gateway
test_logs="$work/k1.log $work/k2.log"
for n in 1 2; do
    mkdir -p "$work/c$n"
    article "$work/c$n/01.txt" "Article one"
    printf '[sync]\ngroup = no-gateway\nport = %d\n' $((20000 + RANDOM % 20000)) >"$work/c$n/kiosk.conf"
done
cp "$work/c1/kiosk.conf" "$work/c2/kiosk.conf" # one port for both
article "$work/c2/02.txt" "Article two"         # another content version
export work bin
unshare -n bash -c '
set -e
ip link set lo up
ip link add v0 type veth peer name v1
ip addr add 10.77.0.1/24 dev v0
ip link set v1 up
ip link set v0 up
! ip route | grep -q default
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy KIOSK_CLOCK_SYNCED=1
"$bin" --window 320x240 "$work/c1" 2>"$work/k1.log" & p1=$!
"$bin" --window 320x240 "$work/c2" 2>"$work/k2.log" & p2=$!
for _ in $(seq 150); do
    if grep -q "state=differs" "$work/k1.log" && grep -q "state=differs" "$work/k2.log"; then break; fi
    sleep 0.2
done
kill -TERM $p1 $p2
wait $p1 $p2 || true
' || fail "the namespace could not be set up"
log=$work/k1.log
for n in 1 2; do
    log=$work/k$n.log
    (($(count 'event=sync-peers .*state=local') == 0)) || fail "k$n joined on the loopback only"
    (($(count 'event=sync-peers .*state=joined') >= 1)) || fail "k$n heard no peer"
    (($(count 'event=sync-peers .*state=differs') >= 1)) || fail "k$n did not name the other version"
done
echo "PASS: both kiosks heard each other on the veth interface without a default route"
