// [model] The display controller model in the accurate timing mode (every
// request waits for its issue time in kernel time; the MC grants DRAM by
// latency-allowance deadline), on the Tegra124 test board
// (dts/examples/tegra124-test-dma.yaml, DRAM at 12.8 GB/s). The fast mode's
// verdicts (test_model_client_display.cpp) must hold here too.
//
// Checked: a 1080p60 ARGB8888 window fetches 497.664 MB/s with no
// underflow and the MC counts the same bytes; both heads together at
// 1080p60 have no underflow.
#include <catch2/catch.hpp>

#include "model/display_heads.h"

using namespace socsim;
using namespace socsim::clients;
using socsim::test::platform;
using socsim::test::mc_stats;
using socsim::test::g_heads;
using socsim::test::one_window;
using socsim::test::run_ps;

socsim::test::ModelConfig socsim::test::model_config() {
    return both_heads_config("dts/examples/tegra124-test-dma.yaml", soc::TimingMode::Accurate);
}

TEST_CASE("display (accurate): 1080p60 ARGB8888 fetches 497.664 MB/s with no underflow", "[model][display]") {
    REQUIRE(platform().mc.mode() == soc::TimingMode::Accurate);
    DisplayController& dc = g_heads->dc;
    DcConfig cfg = one_window(make_mode(1920, 1080, 60), 0x81000000, 2);
    dc.commit(cfg);
    sc_core::wait(soc::from_ps(run_ps(cfg.mode, 2) + 1'000'000));
    REQUIRE(!dc.active());
    const DcStats& s = dc.stats();
    CHECK(s.frames == 2);
    INFO("window A " << s.window_bandwidth(0) / 1e6 << " MB/s, min slack " << s.windows[0].min_slack_ps / 1000
                     << " ns");
    CHECK(s.window_bandwidth(0) == Approx(497'664'000.0).epsilon(0.01));
    CHECK(s.windows[0].bytes == mc_stats("display0a").bytes);
    CHECK(s.underflows() == 0);
    CHECK(s.windows[0].min_slack_ps > 20'000'000);
}

TEST_CASE("display (accurate): both heads at 1080p60 together have no underflow", "[model][display]") {
    DisplayController& dc = g_heads->dc;
    DisplayController& dcb = g_heads->dcb;
    DcConfig cfg = one_window(make_mode(1920, 1080, 60), 0x81000000, 1);
    dc.commit(cfg);
    cfg.windows[0].base = 0x82000000;
    dcb.commit(cfg);
    sc_core::wait(soc::from_ps(run_ps(cfg.mode, 1) + 1'000'000));
    REQUIRE(!dc.active());
    REQUIRE(!dcb.active());
    CHECK(dc.stats().underflows() == 0);
    CHECK(dcb.stats().underflows() == 0);
    CHECK(dcb.stats().frames == 1);
    CHECK(dcb.stats().window_bandwidth(0) == Approx(497'664'000.0).epsilon(0.01));
}
