#include "bench/suite_sections.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <regex>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "bench/suite_tables.h"

namespace socsim::bench {

namespace {

const char* const kSteady = kSteadyScenario;
const char* const kJobs = kJobsScenario;

// bench_translate's phase ids, as the suite's figures name them.
std::string figure_id(const std::string& phase) { return phase == "d" ? "bypass" : phase; }

std::vector<std::string> translate_size_args(const Sizes& s) {
    if (s.translate_transactions) return {"--transactions", std::to_string(s.translate_transactions)};
    return {"--target-seconds", s.translate_target_s};
}

std::string pct(double x) { return fmt::format("{:+.1f}%", 100 * x); }

std::string find_in_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (size_t b = 0; b <= dirs.size();) {
        size_t e = dirs.find(':', b);
        if (e == std::string::npos) e = dirs.size();
        std::string candidate = dirs.substr(b, e - b) + "/" + name;
        if (e > b && access(candidate.c_str(), X_OK) == 0) return candidate;
        b = e + 1;
    }
    return {};
}

// callgrind's "Collected : N" (instructions executed), from its stderr.
uint64_t collected_instructions(const std::string& log) {
    std::ifstream f(log);
    static const std::regex re(R"(Collected\s*:\s*(\d+))");
    std::smatch m;
    for (std::string line; std::getline(f, line);)
        if (std::regex_search(line, m, re)) return std::stoull(m[1]);
    throw BenchError("no instruction count in " + log);
}

}  // namespace

const std::vector<std::string>& section_list() {
    static const std::vector<std::string> s = {"translate", "jobs",   "steady", "time",     "clients",
                                               "dram",      "mapped", "hooks",  "callgrind"};
    return s;
}

std::string section_names() {
    std::string out;
    for (const auto& s : section_list()) out += (out.empty() ? "" : ", ") + s;
    return out;
}

bool Suite::wanted(const std::string& section) const {
    if (section == "callgrind" && !opt_.callgrind) return false;
    if (opt_.only.empty()) return true;
    for (const auto& s : opt_.only)
        if (s == section) return true;
    return false;
}

std::string Suite::scenario(const std::string& file) const { return opt_.source_dir + "/bench/scenarios/" + file; }

void Suite::run_all() {
    struct Section {
        const char* name;
        void (Suite::*fn)();
    };
    const Section sections[] = {{"translate", &Suite::translate}, {"jobs", &Suite::jobs},
                                {"steady", &Suite::steady},       {"time", &Suite::time_scaling},
                                {"clients", &Suite::client_scaling}, {"dram", &Suite::dram_scaling},
                                {"mapped", &Suite::mapped_scaling},  {"hooks", &Suite::hooks},
                                {"callgrind", &Suite::callgrind}};
    for (const Section& s : sections) {
        if (!wanted(s.name)) continue;
        fmt::print(std::cerr, "socsim_bench: {}\n", s.name);
        (this->*s.fn)();
    }
}

void Suite::translate() {
    std::vector<std::string> args{"--reps", std::to_string(opt_.sizes.reps)};
    for (auto& a : translate_size_args(opt_.sizes)) args.push_back(a);
    json j = run_.bench_translate(opt_.build, args);
    if (auto m = j.find("machine"); m != j.end()) machine["systemc"] = m->value("systemc", "");
    double a_median = 0, b_median = 0;
    for (const json& ph : j.at("phases")) {
        Figure f;
        f.id = figure_id(ph.at("id").get<std::string>());
        f.name = ph.at("name").get<std::string>();
        f.unit = "M tx/s";
        double tx = ph.at("transactions").get<double>();
        for (const json& w : ph.at("wall_s")) f.values.push_back(tx / w.get<double>() / 1e6);
        f.mtx_s = f.values;
        double median = stat_of(f.values).median;
        if (f.id == "a") a_median = median;
        if (f.id == "b") b_median = median;
        if (f.id == "c") {
            f.target = ">= 5 M tx/s";
            f.met = median >= 5.0;
            const json& sm = ph.at("smmu");
            notes_.push_back(fmt::format("(c): {:.3f} page-table walks and {:.1f}% PTC hits per transaction.",
                                         sm.at("walks").get<double>() / tx,
                                         100 * sm.at("ptc_hits").get<double>() /
                                             std::max(1.0, sm.at("ptc_lookups").get<double>())));
        }
        figures_.push_back(std::move(f));
    }
    for (Figure& f : figures_)
        if (f.id == "b" && a_median > 0) {
            f.target = "vs (a) >= 0.5";
            f.met = b_median / a_median >= 0.5;
        }
}

void Suite::jobs() {
    Figure f{"d", "host1x + VIC 512x512 composite jobs, back to back", "M tx/s", {}, {}, "", std::nullopt};
    std::vector<double> jobs_s;
    for (int rep = 0; rep < opt_.sizes.reps; ++rep) {
        SocsimResult r = run_.socsim(opt_.build, scenario(kJobs), {"--duration", opt_.sizes.jobs_duration});
        f.values.push_back(r.mtx_s());
        jobs_s.push_back(r.wall_s > 0 ? double(r.jobs) / r.wall_s : 0);
    }
    f.mtx_s = f.values;
    notes_.push_back(fmt::format("(d): {} of simulated time per run; {} jobs per wall-clock second (median).",
                                 opt_.sizes.jobs_duration, num(stat_of(jobs_s).median)));
    figures_.push_back(std::move(f));
}

void Suite::steady() {
    Figure e{"e", "reference workload (2 x 1080p60 + VIC 60 fps) over " + opt_.sizes.steady_duration,
             "x real time", {}, {}, ">= 1.0", std::nullopt};
    Figure f{"f", "peak resident memory of (e)", "MiB", {}, {}, "<= 256 MiB", std::nullopt};
    // On a loaded machine a process gets a share of a core: simulated time
    // over the process's CPU time (start-up included) shows what it would
    // run at with a core of its own.
    Figure cpu{"e-cpu", "(e) by CPU time: simulated s per CPU s of the whole process", "x real time", {}, {}, "",
               std::nullopt};
    for (int rep = 0; rep < opt_.sizes.reps; ++rep) {
        SocsimResult r = run_.socsim(opt_.build, scenario(kSteady), {"--duration", opt_.sizes.steady_duration});
        e.values.push_back(r.rtf());
        e.mtx_s.push_back(r.mtx_s());
        f.values.push_back(r.rss_mib());
        cpu.values.push_back(r.child.cpu_s > 0 ? double(r.sim_ns) / 1e9 / r.child.cpu_s : 0);
    }
    e.met = stat_of(e.values).median >= 1.0;
    f.met = stat_of(f.values).median <= 256.0;
    figures_.push_back(std::move(e));
    figures_.push_back(std::move(cpu));
    figures_.push_back(std::move(f));
}

void Suite::hooks() {
    if (!opt_.nohooks) {
        notes_.push_back("Trace-hook cost: not measured (give --nohooks DIR, a build with -DSOCSIM_TRACE_HOOKS=OFF; "
                         "./build.sh bench does).");
        return;
    }
    const Build* builds[] = {&opt_.build, &*opt_.nohooks};
    std::vector<double> b[2], c[2], e[2];
    for (int rep = 0; rep < opt_.sizes.reps; ++rep)
        for (int k = 0; k < 2; ++k) {   // interleaved: load drifts hit both builds alike
            std::vector<std::string> args{"--phases", "b,c", "--reps", "1"};
            for (auto& a : translate_size_args(opt_.sizes)) args.push_back(a);
            json j = run_.bench_translate(*builds[k], args);
            for (const json& ph : j.at("phases")) {
                double mtx = ph.at("transactions").get<double>() / ph.at("wall_s").at(0).get<double>() / 1e6;
                (ph.at("id") == "b" ? b : c)[k].push_back(mtx);
            }
            e[k].push_back(run_.socsim(*builds[k], scenario(kSteady), {"--duration", opt_.sizes.steady_duration}).rtf());
        }
    Table t;
    t.id = "hooks";
    t.title = "Trace hooks with tracing off: this build against one without hooks (-DSOCSIM_TRACE_HOOKS=OFF), "
              "interleaved, medians";
    t.columns = {"figure", "unit", "with hooks", "without", "cost", "target", "met"};
    auto row = [&](const char* name, const char* unit, const std::vector<double>* v) {
        double with = stat_of(v[0]).median, without = stat_of(v[1]).median;
        double cost = without > 0 ? 1 - with / without : 0;   // share of the hook-free speed lost
        bool met = cost < 0.02;
        t.rows.push_back({name, unit, num(with), num(without), pct(cost), "< 2%", met ? "met" : "MISSED"});
        t.rows_json.push_back({{"figure", name}, {"unit", unit}, {"with_hooks", v[0]}, {"without_hooks", v[1]},
                               {"with_median", with}, {"without_median", without}, {"cost", cost}, {"met", met}});
    };
    row("(b) TLB hit", "M tx/s", b);
    row("(c) TLB miss", "M tx/s", c);
    row("(e) reference workload", "x real time", e);
    t.notes.push_back("cost = 1 - with/without: the share of the hook-free build's speed the hooks take; negative "
                      "when the build with hooks measured faster (noise).");
    tables_.push_back(std::move(t));
}

void Suite::callgrind() {
    std::string valgrind = find_in_path("valgrind");
    if (valgrind.empty()) {
        notes_.push_back("Callgrind: not measured (valgrind is not installed: apt-get install valgrind).");
        return;
    }
    std::vector<const Build*> builds{&opt_.build};
    if (opt_.nohooks) builds.push_back(&*opt_.nohooks);
    Table t;
    t.id = "callgrind";
    t.title = "Instructions executed (callgrind), whole process";
    t.columns = {"workload", "with hooks", "without hooks", "difference"};
    std::string tx = std::to_string(opt_.sizes.callgrind_transactions);
    struct Work {
        std::string name;
        std::function<std::vector<std::string>(const Build&, const std::string&)> args;
    };
    std::vector<Work> work = {
        {"reference workload, " + opt_.sizes.callgrind_duration,
         [&](const Build& b, const std::string& report) {
             return std::vector<std::string>{b.socsim, "run", scenario(kSteady), "--duration",
                                             opt_.sizes.callgrind_duration, "--progress", "never", "--report", report};
         }},
        {"bench_translate (b),(c), " + tx + " transactions each x 2",
         [&](const Build& b, const std::string&) {
             return std::vector<std::string>{b.bench_translate, "--phases", "b,c", "--reps", "1", "--transactions", tx};
         }}};
    for (const Work& w : work) {
        uint64_t ir[2] = {0, 0};
        for (size_t k = 0; k < builds.size(); ++k) {
            std::string out = fmt::format("{}/callgrind-{}.out", run_.workdir(), k);
            std::vector<std::string> args{"--tool=callgrind", "--callgrind-out-file=" + out};
            for (auto& a : w.args(*builds[k], run_.workdir() + "/callgrind-report.json")) args.push_back(a);
            std::string log;
            run_.program(valgrind, args, log);
            ir[k] = collected_instructions(log);
        }
        bool both = builds.size() == 2;
        t.rows.push_back({w.name, fmt::format("{}", ir[0]), both ? fmt::format("{}", ir[1]) : "-",
                          both ? pct(double(ir[0]) / double(ir[1]) - 1) : "-"});
        json row = {{"workload", w.name}, {"with_hooks", ir[0]}};
        if (both) row["without_hooks"] = ir[1];
        t.rows_json.push_back(row);
    }
    tables_.push_back(std::move(t));
}

}  // namespace socsim::bench
