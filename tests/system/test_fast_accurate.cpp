// [system] The fast (temporally decoupled) mode against the accurate mode,
// which exists to check it: on every shipped scenario (scenarios/*.yaml,
// listed from the directory) both modes must
//   - end the same way: exit code, `passed`, and each expectation's
//     `passed`; each step's `actual`, and the run-wide counts that are not
//     measurements (`hazards`, `faults`);
//   - measure the same bandwidth: every memory client in `clients` (the
//     same names in both) within 2% of the accurate mode's
//     `bandwidth_MBps`, |fast - accurate| <= 0.02 x accurate;
//   - give the same underflow verdicts: the same display heads, and per
//     head and window, underflowed (`underflow_lines` > 0) or not.
// Every client is compared, however few bytes it moved: host1x's command
// fetch (a few hundred bytes, host1xdmar) measures its bandwidth over the
// window from its first to its last request, which spans the jobs it
// fetches for, so it shows the engines' timing as much as any client does.
// A client whose requests all faulted moved 0 bytes: 0 MB/s in both modes
// is agreement, 0 in one mode only is not. The run-wide `bandwidth`
// expectations' `actual` is a measurement, compared by the 2% rule through
// the clients, and the `underflows` count by the verdicts.
//
// The test prints, per scenario, the client with the largest relative
// difference.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/corpus.h"
#include "support/parallel_runs.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

using nlohmann::json;

namespace {

constexpr double kBandwidthTolerance = 0.02;  // relative to the accurate mode

// |fast - accurate| / accurate; 0 when both are 0, infinite when only the
// accurate mode's is.
double relative_difference(double fast, double accurate) {
    if (fast == accurate) return 0;
    if (accurate == 0) return std::numeric_limits<double>::infinity();
    return std::fabs(fast - accurate) / accurate;
}

struct Worst {
    std::string client = "-";
    double fast = 0, accurate = 0, rel = 0;
};

json load(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    return json::parse(in);
}

// Per memory client: within the tolerance, the same clients in both.
Worst compare_clients(const json& fast, const json& accurate) {
    Worst worst;
    std::map<std::string, double> f, a;
    for (const auto& c : fast["clients"]) f[c["name"].get<std::string>()] = c["bandwidth_MBps"].get<double>();
    for (const auto& c : accurate["clients"]) a[c["name"].get<std::string>()] = c["bandwidth_MBps"].get<double>();
    std::vector<std::string> names_f, names_a;
    for (const auto& [name, bw] : f) names_f.push_back(name);
    for (const auto& [name, bw] : a) names_a.push_back(name);
    CHECK(names_f == names_a);
    for (const auto& [name, bw_a] : a) {
        if (!f.count(name)) continue;
        double rel = relative_difference(f[name], bw_a);
        INFO(name << ": fast " << f[name] << " MB/s, accurate " << bw_a << " MB/s");
        CHECK(rel <= kBandwidthTolerance);
        if (rel > worst.rel || worst.client == "-") worst = {name, f[name], bw_a, rel};
    }
    return worst;
}

// head/window -> underflowed, for every head and window of the report.
std::map<std::string, bool> underflow_verdicts(const json& report) {
    std::map<std::string, bool> v;
    for (const auto& head : report["display"])
        for (const auto& w : head["windows"])
            v[fmt::format("head {} ({}) window {}", head["head"].get<int>(), head["device"].get<std::string>(),
                          w["window"].get<std::string>())] = w["underflow_lines"].get<uint64_t>() > 0;
    return v;
}

// `passed` of the run and of each expectation; each step's `actual` and
// the run-wide counts that are not measurements.
void compare_outcomes(const json& fast, const json& accurate) {
    CHECK(fast["passed"] == accurate["passed"]);
    const json& ef = fast["expectations"];
    const json& ea = accurate["expectations"];
    REQUIRE(ef.size() == ea.size());
    for (size_t i = 0; i < ef.size(); ++i) {
        INFO("expectation " << i << ": fast " << ef[i].dump() << "\naccurate " << ea[i].dump());
        CHECK(ef[i]["passed"] == ea[i]["passed"]);
        CHECK(ef[i].value("step", 0) == ea[i].value("step", 0));
        CHECK(ef[i].value("run", "") == ea[i].value("run", ""));
        std::string run = ef[i].value("run", "");
        if (run.empty() || run == "hazards" || run == "faults") CHECK(ef[i]["actual"] == ea[i]["actual"]);
    }
}

}  // namespace

TEST_CASE("fast and accurate mode agree on every shipped scenario", "[system][run][modes]") {
    auto files = socsim::test::list_corpus("scenarios");
    REQUIRE(files.size() >= 14);
    socsim::test::TempDir dir;
    auto report = [&](size_t i, const char* mode) { return dir / (std::to_string(i) + "-" + mode + ".json"); };
    // All accurate runs (the long ones) before the fast ones, so that the two
    // at a time finish close together.
    std::vector<std::vector<std::string>> runs;
    for (const char* mode : {"accurate", "fast"})
        for (size_t i = 0; i < files.size(); ++i)
            runs.push_back({"run", files[i], "--mode", mode, "--progress", "never", "--report", report(i, mode)});
    auto results = socsim::test::run_socsim_parallel(runs);

    std::vector<std::string> table;
    for (size_t i = 0; i < files.size(); ++i) {
        const auto& acc = results[i];
        const auto& fst = results[files.size() + i];
        std::string name = files[i].substr(files[i].rfind('/') + 1);
        INFO(name << "\n" << fst.err << acc.err);
        REQUIRE(fst.signal == 0);
        REQUIRE(acc.signal == 0);
        REQUIRE(fst.exit_code != 2);
        CHECK(fst.exit_code == acc.exit_code);
        json f = load(report(i, "fast"));
        json a = load(report(i, "accurate"));
        REQUIRE(f["timing"]["mode"] == "fast");
        REQUIRE(a["timing"]["mode"] == "accurate");
        compare_outcomes(f, a);
        Worst w = compare_clients(f, a);
        auto verdicts_f = underflow_verdicts(f);
        auto verdicts_a = underflow_verdicts(a);
        CHECK(verdicts_f == verdicts_a);
        size_t underflowed = std::count_if(verdicts_a.begin(), verdicts_a.end(), [](const auto& v) { return v.second; });
        table.push_back(fmt::format("  {:<42} {:>7} {:<11} {:>11.3f} {:>11.3f} {:>8.2f}%{} {:>7} {:>11}", name,
                                    a["clients"].size(), w.client, w.fast, w.accurate, w.rel * 100,
                                    w.rel > kBandwidthTolerance ? " *" : "  ", verdicts_a.size(),
                                    verdicts_f == verdicts_a ? fmt::format("{} same", underflowed) : "DIFFER"));
    }
    std::cout << "fast vs accurate: " << files.size() << " scenarios; worst client bandwidth difference per scenario "
              << "(* over " << kBandwidthTolerance * 100 << "%)\n"
              << fmt::format("  {:<42} {:>7} {:<11} {:>11} {:>11} {:>9}  {:>7} {:>11}\n", "scenario", "clients",
                             "worst", "fast MB/s", "acc. MB/s", "diff", "windows", "underflowed");
    for (const auto& row : table) std::cout << row << "\n";
}
