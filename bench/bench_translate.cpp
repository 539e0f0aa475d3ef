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
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "bench/bare_memory.h"
#include "bench/bench_report.h"
#include "bench/bench_types.h"
#include "dts/parser/board.h"
#include "smmu/core/iommu_ops.h"
#include "smmu/core/objects.h"
#include "smmu/tegra/tegra_smmu.h"
#include "soc/platform.h"
#include "soc/tlm/mc_client.h"
#include "soc/tlm/request.h"

namespace {

using namespace socsim;
using namespace socsim::bench;

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
    soc::DramTiming unloaded(hw.dram_bandwidth, hw.dram_latency_ns, info.dram_burst);
    uint64_t mem_delay_ps = opt.mem_delay_ns >= 0
                                ? uint64_t(std::llround(opt.mem_delay_ns * 1000))
                                : unloaded.access(0, data_pa, kLen, false, 0).done_ps;

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

    return print_report({opt, info, *client, *bypass, *platform, mem_delay_ps, bench.phases(), bench.mapped_pages(),
                         bench.setup_sim_ps(), bench.setup_wall_s(), load_before});
}

extern "C" int sc_elab_and_sim(int argc, char* argv[]);  // SystemC's entry (sysc/kernel/sc_externs.h)

int main(int argc, char** argv) {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    return sc_elab_and_sim(argc, argv);
}

