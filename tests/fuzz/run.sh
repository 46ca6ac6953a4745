#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with clang (-fsanitize=fuzzer,address,undefined, the core
# sources compiled with the same sanitizers) and runs them on their seed corpora.
#
#   tests/fuzz/run.sh                      every target for 15 s (KIOSK_FUZZ_SECONDS), in a temp folder
#   tests/fuzz/run.sh article config       only these targets
#   tests/fuzz/run.sh --long 3600          a long run: each target 3600 s on every core, its corpus kept
#                                          in $KIOSK_FUZZ_WORK (default ~/.cache/memorial-kiosk-fuzz)
#   tests/fuzz/run.sh --regress            only replay the seeds (tests/fuzz/corpus/<target>), no fuzzing
#   tests/fuzz/run.sh --strict ...         also fail on the known issues of known-issues.txt (bugs found
#                                          in modules tests/fuzz does not own, reported, not yet fixed),
#                                          which are otherwise tolerated, each by one narrow check
#   tests/fuzz/run.sh --list               the targets
# Options for CTest (tests/fuzz/CMakeLists.txt):
#   --build-dir DIR   objects, binaries and work corpora go here (kept); default: a temp folder, removed
#   --build-only      compile every target and stop (a target that does not compile is recorded, and
#                     fails when it is run); --no-build: run what --build-dir holds
#   --time N          seconds of fuzzing per target
#
# Exit status: 0 all ran clean; 1 a target crashed, broke a check or did not build; 77 skipped (no clang
# with libFuzzer on this machine: apt-get install clang libclang-rt-14-dev).
# A crash is saved under the work folder's <target>/artifacts/ and printed (base64); keep it as a
# regression seed by copying it to tests/fuzz/corpus/<target>/ once the bug is fixed (see README.md).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
core=$root/src/core
# The core's layers (src/core/<layer>/): every one's sources, and its folder on the include path.
core_dirs=("$core"/*/)
core_dirs=("${core_dirs[@]%/}")

# target:kind — required targets must build; optional ones are skipped when their module is missing.
all_targets=(article config playlist banner natsort layout_break layout_paginate imghdr jpegwalk)
optional_targets=" imghdr "
declare -A max_len=([article]=16384 [config]=8192 [playlist]=8192 [banner]=1024 [natsort]=512
    [layout_break]=8192 [layout_paginate]=8192 [imghdr]=4096 [jpegwalk]=4096)
# A module a target needs besides the core: imghdr.h is written in parallel with these harnesses.
declare -A needs=([imghdr]=imghdr.h)

cc=${KIOSK_FUZZ_CC:-clang}
seconds=${KIOSK_FUZZ_SECONDS:-15}
build_dir=
build=1
run=1
long=0
regress=0
strict=0
jobs=$(nproc 2>/dev/null || echo 2)
targets=()

say() { printf 'fuzz: %s\n' "$*" >&2; }
die() {
    say "$*"
    exit 1
}
skip() {
    say "SKIPPED: $*"
    exit 77
}

while (($#)); do
    case $1 in
    --build-dir) build_dir=$2 && shift ;;
    --build-only) run=0 ;;
    --no-build) build=0 ;;
    --time) seconds=$2 && shift ;;
    --long) long=1 && seconds=$2 && shift ;;
    --jobs) jobs=$2 && shift ;;
    --regress) regress=1 ;;
    --strict) strict=1 ;;
    --list) printf '%s\n' "${all_targets[@]}" && exit 0 ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' && exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) targets+=("$1") ;;
    esac
    shift
done
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
    [[ -f $here/fuzz_$t.c ]] || die "no target '$t' (targets: ${all_targets[*]})"
done
[[ $seconds =~ ^[0-9]+$ ]] || die "--time/--long needs whole seconds, not '$seconds'"

# ---- the toolchain --------------------------------------------------------------------------------
command -v "$cc" >/dev/null 2>&1 || skip "no $cc on this machine (Debian: apt-get install clang libclang-rt-14-dev)"
deps=(libunibreak fribidi inih icu-uc)
if ! pkg-config --exists "${deps[@]}" 2>/dev/null; then
    die "pkg-config finds no ${deps[*]} (the kiosk's own build needs them too: scripts/packages.txt)"
fi

if [[ -z $build_dir ]]; then
    build_dir=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-fuzz-XXXXXX")
    ((long)) || trap 'rm -rf "$build_dir"' EXIT
fi
mkdir -p "$build_dir"
build_dir=$(cd "$build_dir" && pwd)
obj=$build_dir/obj
bin=$build_dir/bin

san=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
# shellcheck disable=SC2207
cflags=(-std=c17 -g -O1 -Wall -Wno-unused-function "${san[@]}" -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
    '-DKIOSK_VERSION="fuzz"' "${core_dirs[@]/#/-I}" $(pkg-config --cflags "${deps[@]}"))
# shellcheck disable=SC2207
libs=($(pkg-config --libs "${deps[@]}") -lm -lpthread)

build_all() {
    mkdir -p "$obj" "$bin"
    # libFuzzer itself: without it (clang but no libclang-rt-14-dev) the run is skipped, not failed.
    printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
        'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
        'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
        >"$obj/probe.c"
    if ! "$cc" -fsanitize=fuzzer,address,undefined "$obj/probe.c" -o "$obj/probe" 2>"$obj/probe.log"; then
        sed 's/^/  /' "$obj/probe.log" >&2
        skip "$cc cannot link libFuzzer programs (Debian: apt-get install libclang-rt-14-dev)"
    fi

    # The core, each file on its own: one that does not compile (a module being written) only fails the
    # targets that need it, which then fail to link.
    say "compiling src/core with $cc (${san[*]})"
    rm -f "$obj"/core-*.o "$obj"/*.fail
    local src pids=() f name
    for src in "$core"/*/*.c; do
        name=$(basename "$src" .c)
        ("$cc" "${cflags[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj/core-$name.o" 2>"$obj/$name.log" ||
            touch "$obj/$name.fail") &
        pids+=($!)
        if ((${#pids[@]} >= jobs)); then
            wait "${pids[0]}"
            pids=("${pids[@]:1}")
        fi
    done
    wait
    for f in "$obj"/*.fail; do
        [[ -e $f ]] || continue
        name=$(basename "$f" .fail)
        say "warning: src/core/*/$name.c does not compile with $cc; targets that need it will not link:"
        sed 's/^/  /' "$obj/$name.log" | head -20 >&2
    done
    rm -f "$obj/libcore.a"
    ar rcs "$obj/libcore.a" "$obj"/core-*.o

    local t failed=0
    for t in "${targets[@]}"; do
        rm -f "$bin/fuzz_$t" "$bin/fuzz_$t.skip" "$bin/fuzz_$t.fail" # no verdict of an earlier build
        if [[ -n ${needs[$t]:-} ]] && ! compgen -G "$core/*/${needs[$t]}" >/dev/null; then
            echo "src/core/${needs[$t]} does not exist yet" >"$bin/fuzz_$t.skip"
            say "skipping $t: src/core/${needs[$t]} does not exist yet"
            continue
        fi
        if "$cc" "${cflags[@]}" -fsanitize=fuzzer -I"$here" "$here/fuzz_$t.c" "$obj/libcore.a" "${libs[@]}" \
            -o "$bin/fuzz_$t" 2>"$obj/fuzz_$t.log"; then
            say "built fuzz_$t"
        elif [[ $optional_targets == *" $t "* ]]; then
            {
                echo "fuzz_$t does not build with the current src/core (the module is being written):"
                sed 's/^/  /' "$obj/fuzz_$t.log" | head -20
            } >"$bin/fuzz_$t.skip"
            say "skipping $t: $(head -1 "$bin/fuzz_$t.skip")"
            sed 's/^/  /' "$obj/fuzz_$t.log" | head -20 >&2
        else
            say "FAILED to build fuzz_$t:"
            sed 's/^/  /' "$obj/fuzz_$t.log" | head -40 >&2
            cp "$obj/fuzz_$t.log" "$bin/fuzz_$t.fail"
            failed=1
        fi
    done
    return $failed
}

# ---- running ---------------------------------------------------------------------------------------
show_artifacts() {
    local t=$1 dir=$2 a
    for a in "$dir"/*; do
        [[ -f $a ]] || continue
        say "$t: saved input $a ($(stat -c %s "$a") bytes), base64:"
        base64 -w 76 "$a" | head -40 >&2
        say "$t: replay with: $bin/fuzz_$t $a"
        say "$t: once fixed, keep it: cp $a $here/corpus/$t/regress-<what-it-was>"
    done
}

run_one() {
    local t=$1 work corpus artifacts dict=() rc=0
    if [[ -f $bin/fuzz_$t.skip ]]; then
        say "SKIPPED $t: $(head -1 "$bin/fuzz_$t.skip")"
        return 77
    fi
    if [[ -f $bin/fuzz_$t.fail ]]; then
        say "FAILED $t: fuzz_$t does not build:"
        sed 's/^/  /' "$bin/fuzz_$t.fail" | head -40 >&2
        return 1
    fi
    [[ -x $bin/fuzz_$t ]] || {
        say "FAILED $t: $bin/fuzz_$t was not built"
        return 1
    }
    if ((long)); then
        work=${KIOSK_FUZZ_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/memorial-kiosk-fuzz}/$t
    else
        work=$build_dir/work/$t
        rm -rf "$work"
    fi
    corpus=$work/corpus
    artifacts=$work/artifacts
    mkdir -p "$corpus" "$artifacts"
    [[ -f $here/dict/$t.dict ]] && dict=(-dict="$here/dict/$t.dict")
    # New inputs go to the first folder (the work corpus), never into the repository's seeds.
    # -error_exitcode: not libFuzzer's default 77, which CTest reads as "skipped".
    local args=(-max_len="${max_len[$t]}" -timeout=10 -error_exitcode=1 -rss_limit_mb=2048 -artifact_prefix="$artifacts/"
        -print_final_stats=1 "${dict[@]}")
    export ASAN_OPTIONS=${KIOSK_FUZZ_ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    export KIOSK_FUZZ_TOLERATE=$tolerate
    if ((regress)); then
        say "$t: replaying the seeds"
        "$bin/fuzz_$t" "${args[@]}" -runs=0 "$here/corpus/$t" >"$work/log" 2>&1 || rc=$?
    elif ((long)); then
        say "$t: fuzzing for ${seconds}s on $jobs workers; corpus $corpus, log $work/log"
        "$bin/fuzz_$t" "${args[@]}" -max_total_time="$seconds" -fork="$jobs" -ignore_crashes=1 \
            -ignore_timeouts=1 -ignore_ooms=1 "$corpus" "$here/corpus/$t" >"$work/log" 2>&1 || rc=$?
    else
        say "$t: fuzzing for ${seconds}s"
        "$bin/fuzz_$t" "${args[@]}" -max_total_time="$seconds" "$corpus" "$here/corpus/$t" \
            >"$work/log" 2>&1 || rc=$?
    fi
    if ((rc != 0)) || compgen -G "$artifacts/*" >/dev/null; then
        say "FAILED $t (exit $rc); the end of its log ($work/log):"
        grep -v '^#[0-9]' "$work/log" | tail -60 >&2
        show_artifacts "$t" "$artifacts"
        return 1
    fi
    local runs cov
    runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$work/log" | grep -oE '[0-9]+$' | tail -1)
    [[ -n $runs ]] || runs=$(grep -oE '^#[0-9]+' "$work/log" | tail -1 | tr -d '#') # -fork prints no stats
    cov=$(grep -oE 'cov: [0-9]+' "$work/log" | tail -1)
    say "ok $t: ${runs:-?} inputs, ${cov:-cov: ?} (log $work/log)"
    return 0
}

# The ids of the known issues (first word of each line of known-issues.txt), tolerated unless --strict.
tolerate=
if ((!strict)) && [[ -f $here/known-issues.txt ]]; then
    tolerate=$(awk '!/^[[:space:]]*(#|$)/ { printf "%s%s", (n++ ? "," : ""), $1 }' "$here/known-issues.txt")
    [[ -z $tolerate ]] || ((!run)) || say "tolerating known issues ($here/known-issues.txt): $tolerate"
fi

if ((build)); then
    if ((run)); then
        build_all || exit 1
    else
        build_all || true # --build-only: a target that does not build fails when it is run
    fi
fi
((run)) || exit 0

status=0
ran=0
skipped=0
for t in "${targets[@]}"; do
    rc=0
    run_one "$t" || rc=$?
    case $rc in
    0) ran=$((ran + 1)) ;;
    77) skipped=$((skipped + 1)) ;;
    *) status=1 ;;
    esac
done
if ((status == 0 && ran == 0 && skipped > 0)); then
    exit 77
fi
exit $status
