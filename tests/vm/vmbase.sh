# tests/vm/vmbase.sh: the package under test and the guest's base system, for run.sh, powercut.sh and
# memory.sh (sourced; needs $build, $work, $cache and $mirror, and the script's own fail/skip).
#
#   vm_package                  cpack's .deb of $build in $deb (skip when it is not for amd64)
#   vm_base_system NAME [PKG…]  Debian bookworm with systemd, a kernel, Mesa (SDL's KMS/DRM driver draws
#                               with EGL/GBM), the package's dependencies and PKG…, made once by
#                               debootstrap in $cache/NAME and made again when the list changes; $base
#                               names it
# shellcheck shell=bash

vm_package() {
    (cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
    deb=$(ls "$work"/pkg/*.deb)
    [[ $(dpkg-deb -f "$deb" Architecture) == amd64 ]] || skip "the package is not for amd64"
}

vm_base_system() {
    local name=$1 depends packages
    shift
    depends=$(dpkg-deb -f "$deb" Depends | sed 's/([^)]*)//g; s/,/\n/g; s/|.*//' | tr -d ' ' | grep . | sort -u | tr '\n' ' ')
    packages="systemd-sysv udev kmod procps linux-image-amd64 libegl1 libgles2 libgl1-mesa-dri libegl-mesa0 libgbm1 $depends"
    (($#)) && packages+=" $*"
    base=$cache/$name
    if [[ ! -f $base/.complete || $(cat "$base/.complete") != "$packages" ]]; then
        echo "making the base system in $base (debootstrap from $mirror)"
        rm -rf "$base"
        mkdir -p "$cache"
        # shellcheck disable=SC2086 # the words of the list, joined by commas
        debootstrap --variant=minbase --include="$(echo $packages | tr ' ' ,)" bookworm "$base" "$mirror" \
            >"$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log"; fail "debootstrap"; }
        chroot "$base" apt-get clean
        echo "$packages" >"$base/.complete"
    fi
}
