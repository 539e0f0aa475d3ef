// bench_translate: translated transactions per second for 64-byte DMA reads
// with temporal decoupling (global quantum 1 us by default), measured in one
// process against the physical limit of the same machine:
//
//  (a)  a bare TLM initiator -> memory loop: a minimal target that copies the
//       bytes out of a plain host buffer and adds a fixed delay, by default
//       the board DRAM's unloaded 64-byte read time, so that (a) synchronises
//       as often as the MC phases (the reference every ratio is taken to);
//  (a0) the same with a 1 ns delay (about one sync per 1000 transactions:
//       the loop's raw cost, the figure ARCHITECTURE.md quotes);
//  (a2) (a) with the target's bytes in a SparseMemory, the store the DRAM
//       model uses (what storage alone costs);
//  (b)  the same traffic on a memory client's ingress of the real memory
//       controller + SMMU + DRAM, its swgroup attached to a paging domain,
//       hitting in the SMMU TLB (a window of fewer pages than TLB lines);
//  (c)  the same with a TLB miss and a page-table walk on every request
//       (4 KiB stride over many more pages than TLB lines);
//  (d)  the same traffic through the MC on a client whose swgroup is not
//       attached (SMMU bypass).
//
// Every phase runs the same initiator loop (one reused payload, a
// tlm_quantumkeeper used as the test DMA engine uses it: set / need_sync /
// sync). Setup (the tegra-smmu driver's probe, domain_alloc, attach_dev and
// map over the platform's TLM ports; preloading data) happens before any
// timed region; each phase is timed alone with steady_clock, after one
// untimed pilot round (warm-up, and sizing each phase to --target-seconds
// unless --transactions is given), repeated --reps times interleaved
// (a0, a, a2, b, c, d per repetition) and reported as the median. Nothing
// is hard-coded: the figures are whatever this machine measures.
//
// SystemC elaborates once per process: one Bench module's thread runs the
// setup and all phases in sequence.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "dts/parser/board.h"
#include "smmu/core/iommu_ops.h"
#include "smmu/core/objects.h"
#include "smmu/tegra/tegra_smmu.h"
#include "soc/platform.h"
#include "soc/sparse_memory.h"
#include "soc/tlm/mc_client.h"
#include "soc/tlm/request.h"

#ifndef SOCSIM_SOURCE_DIR
#define SOCSIM_SOURCE_DIR "."
#endif
#ifndef SOCSIM_BENCH_BUILD
#define SOCSIM_BENCH_BUILD "unknown build"
#endif

namespace {

using namespace socsim;
using Clock = std::chrono::steady_clock;

constexpr uint32_t kLen = 64;        // bytes per request
constexpr uint64_t kPage = 4096;

struct Options {
    std::string board = std::string(SOCSIM_SOURCE_DIR) + "/dts/examples/tegra124-test-dma.yaml";
    std::string client = "msencsrd";        // translated client
    std::string bypass_client = "tsecsrd";  // client of a swgroup left unattached
    uint64_t transactions = 0;              // 0: per phase, sized to --target-seconds
    double target_seconds = 0.3;
    int reps = 5;
    uint32_t hit_pages = 16;                // (b): window, fewer pages than TLB lines
    uint32_t walk_pages = 4096;             // (c): many more pages than TLB lines
    double quantum_ns = 1000;
    double mem_delay_ns = -1;               // (a): < 0 = DRAM's unloaded 64-byte read time
    std::vector<std::string> phases = {"a0", "a", "a2", "b", "c", "d"};
    std::string json;
};

// Counters of the SMMU datapath, to report what a phase really did.
struct SmmuCounts {
    uint64_t translations = 0, bypassed = 0, tlb_lookups = 0, tlb_hits = 0, tlb_misses = 0;
    uint64_t ptc_lookups = 0, ptc_hits = 0, ptc_misses = 0, walks = 0;

    static SmmuCounts of(const smmu::SmmuStats& s) {
        return {s.translations, s.bypassed, s.tlb_lookups, s.tlb_hits, s.tlb_misses,
                s.ptc_lookups,  s.ptc_hits, s.ptc_misses,  s.walks};
    }
    SmmuCounts operator-(const SmmuCounts& o) const {
        return {translations - o.translations, bypassed - o.bypassed,   tlb_lookups - o.tlb_lookups,
                tlb_hits - o.tlb_hits,         tlb_misses - o.tlb_misses, ptc_lookups - o.ptc_lookups,
                ptc_hits - o.ptc_hits,         ptc_misses - o.ptc_misses, walks - o.walks};
    }
};

struct Sample {
    uint64_t transactions = 0;
    double wall_s = 0;
    uint64_t sim_ps = 0;
    uint64_t errors = 0;       // error responses seen by the initiator
    uint64_t mc_faults = 0;    // faults the MC recorded
    SmmuCounts smmu;
};

enum class Kind { BareFast, BarePlain, BareSparse, TlbHit, TlbMiss, Bypass };

struct Phase {
    Kind kind;
    std::string id;
    std::string name;
    uint64_t transactions = 0;
    std::vector<Sample> samples;   // timed repetitions only
};

// Stores for the bare target. PlainStore: one contiguous host buffer (the
// physical limit). SparseStore: the SparseMemory the DRAM model keeps (a
// page lookup per access), to show what storage alone costs.
class PlainStore {
public:
    PlainStore(uint64_t base, uint64_t size) : base_(base), bytes_(size) {}
    bool contains(uint64_t a, uint64_t len) const { return a >= base_ && len <= bytes_.size() && a - base_ <= bytes_.size() - len; }
    void read(uint64_t a, void* out, uint64_t len) const { std::memcpy(out, bytes_.data() + (a - base_), len); }
    void write(uint64_t a, const void* in, uint64_t len) { std::memcpy(bytes_.data() + (a - base_), in, len); }

private:
    uint64_t base_;
    std::vector<uint8_t> bytes_;
};
using SparseStore = soc::SparseMemory;

// (a)'s target: copies the bytes out of its store and adds a fixed delay.
template <class Store>
class BareMemory : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<BareMemory> socket;

    BareMemory(sc_core::sc_module_name name, uint64_t base, uint64_t size, sc_core::sc_time delay)
        : sc_module(name), socket("socket"), mem_(base, size), delay_(delay) {
        socket.register_b_transport(this, &BareMemory::b_transport);
    }
    Store& memory() { return mem_; }

private:
    void b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay) {
        uint64_t addr = t.get_address(), len = t.get_data_length();
        if (!mem_.contains(addr, len)) {
            t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
            return;
        }
        if (t.is_read()) mem_.read(addr, t.get_data_ptr(), len);
        else if (t.is_write()) mem_.write(addr, t.get_data_ptr(), len);
        delay += delay_;
        t.set_response_status(tlm::TLM_OK_RESPONSE);
    }

    Store mem_;
    sc_core::sc_time delay_;
};

// Sequential 64-byte requests over a window, wrapping at its end.
struct SeqAddr {
    uint64_t base, window, off = 0;
    uint64_t operator()() {
        uint64_t a = base + off;
        off += kLen;
        if (off == window) off = 0;
        return a;
    }
};

// One request per 4 KiB page, page after page, wrapping after `pages`.
struct PageStrideAddr {
    uint64_t base, pages, page = 0;
    uint64_t operator()() {
        uint64_t a = base + page * kPage;
        if (++page == pages) page = 0;
        return a;
    }
};

class Bench : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<Bench> fast_socket;    // -> BareMemory<PlainStore>, 1 ns delay
    tlm_utils::simple_initiator_socket<Bench> plain_socket;   // -> BareMemory<PlainStore>
    tlm_utils::simple_initiator_socket<Bench> sparse_socket;  // -> BareMemory<SparseStore>
    tlm_utils::simple_initiator_socket<Bench> client_socket;  // -> MC ingress of the translated client
    tlm_utils::simple_initiator_socket<Bench> bypass_socket;  // -> MC ingress of the bypass client

    // Layout.
    static constexpr uint64_t kBareBase = 0x10000000;
    static constexpr uint64_t kIovaBase = 0x40000000;

    SC_HAS_PROCESS(Bench);
    Bench(sc_core::sc_module_name name, const Options& opt, const dts::Board& board, soc::Platform& p,
          const soc::MemoryClient& client, const soc::MemoryClient& bypass, uint64_t data_pa,
          sc_core::sc_time bare_delay)
        : sc_module(name),
          fast_socket("fast_socket"),
          plain_socket("plain_socket"),
          sparse_socket("sparse_socket"),
          client_socket("client_socket"),
          bypass_socket("bypass_socket"),
          opt_(opt),
          board_(board),
          p_(p),
          fast_("fast_memory", kBareBase, uint64_t(opt.hit_pages) * kPage, sc_core::sc_time(1, sc_core::SC_NS)),
          plain_("plain_memory", kBareBase, uint64_t(opt.hit_pages) * kPage, bare_delay),
          sparse_("sparse_memory", kBareBase, uint64_t(opt.hit_pages) * kPage, bare_delay),
          client_(client),
          bypass_(bypass),
          data_pa_(data_pa) {
        for (const std::string& id : opt.phases) {
            if (id == "a0") add_phase(Kind::BareFast, id, "bare initiator -> plain buffer, 1 ns delay");
            if (id == "a")
                add_phase(Kind::BarePlain, id,
                          fmt::format("bare initiator -> plain buffer, {:g} ns delay", bare_delay.to_seconds() * 1e9));
            if (id == "a2")
                add_phase(Kind::BareSparse, id,
                          fmt::format("bare initiator -> SparseMemory, {:g} ns delay", bare_delay.to_seconds() * 1e9));
            if (id == "b") add_phase(Kind::TlbHit, id, fmt::format("MC+SMMU, TLB hit ({} pages)", opt.hit_pages));
            if (id == "c")
                add_phase(Kind::TlbMiss, id, fmt::format("MC+SMMU, TLB miss ({} pages, 4K stride)", opt.walk_pages));
            if (id == "d") add_phase(Kind::Bypass, id, "MC, SMMU bypass (swgroup not attached)");
        }
        fast_socket.bind(fast_.socket);
        plain_socket.bind(plain_.socket);
        sparse_socket.bind(sparse_.socket);
        // The MC creates a client's ingress on first use; inside a module's
        // constructor, as Platform does for its engines (SystemC refuses
        // sockets created outside the module hierarchy).
        client_socket.bind(p.mc.ingress(client.id));
        bypass_socket.bind(p.mc.ingress(bypass.id));
        SC_THREAD(thread_main);
    }

    const std::vector<Phase>& phases() const { return phases_; }
    void add_phase(Kind kind, const std::string& id, std::string name) {
        Phase ph;
        ph.kind = kind;
        ph.id = id;
        ph.name = std::move(name);
        phases_.push_back(std::move(ph));
    }
    bool ok() const { return ok_; }
    const std::string& failure() const { return failure_; }
    double setup_wall_s() const { return setup_wall_s_; }
    uint64_t setup_sim_ps() const { return setup_sim_ps_; }
    uint64_t mapped_pages() const { return mapped_pages_; }

private:
    // The initiator loop every phase runs.
    template <class Socket, class Next>
    Sample run_loop(Socket& socket, tlm::tlm_generic_payload& trans, uint64_t n, Next next) {
        const smmu::SmmuModel& smmu = p_.mc.smmu();
        SmmuCounts s0 = SmmuCounts::of(smmu.stats());
        uint64_t faults0 = p_.mc.fault_count();
        uint64_t sim0 = soc::now_ps();
        uint64_t errors = 0;
        keeper_.reset();
        auto t0 = Clock::now();
        for (uint64_t i = 0; i < n; ++i) {
            soc::set_request(trans, tlm::TLM_READ_COMMAND, next(), buf_, kLen);
            soc::transport_lt(socket, trans, keeper_, false);
            errors += trans.is_response_error();
        }
        keeper_.sync();
        auto t1 = Clock::now();
        Sample s;
        s.transactions = n;
        s.wall_s = std::chrono::duration<double>(t1 - t0).count();
        s.sim_ps = soc::now_ps() - sim0;
        s.errors = errors;
        s.mc_faults = p_.mc.fault_count() - faults0;
        s.smmu = SmmuCounts::of(smmu.stats()) - s0;
        return s;
    }

    Sample run_phase(Kind kind, uint64_t n) {
        uint64_t window = uint64_t(opt_.hit_pages) * kPage;
        switch (kind) {
            case Kind::BareFast: return run_loop(fast_socket, bare_trans_, n, SeqAddr{kBareBase, window});
            case Kind::BarePlain: return run_loop(plain_socket, bare_trans_, n, SeqAddr{kBareBase, window});
            case Kind::BareSparse: return run_loop(sparse_socket, bare_trans_, n, SeqAddr{kBareBase, window});
            case Kind::TlbHit: return run_loop(client_socket, client_trans_, n, SeqAddr{kIovaBase, window});
            case Kind::TlbMiss:
                return run_loop(client_socket, client_trans_, n, PageStrideAddr{kIovaBase, opt_.walk_pages});
            case Kind::Bypass: break;
        }
        return run_loop(bypass_socket, bypass_trans_, n, SeqAddr{data_pa_, window});
    }

    void fail(std::string why) {
        if (ok_) failure_ = std::move(why);
        ok_ = false;
    }

    // Probe the tegra-smmu driver over the platform's TLM ports, allocate a
    // paging domain, attach the client's swgroup and map the data pages.
    void setup() {
        auto w0 = Clock::now();
        uint64_t sim0 = soc::now_ps();
        const dts::Board& board = board_;
        const dts::MemoryRegion& r = board.memory.front();   // page tables where runs keep them
        smmu::TegraSmmu driver(*board.soc, p_.mc_port, p_.dram_port,
                               smmu::PagePool::top_of_dram(r.base, r.size, board.soc->num_address_bits));
        driver.probe();
        iommu::Domain domain;
        domain.name = "bench";
        domain.type = iommu::DomainType::Paging;
        domain.api = iommu::AllocApi::Paging;
        domain.hw = driver.domain_alloc(domain);
        if (domain.hw < 0) return fail("domain_alloc failed: " + std::to_string(domain.hw));
        iommu::Device dev;
        dev.name = "bench-dma";
        dev.swgroups = {std::string(client_.swgroup)};
        int rc = driver.attach_dev(domain, dev);
        if (rc != 0) return fail("attach_dev failed: " + std::to_string(rc));
        uint64_t pages = std::max<uint64_t>(opt_.walk_pages, opt_.hit_pages);
        rc = driver.map(domain, kIovaBase, data_pa_, pages * kPage, iommu::kProtRead | iommu::kProtWrite);
        if (rc != 0) return fail("map failed: " + std::to_string(rc));
        p_.cpu.sync();
        mapped_pages_ = pages;
        // Data: every page touched (a pattern), so reads copy real bytes.
        std::vector<uint8_t> page(kPage);
        for (uint64_t i = 0; i < pages; ++i) {
            std::fill(page.begin(), page.end(), uint8_t(i));
            p_.dram.write(data_pa_ + i * kPage, page.data(), kPage);
        }
        for (uint64_t i = 0; i < opt_.hit_pages; ++i) {
            std::fill(page.begin(), page.end(), uint8_t(i));
            fast_.memory().write(kBareBase + i * kPage, page.data(), kPage);
            plain_.memory().write(kBareBase + i * kPage, page.data(), kPage);
            sparse_.memory().write(kBareBase + i * kPage, page.data(), kPage);
        }
        setup_sim_ps_ = soc::now_ps() - sim0;
        setup_wall_s_ = std::chrono::duration<double>(Clock::now() - w0).count();
    }

    static void set_client(tlm::tlm_generic_payload& t, uint32_t id) {
        t.set_extension(new soc::McClientExtension(id));  // freed by the payload
    }

    bool check(const Phase& ph, const Sample& s) {
        if (s.errors || s.mc_faults) {
            fail(fmt::format("phase ({}) saw {} error responses and {} MC faults", ph.id, s.errors, s.mc_faults));
            return false;
        }
        return true;
    }

    // One untimed read per path of a page whose bytes all hold its index:
    // the data must come back from the page the mapping (or bypass) names.
    void verify() {
        uint64_t k = std::min<uint64_t>(5, opt_.hit_pages - 1);
        struct Path {
            const char* what;
            tlm_utils::simple_initiator_socket<Bench>& socket;
            tlm::tlm_generic_payload& trans;
            uint64_t addr;
        } paths[] = {{"bare plain", plain_socket, bare_trans_, kBareBase + k * kPage},
                     {"bare sparse", sparse_socket, bare_trans_, kBareBase + k * kPage},
                     {"translated", client_socket, client_trans_, kIovaBase + k * kPage},
                     {"bypass", bypass_socket, bypass_trans_, data_pa_ + k * kPage}};
        for (const Path& path : paths) {
            std::fill(std::begin(buf_), std::end(buf_), uint8_t(0xee));
            Sample s = run_loop(path.socket, path.trans, 1, SeqAddr{path.addr, kPage});
            bool same = std::all_of(std::begin(buf_), std::end(buf_), [&](uint8_t b) { return b == uint8_t(k); });
            if (s.errors || s.mc_faults || !same)
                return fail(fmt::format("{} read of page {} returned wrong data or an error", path.what, k));
        }
    }

    void thread_main() {
        set_client(client_trans_, client_.id);
        set_client(bypass_trans_, bypass_.id);
        setup();
        if (ok_) verify();
        if (!ok_) return;
        // Warm-up and sizing round (untimed): per phase, pilot runs growing
        // until one lasts 50 ms, or one run of --transactions when given.
        for (Phase& ph : phases_) {
            uint64_t n = opt_.transactions ? opt_.transactions : 100'000;
            Sample s;
            for (;;) {
                s = run_phase(ph.kind, n);
                if (!check(ph, s)) return;
                if (opt_.transactions || s.wall_s >= 0.05 || n >= (1ull << 32)) break;
                n *= 4;
            }
            if (opt_.transactions) {
                ph.transactions = opt_.transactions;
            } else {
                double per_tx = s.wall_s / double(s.transactions);
                double want = opt_.target_seconds / std::max(per_tx, 1e-12);
                // Two significant digits, at least 100000.
                double mag = std::pow(10.0, std::floor(std::log10(want)) - 1);
                ph.transactions = std::max<uint64_t>(100'000, uint64_t(std::round(want / mag) * mag));
            }
        }
        for (int rep = 0; rep < opt_.reps; ++rep)
            for (Phase& ph : phases_) {
                Sample s = run_phase(ph.kind, ph.transactions);
                if (!check(ph, s)) return;
                ph.samples.push_back(s);
            }
    }

    const Options& opt_;
    const dts::Board& board_;
    soc::Platform& p_;
    BareMemory<PlainStore> fast_;
    BareMemory<PlainStore> plain_;
    BareMemory<SparseStore> sparse_;
    const soc::MemoryClient& client_;
    const soc::MemoryClient& bypass_;
    uint64_t data_pa_;
    tlm_utils::tlm_quantumkeeper keeper_;
    tlm::tlm_generic_payload bare_trans_, client_trans_, bypass_trans_;
    uint8_t buf_[kLen] = {};
    std::vector<Phase> phases_;
    bool ok_ = true;
    std::string failure_;
    double setup_wall_s_ = 0;
    uint64_t setup_sim_ps_ = 0;
    uint64_t mapped_pages_ = 0;
};

// --- report ---

struct Summary {
    size_t median_index = 0;   // the sample whose wall time is the median
    double wall_median = 0, wall_min = 0, wall_max = 0;
    double mtx_s = 0;
};

Summary summarize(const Phase& ph) {
    std::vector<size_t> order(ph.samples.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t x, size_t y) { return ph.samples[x].wall_s < ph.samples[y].wall_s; });
    Summary s;
    size_t n = order.size();
    s.median_index = order[n / 2];
    s.wall_median = n % 2 ? ph.samples[order[n / 2]].wall_s
                          : 0.5 * (ph.samples[order[n / 2 - 1]].wall_s + ph.samples[order[n / 2]].wall_s);
    s.wall_min = ph.samples[order.front()].wall_s;
    s.wall_max = ph.samples[order.back()].wall_s;
    s.mtx_s = double(ph.transactions) / s.wall_median / 1e6;
    return s;
}

std::string compiler() {
#if defined(__clang__)
    return std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
    return std::string("g++ ") + __VERSION__;
#else
    return "unknown compiler";
#endif
}

// The 1-minute load average (other work on the machine skews every figure).
std::string loadavg() {
    std::ifstream f("/proc/loadavg");
    std::string one;
    return f >> one ? one : std::string("unknown");
}

std::string sim_time_text(uint64_t ps) {
    if (ps >= 1'000'000'000'000ull) return fmt::format("{:.3f} s", double(ps) / 1e12);
    if (ps >= 1'000'000'000ull) return fmt::format("{:.3f} ms", double(ps) / 1e9);
    return fmt::format("{:.3f} us", double(ps) / 1e6);
}

std::string pct(uint64_t num, uint64_t den) {
    if (!den) return "-";
    double p = 100.0 * double(num) / double(den);
    if (num == 0 || num == den || p >= 1.0) return fmt::format("{:.1f}%", p);
    return fmt::format("{:.2g}%", p);   // small but not zero: keep it visible
}

}  // namespace

extern "C" int sc_main(int argc, char** argv) {
    Options opt;
    CLI::App app{"bench_translate: translated 64-byte DMA reads per second through the MC and SMMU, "
                 "against a bare TLM memory loop"};
    app.add_option("--reps", opt.reps, "timed repetitions per phase; the median is reported")
        ->check(CLI::Range(1, 1000));
    app.add_option("--transactions", opt.transactions,
                   "transactions per phase and repetition (default: sized per phase to --target-seconds "
                   "from an untimed pilot run)");
    app.add_option("--target-seconds", opt.target_seconds, "wall time per phase when sizing automatically")
        ->check(CLI::Range(0.01, 60.0));
    app.add_option("--phases", opt.phases, "phases to run, in this order (default a0,a,a2,b,c,d)")
        ->delimiter(',')
        ->check(CLI::IsMember({"a0", "a", "a2", "b", "c", "d"}));
    app.add_option("--json", opt.json, "also write the figures to this JSON file");
    app.add_option("--board", opt.board, "board file (default: dts/examples/tegra124-test-dma.yaml)");
    app.add_option("--client", opt.client, "memory client whose swgroup is attached (default msencsrd)");
    app.add_option("--bypass-client", opt.bypass_client,
                   "memory client for (d), its swgroup left unattached (default tsecsrd)");
    app.add_option("--hit-pages", opt.hit_pages, "(a)(b)(d): pages of the sequential window")
        ->check(CLI::Range(1u, 1u << 16));
    app.add_option("--walk-pages", opt.walk_pages, "(c): pages swept at 4 KiB stride")
        ->check(CLI::Range(1u, 1u << 16));
    app.add_option("--quantum-ns", opt.quantum_ns, "global quantum (default 1000 ns)")->check(CLI::Range(1.0, 1e9));
    app.add_option("--mem-delay-ns", opt.mem_delay_ns,
                   "(a): delay the bare memory adds per request (default: the board DRAM's unloaded "
                   "64-byte read time, so every loop synchronises about as often)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {   // --help
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }

    const std::string load_before = loadavg();
    Diagnostics diags;
    std::optional<dts::Board> board = dts::load_board(opt.board, diags);
    if (!board || diags.has_errors() || !board->soc) {
        diags.print(std::cerr);
        std::cerr << "bench_translate: cannot use board " << opt.board << "\n";
        return 2;
    }
    const soc::SocInfo& info = *board->soc;
    const soc::MemoryClient* client = info.find_client(std::string_view(opt.client));
    const soc::MemoryClient* bypass = info.find_client(std::string_view(opt.bypass_client));
    if (!client || client->swgroup.empty() || !bypass) {
        std::cerr << "bench_translate: no translatable client " << opt.client << " or no client "
                  << opt.bypass_client << " on " << info.name << "\n";
        return 2;
    }
    if (bypass->swgroup == client->swgroup) {
        std::cerr << "bench_translate: the bypass client must not share the swgroup " << client->swgroup << "\n";
        return 2;
    }
    const dts::MemoryRegion& dram = board->memory.front();
    uint64_t pages = std::max(opt.walk_pages, opt.hit_pages);
    uint64_t data_pa = dram.base + (16ull << 20);   // clear of anything at the bottom
    if (data_pa + pages * kPage > dram.base + dram.size - (4ull << 20)) {
        std::cerr << "bench_translate: " << pages << " pages do not fit in DRAM below the page-table pool\n";
        return 2;
    }

    const soc::HwParams& hw = board->settings.hw;
    soc::DramTiming unloaded(hw.dram_bandwidth, hw.dram_latency_ns, info.atom_size);
    uint64_t mem_delay_ps = opt.mem_delay_ns >= 0
                                ? uint64_t(std::llround(opt.mem_delay_ns * 1000))
                                : unloaded.access(0, data_pa, kLen, false).done_ps;

    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(opt.quantum_ns, sc_core::SC_NS));
    auto platform = std::make_unique<soc::Platform>("soc", *board,
                                                    std::map<const dts::DtNode*, clients::TestDmaConfig>{},
                                                    soc::TimingMode::Fast);
    Bench bench("bench", opt, *board, *platform, *client, *bypass, data_pa, soc::from_ps(mem_delay_ps));

    sc_core::sc_start();

    if (!bench.ok()) {
        std::cerr << "bench_translate: " << bench.failure() << "\n";
        return 1;
    }

    // --- print ---
    std::string sysc = sc_core::sc_version();
    if (auto nl = sysc.find('\n'); nl != std::string::npos) sysc.resize(nl);
    unsigned nproc = std::thread::hardware_concurrency();
    std::string build = SOCSIM_BENCH_BUILD;
    const std::string load_after = loadavg();
    std::cout << fmt::format("machine: nproc {}, {}, {}, build {}, load average {} before / {} after\n", nproc,
                             compiler(), sysc, build, load_before, load_after);
    std::cout << fmt::format(
        "setup: board {} ({}), quantum {} ns, {}-byte reads, {} timed reps per phase (median), "
        "client {} (0x{:x}, swgroup {}) attached to a paging domain, bypass client {} (0x{:x}, swgroup {}); "
        "TLB {} lines, PTC {} lines x {} B; bare memory delay {:.3f} ns; mapped {} pages in {} simulated, "
        "{:.3f} s wall (untimed)\n",
        opt.board, info.name, opt.quantum_ns, kLen, opt.reps, client->name, client->id, client->swgroup,
        bypass->name, bypass->id, bypass->swgroup, platform->mc.smmu().tlb().lines(),
        platform->mc.smmu().ptc().lines(), platform->mc.smmu().ptc().atom_size(), double(mem_delay_ps) / 1000,
        bench.mapped_pages(), sim_time_text(bench.setup_sim_ps()), bench.setup_wall_s());
    std::cout << "\n";
    std::cout << fmt::format("{:<52} {:>12} {:>9} {:>19} {:>8} {:>7} {:>12} {:>9} {:>8} {:>8}\n", "phase",
                             "transactions", "wall s", "min..max s", "M tx/s", "vs (a)", "sim time", "TLB miss",
                             "PTC hit", "walks/tx");
    const auto& phases = bench.phases();
    double base_mtx = 0;   // (a)'s rate; 0 when (a) did not run
    for (const Phase& ph : phases)
        if (ph.kind == Kind::BarePlain) base_mtx = summarize(ph).mtx_s;
    nlohmann::ordered_json jphases = nlohmann::ordered_json::array();
    for (const Phase& ph : phases) {
        Summary s = summarize(ph);
        const Sample& m = ph.samples[s.median_index];
        std::string label = fmt::format("({}) {}", ph.id, ph.name);
        bool smmu_used = m.smmu.tlb_lookups > 0;
        std::cout << fmt::format("{:<52} {:>12} {:>9.3f} {:>19} {:>8.2f} {:>7} {:>12} {:>9} {:>8} {:>8}\n", label,
                                 ph.transactions, s.wall_median, fmt::format("{:.3f}..{:.3f}", s.wall_min, s.wall_max),
                                 s.mtx_s, base_mtx > 0 ? fmt::format("{:.3f}", s.mtx_s / base_mtx) : "-",
                                 sim_time_text(m.sim_ps),
                                 smmu_used ? pct(m.smmu.tlb_misses, m.smmu.tlb_lookups) : "-",
                                 m.smmu.ptc_lookups ? pct(m.smmu.ptc_hits, m.smmu.ptc_lookups) : "-",
                                 smmu_used ? fmt::format("{:.3f}", double(m.smmu.walks) / double(m.transactions))
                                           : "-");
        nlohmann::ordered_json j;
        j["id"] = ph.id;
        j["name"] = ph.name;
        j["transactions"] = ph.transactions;
        std::vector<double> walls;
        for (const Sample& x : ph.samples) walls.push_back(x.wall_s);
        j["wall_s"] = walls;
        j["wall_s_median"] = s.wall_median;
        j["mtx_per_s"] = s.mtx_s;
        if (base_mtx > 0) j["ratio_to_a"] = s.mtx_s / base_mtx;
        j["sim_time_ps"] = m.sim_ps;
        j["smmu"] = {{"translations", m.smmu.translations}, {"bypassed", m.smmu.bypassed},
                     {"tlb_lookups", m.smmu.tlb_lookups},   {"tlb_hits", m.smmu.tlb_hits},
                     {"tlb_misses", m.smmu.tlb_misses},     {"ptc_lookups", m.smmu.ptc_lookups},
                     {"ptc_hits", m.smmu.ptc_hits},         {"ptc_misses", m.smmu.ptc_misses},
                     {"walks", m.smmu.walks}};
        jphases.push_back(j);
    }
    std::cout << fmt::format(
        "\nwall s: median of the timed reps; M tx/s = transactions / median wall s; TLB miss, PTC hit and "
        "walks/tx from mc.smmu().stats() over the median rep; sim time: simulated time that rep covered.\n");

    if (!opt.json.empty()) {
        nlohmann::ordered_json out;
        out["machine"] = {{"nproc", nproc}, {"compiler", compiler()}, {"systemc", sysc}, {"build", build},
                          {"loadavg_before", load_before}, {"loadavg_after", load_after}};
        out["config"] = {{"board", opt.board},
                         {"soc", std::string(info.name)},
                         {"quantum_ns", opt.quantum_ns},
                         {"request_bytes", kLen},
                         {"reps", opt.reps},
                         {"client", std::string(client->name)},
                         {"bypass_client", std::string(bypass->name)},
                         {"hit_pages", opt.hit_pages},
                         {"walk_pages", opt.walk_pages},
                         {"tlb_lines", platform->mc.smmu().tlb().lines()},
                         {"ptc_lines", platform->mc.smmu().ptc().lines()},
                         {"bare_memory_delay_ps", mem_delay_ps}};
        out["phases"] = jphases;
        std::ofstream f(opt.json);
        f << out.dump(2) << "\n";
        if (!f) {
            std::cerr << "bench_translate: cannot write " << opt.json << "\n";
            return 1;
        }
    }
    return 0;
}

extern "C" int sc_elab_and_sim(int argc, char* argv[]);  // SystemC's entry (sysc/kernel/sc_externs.h)

int main(int argc, char** argv) {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    return sc_elab_and_sim(argc, argv);
}
