// [model] The GR2D and GR3D engine models on a Tegra30 platform
// (tests/model/boards/engines-tegra30.yaml: the MC and 256 MiB of DRAM at
// 0x80000000; the SMMU untouched, so g2sr/g2dw/texsrd/fdcdwr bypass and
// engine addresses are DRAM addresses). The engines are built at
// elaboration and bound to the MC ingress of their clients; the test thread
// writes their methods directly, as a host1x channel would, and checks DRAM
// through the backdoor.
//
// Checked: byte-exact GR2D fill (32 and 16 bpp, odd widths, pitch gaps
// untouched, a line across a page) and copy, GR3D's textured quad,
// INCR_SYNCPT after the last write, the traffic on the right MC clients,
// faulting reads leaving zeros, bad configurations, read-back of unknown
// methods, abort, and that GR3D's tiled access pattern touches many more
// pages per 64 requests than a GR2D copy of the same surface.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "clients/engines/gr2d.h"
#include "clients/engines/gr3d.h"
#include "clients/engines/vic.h"
#include "model/model_harness.h"
#include "soc/mc/mc_regs.h"
#include "soc/soc_registry.h"

using namespace socsim;
using namespace socsim::clients;
using socsim::test::platform;
using socsim::test::mc_stats;

namespace {

// The engines under test, built inside a module so that the MC creates the
// ingress sockets they bind to as children of a module.
struct Engines : sc_core::sc_module {
    soc::PayloadPool pool;
    Gr2d gr2d;
    Gr3d gr3d;
    Engines(sc_core::sc_module_name name, soc::Platform& p)
        : sc_module(name), gr2d("gr2d", test::soc_info(), pool, test::config().mode),
          gr3d("gr3d", test::soc_info(), pool, test::config().mode) {
        for (Engine* e : {static_cast<Engine*>(&gr2d), static_cast<Engine*>(&gr3d)})
            for (const EnginePort& port : e->ports()) port.socket->bind(p.mc.ingress(port.client->id));
    }
};

std::unique_ptr<Engines> g_engines;

Gr2d& gr2d() { return g_engines->gr2d; }
Gr3d& gr3d() { return g_engines->gr3d; }

void write(Engine& e, std::initializer_list<std::pair<uint32_t, uint32_t>> methods) {
    for (auto [offset, value] : methods) e.method_write(offset, value);
}

void fill(uint64_t pa, uint8_t byte, uint64_t len) {
    std::vector<uint8_t> b(len, byte);
    platform().dram.write(pa, b.data(), len);
}

std::vector<uint8_t> dram(uint64_t pa, uint64_t len) {
    std::vector<uint8_t> b(len);
    platform().dram.read(pa, b.data(), len);
    return b;
}

// Distinct bytes per position, so a misplaced byte shows.
std::vector<uint8_t> pattern(size_t len, uint32_t seed) {
    std::vector<uint8_t> b(len);
    for (size_t i = 0; i < len; ++i) b[i] = uint8_t((i * 131 + seed * 7 + (i >> 8) * 17) ^ (i >> 3));
    return b;
}

// Checks a w x h rectangle of `bpp`-byte pixels at `pa` holds `expect(x, y)`
// bytes, and that the gap up to the pitch still holds `gap`.
template <class Expect>
void check_rect(uint64_t pa, uint32_t pitch, uint32_t row, uint32_t height, uint8_t gap, Expect expect) {
    for (uint32_t y = 0; y < height; ++y) {
        auto line = dram(pa + uint64_t(y) * pitch, pitch);
        for (uint32_t i = 0; i < pitch; ++i) {
            uint8_t want = i < row ? expect(i, y) : gap;
            if (line[i] != want) {
                FAIL("byte " << i << " of line " << y << " is " << int(line[i]) << ", want " << int(want));
                return;
            }
        }
    }
}

}  // namespace

socsim::test::ModelConfig socsim::test::model_config() {
    ModelConfig c;
    c.board = "tests/model/boards/engines-tegra30.yaml";
    c.elaborate = [](soc::Platform& p) { g_engines = std::make_unique<Engines>("engines", p); };
    return c;
}

TEST_CASE("engines: class IDs, memory clients and supported() follow the SoC tables", "[model][engines]") {
    CHECK(gr2d().class_id() == 0x51);
    CHECK(gr3d().class_id() == 0x60);
    REQUIRE(gr2d().ports().size() == 2);
    CHECK(gr2d().ports()[0].client->name == "g2sr");
    CHECK(gr2d().ports()[1].client->name == "g2dw");
    REQUIRE(gr3d().ports().size() == 2);
    CHECK(gr3d().ports()[0].client->name == "texsrd");
    CHECK(gr3d().ports()[1].client->name == "fdcdwr");
    CHECK(Gr2d::supported(soc::tegra30()));
    CHECK(Gr2d::supported(soc::tegra114()));
    CHECK_FALSE(Gr2d::supported(soc::tegra124()));
    CHECK(Gr3d::supported(soc::tegra30()));
    CHECK(Gr3d::supported(soc::tegra114()));   // through texl2srd
    CHECK_FALSE(Gr3d::supported(soc::tegra210()));
    CHECK(Vic::supported(soc::tegra124()));
    CHECK(Vic::supported(soc::tegra210()));
    CHECK_FALSE(Vic::supported(soc::tegra30()));
}

TEST_CASE("gr2d: a 32 bpp fill writes the rectangle, leaves the pitch gap alone and goes out on g2dw",
          "[model][engines][gr2d]") {
    const uint64_t dst = 0x81000000;
    const uint32_t w = 13, h = 5, pitch = 128;
    fill(dst, 0xee, pitch * (h + 1));
    auto e0 = gr2d().stats();
    auto sr0 = mc_stats("g2sr"), dw0 = mc_stats("g2dw");
    write(gr2d(), {{G2_DST_ADDR, uint32_t(dst)}, {G2_DST_PITCH, pitch}, {G2_SIZE, size_word(w, h)}, {G2_BPP, 4},
                   {G2_FILL, 0x11223344}, {G2_TRIGGER, G2_TRIGGER_FILL}});
    const uint8_t px[4] = {0x44, 0x33, 0x22, 0x11};
    check_rect(dst, pitch, w * 4, h, 0xee, [&](uint32_t i, uint32_t) { return px[i % 4]; });
    CHECK(dram(dst + pitch * h, pitch) == std::vector<uint8_t>(pitch, 0xee));  // nothing below the rectangle
    CHECK(gr2d().stats().operations == e0.operations + 1);
    CHECK(gr2d().stats().completed == e0.completed + 1);
    CHECK(gr2d().stats().bytes_written == e0.bytes_written + w * h * 4);
    CHECK(gr2d().stats().bytes_read == e0.bytes_read);
    CHECK(mc_stats("g2dw").bytes == dw0.bytes + w * h * 4);
    CHECK(mc_stats("g2dw").writes == dw0.writes + h);    // a 52-byte line inside one 64-byte span
    CHECK(mc_stats("g2sr").requests == sr0.requests);
    CHECK(soc::now_ps() >= gr2d().stats().last_request_ps);  // returned with time in step
}

TEST_CASE("gr2d: a 16 bpp fill with an odd width, a line across a 4 KiB page", "[model][engines][gr2d]") {
    const uint64_t dst = 0x81000fd2;   // the first line runs over 0x81001000
    const uint32_t w = 37, h = 3, pitch = 80;
    fill(dst - 16, 0x5a, pitch * h + 32);
    auto e0 = gr2d().stats();
    auto dw0 = mc_stats("g2dw");
    write(gr2d(), {{G2_DST_ADDR, uint32_t(dst)}, {G2_DST_PITCH, pitch}, {G2_SIZE, size_word(w, h)}, {G2_BPP, 2},
                   {G2_FILL, 0xabcd1234}, {G2_TRIGGER, G2_TRIGGER_FILL}});
    const uint8_t px[2] = {0x34, 0x12};
    check_rect(dst, pitch, w * 2, h, 0x5a, [&](uint32_t i, uint32_t) { return px[i % 2]; });
    CHECK(dram(dst - 16, 16) == std::vector<uint8_t>(16, 0x5a));
    CHECK(gr2d().stats().faults == e0.faults);   // no request crossed the page (the MC would refuse it)
    CHECK(mc_stats("g2dw").bytes == dw0.bytes + w * h * 2);
    CHECK(mc_stats("g2dw").faults == dw0.faults);
}

TEST_CASE("gr2d: copy moves the source rectangle to the destination on g2sr and g2dw", "[model][engines][gr2d]") {
    const uint64_t src = 0x81100000, dst = 0x81200010;
    const uint32_t w = 33, h = 9, spitch = 256, dpitch = 192;
    auto pix = pattern(spitch * h, 1);
    platform().dram.write(src, pix.data(), pix.size());
    fill(dst, 0xc3, dpitch * h);
    auto sr0 = mc_stats("g2sr"), dw0 = mc_stats("g2dw");
    write(gr2d(), {{G2_SRC_ADDR, uint32_t(src)}, {G2_SRC_PITCH, spitch}, {G2_DST_ADDR, uint32_t(dst)},
                   {G2_DST_PITCH, dpitch}, {G2_SIZE, size_word(w, h)}, {G2_BPP, 4}, {G2_TRIGGER, G2_TRIGGER_COPY}});
    check_rect(dst, dpitch, w * 4, h, 0xc3, [&](uint32_t i, uint32_t y) { return pix[y * spitch + i]; });
    CHECK(mc_stats("g2sr").bytes == sr0.bytes + w * h * 4);
    CHECK(mc_stats("g2dw").bytes == dw0.bytes + w * h * 4);
    CHECK(mc_stats("g2sr").writes == sr0.writes);
    CHECK(mc_stats("g2dw").reads == dw0.reads);
}

TEST_CASE("gr2d: a faulting source read leaves zeros; the copy goes on", "[model][engines][gr2d][fault]") {
    const uint64_t dst = 0x81300000;
    const uint32_t w = 16, h = 2, pitch = 64;
    fill(dst, 0x77, pitch * h);
    auto e0 = gr2d().stats();
    // No DRAM at 0x40000000: every read is DECERR_EMEM.
    write(gr2d(), {{G2_SRC_ADDR, 0x40000000}, {G2_SRC_PITCH, pitch}, {G2_DST_ADDR, uint32_t(dst)},
                   {G2_DST_PITCH, pitch}, {G2_SIZE, size_word(w, h)}, {G2_BPP, 4}, {G2_TRIGGER, G2_TRIGGER_COPY}});
    CHECK(dram(dst, pitch * h) == std::vector<uint8_t>(pitch * h, 0));
    CHECK(gr2d().stats().faults == e0.faults + h);
    CHECK(gr2d().stats().completed == e0.completed + 1);
    CHECK(gr2d().stats().bytes_written == e0.bytes_written + w * h * 4);
    platform().cpu.reg_write(soc::MC_INTSTATUS, 0xffffffff);
}

TEST_CASE("gr2d: bad configurations count an error and move nothing; every method reads back",
          "[model][engines][gr2d]") {
    const uint64_t dst = 0x81400000;
    fill(dst, 0x99, 256);
    auto e0 = gr2d().stats();
    write(gr2d(), {{G2_DST_ADDR, uint32_t(dst)}, {G2_DST_PITCH, 64}, {G2_SIZE, size_word(8, 2)}, {G2_BPP, 3},
                   {G2_FILL, 0}, {G2_TRIGGER, G2_TRIGGER_FILL}});
    write(gr2d(), {{G2_BPP, 4}, {G2_SIZE, size_word(0, 2)}, {G2_TRIGGER, G2_TRIGGER_FILL}});
    write(gr2d(), {{G2_SIZE, size_word(17, 2)}, {G2_TRIGGER, G2_TRIGGER_FILL}});   // 68 bytes > pitch 64
    write(gr2d(), {{G2_SIZE, size_word(8, 2)}, {G2_TRIGGER, 7}});                 // no such operation
    CHECK(gr2d().stats().errors == e0.errors + 4);
    CHECK(gr2d().stats().operations == e0.operations);
    CHECK(gr2d().stats().requests == e0.requests);
    CHECK(dram(dst, 256) == std::vector<uint8_t>(256, 0x99));
    gr2d().method_write(0x42, 0xdeadbeef);   // unknown: stored, ignored
    CHECK(gr2d().reg(0x42) == 0xdeadbeef);
    CHECK(gr2d().reg(G2_DST_ADDR) == uint32_t(dst));
    CHECK(gr2d().reg(G2_SIZE) == size_word(8, 2));
    CHECK(gr2d().reg_name(G2_FILL) == std::string("G2_FILL"));
    CHECK(gr2d().stats().requests == e0.requests);
}

TEST_CASE("engines: INCR_SYNCPT increments only after the last write of the operation completed",
          "[model][engines][syncpt]") {
    test::RecordingSyncpoints sync;
    gr2d().set_syncpoints(&sync);
    const uint64_t dst = 0x81500000;
    const uint32_t w = 64, h = 32, pitch = 4096;
    const uint64_t start = soc::now_ps();
    write(gr2d(), {{G2_DST_ADDR, uint32_t(dst)}, {G2_DST_PITCH, pitch}, {G2_SIZE, size_word(w, h)}, {G2_BPP, 4},
                   {G2_FILL, 0x01020304}, {G2_TRIGGER, G2_TRIGGER_FILL},
                   {INCR_SYNCPT, incr_syncpt(kIncrSyncptCondOpDone, 7)},
                   {INCR_SYNCPT, incr_syncpt(kIncrSyncptCondImmediate, 3)}});
    gr2d().set_syncpoints(nullptr);
    REQUIRE(sync.incrs.size() == 2);
    CHECK(sync.incrs[0].id == 7);
    CHECK(sync.incrs[1].id == 3);
    const uint64_t last = gr2d().stats().last_request_ps;
    CHECK(last > 0);
    CHECK(sync.incrs[0].ps >= last);
    CHECK(sync.incrs[0].ps >= mc_stats("g2dw").last_ps);   // the MC's view of the completion
    CHECK(last > start);   // the fill took simulated time: the increment is not at its start
    CHECK(sync.incrs[1].ps >= sync.incrs[0].ps);
}

TEST_CASE("gr3d: a draw copies the texture to the render target exactly, through texsrd and fdcdwr",
          "[model][engines][gr3d]") {
    const uint64_t tex = 0x82000000, rt = 0x83000000;
    const uint32_t w = 40, h = 21, tpitch = 4096 + 256, rpitch = 4096;   // partial tiles at both edges
    auto texels = pattern(uint64_t(tpitch) * h, 2);
    platform().dram.write(tex, texels.data(), texels.size());
    fill(rt, 0xee, uint64_t(rpitch) * (h + 1));
    auto tr0 = mc_stats("texsrd"), fw0 = mc_stats("fdcdwr");
    auto e0 = gr3d().stats();
    write(gr3d(), {{G3_TEX_ADDR, uint32_t(tex)}, {G3_TEX_PITCH, tpitch}, {G3_RT_ADDR, uint32_t(rt)},
                   {G3_RT_PITCH, rpitch}, {G3_SIZE, size_word(w, h)}, {G3_TRIGGER, G3_TRIGGER_DRAW}});
    check_rect(rt, rpitch, w * 4, h, 0xee, [&](uint32_t i, uint32_t y) { return texels[uint64_t(y) * tpitch + i]; });
    CHECK(dram(rt + uint64_t(rpitch) * h, 64) == std::vector<uint8_t>(64, 0xee));
    CHECK(mc_stats("texsrd").bytes == tr0.bytes + w * h * 4);
    CHECK(mc_stats("fdcdwr").bytes == fw0.bytes + w * h * 4);
    // 3x2 tiles; texture reads: one per texel row of each 4x4 block, 16 bytes at most.
    CHECK(mc_stats("texsrd").reads == tr0.reads + (w / 4) * h);
    CHECK(mc_stats("fdcdwr").writes == fw0.writes + 3 * h);   // 64 + 64 + 32 bytes per line
    CHECK(gr3d().stats().completed == e0.completed + 1);
}

TEST_CASE("gr3d: its tiled access pattern touches far more pages per 64 requests than a gr2d copy",
          "[model][engines][gr3d][pattern]") {
    // The same 256x64 32 bpp surface with a 4 KiB pitch (each line on its own page).
    const uint64_t src = 0x84000000, dst = 0x85000000;
    const uint32_t w = 256, h = 64, pitch = 4096;
    auto g0 = gr2d().stats();
    write(gr2d(), {{G2_SRC_ADDR, uint32_t(src)}, {G2_SRC_PITCH, pitch}, {G2_DST_ADDR, uint32_t(dst)},
                   {G2_DST_PITCH, pitch}, {G2_SIZE, size_word(w, h)}, {G2_BPP, 4}, {G2_TRIGGER, G2_TRIGGER_COPY}});
    auto g1 = gr2d().stats();
    auto t0 = gr3d().stats();
    write(gr3d(), {{G3_TEX_ADDR, uint32_t(src)}, {G3_TEX_PITCH, pitch}, {G3_RT_ADDR, uint32_t(dst)},
                   {G3_RT_PITCH, pitch}, {G3_SIZE, size_word(w, h)}, {G3_TRIGGER, G3_TRIGGER_DRAW}});
    auto t1 = gr3d().stats();
    REQUIRE(g1.page_windows > g0.page_windows);
    REQUIRE(t1.page_windows > t0.page_windows);
    double g2 = double(g1.window_pages - g0.window_pages) / double(g1.page_windows - g0.page_windows);
    double g3 = double(t1.window_pages - t0.window_pages) / double(t1.page_windows - t0.page_windows);
    INFO("distinct pages per 64 requests: gr2d copy " << g2 << ", gr3d draw " << g3);
    CHECK(g2 <= 5.0);          // 2 source + 2 destination lines per window
    CHECK(g3 >= 16.0);         // a tile's 16 texture rows at least
    CHECK(g3 >= 4.0 * g2);
    // Page switches per request: almost every GR3D request, about 1 in 16 for GR2D.
    double s2 = double(g1.page_switches - g0.page_switches) / double(g1.requests - g0.requests);
    double s3 = double(t1.page_switches - t0.page_switches) / double(t1.requests - t0.requests);
    INFO("page switches per request: gr2d " << s2 << ", gr3d " << s3);
    CHECK(s3 >= 0.9);
    CHECK(s2 <= 0.1);
}

TEST_CASE("gr2d: abort() stops a running operation at a request boundary; a trigger meanwhile is refused; "
          "the next operation runs in full",
          "[model][engines][abort]") {
    const uint64_t dst = 0x86000000;
    const uint32_t w = 1024, h = 256, pitch = 4096;   // 1 MiB: 16384 requests
    fill(dst, 0, uint64_t(pitch) * h);
    auto e0 = gr2d().stats();
    write(gr2d(), {{G2_DST_ADDR, uint32_t(dst)}, {G2_DST_PITCH, pitch}, {G2_SIZE, size_word(w, h)}, {G2_BPP, 4},
                   {G2_FILL, 0xffffffff}});
    gr2d().abort();   // idle: nothing to stop, and nothing left pending
    const uint64_t start = soc::now_ps();
    sc_core::sc_process_handle op = sc_core::sc_spawn([] { gr2d().method_write(G2_TRIGGER, G2_TRIGGER_FILL); });
    sc_core::wait(sc_core::sc_time(5, sc_core::SC_US));
    REQUIRE(gr2d().busy());
    // A second trigger meanwhile (another channel on the class) is refused, not queued.
    gr2d().method_write(G2_TRIGGER, G2_TRIGGER_FILL);
    CHECK(gr2d().stats().errors == e0.errors + 1);
    CHECK(gr2d().stats().operations == e0.operations + 1);
    const uint64_t abort_ps = soc::now_ps();
    gr2d().abort();
    if (!op.terminated()) sc_core::wait(op.terminated_event());
    CHECK_FALSE(gr2d().busy());
    CHECK(gr2d().stats().aborted == e0.aborted + 1);
    CHECK(gr2d().stats().completed == e0.completed);
    const uint64_t written = gr2d().stats().bytes_written - e0.bytes_written;
    INFO("written before the abort: " << written << " bytes");
    CHECK(written > 0);
    CHECK(written < uint64_t(w) * h * 4 / 4);
    // The engine saw the flag within a quantum of the abort (1 us, plus the request in flight).
    CHECK(gr2d().stats().last_request_ps <= abort_ps + 1'100'000);
    CHECK(abort_ps > start);
    CHECK(dram(dst + uint64_t(pitch) * (h - 1), 16) == std::vector<uint8_t>(16, 0));   // the last line never came

    write(gr2d(), {{G2_SIZE, size_word(w, 4)}, {G2_TRIGGER, G2_TRIGGER_FILL}});
    CHECK(gr2d().stats().completed == e0.completed + 1);
    CHECK(gr2d().stats().aborted == e0.aborted + 1);
    CHECK(dram(dst + uint64_t(pitch) * 3 + 4092, 4) == std::vector<uint8_t>(4, 0xff));
}
