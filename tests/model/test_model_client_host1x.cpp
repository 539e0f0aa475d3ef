// [model] host1x opcodes and registers on the bench of host1x_bench.h: a
// Tegra124 host1x04 fetching through the MC, and a Tegra30 host1x01.
//
// Checked: opcode encodings (host1x01_hardware.h), the register map
// (hw_host1x0N_{channel,sync}.h offsets, written out in host1x_bench.h),
// the exact method writes of every opcode as a recording fake engine sees
// them, one host1x cycle per word, GATHER (plain and insert) and RESTART
// wrap. The cases share one platform and run in declaration order; each
// programs the channels it uses from scratch. Syncpoints, waits, teardown
// and faults are test_model_client_host1x_sync.cpp.
#include "model/host1x_bench.h"

using namespace socsim;
using namespace socsim::test::host1x_bench;

TEST_CASE("host1x: opcode builders give the Linux encodings", "[model][host1x][opcodes]") {
    CHECK(opcode_setclass(0x51, 0x10, 5) == 0x00101445u);
    CHECK(opcode_incr(0x20, 3) == 0x10200003u);
    CHECK(opcode_nonincr(0x30, 2) == 0x20300002u);
    CHECK(opcode_mask(0x40, 0x9) == 0x30400009u);
    CHECK(opcode_imm(0x50, 0xbeef) == 0x4050beefu);
    CHECK(opcode_restart(0x1000) == 0x50000100u);
    CHECK(opcode_gather(4) == 0x60000004u);
    CHECK(opcode_gather_incr(0x70, 3) == 0x6070c003u);
    CHECK(opcode_gather_nonincr(0x70, 3) == 0x60708003u);
    CHECK(HOST1X_OPCODE_NOP == 0x20000000u);
    CHECK(class_host_incr_syncpt(1, 7) == 0x107u);
    CHECK(class_host_wait_syncpt(5, 0x123456) == 0x05123456u);
    CHECK(opcode_setclass(HOST1X_CLASS_HOST1X, HOST1X_UCLASS_LOAD_SYNCPT_PAYLOAD_32, 0b101) ==
          0x004e0045u);
}

TEST_CASE("host1x: channel and syncpoint counts and register layout per generation", "[model][host1x][regs]") {
    Host1x& h = b().t124;
    CHECK(h.num_channels() == 12);
    CHECK(h.num_syncpoints() == 192);
    CHECK(b().t30.num_channels() == 8);
    CHECK(b().t30.num_syncpoints() == 32);
    CHECK(h.cdma_client().id == 0x16);

    // SYNCPT(i): read the value, a write loads it; SYNCPT_CPU_INCR(r) bit b increments 32r+b.
    b().cpu.write(kSyncpt124 + 4 * 191, 0x1234);
    CHECK(h.syncpt_value(191) == 0x1234);
    b().cpu.write(kCpuIncr124 + 4 * 5, 1u << 31);
    CHECK(b().cpu.read(kSyncpt124 + 4 * 191) == 0x1235);
    CHECK(h.stats().syncpt_increments.at(191) == 1);
    uint64_t unknown = h.stats().unknown_reg_accesses;
    b().cpu.write(kSyncpt124 + 4 * 192, 7);   // past the last syncpoint: nothing there
    CHECK(b().cpu.read(kSyncpt124 + 4 * 192) == 0);
    CHECK(h.stats().unknown_reg_accesses == unknown + 2);
    CHECK(h.syncpt_value(192) == 0);

    b().cpu30.write(kSyncpt30 + 4 * 31, 41);
    b().cpu30.write(kCpuIncr30, 1u << 31);
    CHECK(b().t30.syncpt_value(31) == 42);
    CHECK(b().cpu30.read(kCpuIncr30 + 4) == 0);   // one CPU_INCR register for 32 syncpoints
    CHECK(b().t30.stats().unknown_reg_accesses == 1);

    // Channel registers at c * 0x4000; DMAGET is read-only; odd accesses are errors.
    b().cpu.write(11 * kStride + DMAEND, 0x1004);
    CHECK(b().cpu.read(11 * kStride + DMAEND) == 0x1004);
    b().cpu.write(11 * kStride + DMAGET, 0x40);
    CHECK(b().cpu.read(11 * kStride + DMAGET) == 0);
    CHECK(b().cpu.read(11 * kStride + DMACTRL) == STOP);   // reset value
    uint32_t v = 0;
    CHECK(b().cpu.access(tlm::TLM_READ_COMMAND, 11 * kStride + DMAEND + 2, v) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(b().cpu.access(tlm::TLM_READ_COMMAND, 11 * kStride + DMAEND, v, 2) == tlm::TLM_BURST_ERROR_RESPONSE);
}

TEST_CASE("host1x: each opcode writes exactly its methods, one host1x cycle per word", "[model][host1x][opcodes]") {
    b().gr2d.take();
    b().vic.take();
    uint32_t sp10 = b().t124.syncpt_value(10);
    Pushbuf pb(b().t124, b().cpu, 0, 0x81000000, 4096);
    pb.submit({opcode_setclass(HOST1X_CLASS_GR2D, 0x10, 0b101), 0xa1, 0xa2, opcode_incr(0x20, 3), 0xb0, 0xb1, 0xb2,
               opcode_nonincr(0x30, 2), 0xc0, 0xc1, opcode_mask(0x40, 0b1001), 0xd0, 0xd3, opcode_imm(0x50, 0xbeef),
               opcode_incr(0x60, 0), HOST1X_OPCODE_NOP,
               opcode_setclass(HOST1X_CLASS_HOST1X, 0, 0), opcode_imm_incr_syncpt(0, 10),
               opcode_setclass(HOST1X_CLASS_VIC, 0x100, 1), 0x77});
    REQUIRE(pb.drain());
    Writes g = b().gr2d.take();
    const std::vector<uint64_t>& t = b().gr2d.taken_times;
    CHECK(g == Writes({{0x10, 0xa1}, {0x12, 0xa2}, {0x20, 0xb0}, {0x21, 0xb1}, {0x22, 0xb2}, {0x30, 0xc0},
                       {0x30, 0xc1}, {0x40, 0xd0}, {0x43, 0xd3}, {0x50, 0xbeef}}));
    CHECK(b().vic.take() == Writes({{0x100, 0x77}}));
    CHECK(b().t124.syncpt_value(10) == sp10 + 1);
    CHECK(pb.get() == pb.put);
    REQUIRE(t.size() == 10);
    CHECK(t[1] - t[0] == kHost1xCyclePs);   // adjacent data words, same fetch
    for (size_t i = 1; i < t.size(); ++i) CHECK(t[i] > t[i - 1]);
    const ChannelStats& s = cs(0);   // SETCLASS, INCR, NONINCR (one a NOP), MASK, IMM
    CHECK((std::vector<uint64_t>(s.opcodes.begin(), s.opcodes.begin() + 5) == std::vector<uint64_t>{3, 2, 2, 1, 2}));
    CHECK(s.method_writes == 11);
    CHECK(s.host_methods == 1);
    CHECK_FALSE(s.halted);
}

TEST_CASE("host1x: GATHER executes the gathered words; the insert forms write them as data; nested GATHER halts",
          "[model][host1x][gather]") {
    b().gr2d.take();
    const uint64_t g1 = 0x81010000, g2 = 0x81010100, g3 = 0x81010200;
    std::vector<uint32_t> cmds = {opcode_incr(0x60, 2), 0xe0, 0xe1, opcode_imm(0x61, 5)};
    std::vector<uint32_t> data = {0xd0, 0xd1, 0xd2};
    std::vector<uint32_t> nested = {opcode_gather(1), uint32_t(g1)};
    platform().dram.write(g1, cmds.data(), cmds.size() * 4);
    platform().dram.write(g2, data.data(), data.size() * 4);
    platform().dram.write(g3, nested.data(), nested.size() * 4);

    uint64_t gathers = cs(0).gathers;
    Pushbuf pb(b().t124, b().cpu, 0, 0x81000000, 4096);
    pb.submit({opcode_setclass(HOST1X_CLASS_GR2D, 0, 0), opcode_gather(4), uint32_t(g1),
               opcode_gather_incr(0x70, 3), uint32_t(g2), opcode_gather_nonincr(0x74, 2), uint32_t(g2),
               opcode_imm(0x62, 1)});
    REQUIRE(pb.drain());
    CHECK(b().gr2d.take() == Writes({{0x60, 0xe0}, {0x61, 0xe1}, {0x61, 5}, {0x70, 0xd0}, {0x71, 0xd1}, {0x72, 0xd2},
                                     {0x74, 0xd0}, {0x74, 0xd1}, {0x62, 1}}));
    CHECK(cs(0).gathers == gathers + 3);

    Pushbuf pb1(b().t124, b().cpu, 1, 0x81001000, 4096);
    pb1.submit({opcode_setclass(HOST1X_CLASS_GR2D, 0, 0), opcode_gather(2), uint32_t(g3), opcode_imm(0x63, 1)});
    REQUIRE(pb1.drain());
    CHECK(b().gr2d.take().empty());
    CHECK(cs(1).halted);
    CHECK(cs(1).halt_reason == HaltReason::NestedGather);
    CHECK(b().t124.channel(1).halted());
}

TEST_CASE("host1x: RESTART wraps the push buffer; PUT below GET after the wrap", "[model][host1x][restart]") {
    b().gr2d.take();
    // 16 slots + the RESTART(0) slot at offset 64 (DMAEND = 68).
    Pushbuf pb(b().t124, b().cpu, 2, 0x81002000, 64);
    std::vector<uint32_t> first = {opcode_setclass(HOST1X_CLASS_GR2D, 0, 0)};
    for (uint32_t i = 1; i <= 9; ++i) first.push_back(opcode_imm(i, i));
    pb.submit(first);
    REQUIRE(pb.drain());
    REQUIRE(pb.get() == 40);
    CHECK(b().gr2d.take().size() == 9);

    uint64_t restarts = cs(2).restarts;
    std::vector<uint32_t> second;
    for (uint32_t i = 0x10; i <= 0x18; ++i) second.push_back(opcode_imm(i, i));   // 6 to the end, 3 after the wrap
    pb.submit(second);
    CHECK(pb.put == 12);
    CHECK(pb.put < 40);
    REQUIRE(pb.drain());
    CHECK(b().gr2d.take() == Writes({{0x10, 0x10}, {0x11, 0x11}, {0x12, 0x12}, {0x13, 0x13}, {0x14, 0x14},
                                     {0x15, 0x15}, {0x16, 0x16}, {0x17, 0x17}, {0x18, 0x18}}));
    CHECK(pb.get() == 12);
    CHECK(cs(2).restarts == restarts + 1);
    CHECK_FALSE(cs(2).halted);
}
