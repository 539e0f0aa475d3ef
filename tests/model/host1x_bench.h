// Test bench of the host1x model tests (test_model_client_host1x*.cpp):
// a Tegra124 host1x04 on the tegra124-test-dma platform (DRAM 0x80000000 +
// 256 MiB, SMMU in bypass, so push-buffer addresses are physical) fetching
// through the MC on the host1xdmar client, and a Tegra30 host1x01 whose
// CDMA reads DRAM by backdoor; fake engines that record their method
// writes; a CPU register initiator; push-buffer helpers. Each test
// executable includes it once: it also defines the executable's
// model_config().
#pragma once

#include <catch2/catch.hpp>

#include <utility>
#include <vector>

#include "clients/host1x/host1x.h"
#include "model/model_harness.h"
#include "soc/mc/mc_regs.h"
#include "soc/soc_registry.h"
#include "soc/tlm/request.h"

namespace socsim::test::host1x_bench {

using namespace socsim::clients::host1x;
using socsim::clients::ChannelStats;
using socsim::clients::HaltReason;
using socsim::clients::Host1x;
using socsim::clients::Host1xClass;
using socsim::clients::kHost1xCyclePs;
using socsim::test::platform;

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

inline Bench* g_bench = nullptr;
inline Bench& b() { return *g_bench; }

inline void run_ns(uint64_t ns) {
    sc_core::wait(sc_core::sc_time(double(ns), sc_core::SC_NS));
    test::check_sc_reports();
}

inline uint64_t now() { return soc::now_ps(); }

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

inline size_t client_index(const soc::SocInfo& soc, const char* name) {
    for (size_t i = 0; i < soc.clients.size(); ++i)
        if (soc.clients[i].name == name) return i;
    FAIL("no client " << name);
    return 0;
}

inline const ChannelStats& cs(uint32_t ch) { return b().t124.stats().channels.at(ch); }

}  // namespace socsim::test::host1x_bench

socsim::test::ModelConfig socsim::test::model_config() {
    ModelConfig c;
    c.board = "dts/examples/tegra124-test-dma.yaml";
    c.elaborate = [](soc::Platform& p) {
        host1x_bench::g_bench = new host1x_bench::Bench("bench", p);   // lives as long as the process, like the platform's modules
    };
    return c;
}
