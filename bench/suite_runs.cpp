#include "bench/suite_runs.h"

#include <fstream>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "app/child_process.h"

namespace socsim::bench {

namespace {

json read_json(const std::string& path, const std::string& what) {
    std::ifstream f(path);
    json j = json::parse(f, nullptr, false);
    if (!f.is_open() || j.is_discarded() || !j.is_object()) throw BenchError(fmt::format("{}: cannot read {}", what, path));
    return j;
}

uint64_t u64(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_unsigned() ? it->get<uint64_t>() : 0;
}

}  // namespace

std::string Runner::next_path(const std::string& stem, const std::string& ext) {
    return fmt::format("{}/{:03}-{}{}", workdir_, ++seq_, stem, ext);
}

void Runner::check(const ChildResult& r, const std::string& cmd, const std::string& err_path) const {
    if (r.started && r.exit_code == 0 && !r.signal) return;
    throw BenchError(fmt::format("{} failed ({}); its stderr ({}) ends:\n{}", cmd, describe(r), err_path,
                                 app::tail_of_file(err_path, 12)));
}

SocsimResult Runner::socsim(const Build& b, const std::string& scenario, const std::vector<std::string>& extra) {
    std::string report = next_path("report", ".json"), err = next_path("socsim", ".log");
    std::vector<std::string> args{"run", scenario, "--report", report, "--progress", "never"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::string cmd = command_line(b.socsim, args);
    if (progress_) fmt::print(*progress_, "  {}\n", cmd);
    SocsimResult r;
    r.child = run_child(b.socsim, args, "/dev/null", err);
    if (r.child.started && r.child.exit_code == 1)   // the run completed, an expectation failed
        throw BenchError(fmt::format("{}: the workload failed its expectations (exit 1); see {} and {}", cmd, err,
                                     report));
    check(r.child, cmd, err);
    json j = read_json(report, cmd);
    r.wall_s = j.value("wall_time_s", 0.0);
    r.sim_ns = u64(j, "sim_time_ns");
    for (const json& c : j.value("clients", json::array())) r.transactions += u64(c, "requests");
    if (auto d = j.find("dram"); d != j.end()) {
        r.dram_requests = u64(*d, "requests");
        r.resident_pages = u64(*d, "resident_pages");
    }
    if (auto h = j.find("host1x"); h != j.end() && h->is_object())
        for (const json& e : h->value("engines", json::array())) r.jobs += u64(e, "completed");
    return r;
}

json Runner::bench_translate(const Build& b, std::vector<std::string> args) {
    std::string out = next_path("translate", ".json"), err = next_path("translate", ".log");
    args.push_back("--json");
    args.push_back(out);
    std::string cmd = command_line(b.bench_translate, args);
    if (progress_) fmt::print(*progress_, "  {}\n", cmd);
    ChildResult r = run_child(b.bench_translate, args, "/dev/null", err);
    check(r, cmd, err);
    return read_json(out, cmd);
}

ChildResult Runner::program(const std::string& exe, const std::vector<std::string>& args, std::string& err_path) {
    err_path = next_path("program", ".log");
    std::string cmd = command_line(exe, args);
    if (progress_) fmt::print(*progress_, "  {}\n", cmd);
    ChildResult r = run_child(exe, args, "/dev/null", err_path);
    check(r, cmd, err_path);
    return r;
}

}  // namespace socsim::bench
