#!/usr/bin/env bash
# socsim developer entry point.
#   ./build.sh demo   install missing Debian packages, build, run the reference scenario
#   ./build.sh test   install missing Debian packages, build, run every test
#   ./build.sh build  build only
#   ./build.sh fuzz [SECONDS]  build the libFuzzer harnesses (clang) and run each briefly
#   ./build.sh bench [OPTIONS]  build Release with and without trace hooks, run the benchmark suite
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(cmake ninja-build g++ pkg-config libsystemc-dev libyaml-cpp-dev catch2 libcli11-dev
          libfmt-dev nlohmann-json3-dev graphviz)
TEST_PACKAGES=(chromium)   # headless: the HTML comparison report's render test
FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev)
JOBS=$(nproc 2>/dev/null || echo 2)

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
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build -j"$JOBS"
}

case "${1:-}" in
    demo)
        install_missing "${PACKAGES[@]}"
        build
        build/socsim validate dts/tegra124.yaml
        echo
        build/socsim run scenarios/tegra124-display-vic.yaml
        ;;
    test)
        install_missing "${PACKAGES[@]}" "${TEST_PACKAGES[@]}"
        build
        ctest --test-dir build --output-on-failure -j"$JOBS"
        ;;
    build)
        install_missing "${PACKAGES[@]}"
        build
        ;;
    fuzz)
        install_missing "${PACKAGES[@]}" "${FUZZ_PACKAGES[@]}"
        seconds=${2:-60}
        cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
              -DSOCSIM_FUZZ=ON -DSOCSIM_BUILD_TESTS=ON >/dev/null
        cmake --build build-fuzz -j"$JOBS" --target fuzz_board
        corpus=$(mktemp -d)
        cp dts/*.yaml dts/examples/*.yaml tests/boards/bad/*.yaml "$corpus"/
        build-fuzz/tests/fuzz_board -max_total_time="$seconds" -max_len=4096 -timeout=10 \
            -dict=tests/fuzz/board.dict "$corpus"
        ;;
    bench)
        shift
        install_missing "${PACKAGES[@]}"
        case " $* " in *" --callgrind "*) install_missing valgrind ;; esac
        cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
        cmake --build build -j"$JOBS" --target socsim bench_translate socsim_bench
        cmake -S . -B build-nohooks -G Ninja -DCMAKE_BUILD_TYPE=Release -DSOCSIM_TRACE_HOOKS=OFF \
              -DSOCSIM_BUILD_TESTS=OFF >/dev/null
        cmake --build build-nohooks -j"$JOBS" --target socsim bench_translate
        build/bench/socsim_bench --nohooks build-nohooks "$@"
        ;;
    *)
        sed -n '2,8p' "$0" | sed 's/^# //'
        exit 2
        ;;
esac
