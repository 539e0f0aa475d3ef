// The scaling tables: simulated time (the steady reference workload over
// 1, 2 and 4 s), clients (1 to 8 test DMA engines with the same traffic
// each), DRAM size (the same traffic on 256 MiB .. 4 GiB of DRAM) and
// mapped memory (4 .. 256 MiB mapped and written). Repetitions are
// interleaved across a table's rows; each cell is the median.
#include <map>

#include <fmt/format.h>

#include "bench/suite_sections.h"
#include "bench/suite_tables.h"

namespace socsim::bench {

namespace {

std::string size_text(uint64_t bytes) {
    if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0) return fmt::format("{} GiB", bytes >> 30);
    if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
    return fmt::format("{} KiB", bytes >> 10);
}

// Medians of a row's repetitions.
struct RowStats {
    std::vector<double> wall, rss, sim_s;
    uint64_t transactions = 0, resident_pages = 0;
    void add(const SocsimResult& r) {
        wall.push_back(r.wall_s);
        rss.push_back(r.rss_mib());
        sim_s.push_back(double(r.sim_ns) / 1e9);
        transactions = r.transactions;       // the same workload every time
        resident_pages = r.resident_pages;
    }
    double wall_m() const { return stat_of(wall).median; }
    double rss_m() const { return stat_of(rss).median; }
    double sim_m() const { return stat_of(sim_s).median; }
    double ns_per_tx() const { return transactions ? wall_m() / double(transactions) * 1e9 : 0; }
};

}  // namespace

Sizes quick_sizes() {
    Sizes s;
    s.reps = 1;
    s.translate_transactions = 20'000;
    s.jobs_duration = "20ms";
    s.steady_duration = "40ms";                 // two frames: the heads' bandwidth bounds need one
    s.time_durations = {"40ms", "50ms", "60ms"};
    s.client_map_bytes = 64 << 10;
    s.dram_map_bytes = 64 << 10;
    s.mapped_sizes = {64 << 10, 256 << 10, 1 << 20};
    s.callgrind_duration = "2ms";
    s.callgrind_transactions = 10'000;
    return s;
}

SocsimResult Suite::dma_run(const std::string& name, const DmaWorkload& w) {
    std::string error;
    std::string path = write_dma_workload(run_.workdir(), name, w, error);
    if (path.empty()) throw BenchError(error);
    SocsimResult r = run_.socsim(opt_.build, path, {});
    if (r.transactions != dma_transactions(w))
        throw BenchError(fmt::format("{}: {} transactions, expected {}", path, r.transactions, dma_transactions(w)));
    return r;
}

void Suite::time_scaling() {
    const auto& durations = opt_.sizes.time_durations;
    std::map<std::string, RowStats> rows;
    for (int rep = 0; rep < opt_.sizes.reps; ++rep)
        for (const auto& d : durations)
            rows[d].add(run_.socsim(opt_.build, scenario(kSteadyScenario), {"--duration", d}));
    Table t;
    t.id = "time";
    t.title = "Scaling with simulated time: the reference workload (e) over longer runs";
    t.columns = {"duration", "transactions", "wall s", "wall s per sim s", "vs first row", "M tx/s", "peak RSS MiB"};
    double first = 0;
    for (const auto& d : durations) {
        const RowStats& r = rows[d];
        double per = r.sim_m() > 0 ? r.wall_m() / r.sim_m() : 0;
        if (first == 0) first = per;
        double mtx = r.wall_m() > 0 ? double(r.transactions) / r.wall_m() / 1e6 : 0;
        t.rows.push_back({d, std::to_string(r.transactions), num(r.wall_m()), num(per),
                          first > 0 ? num(per / first) : "-", num(mtx), num(r.rss_m())});
        t.rows_json.push_back({{"duration", d}, {"sim_s", r.sim_m()}, {"transactions", r.transactions},
                               {"wall_s", r.wall}, {"wall_s_median", r.wall_m()}, {"wall_per_sim_s", per},
                               {"mtx_per_s", mtx}, {"peak_rss_mib", r.rss_m()}});
    }
    t.notes.push_back("Linear cost: wall s per simulated s stays flat (vs first row about 1).");
    tables_.push_back(std::move(t));
}

void Suite::client_scaling() {
    std::map<unsigned, RowStats> rows;
    DmaWorkload w;
    w.map_bytes = opt_.sizes.client_map_bytes;
    for (int rep = 0; rep < opt_.sizes.reps; ++rep)
        for (unsigned n : opt_.sizes.client_counts) {
            w.engines = n;
            rows[n].add(dma_run(fmt::format("clients-{}", n), w));
        }
    Table t;
    t.id = "clients";
    t.title = fmt::format("Scaling with clients: 1 to {} test DMA engines, each in its own domain, each writing {} "
                          "once and reading it {} times (64-byte requests, engines take turns)",
                          kMaxEngines, size_text(w.map_bytes), w.read_passes);
    t.columns = {"engines", "transactions", "sim time ms", "wall s", "wall s per sim s", "ns per tx", "peak RSS MiB"};
    for (unsigned n : opt_.sizes.client_counts) {
        const RowStats& r = rows[n];
        double per = r.sim_m() > 0 ? r.wall_m() / r.sim_m() : 0;
        t.rows.push_back({std::to_string(n), std::to_string(r.transactions), num(r.sim_m() * 1e3), num(r.wall_m()),
                          num(per), num(r.ns_per_tx()), num(r.rss_m())});
        t.rows_json.push_back({{"engines", n}, {"transactions", r.transactions}, {"sim_s", r.sim_m()},
                               {"wall_s", r.wall}, {"wall_s_median", r.wall_m()}, {"wall_per_sim_s", per},
                               {"ns_per_tx", r.ns_per_tx()}, {"peak_rss_mib", r.rss_m()}});
    }
    t.notes.push_back("Constant cost per client: ns per tx stays flat as engines are added.");
    tables_.push_back(std::move(t));
}

void Suite::dram_scaling() {
    std::map<uint64_t, RowStats> rows;
    DmaWorkload w;
    w.map_bytes = opt_.sizes.dram_map_bytes;
    for (int rep = 0; rep < opt_.sizes.reps; ++rep)
        for (uint64_t size : opt_.sizes.dram_sizes) {
            w.dram_bytes = size;
            rows[size].add(dma_run(fmt::format("dram-{}m", size >> 20), w));
        }
    Table t;
    t.id = "dram";
    t.title = fmt::format("Scaling with DRAM size: one engine writing {} once and reading it {} times",
                          size_text(w.map_bytes), w.read_passes);
    t.columns = {"DRAM", "transactions", "wall s", "ns per tx", "resident DRAM pages", "peak RSS MiB"};
    for (uint64_t size : opt_.sizes.dram_sizes) {
        const RowStats& r = rows[size];
        t.rows.push_back({size_text(size), std::to_string(r.transactions), num(r.wall_m()), num(r.ns_per_tx()),
                          std::to_string(r.resident_pages), num(r.rss_m())});
        t.rows_json.push_back({{"dram_bytes", size}, {"transactions", r.transactions}, {"wall_s", r.wall},
                               {"wall_s_median", r.wall_m()}, {"ns_per_tx", r.ns_per_tx()},
                               {"resident_pages", r.resident_pages}, {"peak_rss_mib", r.rss_m()}});
    }
    t.notes.push_back("Sparse DRAM: peak RSS follows the pages touched (resident DRAM pages x 4 KiB), not the DRAM size.");
    tables_.push_back(std::move(t));
}

void Suite::mapped_scaling() {
    std::map<uint64_t, RowStats> rows;
    DmaWorkload w;
    w.read_passes = 0;
    for (int rep = 0; rep < opt_.sizes.reps; ++rep)
        for (uint64_t size : opt_.sizes.mapped_sizes) {
            w.map_bytes = size;
            rows[size].add(dma_run(fmt::format("mapped-{}k", size >> 10), w));
        }
    Table t;
    t.id = "mapped";
    t.title = fmt::format("Scaling with mapped memory: one engine mapping and writing it all once, {} of DRAM",
                          size_text(w.dram_bytes));
    t.columns = {"mapped", "transactions", "wall s", "ns per tx", "resident DRAM pages", "peak RSS MiB",
                 "RSS over first row per MiB mapped"};
    const RowStats& first = rows[opt_.sizes.mapped_sizes.front()];
    for (uint64_t size : opt_.sizes.mapped_sizes) {
        const RowStats& r = rows[size];
        double extra_mib = double(size - opt_.sizes.mapped_sizes.front()) / double(1 << 20);
        double per_mib = extra_mib > 0 ? (r.rss_m() - first.rss_m()) / extra_mib : 0;
        t.rows.push_back({size_text(size), std::to_string(r.transactions), num(r.wall_m()), num(r.ns_per_tx()),
                          std::to_string(r.resident_pages), num(r.rss_m()), extra_mib > 0 ? num(per_mib) : "-"});
        t.rows_json.push_back({{"mapped_bytes", size}, {"transactions", r.transactions}, {"wall_s", r.wall},
                               {"wall_s_median", r.wall_m()}, {"ns_per_tx", r.ns_per_tx()},
                               {"resident_pages", r.resident_pages}, {"peak_rss_mib", r.rss_m()}});
    }
    t.notes.push_back("Host memory tracks what is touched: about 1 MiB of RSS per MiB written (the data pages) plus "
                      "the page tables (4 KiB per 4 MiB mapped).");
    tables_.push_back(std::move(t));
}

}  // namespace socsim::bench
