#!/usr/bin/env bash
# socsim developer entry point.
#   ./build.sh demo   install missing Debian packages, build, run the reference scenario
#   ./build.sh test   install missing Debian packages, build, run every test: the normal
#                     build, the sanitizer build (ASan+UBSan, clang) and the three fuzzers
#                     for a minute, all at once
#   ./build.sh build  build only
#   ./build.sh fuzz [SECONDS]  build the libFuzzer harnesses and run each for SECONDS (60)
#   ./build.sh bench [OPTIONS]  build Release with and without trace hooks, run the benchmark suite
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(cmake ninja-build g++ pkg-config libsystemc-dev libyaml-cpp-dev catch2 libcli11-dev
          libfmt-dev nlohmann-json3-dev graphviz)
TEST_PACKAGES=(chromium)   # headless: the HTML comparison report's render test
FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev)   # the sanitizer build and the fuzzers
FUZZ_SECONDS=60                                 # per fuzzer in `test`
FUZZERS=(board scenario driver_ops)
JOBS=$(nproc 2>/dev/null || echo 2)
# Whole builds from scratch (CI, a fresh machine) compile eight files at a
# time as one (unity build): the heavy headers are parsed once per batch.
# For edit-compile cycles on one file, configure a build without it.
UNITY=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8)

install_missing() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "build.sh: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

build() {
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${UNITY[@]}" >/dev/null
    cmake --build build -j"$JOBS"
}

# The sanitizer build (cmake/sanitize.cmake): the whole code base and the
# fuzz harnesses, no benchmarks. Targets: all when none are given.
build_asan() {
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 \
          -DSOCSIM_SANITIZE=ON -DSOCSIM_FUZZ=ON -DSOCSIM_BUILD_BENCH=OFF "${UNITY[@]}" >/dev/null
    cmake --build build-asan -j"$JOBS" ${1:+--target "$@"}
}

# Runs fuzz_HARNESS for SECONDS from its seeds (tests/fuzz/seeds.txt) and
# regressions, in a scratch corpus, with libFuzzer's random SEED (0: a new
# one each run); prints one summary line. A crash stops the script with
# libFuzzer's report and the input, saved under build-asan/fuzz-crashes/
# (replay: build-asan/tests/fuzz_HARNESS FILE).
run_fuzzer() {
    local harness=$1 seconds=$2 seed=$3 corpus log dict=() pattern max_len=8192
    [ "$harness" = driver_ops ] && max_len=512   # a few hundred operations, each checked
    corpus=$(mktemp -d)
    log=build-asan/fuzz-$harness.log
    for pattern in $(sed -n "s/^$harness://p" tests/fuzz/seeds.txt) "tests/fuzz/regressions/$harness/*"; do
        for f in $pattern; do [ -f "$f" ] && cp "$f" "$corpus/$(echo "$f" | tr / _)"; done
    done
    [ -f "tests/fuzz/$harness.dict" ] && dict=(-dict="tests/fuzz/$harness.dict")
    mkdir -p build-asan/fuzz-crashes
    if ! build-asan/tests/"fuzz_$harness" -max_total_time="$seconds" -max_len=$max_len -timeout=10 \
            -rss_limit_mb=2048 -seed="$seed" -print_final_stats=1 -artifact_prefix="build-asan/fuzz-crashes/$harness-" \
            "${dict[@]}" "$corpus" >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "build.sh: fuzz_$harness failed (log: $log, input saved in build-asan/fuzz-crashes/)" >&2
        rm -rf "$corpus"
        return 1
    fi
    rm -rf "$corpus"
    local runs took_s inputs
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    took_s=$(sed -n -E 's/^Done [0-9]+ runs in ([0-9]+) second.*/\1/p' "$log")
    inputs=$(grep -E '^#[0-9]+.*corp: ' "$log" | tail -n 1 | sed -E 's/.*corp: ([0-9]+).*/\1/')
    echo "fuzz_$harness: $runs runs in ${took_s:-$seconds} s, corpus $inputs inputs, no crash"
}

# Runs every harness for SECONDS with SEED, all at once (they share the
# cores); prints their summaries in order, fails if any failed.
run_fuzzers() {
    local seconds=$1 seed=$2 h pid failed=0 pids=()
    for h in "${FUZZERS[@]}"; do
        run_fuzzer "$h" "$seconds" "$seed" >"build-asan/fuzz-$h.summary" 2>&1 &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    for h in "${FUZZERS[@]}"; do cat "build-asan/fuzz-$h.summary"; done
    return $failed
}

# `took PART START`: how long PART took since START (bash's SECONDS).
took() { echo "build.sh: $1 took $((SECONDS - $2)) s" >&2; }

case "${1:-}" in
    demo)
        install_missing "${PACKAGES[@]}"
        build
        build/socsim validate dts/tegra124.yaml
        echo
        build/socsim run scenarios/tegra124-display-vic.yaml
        ;;
    test)
        install_missing "${PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}"
        t=$SECONDS; build; took "normal build" $t
        t=$SECONDS; ctest --test-dir build --output-on-failure -j"$JOBS"; took "normal tests" $t
        t=$SECONDS; build_asan; took "sanitizer build" $t
        t=$SECONDS; ctest --test-dir build-asan --output-on-failure -j"$JOBS"; took "sanitizer tests" $t
        # A fixed seed: CI tries the same inputs each time (new ones: `fuzz`).
        t=$SECONDS; run_fuzzers "$FUZZ_SECONDS" 1; took "fuzzing" $t
        ;;
    build)
        install_missing "${PACKAGES[@]}"
        build
        ;;
    fuzz)
        install_missing "${PACKAGES[@]}" "${FUZZ_PACKAGES[@]}"
        build_asan "${FUZZERS[@]/#/fuzz_}"
        run_fuzzers "${2:-60}" 0
        ;;
    bench)
        shift
        install_missing "${PACKAGES[@]}"
        case " $* " in *" --callgrind "*) install_missing valgrind ;; esac
        cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${UNITY[@]}" >/dev/null
        cmake --build build -j"$JOBS" --target socsim bench_translate socsim_bench
        cmake -S . -B build-nohooks -G Ninja -DCMAKE_BUILD_TYPE=Release -DSOCSIM_TRACE_HOOKS=OFF \
              -DSOCSIM_BUILD_TESTS=OFF "${UNITY[@]}" >/dev/null
        cmake --build build-nohooks -j"$JOBS" --target socsim bench_translate
        build/bench/socsim_bench --nohooks build-nohooks "$@"
        ;;
    *)
        sed -n '2,8p' "$0" | sed 's/^# //'
        exit 2
        ;;
esac
