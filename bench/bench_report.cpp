#include "bench/bench_report.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#ifndef SOCSIM_BENCH_BUILD
#define SOCSIM_BENCH_BUILD "unknown build"
#endif

namespace socsim::bench {

namespace {


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

std::string loadavg() {
    std::ifstream f("/proc/loadavg");
    std::string one;
    return f >> one ? one : std::string("unknown");
}

int print_report(const RunInfo& r) {
    std::string sysc = sc_core::sc_version();
    if (auto nl = sysc.find('\n'); nl != std::string::npos) sysc.resize(nl);
    unsigned nproc = std::thread::hardware_concurrency();
    std::string build = SOCSIM_BENCH_BUILD;
    const std::string load_after = loadavg();
    std::cout << fmt::format("machine: nproc {}, {}, {}, build {}, load average {} before / {} after\n", nproc,
                             compiler(), sysc, build, r.load_before, load_after);
    std::cout << fmt::format(
        "setup: board {} ({}), quantum {} ns, {}-byte reads, {} timed reps per phase (median), "
        "client {} (0x{:x}, swgroup {}) attached to a paging domain, bypass client {} (0x{:x}, swgroup {}); "
        "TLB {} lines, PTC {} lines x {} B; bare memory delay {:.3f} ns; mapped {} pages in {} simulated, "
        "{:.3f} s wall (untimed)\n",
        r.opt.board, r.info.name, r.opt.quantum_ns, kLen, r.opt.reps, r.client.name, r.client.id, r.client.swgroup,
        r.bypass.name, r.bypass.id, r.bypass.swgroup, r.platform.mc.smmu().tlb().lines(),
        r.platform.mc.smmu().ptc().lines(), r.platform.mc.smmu().ptc().atom_size(), double(r.mem_delay_ps) / 1000,
        r.mapped_pages, sim_time_text(r.setup_sim_ps), r.setup_wall_s);
    std::cout << "\n";
    std::cout << fmt::format("{:<52} {:>12} {:>9} {:>19} {:>8} {:>7} {:>12} {:>9} {:>8} {:>8}\n", "phase",
                             "transactions", "wall s", "min..max s", "M tx/s", "vs (a)", "sim time", "TLB miss",
                             "PTC hit", "walks/tx");
    const auto& phases = r.phases;
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

    if (!r.opt.json.empty()) {
        nlohmann::ordered_json out;
        out["machine"] = {{"nproc", nproc}, {"compiler", compiler()}, {"systemc", sysc}, {"build", build},
                          {"loadavg_before", r.load_before}, {"loadavg_after", load_after}};
        out["config"] = {{"board", r.opt.board},
                         {"soc", std::string(r.info.name)},
                         {"quantum_ns", r.opt.quantum_ns},
                         {"request_bytes", kLen},
                         {"reps", r.opt.reps},
                         {"client", std::string(r.client.name)},
                         {"bypass_client", std::string(r.bypass.name)},
                         {"hit_pages", r.opt.hit_pages},
                         {"walk_pages", r.opt.walk_pages},
                         {"tlb_lines", r.platform.mc.smmu().tlb().lines()},
                         {"ptc_lines", r.platform.mc.smmu().ptc().lines()},
                         {"bare_memory_delay_ps", r.mem_delay_ps}};
        out["phases"] = jphases;
        std::ofstream f(r.opt.json);
        f << out.dump(2) << "\n";
        if (!f) {
            std::cerr << "bench_translate: cannot write " << r.opt.json << "\n";
            return 1;
        }
    }
    return 0;
}

}  // namespace socsim::bench
