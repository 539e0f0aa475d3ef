// [model] host1x syncpoints, waits, teardown and faults on the bench of
// host1x_bench.h: a Tegra124 host1x04 fetching through the MC, and a
// Tegra30 host1x01.
//
// Checked: WAIT_SYNCPT / WAIT_SYNCPT_32 (wrap-safe) with their release
// times, CPU waits and timeouts, CMDPROC_STOP, teardown of a waiting and of
// a writing channel, fetch faults in the MC, CDMA traffic in the MC
// statistics, and halts on ids outside the generation's tables. The cases
// share one platform and run in declaration order; each programs the
// channels it uses from scratch.
#include "model/host1x_bench.h"

using namespace socsim;
using namespace socsim::test::host1x_bench;

TEST_CASE("host1x: WAIT_SYNCPT_32 blocks until the CPU increments, wrap-safe around 0xffffffff",
          "[model][host1x][wait]") {
    b().gr2d.take();
    const uint32_t id = 20;
    b().cpu.write(kSyncpt124 + 4 * id, 0xfffffffe);
    uint64_t waits = cs(3).waits;
    Pushbuf pb(b().t124, b().cpu, 3, 0x81003000, 4096);
    pb.submit({opcode_setclass(HOST1X_CLASS_HOST1X, HOST1X_UCLASS_LOAD_SYNCPT_PAYLOAD_32, 0b101),
               0x00000001, id, opcode_setclass(HOST1X_CLASS_GR2D, 0, 0), opcode_imm(0x33, 1)});
    run_ns(2000);
    CHECK(b().t124.channel(3).waiting());
    for (int i = 0; i < 2; ++i) {   // 0xffffffff, then 0: not yet at 1 (modulo 2^32)
        b().cpu.write(kCpuIncr124, 1u << id);
        run_ns(2000);
        CHECK(b().gr2d.writes.empty());
        CHECK(b().t124.channel(3).waiting());
    }
    CHECK(b().t124.syncpt_value(id) == 0);
    uint64_t t3 = now();
    b().cpu.write(kCpuIncr124, 1u << id);
    run_ns(1000);
    CHECK(b().gr2d.take() == Writes({{0x33, 1}}));
    REQUIRE(b().gr2d.taken_times.size() == 1);
    CHECK(b().gr2d.taken_times[0] >= t3);
    CHECK(b().gr2d.taken_times[0] - t3 <= 2 * kHost1xCyclePs);   // woken at the increment, then SETCLASS + IMM
    CHECK(b().t124.syncpt_last_incr_ps(id) == t3);
    CHECK(b().t124.syncpt_value(id) == 1);
    CHECK(cs(3).waits == waits + 1);
    CHECK(cs(3).wait_ps >= 5'000'000);   // from the wait word (after the first fetch) to the release

    // WAIT_SYNCPT: a 24-bit threshold in the method word.
    pb.submit({opcode_setclass(HOST1X_CLASS_HOST1X, HOST1X_UCLASS_WAIT_SYNCPT, 1), class_host_wait_syncpt(id, 3),
               opcode_setclass(HOST1X_CLASS_GR2D, 0, 0), opcode_imm(0x34, 1)});
    run_ns(1000);
    b().cpu.write(kCpuIncr124, 1u << id);
    run_ns(1000);
    CHECK(b().gr2d.writes.empty());
    b().cpu.write(kCpuIncr124, 1u << id);
    REQUIRE(pb.drain());
    CHECK(b().gr2d.take() == Writes({{0x34, 1}}));
}

TEST_CASE("host1x: syncpt_wait polls, times out at the deadline, wakes at the increment", "[model][host1x][wait]") {
    Host1x& h = b().t124;
    const uint32_t id = 30;
    uint32_t v = h.syncpt_value(id);
    uint64_t t0 = now();
    CHECK(h.syncpt_wait(id, v, 0));
    CHECK_FALSE(h.syncpt_wait(id, v + 1, 0));
    CHECK(now() == t0);
    CHECK_FALSE(h.syncpt_wait(id, v + 1, 5'000'000));
    CHECK(now() - t0 == 5'000'000);
    CHECK_FALSE(h.syncpt_wait(500, 0, 1'000'000));   // no such syncpoint: no time, no crash
    CHECK(now() - t0 == 5'000'000);

    uint64_t t1 = now();
    sc_core::sc_spawn([&h, id] {
        sc_core::wait(sc_core::sc_time(2, sc_core::SC_US));
        h.syncpt_incr(id);
    });
    CHECK(h.syncpt_wait(id, v + 1, 10'000'000));
    CHECK(now() - t1 == 2'000'000);
    CHECK(h.syncpt_last_incr_ps(id) == t1 + 2'000'000);
    test::check_sc_reports();
}

TEST_CASE("host1x: CMDPROC_STOP holds the channel before its next word", "[model][host1x][teardown]") {
    b().gr2d.take();
    b().cpu.write(kCmdprocStop124, 1u << 4);
    CHECK(b().cpu.read(kCmdprocStop124) == 1u << 4);
    Pushbuf pb(b().t124, b().cpu, 4, 0x81004000, 4096);
    pb.submit({opcode_setclass(HOST1X_CLASS_GR2D, 0, 0), opcode_imm(0x41, 1)});
    run_ns(2000);
    CHECK(b().gr2d.writes.empty());
    CHECK(pb.get() == 0);
    b().cpu.write(kCmdprocStop124, 0);
    REQUIRE(pb.drain());
    CHECK(b().gr2d.take() == Writes({{0x41, 1}}));
}

TEST_CASE("host1x: teardown releases a channel blocked on a wait; GET stays; a restart resumes there",
          "[model][host1x][teardown]") {
    b().gr2d.take();
    const uint32_t id = 40;
    uint32_t v = b().t124.syncpt_value(id);
    Pushbuf pb(b().t124, b().cpu, 4, 0x81004000, 4096);
    pb.submit({opcode_setclass(HOST1X_CLASS_HOST1X, HOST1X_UCLASS_WAIT_SYNCPT, 1), class_host_wait_syncpt(id, v + 5),
               opcode_setclass(HOST1X_CLASS_GR2D, 0, 0), opcode_imm(0x44, 1)});
    run_ns(2000);
    REQUIRE(b().t124.channel(4).waiting());
    CHECK(pb.get() == 8);
    uint64_t teardowns = cs(4).teardowns;

    // The driver's timeout path: stop the command processor, tear the channel down.
    b().cpu.write(kCmdprocStop124, 1u << 4);
    b().cpu.write(kTeardown124, 1u << 4);
    run_ns(100);
    CHECK_FALSE(b().t124.channel(4).waiting());
    CHECK(b().t124.channel(4).idle());
    CHECK(cs(4).teardowns == teardowns + 1);
    CHECK(pb.get() == 8);
    b().cpu.write(kCmdprocStop124, 0);
    for (int i = 0; i < 5; ++i) b().cpu.write(kCpuIncr124 + 4 * (id / 32), 1u << (id % 32));
    run_ns(2000);
    CHECK(b().gr2d.writes.empty());   // the abandoned wait is gone: nothing runs until restarted

    // Restart with GET restored (DMAPUT = GET, DMAGETRST | DMAINITGET), then the real PUT.
    for (auto [r, v] : Writes{{DMACTRL, STOP}, {DMAPUT, 8}, {DMACTRL, STOP | GETRST | INITGET}, {DMAPUT, pb.put},
                              {DMACTRL, 0}})
        pb.reg(r, v);
    REQUIRE(pb.drain());
    CHECK(b().gr2d.take() == Writes({{0x44, 1}}));
}

TEST_CASE("host1x: teardown aborts the engine the channel is writing to", "[model][host1x][teardown]") {
    b().gr2d.take();
    int aborts = b().gr2d.aborts;
    Pushbuf pb(b().t124, b().cpu, 5, 0x81005000, 4096);
    pb.submit({opcode_setclass(HOST1X_CLASS_GR2D, 0, 0), opcode_imm(kBusyMethod, 20000), opcode_imm(0x45, 1)});
    run_ns(2000);
    REQUIRE(b().gr2d.writes.size() == 1);
    uint64_t td = now();
    b().cpu.write(kTeardown124, 1u << 5);
    run_ns(2000);
    CHECK(b().gr2d.aborts == aborts + 1);
    CHECK(b().gr2d.busy_end_ps == td);
    CHECK(b().gr2d.take() == Writes({{kBusyMethod, 20000}}));   // 0x45 never written
    CHECK(b().t124.channel(5).idle());
}

TEST_CASE("host1x: a fetch no DRAM decodes halts the channel, the MC records the fault, others go on",
          "[model][host1x][fault]") {
    auto& mc = platform().mc;
    size_t ci = client_index(test::soc_info(), "host1xdmar");
    uint64_t mc_faults = mc.fault_count(), client_faults = mc.client_stats()[ci].faults;
    Pushbuf pb(b().t124, b().cpu, 6, 0x40000000, 4096);
    pb.put = 16;
    pb.kick();
    run_ns(2000);
    CHECK(cs(6).halted);
    CHECK(cs(6).halt_reason == HaltReason::FetchFault);
    CHECK(cs(6).faults == 1);
    CHECK(pb.get() == 0);
    CHECK(mc.fault_count() == mc_faults + 1);
    CHECK(mc.client_stats()[ci].faults == client_faults + 1);
    REQUIRE_FALSE(mc.faults().empty());
    CHECK(mc.faults().back().client_id == 0x16);
    CHECK(mc.faults().back().address == 0x40000000);
    CHECK(mc.faults().back().kind == soc::FaultKind::DecodeError);
    platform().cpu.reg_write(soc::MC_INTSTATUS, 0xffffffff);
    platform().cpu.sync();

    b().gr2d.take();
    Pushbuf ok(b().t124, b().cpu, 7, 0x81007000, 4096);
    ok.submit({opcode_setclass(HOST1X_CLASS_GR2D, 0, 0), opcode_imm(0x46, 1)});
    REQUIRE(ok.drain());
    CHECK(b().gr2d.take() == Writes({{0x46, 1}}));

    b().cpu.write(kTeardown124, 1u << 6);   // teardown clears the halt, keeps the reason
    CHECK_FALSE(b().t124.channel(6).halted());
    CHECK(cs(6).halt_reason == HaltReason::FetchFault);
}

TEST_CASE("host1x: CDMA fetches show up in the MC statistics of host1xdmar", "[model][host1x][mc]") {
    auto& mc = platform().mc;
    size_t ci = client_index(test::soc_info(), "host1xdmar");
    b().gr2d.take();
    auto before = mc.client_stats()[ci];
    uint64_t words = cs(7).words_fetched, requests = cs(7).fetch_requests;
    // 100 words from 64 bytes below a page end: the fetches split at the page.
    Pushbuf pb(b().t124, b().cpu, 7, 0x81008fc0, 4096);
    std::vector<uint32_t> job = {opcode_setclass(HOST1X_CLASS_GR2D, 0, 0)};
    for (uint32_t i = 1; i < 100; ++i) job.push_back(opcode_imm(i, i));
    pb.submit(job);
    REQUIRE(pb.drain());
    CHECK(b().gr2d.take().size() == 99);
    const auto& after = mc.client_stats()[ci];
    uint64_t dw = cs(7).words_fetched - words, dr = cs(7).fetch_requests - requests;
    CHECK(dw == 100);
    CHECK(dr == 7);   // 64 bytes up to the page end, then 5 x 64 and 16 bytes
    CHECK(after.requests - before.requests == dr);
    CHECK(after.reads - before.reads == dr);
    CHECK(after.writes == before.writes);
    CHECK(after.bytes - before.bytes == 4 * dw);
}

TEST_CASE("host1x: ids outside the generation's tables and unknown opcodes or classes halt, never crash",
          "[model][host1x][halt]") {
    b().gr2d.take();
    b().gr2d30.take();
    Pushbuf p8(b().t124, b().cpu, 8, 0x81009000, 4096);
    p8.submit({opcode_setclass(HOST1X_CLASS_HOST1X, HOST1X_UCLASS_INCR_SYNCPT, 1), class_host_incr_syncpt(0, 191),
               opcode_imm_incr_syncpt(0, 200), opcode_setclass(HOST1X_CLASS_GR2D, 0, 0), opcode_imm(0x47, 1)});
    Pushbuf p9(b().t124, b().cpu, 9, 0x8100a000, 4096);
    p9.submit({opcode_setclass(HOST1X_CLASS_HOST1X, HOST1X_UCLASS_LOAD_SYNCPT_PAYLOAD_32, 0b101), 1, 1000});
    Pushbuf p10(b().t124, b().cpu, 10, 0x8100b000, 4096);
    p10.submit({opcode_setclass(0x77, 0, 0)});
    Pushbuf p11(b().t124, b().cpu, 11, 0x8100c000, 4096);
    p11.submit({0xf0000000u});
    uint32_t v191 = b().t124.syncpt_value(191);
    REQUIRE(p8.drain());
    REQUIRE(p9.drain());
    REQUIRE(p10.drain());
    REQUIRE(p11.drain());
    CHECK(b().t124.syncpt_value(191) == v191 + 1);   // the increment before the bad one happened
    CHECK(cs(8).halt_reason == HaltReason::SyncptOutOfRange);
    CHECK(cs(9).halt_reason == HaltReason::SyncptOutOfRange);
    CHECK(cs(10).halt_reason == HaltReason::UnknownClass);
    CHECK(cs(11).halt_reason == HaltReason::InvalidOpcode);
    CHECK(cs(11).invalid_opcodes == 1);
    for (uint32_t c : {8u, 9u, 10u, 11u}) CHECK(cs(c).halted);
    CHECK(b().gr2d.writes.empty());

    // Tegra30 (32 syncpoints): 31 is the last one, 40 is out of range.
    Host1x& t30 = b().t30;
    uint32_t v31 = t30.syncpt_value(31);
    Pushbuf q(t30, b().cpu30, 0, 0x8100d000, 4096);
    q.submit({opcode_setclass(HOST1X_CLASS_HOST1X, 0, 0), opcode_imm_incr_syncpt(0, 31), opcode_imm_incr_syncpt(0, 40),
              opcode_setclass(HOST1X_CLASS_GR2D, 0, 0), opcode_imm(0x48, 1)});
    REQUIRE(q.drain());
    CHECK(t30.syncpt_value(31) == v31 + 1);
    CHECK(t30.stats().channels[0].halt_reason == HaltReason::SyncptOutOfRange);
    CHECK(b().gr2d30.writes.empty());

    // A client increment of a syncpoint that does not exist is counted and dropped.
    uint64_t invalid = t30.stats().invalid_syncpt_increments;
    t30.syncpt_incr(32);
    t30.syncpt_incr(0xffffffff);
    CHECK(t30.stats().invalid_syncpt_increments == invalid + 2);
    CHECK(t30.syncpt_value(32) == 0);
    CHECK_FALSE(t30.syncpt_wait(32, 0, 0));
}
