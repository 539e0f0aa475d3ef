// [model] The display controller model on a Tegra30 platform
// (tests/model/boards/engines-tegra30.yaml: the MC and 256 MiB of DRAM at
// 0x80000000, the SMMU untouched, so window bases are DRAM addresses).
// Tegra30's DC fetches in 16-byte atoms while its DDR3 moves 32-byte
// bursts (tegra-facts §7.1, `tiled_memory_bandwidth_x2`).
//
// Checked: a tiled 1080p60 window issues one 16-byte request per tile row
// and moves twice the DRAM bursts of the same window laid out linearly
// (64-byte requests), matching the x2 of Linux's plane bandwidth estimate;
// both scan out without underflow at the default DRAM bandwidth.
#include <catch2/catch.hpp>

#include "model/display_heads.h"

using namespace socsim;
using namespace socsim::clients;
using socsim::test::platform;

socsim::test::ModelConfig socsim::test::model_config() {
    return one_head_config("tests/model/boards/engines-tegra30.yaml");
}

TEST_CASE("display: on Tegra30 a tiled window overfetches x2 (16-byte DC atom, 32-byte DDR3 burst)",
          "[model][display]") {
    REQUIRE(test::soc_info().name == "tegra30");
    REQUIRE(platform().dram.timing().burst_bytes() == 32);
    REQUIRE(tiled_fetch_bytes(test::soc_info()) == 16);
    DisplayController& dc = test::head0();
    const soc::DramStats& dram = platform().dram.timing().stats();
    const DcMode m = make_mode(1920, 1080, 60);
    constexpr uint64_t kFrameBytes = 1920ull * 1080 * 4;
    auto run = [&](bool tiled) {
        DcConfig cfg = test::one_window(m, 0x81000000, 1);
        cfg.windows[0].tiled = tiled;
        const uint64_t bursts0 = dram.bursts, bytes0 = dram.bytes, requests0 = dc.stats().windows[0].requests;
        const uint64_t uf0 = dc.stats().underflows();
        dc.commit(cfg);
        sc_core::wait(soc::from_ps(test::run_ps(m, 1) + 1'000'000));
        REQUIRE(!dc.active());
        CHECK(dc.stats().underflows() == uf0);
        CHECK(dram.bytes - bytes0 == kFrameBytes);
        return std::pair{dram.bursts - bursts0, dc.stats().windows[0].requests - requests0};
    };
    auto [linear_bursts, linear_requests] = run(false);
    auto [tiled_bursts, tiled_requests] = run(true);
    CHECK(linear_requests == kFrameBytes / 64);
    CHECK(tiled_requests == kFrameBytes / 16);
    CHECK(linear_bursts == kFrameBytes / 32);
    CHECK(tiled_bursts == 2 * linear_bursts);
    // The same factor as the estimate Linux asks the interconnect for.
    PlaneBandwidth lin = plane_bandwidth(1920, 1080, 1920, 1080, 60, 32, m.pixel_clock_hz / 1000, false,
                                         test::soc_info().dc);
    PlaneBandwidth til = plane_bandwidth(1920, 1080, 1920, 1080, 60, 32, m.pixel_clock_hz / 1000, true,
                                         test::soc_info().dc);
    CHECK(til.avg_kBps == 2 * lin.avg_kBps);
}
