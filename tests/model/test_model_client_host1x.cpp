// [model] host1x: channels, CDMA and syncpoints of a Tegra124 host1x04 on the
// tegra124-test-dma platform (DRAM 0x80000000 + 256 MiB, SMMU in bypass, so
// push-buffer addresses are physical), fetching through the MC on the
// host1xdmar client; plus a Tegra30 host1x01 whose CDMA reads DRAM by
// backdoor, for the per-generation counts and layout.
//
// Checked: opcode encodings (host1x01_hardware.h), the register map
// (hw_host1x0N_{channel,sync}.h offsets, written out below), the exact
// method writes of every opcode as a recording fake engine sees them,
// GATHER (plain and insert), RESTART wrap, WAIT_SYNCPT / WAIT_SYNCPT_32
// (wrap-safe) with their release times, CPU waits and timeouts,
// CMDPROC_STOP, teardown of a waiting and of a writing channel, fetch faults
// in the MC, CDMA traffic in the MC statistics, and halts on ids outside the
// generation's tables. The cases share one platform and run in declaration
// order; each programs the channels it uses from scratch.
#define SC_INCLUDE_DYNAMIC_PROCESSES
#include <catch2/catch.hpp>

#include <utility>
#include <vector>

#include "clients/host1x/host1x.h"
#include "model/model_harness.h"
#include "soc/mc/mc_regs.h"
#include "soc/soc_registry.h"
#include "soc/tlm/request.h"

using namespace socsim;
using namespace socsim::clients::host1x;
using socsim::clients::ChannelStats;
using socsim::clients::HaltReason;
using socsim::clients::Host1x;
using socsim::clients::Host1xClass;
using socsim::clients::kHost1xCyclePs;
using socsim::test::platform;

namespace {

// Reference offsets (tegra-facts §6, hw_host1x04_sync.h / hw_host1x01_sync.h).
constexpr uint32_t kStride = 0x4000;
constexpr uint32_t DMASTART = 0x14, DMAPUT = 0x18, DMAGET = 0x1c, DMAEND = 0x20, DMACTRL = 0x24;
constexpr uint32_t STOP = 1, GETRST = 2, INITGET = 4;
constexpr uint32_t kSyncpt124 = 0x2100 + 0xf80, kCpuIncr124 = 0x2100 + 0xf60;
constexpr uint32_t kCmdprocStop124 = 0x2100 + 0xac, kTeardown124 = 0x2100 + 0xb0;
constexpr uint32_t kSyncpt30 = 0x3000 + 0x400, kCpuIncr30 = 0x3000 + 0x700;
constexpr uint32_t kBusyMethod = 0x7f;   // the fake engine's long operation: IMM value = ns

// A fake engine that records its method writes and their times. Method 0
// (INCR_SYNCPT) increments at once, as an idle engine would; kBusyMethod
// keeps the channel in the write for `value` ns unless aborted.
using Writes = std::vector<std::pair<uint32_t, uint32_t>>;
class RecordingClass : public Host1xClass {
public:
    RecordingClass(uint32_t id, const char* name) : id_(id), name_(name) {}
    uint32_t class_id() const override { return id_; }
    const char* class_name() const override { return name_; }
    void method_write(uint32_t offset, uint32_t value) override {
        writes.emplace_back(offset, value);
        times.push_back(soc::now_ps());
        if (offset == 0 && sync_) sync_->syncpt_incr(value & 0xff);
        if (offset == kBusyMethod) {
            sc_core::wait(sc_core::sc_time(double(value), sc_core::SC_NS), abort_ev_);
            busy_end_ps = soc::now_ps();
        }
    }
    void abort() override {
        ++aborts;
        abort_ev_.notify();
    }
    Writes take() {   // the writes so far (their times stay in `taken_times`)
        taken_times = std::exchange(times, {});
        return std::exchange(writes, {});
    }

    Writes writes;
    std::vector<uint64_t> times, taken_times;
    int aborts = 0;
    uint64_t busy_end_ps = 0;

private:
    uint32_t id_;
    const char* name_;
    sc_core::sc_event abort_ev_;
};

// The CPU's register path, with no cost of its own.
class RegInitiator : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<RegInitiator> socket;
    explicit RegInitiator(sc_core::sc_module_name n) : sc_module(n), socket("socket") {}
    uint32_t read(uint32_t off) {
        uint32_t v = 0xdeadbeef;
        REQUIRE(access(tlm::TLM_READ_COMMAND, off, v) == tlm::TLM_OK_RESPONSE);
        return v;
    }
    void write(uint32_t off, uint32_t v) { REQUIRE(access(tlm::TLM_WRITE_COMMAND, off, v) == tlm::TLM_OK_RESPONSE); }
    tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t off, uint32_t& v, uint32_t len = 4) {
        tlm::tlm_generic_payload t;
        soc::set_request(t, cmd, off, reinterpret_cast<uint8_t*>(&v), len);
        sc_core::sc_time d = sc_core::SC_ZERO_TIME;
        socket->b_transport(t, d);
        return t.get_response_status();
    }
};

// A memory target that serves DRAM by backdoor after 100 ns (the Tegra30
// host1x has no MC of its own on this platform).
class BackdoorMemory : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<BackdoorMemory> socket;
    explicit BackdoorMemory(sc_core::sc_module_name n) : sc_module(n), socket("socket") {
        socket.register_b_transport(this, &BackdoorMemory::b_transport);
    }
    void b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& d) {
        d += sc_core::sc_time(100, sc_core::SC_NS);
        if (!platform().dram.find(t.get_address(), t.get_data_length())) {
            t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
            return;
        }
        if (t.is_read()) platform().dram.read(t.get_address(), t.get_data_ptr(), t.get_data_length());
        else platform().dram.write(t.get_address(), t.get_data_ptr(), t.get_data_length());
        t.set_response_status(tlm::TLM_OK_RESPONSE);
    }
};

struct Bench : sc_core::sc_module {
    soc::PayloadPool pool;
    RecordingClass gr2d{HOST1X_CLASS_GR2D, "gr2d"}, vic{HOST1X_CLASS_VIC, "vic"};
    RecordingClass gr2d30{HOST1X_CLASS_GR2D, "gr2d30"};
    Host1x t124;
    RegInitiator cpu;
    Host1x t30;
    RegInitiator cpu30;
    BackdoorMemory mem30;

    Bench(sc_core::sc_module_name n, soc::Platform& p)
        : sc_module(n), t124("host1x", p.mc.soc(), pool, p.mc.mode()), cpu("cpu"),
          t30("host1x_t30", soc::tegra30(), pool, soc::TimingMode::Fast), cpu30("cpu30"), mem30("mem30") {
        t124.dma_socket.bind(p.mc.ingress(t124.cdma_client().id));   // here: a module under construction
        cpu.socket.bind(t124.reg_socket);
        t124.attach_class(gr2d);
        t124.attach_class(vic);
        t30.dma_socket.bind(mem30.socket);
        cpu30.socket.bind(t30.reg_socket);
        t30.attach_class(gr2d30);
    }
};

Bench* g_bench = nullptr;
Bench& b() { return *g_bench; }

void run_ns(uint64_t ns) {
    sc_core::wait(sc_core::sc_time(double(ns), sc_core::SC_NS));
    test::check_sc_reports();
}

uint64_t now() { return soc::now_ps(); }

// A push buffer of `size` bytes at `pa` for channel `ch`, started with the
// driver's CDMA start sequence; its last slot (offset `size`) holds RESTART(0).
struct Pushbuf {
    Host1x& h;
    RegInitiator& cpu;
    uint32_t ch;
    uint64_t pa;
    uint32_t size;
    uint32_t put = 0;

    Pushbuf(Host1x& host, RegInitiator& c, uint32_t channel, uint64_t base, uint32_t bytes)
        : h(host), cpu(c), ch(channel), pa(base), size(bytes) {
        uint32_t restart = opcode_restart(0);
        if (platform().dram.find(pa + size, 4)) platform().dram.write(pa + size, &restart, 4);
        for (auto [r, v] : Writes{{DMACTRL, STOP}, {DMASTART, uint32_t(pa)}, {DMAPUT, put}, {DMAEND, size + 4},
                                  {DMACTRL, STOP | GETRST | INITGET}, {DMACTRL, 0}})
            reg(r, v);
    }
    void reg(uint32_t r, uint32_t v) { cpu.write(ch * kStride + r, v); }
    uint32_t get() { return cpu.read(ch * kStride + DMAGET); }
    // Writes words at PUT (wrapping to 0 after the RESTART slot) without kicking.
    void push(const std::vector<uint32_t>& words) {
        for (uint32_t w : words) {
            if (put == size) put = 0;
            platform().dram.write(pa + put, &w, 4);
            put += 4;
        }
    }
    void kick() { reg(DMAPUT, put); }
    void submit(const std::vector<uint32_t>& words) { push(words), kick(); }
    // Lets the channel run until it has nothing to do (at most `max_ns`).
    bool drain(uint64_t max_ns = 50000) {
        for (uint64_t t = 0; t < max_ns; t += 100) {
            run_ns(100);
            if (h.channel(ch).idle()) return true;
        }
        return false;
    }
};

size_t client_index(const soc::SocInfo& soc, const char* name) {
    for (size_t i = 0; i < soc.clients.size(); ++i)
        if (soc.clients[i].name == name) return i;
    FAIL("no client " << name);
    return 0;
}

const ChannelStats& cs(uint32_t ch) { return b().t124.stats().channels.at(ch); }

}  // namespace

socsim::test::ModelConfig socsim::test::model_config() {
    ModelConfig c;
    c.board = "dts/examples/tegra124-test-dma.yaml";
    c.elaborate = [](soc::Platform& p) {
        g_bench = new Bench("bench", p);   // lives as long as the process, like the platform's modules
    };
    return c;
}

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
