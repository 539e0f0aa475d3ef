// [model] The VIC engine model on a Tegra124 platform
// (tests/model/boards/engines-tegra124.yaml: the MC and 256 MiB of DRAM at
// 0x80000000; the SMMU untouched, so vicsrd/vicswr bypass and VIC's
// addresses are DRAM addresses). VIC is built at elaboration and bound to
// the MC ingress of its clients; the test thread writes its methods
// directly, as a host1x channel would, and checks DRAM through the backdoor.
//
// Checked: a byte-exact composite of 3 surfaces (opaque, alpha 0 and alpha
// 0x80 pixels, over a half-transparent background) against values worked
// out by hand, the traffic on vicsrd and vicswr, the output pitch gap left
// alone, zero surfaces (background only), the clamp of VIC_NUM_SURFACES,
// bad configurations, and INCR_SYNCPT after the last write.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "clients/engines/vic.h"
#include "model/model_harness.h"
#include "soc/soc_registry.h"

using namespace socsim;
using namespace socsim::clients;
using socsim::test::platform;
using socsim::test::dram32;
using socsim::test::mc_stats;

namespace {

// VIC, built inside a module so that the MC creates the ingress sockets it
// binds to as children of a module.
struct Engines : sc_core::sc_module {
    soc::PayloadPool pool;
    Vic vic;
    Engines(sc_core::sc_module_name name, soc::Platform& p)
        : sc_module(name), vic("vic", test::soc_info(), pool, test::config().mode) {
        for (const EnginePort& port : vic.ports()) port.socket->bind(p.mc.ingress(port.client->id));
    }
};

std::unique_ptr<Engines> g_engines;

Vic& vic() { return g_engines->vic; }

void write(Engine& e, std::initializer_list<std::pair<uint32_t, uint32_t>> methods) {
    for (auto [offset, value] : methods) e.method_write(offset, value);
}

void put32(uint64_t pa, uint32_t v) {
    uint8_t b[4] = {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16), uint8_t(v >> 24)};
    platform().dram.write(pa, b, 4);
}

// Writes a w x h ARGB8888 surface whose pixel (x, y) is px(x).
template <class Px>
void surface(uint64_t pa, uint32_t pitch, uint32_t w, uint32_t h, Px px) {
    for (uint32_t y = 0; y < h; ++y)
        for (uint32_t x = 0; x < w; ++x) put32(pa + uint64_t(y) * pitch + 4 * x, px(x));
}

void fill32(uint64_t pa, uint32_t v, uint32_t words) {
    for (uint32_t i = 0; i < words; ++i) put32(pa + 4 * i, v);
}

constexpr uint64_t kS0 = 0x81000000, kS1 = 0x81100000, kS2 = 0x81200000, kOut = 0x81300000;
constexpr uint32_t kP0 = 32, kP1 = 4096, kP2 = 64, kPout = 48;
constexpr uint32_t kW = 5, kH = 3;

void program_three_surfaces(uint32_t num_surfaces) {
    write(vic(), {{VIC_OUT_ADDR, uint32_t(kOut)}, {VIC_OUT_PITCH, kPout}, {VIC_SIZE, size_word(kW, kH)},
                  {VIC_BACKGROUND, 0x80102030}, {VIC_NUM_SURFACES, num_surfaces},
                  {VIC_SURF_ADDR(0), uint32_t(kS0)}, {VIC_SURF_PITCH(0), kP0},
                  {VIC_SURF_ADDR(1), uint32_t(kS1)}, {VIC_SURF_PITCH(1), kP1},
                  {VIC_SURF_ADDR(2), uint32_t(kS2)}, {VIC_SURF_PITCH(2), kP2}});
}

}  // namespace

socsim::test::ModelConfig socsim::test::model_config() {
    ModelConfig c;
    c.board = "tests/model/boards/engines-tegra124.yaml";
    c.elaborate = [](soc::Platform& p) { g_engines = std::make_unique<Engines>("engines", p); };
    return c;
}

TEST_CASE("vic: class 0x5d on vicsrd and vicswr", "[model][engines][vic]") {
    CHECK(vic().class_id() == 0x5d);
    REQUIRE(vic().ports().size() == 2);
    CHECK(vic().ports()[0].client->name == "vicsrd");
    CHECK(vic().ports()[1].client->name == "vicswr");
}

TEST_CASE("vic: a composite of 3 surfaces matches hand-computed pixels", "[model][engines][vic]") {
    // Surface 0 (bottom): opaque 0xff804020 in even columns, alpha 0 in odd ones.
    surface(kS0, kP0, kW, kH, [](uint32_t x) { return x % 2 == 0 ? 0xff804020u : 0x00123456u; });
    // Surface 1: alpha 0 (no effect) except column 4, opaque blue.
    surface(kS1, kP1, kW, kH, [](uint32_t x) { return x == 4 ? 0xff0000ffu : 0x00ffffffu; });
    // Surface 2 (top): red at alpha 0x80 everywhere.
    surface(kS2, kP2, kW, kH, [](uint32_t) { return 0x80ff0000u; });
    fill32(kOut, 0xeeeeeeee, kPout / 4 * (kH + 1));
    program_three_surfaces(3);
    auto sr0 = mc_stats("vicsrd"), sw0 = mc_stats("vicswr");
    auto e0 = vic().stats();
    vic().method_write(VIC_TRIGGER, VIC_TRIGGER_COMPOSITE);

    // Worked by hand, a = 128, 255 - a = 127:
    //  even columns: s0 opaque -> 0xff804020; s1 alpha 0 keeps it; s2:
    //    R (255*128 + 0x80*127 + 127)/255 = 49023/255 = 192 = 0xc0
    //    G (0 + 0x40*127 + 127)/255 = 8255/255 = 32 = 0x20
    //    B (0 + 0x20*127 + 127)/255 = 4191/255 = 16 = 0x10
    //    A 128 + (255*127 + 127)/255 = 128 + 127 = 255
    //  odd columns: s0 and s1 alpha 0 keep the background 0x80102030; s2:
    //    R (32640 + 0x10*127 + 127)/255 = 34799/255 = 136 = 0x88
    //    G (0x20*127 + 127)/255 = 4191/255 = 16 = 0x10
    //    B (0x30*127 + 127)/255 = 6223/255 = 24 = 0x18
    //    A 128 + (128*127 + 127)/255 = 128 + 64 = 192 = 0xc0
    //  column 4: s1 opaque blue 0xff0000ff; s2:
    //    R (32640 + 0 + 127)/255 = 128 = 0x80, G 127/255 = 0, B (255*127 + 127)/255 = 127 = 0x7f, A 255
    const uint32_t want[kW] = {0xffc02010, 0xc0881018, 0xffc02010, 0xc0881018, 0xff80007f};
    for (uint32_t y = 0; y < kH; ++y) {
        for (uint32_t x = 0; x < kW; ++x) {
            CAPTURE(x, y);
            CHECK(dram32(kOut + uint64_t(y) * kPout + 4 * x) == want[x]);
        }
        for (uint32_t i = kW * 4; i < kPout; i += 4) CHECK(dram32(kOut + uint64_t(y) * kPout + i) == 0xeeeeeeee);
    }
    CHECK(dram32(kOut + uint64_t(kH) * kPout) == 0xeeeeeeee);
    CHECK(mc_stats("vicsrd").bytes == sr0.bytes + 3 * kW * kH * 4);
    CHECK(mc_stats("vicswr").bytes == sw0.bytes + kW * kH * 4);
    CHECK(mc_stats("vicsrd").writes == sr0.writes);
    CHECK(mc_stats("vicswr").reads == sw0.reads);
    CHECK(vic().stats().completed == e0.completed + 1);
    CHECK(vic().stats().faults == e0.faults);
}

TEST_CASE("vic: no surfaces gives the background; more than 4 is clamped to 4 and counted",
          "[model][engines][vic]") {
    program_three_surfaces(0);
    auto sr0 = mc_stats("vicsrd");
    vic().method_write(VIC_TRIGGER, VIC_TRIGGER_COMPOSITE);
    for (uint32_t x = 0; x < kW; ++x) CHECK(dram32(kOut + kPout + 4 * x) == 0x80102030);
    CHECK(mc_stats("vicsrd").requests == sr0.requests);

    // Surface 3 opaque green on top of everything: with the clamp, all 4 are read.
    const uint64_t s3 = 0x81400000;
    surface(s3, 32, kW, kH, [](uint32_t) { return 0xff00ff00u; });
    auto e0 = vic().stats();
    program_three_surfaces(9);
    write(vic(), {{VIC_SURF_ADDR(3), uint32_t(s3)}, {VIC_SURF_PITCH(3), 32}});
    CHECK(vic().stats().errors == e0.errors + 1);
    CHECK(vic().reg(VIC_NUM_SURFACES) == 9);   // read-back keeps what was written
    sr0 = mc_stats("vicsrd");
    vic().method_write(VIC_TRIGGER, VIC_TRIGGER_COMPOSITE);
    CHECK(vic().stats().completed == e0.completed + 1);
    CHECK(mc_stats("vicsrd").bytes == sr0.bytes + 4 * kW * kH * 4);
    for (uint32_t x = 0; x < kW; ++x) CHECK(dram32(kOut + 2 * kPout + 4 * x) == 0xff00ff00);
    CHECK(vic().stats().errors == e0.errors + 1);   // the write counted, not each composite
}

TEST_CASE("vic: bad configurations count an error and move nothing", "[model][engines][vic]") {
    program_three_surfaces(3);
    auto e0 = vic().stats();
    write(vic(), {{VIC_SIZE, size_word(kW, 0)}, {VIC_TRIGGER, VIC_TRIGGER_COMPOSITE}});
    write(vic(), {{VIC_SIZE, size_word(9, kH)}, {VIC_TRIGGER, VIC_TRIGGER_COMPOSITE}});   // 36 bytes > surface 0 pitch
    write(vic(), {{VIC_SIZE, size_word(kW, kH)}, {VIC_TRIGGER, 1}});
    write(vic(), {{VIC_NUM_SURFACES, 5}});
    CHECK(vic().stats().errors == e0.errors + 4);
    CHECK(vic().stats().requests == e0.requests);
    CHECK(vic().stats().operations == e0.operations);
}

TEST_CASE("vic: INCR_SYNCPT increments after the composite's last write", "[model][engines][vic][syncpt]") {
    test::RecordingSyncpoints sync;
    vic().set_syncpoints(&sync);
    program_three_surfaces(3);
    write(vic(), {{VIC_TRIGGER, VIC_TRIGGER_COMPOSITE}, {INCR_SYNCPT, incr_syncpt(kIncrSyncptCondOpDone, 12)}});
    vic().set_syncpoints(nullptr);
    REQUIRE(sync.incrs.size() == 1);
    CHECK(sync.incrs[0].id == 12);
    CHECK(sync.incrs[0].ps >= vic().stats().last_request_ps);
    CHECK(sync.incrs[0].ps >= mc_stats("vicswr").last_ps);
}
