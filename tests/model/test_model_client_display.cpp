// [model] The display controller model on the Tegra124 test board
// (dts/examples/tegra124-test-dma.yaml: 256 MiB of DRAM at 0x80000000, the
// SMMU untouched, so the display clients bypass and window bases are DRAM
// addresses; DRAM at the default 12.8 GB/s with 32-byte bursts). Both heads
// are built at elaboration and bound to the MC ingress of their window
// clients; the test thread commits configurations and waits in simulated
// time.
//
// Checked: the mode and bandwidth arithmetic (pure C++); a 1080p60 ARGB8888
// window fetching 497.664 MB/s with no underflow, and the MC counting the
// same bytes; both heads at 1080p60 with no underflow; windows A, B and C
// (offset, 16 bpp, tiled) on their own clients; VBLANK syncpoint
// increments once per frame at the start of vertical blank; a new base
// taking effect at the next frame; disable() stopping requests; tiled
// windows fetching two tile rows per 32-byte DRAM burst (no overfetch on
// Tegra124; the Tegra30 x2 overfetch is test_model_client_display_t30.cpp).
// The throttled-DRAM case is test_model_client_display_throttled.cpp, the
// accurate timing mode test_model_client_display_accurate.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "model/display_heads.h"

using namespace socsim;
using namespace socsim::clients;
using socsim::test::platform;
using socsim::test::mc_stats;
using socsim::test::g_heads;
using socsim::test::one_window;
using socsim::test::run_ps;

namespace {

void wait_ps(uint64_t ps) { sc_core::wait(soc::from_ps(ps)); }

constexpr uint64_t kFb0 = 0x81000000, kFb1 = 0x82000000;
constexpr double k1080pBytesPerS = 497'664'000.0;

}  // namespace

socsim::test::ModelConfig socsim::test::model_config() {
    return both_heads_config("dts/examples/tegra124-test-dma.yaml");
}

TEST_CASE("display mode: CEA-861 and CVT-RB timings, validation, plane bandwidth", "[model][display]") {
    const soc::DcInfo& dc = test::soc_info().dc;
    DcMode m = make_mode(1920, 1080, 60);
    CHECK(m.htotal == 2200);
    CHECK(m.vtotal == 1125);
    CHECK(m.pixel_clock_hz == 148'500'000);
    CHECK(m.refresh_hz() == Approx(60.0));
    CHECK(m.frame_ps() == 16'666'666'667);
    CHECK(make_mode(1280, 720, 60).htotal == 1650);
    CHECK(make_mode(1280, 720, 60).pixel_clock_hz == 74'250'000);
    DcMode uhd = make_mode(3840, 2160, 30);
    CHECK((uhd.htotal == 4400 && uhd.vtotal == 2250 && uhd.pixel_clock_hz == 297'000'000));
    // CVT-RB approximation: 1366 + 160; 22 blank lines give >= 460 us at 60 Hz, 21 would not.
    DcMode cvt = make_mode(1366, 768, 60);
    CHECK(cvt.htotal == 1526);
    CHECK(cvt.vtotal == 790);
    CHECK(cvt.pixel_clock_hz == 1526ull * 790 * 60);
    CHECK(cvt.pixels_ps(uint64_t(cvt.vblank_lines()) * cvt.htotal) >= 460'000'000);
    CHECK(cvt.pixels_ps(uint64_t(cvt.vblank_lines() - 1) * cvt.htotal) < 460'000'000);
    CHECK(make_mode(64, 16, 60).vtotal == 16 + 6);   // at least 6 blank lines
    CHECK(make_mode(1920, 1080, 50).htotal == 2080);  // no CEA entry at 50 Hz: CVT-RB
    // Overrides.
    DcMode o = make_mode(1920, 1080, 60, 2000u, std::nullopt, std::nullopt);
    CHECK((o.htotal == 2000 && o.vtotal == 1125 && o.pixel_clock_hz == 2000ull * 1125 * 60));
    CHECK(make_mode(1920, 1080, 60, std::nullopt, std::nullopt, 100'000'000ull).pixel_clock_hz == 100'000'000);
    // Validation.
    CHECK(validate_mode(m, dc).empty());
    CHECK(!validate_mode(make_mode(0, 1080, 60), dc).empty());
    CHECK(!validate_mode(make_mode(4097, 1080, 60), dc).empty());
    CHECK(!validate_mode(make_mode(1920, 1080, 60, 1900u), dc).empty());
    CHECK(!validate_mode(make_mode(1920, 1080, 0), dc).empty());
    DcConfig bad = one_window(m, kFb0, 1);
    bad.windows[0].x = 1;
    CHECK(!validate_config(bad, test::soc_info()).empty());
    CHECK(validate_config(one_window(m, kFb0, 1), test::soc_info()).empty());
    // §7.1 bandwidth: 1920x1080x4 at 60 Hz.
    CHECK(window_bytes_per_second(1920, 1080, 4, 60.0) == k1080pBytesPerS);
    PlaneBandwidth bw = plane_bandwidth(1920, 1080, 1920, 1080, 60, 32, m.pixel_clock_khz(), false, dc);
    CHECK(bw.avg_kBps == 497'664);
    CHECK(bw.peak_kBps == 594'000);
    soc::DcInfo x2 = dc;
    x2.tiled_memory_bandwidth_x2 = true;
    CHECK(plane_bandwidth(1920, 1080, 1920, 1080, 60, 32, 148'500, true, x2).avg_kBps == 2 * 497'664);
    CHECK(plane_bandwidth(1920, 1080, 1920, 1080, 60, 32, 148'500, false, x2).avg_kBps == 497'664);
}

TEST_CASE("display: 1080p60 ARGB8888 on head 0 fetches 497.664 MB/s with no underflow", "[model][display]") {
    DisplayController& dc = g_heads->dc;
    const soc::McClientStats& mc = mc_stats("display0a");
    const uint64_t mc_bytes0 = mc.bytes, mc_requests0 = mc.requests;
    const size_t syncs0 = g_heads->sync.incrs.size();
    DcConfig cfg = one_window(make_mode(1920, 1080, 60), kFb0, 3);
    dc.commit(cfg);
    wait_ps(run_ps(cfg.mode, 3) + 1'000'000);
    REQUIRE(!dc.active());
    const DcStats& s = dc.stats();
    const DcWindowStats& a = s.windows[0];
    CHECK(s.frames == 3);
    CHECK(s.vblanks == 3);
    CHECK(s.scanout_ps == 3 * cfg.mode.frame_ps());
    INFO("window A bandwidth " << s.window_bandwidth(0) / 1e6 << " MB/s");
    CHECK(s.window_bandwidth(0) == Approx(k1080pBytesPerS).epsilon(0.01));
    CHECK(a.frame_bytes == 3ull * 1920 * 1080 * 4);
    CHECK(a.bytes == mc.bytes - mc_bytes0);          // the MC saw the same traffic
    CHECK(a.requests == mc.requests - mc_requests0);
    CHECK(a.requests == 3ull * 1920 * 1080 * 4 / 64);
    CHECK(a.faults == 0);
    CHECK(s.underflows() == 0);
    CHECK(a.underflow_frames == 0);
    // Each request lands long before it is needed: the FIFO is not the limit
    // (slack of about a FIFO's worth of pixels, plus horizontal blanking).
    INFO("min slack " << a.min_slack_ps / 1000 << " ns = " << a.min_fifo_bytes << " bytes");
    CHECK(a.min_fifo_bytes > cfg.fifo_bytes / 2);
    CHECK(a.min_fifo_bytes < 2 * cfg.fifo_bytes);    // fetch runs ahead by no more than the FIFO
    CHECK(a.min_slack_ps > 20'000'000);
    CHECK(mc.la_exceeded == 0);                       // nor floods DRAM
    CHECK(mc.latency_ns.max() < 1500);               // worst: a FIFO fill, 16 KiB / 12.8 GB/s + 100 ns
    CHECK(a.la_ns == 0xc2 * 30);                     // display0a's LA default on Tegra124
    CHECK(s.windows[1].requests == 0);
    CHECK(g_heads->sync.incrs.size() == syncs0);     // no VBLANK syncpoint configured
}

TEST_CASE("display: both heads at 1080p60 together have no underflow", "[model][display]") {
    DisplayController& dc = g_heads->dc;
    DisplayController& dcb = g_heads->dcb;
    const DcWindowStats a0 = dc.stats().windows[0];
    const uint64_t frames0 = dc.stats().frames, mc_b0 = mc_stats("display0ab").bytes;
    DcConfig cfg = one_window(make_mode(1920, 1080, 60), kFb0, 2);
    dc.commit(cfg);
    cfg.windows[0].base = kFb1;
    dcb.commit(cfg);
    wait_ps(run_ps(cfg.mode, 2) + 1'000'000);
    REQUIRE(!dc.active());
    REQUIRE(!dcb.active());
    CHECK(dc.stats().frames - frames0 == 2);
    CHECK(dcb.stats().frames == 2);
    CHECK(dc.stats().windows[0].underflow_lines == a0.underflow_lines);
    CHECK(dcb.stats().underflows() == 0);
    CHECK(dcb.stats().window_bandwidth(0) == Approx(k1080pBytesPerS).epsilon(0.01));
    CHECK(dcb.stats().windows[0].bytes == mc_stats("display0ab").bytes - mc_b0);
    CHECK(dc.stats().windows[0].bytes - a0.bytes == 2ull * 1920 * 1080 * 4);
}

TEST_CASE("display: windows A, B and C fetch on their own memory clients", "[model][display]") {
    DisplayController& dc = g_heads->dc;
    const char* clients[3] = {"display0a", "display0b", "display0c"};
    uint64_t mc0[3], dc0[3], frame0[3];
    for (int w = 0; w < 3; ++w) {
        CHECK(dc.window_client(w).name == clients[w]);
        mc0[w] = mc_stats(clients[w]).bytes;
        dc0[w] = dc.stats().windows[w].bytes;
        frame0[w] = dc.stats().windows[w].frame_bytes;
    }
    CHECK(g_heads->dcb.window_client(2).name == "display0cb");
    DcConfig cfg = one_window(make_mode(1920, 1080, 60), kFb0, 1);
    cfg.windows[1] = {true, kFb1, 960, 540, 960 * 4, 4, false, 960, 540};   // lower right quarter
    cfg.windows[2] = {true, kFb1 + 0x400000, 640, 480, 640 * 2, 2, true, 100, 50};   // tiled, 16 bpp
    const uint64_t uf0 = dc.stats().underflows();
    dc.commit(cfg);
    wait_ps(run_ps(cfg.mode, 1) + 1'000'000);
    REQUIRE(!dc.active());
    const uint64_t want[3] = {1920ull * 1080 * 4, 960ull * 540 * 4, 640ull * 480 * 2};
    for (int w = 0; w < 3; ++w) {
        INFO("window " << w);
        CHECK(dc.stats().windows[w].frame_bytes - frame0[w] == want[w]);
        CHECK(dc.stats().windows[w].bytes - dc0[w] == mc_stats(clients[w]).bytes - mc0[w]);
    }
    CHECK(dc.stats().underflows() == uf0);
}

TEST_CASE("display: VBLANK increments the syncpoint once per frame at the start of vertical blank",
          "[model][display]") {
    DisplayController& dc = g_heads->dc;
    auto& incrs = g_heads->sync.incrs;
    incrs.clear();
    const uint64_t vblanks0 = dc.stats().vblanks;
    DcConfig cfg = one_window(make_mode(1280, 720, 60), kFb0, 3);
    cfg.vblank_syncpt = 7;
    const uint64_t t0 = soc::now_ps();
    dc.commit(cfg);
    wait_ps(run_ps(cfg.mode, 3) + 1'000'000);
    REQUIRE(incrs.size() == 3);
    CHECK(dc.stats().vblanks - vblanks0 == 3);
    const DcMode& m = cfg.mode;
    const uint64_t first_frame = t0 + m.pixels_ps(uint64_t(m.vblank_lines()) * m.htotal);
    for (size_t k = 0; k < incrs.size(); ++k) {
        INFO("frame " << k);
        CHECK(incrs[k].id == 7);
        // frame start + vactive lines (750 - 720 = 30 blank lines come before frame 0)
        uint64_t want = first_frame + k * m.frame_ps() + 720 * m.line_ps();
        CHECK(incrs[k].ps >= want - 1'000);
        CHECK(incrs[k].ps <= want + 1'000);
    }
    CHECK(incrs[1].ps - incrs[0].ps == Approx(double(m.frame_ps())).margin(2));
}

TEST_CASE("display: a new window base takes effect at the next frame; disable() stops requests",
          "[model][display]") {
    DisplayController& dc = g_heads->dc;
    const soc::MemoryController& mcm = platform().mc;
    const uint64_t faults0 = mcm.fault_count();
    const DcWindowStats a0 = dc.stats().windows[0];
    DcConfig cfg = one_window(make_mode(1280, 720, 60), kFb0, 0);   // until disabled
    const DcMode& m = cfg.mode;
    const uint64_t t0 = soc::now_ps();
    dc.commit(cfg);
    const uint64_t frame0 = t0 + m.pixels_ps(uint64_t(m.vblank_lines()) * m.htotal);
    const uint64_t vblank0 = frame0 + m.active_ps();
    wait_ps(frame0 + 5'000'000'000 - soc::now_ps());   // mid frame 0
    cfg.windows[0].base = 0x40000000;                  // no DRAM there: every request faults
    dc.commit(cfg);
    REQUIRE(dc.config().windows[0].base == kFb0);      // not yet
    wait_ps(vblank0 - soc::now_ps() - 1'000'000);
    CHECK(mcm.fault_count() == faults0);               // frame 0 kept the old base to its end
    wait_ps(2'000'000);
    REQUIRE(mcm.fault_count() > faults0);
    REQUIRE(!mcm.faults().empty());
    // Frame 1's fetch starts when it is latched, at frame 0's vertical blank.
    CHECK(mcm.faults().back().client_id == dc.window_client(0).id);
    wait_ps(frame0 + m.frame_ps() + 1'000'000 - soc::now_ps());
    CHECK(dc.config().windows[0].base == 0x40000000);
    const DcWindowStats& a = dc.stats().windows[0];
    CHECK(a.faults > 0);
    CHECK(a.underflow_lines == a0.underflow_lines);     // faults are not underflows
    // The first faulting request went out exactly at frame 0's vertical blank.
    auto first_fault = std::find_if(mcm.faults().begin(), mcm.faults().end(), [&](const soc::FaultRecord& f) {
        return f.client_id == dc.window_client(0).id && f.time_ps >= t0;
    });
    REQUIRE(first_fault != mcm.faults().end());
    CHECK(first_fault->time_ps == vblank0);

    // disable(): the head stops at the end of the current line.
    wait_ps(3'333'333);
    const uint64_t td = soc::now_ps();
    dc.disable();
    wait_ps(1'000'000'000);
    CHECK(!dc.active());
    const uint64_t requests = dc.stats().windows[0].requests, mc_requests = mc_stats("display0a").requests;
    CHECK(dc.stats().windows[0].last_issue_ps < td + m.line_ps() + 1'000'000);   // one line + one quantum
    wait_ps(20'000'000'000);
    CHECK(dc.stats().windows[0].requests == requests);
    CHECK(mc_stats("display0a").requests == mc_requests);
}

TEST_CASE("display: on Tegra124 a tiled window fetches two tile rows per DRAM burst, so no overfetch",
          "[model][display]") {
    // Tegra124's DC has no tiled x2 overfetch (tegra-facts §7.6): each
    // tiled request is one 32-byte DRAM burst, rows L and L+1 of a tile.
    // A whole 1080p60 tiled window then moves the same DRAM bursts as a
    // linear one, at the mode's bandwidth, without underflow (the second
    // row of each pair waits in the line buffer for its line).
    DisplayController& dc = g_heads->dc;
    const soc::DramStats& dram = platform().dram.timing().stats();
    REQUIRE(platform().dram.timing().burst_bytes() == 32);
    REQUIRE(tiled_fetch_bytes(test::soc_info()) == 32);
    DcMode m = make_mode(1920, 1080, 60);
    constexpr uint64_t kFrameBytes = 1920ull * 1080 * 4;
    auto run = [&](bool tiled) {
        DcConfig cfg = one_window(m, kFb0, 1);
        cfg.windows[0].tiled = tiled;
        const uint64_t bursts0 = dram.bursts, bytes0 = dram.bytes, requests0 = dc.stats().windows[0].requests;
        const uint64_t uf0 = dc.stats().underflows(), frame_bytes0 = dc.stats().windows[0].frame_bytes;
        const uint64_t scanout0 = dc.stats().scanout_ps;
        dc.commit(cfg);
        wait_ps(run_ps(m, 1) + 1'000'000);
        REQUIRE(!dc.active());
        CHECK(dc.stats().underflows() == uf0);
        CHECK(dram.bytes - bytes0 == kFrameBytes);
        double bw = double(dc.stats().windows[0].frame_bytes - frame_bytes0) * 1e12 /
                    double(dc.stats().scanout_ps - scanout0);
        CHECK(bw == Approx(k1080pBytesPerS).epsilon(0.01));
        return std::pair{dram.bursts - bursts0, dc.stats().windows[0].requests - requests0};
    };
    auto [linear_bursts, linear_requests] = run(false);
    auto [tiled_bursts, tiled_requests] = run(true);
    CHECK(linear_requests == kFrameBytes / 64);
    CHECK(tiled_requests == kFrameBytes / 32);
    CHECK(linear_bursts == kFrameBytes / 32);
    CHECK(tiled_bursts == linear_bursts);
}
