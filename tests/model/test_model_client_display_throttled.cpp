// [model] The display controller model against too little DRAM bandwidth:
// the Tegra124 test board with mc.dram_bandwidth = 400 MB/s
// (tests/model/boards/display-throttled.yaml), one 1080p60 ARGB8888 window
// on head 0, which needs 497.664 MB/s on average.
//
// Checked: lines underflow already in the first frame; the window gets
// fewer bytes per second than it needs (about what DRAM delivers, since
// the fetch of a frame ends at its vertical blank); the MC counts the
// window's requests as waiting past their latency allowance.
#include <catch2/catch.hpp>

#include "model/display_heads.h"

using namespace socsim;
using namespace socsim::clients;
using socsim::test::platform;

socsim::test::ModelConfig socsim::test::model_config() {
    return one_head_config("tests/model/boards/display-throttled.yaml");
}

TEST_CASE("display: with DRAM below the window's demand, lines underflow and bandwidth falls short",
          "[model][display]") {
    REQUIRE(platform().dram.timing().bandwidth() == 400'000'000);
    DisplayController& dc = test::head0();
    DcConfig cfg = test::one_window(make_mode(1920, 1080, 60), 0x81000000, 2);
    const DcMode& m = cfg.mode;
    const double demand = window_bytes_per_second(1920, 1080, 4, m.refresh_hz());
    dc.commit(cfg);

    sc_core::wait(soc::from_ps(test::run_ps(m, 1) + 1'000'000));   // frame 0 done
    REQUIRE(dc.stats().frames == 1);
    const DcWindowStats first = dc.stats().windows[0];
    INFO("frame 0: " << first.underflow_lines << " underflowed lines, " << first.abandoned_bytes
                     << " bytes not fetched");
    CHECK(first.underflow_lines > 0);
    CHECK(first.underflow_frames == 1);
    CHECK(first.min_fifo_bytes == 0);

    sc_core::wait(soc::from_ps(m.frame_ps()));
    REQUIRE(!dc.active());
    const DcStats& s = dc.stats();
    CHECK(s.frames == 2);
    CHECK(s.windows[0].underflow_frames == 2);
    double bw = s.window_bandwidth(0);
    INFO("window A: " << bw / 1e6 << " MB/s of " << demand / 1e6 << " MB/s needed; "
                      << s.windows[0].underflow_lines << " underflowed lines in 2 frames");
    CHECK(bw < 0.9 * demand);
    CHECK(bw <= 1.01 * 400e6);   // no more than DRAM delivers
    CHECK(bw >= 0.9 * 400e6);    // and the fetch keeps DRAM busy
    const soc::MemoryClient* a = test::soc_info().find_client("display0a");
    CHECK(platform().mc.client_stats().at(size_t(a - test::soc_info().clients.data())).la_exceeded > 0);
}
