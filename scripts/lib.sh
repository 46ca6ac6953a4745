# Shared helpers for scripts/run and scripts/test. Source it; do not run it.
# shellcheck shell=bash

KIOSK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

kiosk_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the packages of scripts/packages.txt that are missing (apt-get; as root or through sudo).
kiosk_install_deps() {
    local missing=() pkg
    while read -r pkg; do
        [[ -z "$pkg" || "$pkg" == \#* ]] && continue
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done < "$KIOSK_ROOT/scripts/packages.txt"
    [[ ${#missing[@]} -eq 0 ]] && return 0
    kiosk_say "installing: ${missing[*]}"
    local sudo=()
    [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# kiosk_build DIR [cmake options...]: configures and builds into DIR.
kiosk_build() {
    local dir=$1
    shift
    cmake -S "$KIOSK_ROOT" -B "$dir" "$@" >/dev/null
    cmake --build "$dir" --parallel "$(nproc)"
}
