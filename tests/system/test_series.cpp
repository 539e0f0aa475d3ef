// [system] The report's `series` (the run's time series): the documented
// keys, one entry per interval in every array, intervals of the default
// 1-2-5 length (or --sample's) with the last ending at the run's end, each
// client's MB/s summing back to its report bytes, the SMMU's walks summing
// to the report's, and each display window's smallest FIFO level over the
// intervals equal to the report's min_fifo_bytes.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/run_report.h"
#include "util/yaml_doc.h"
#include "util/yaml_values.h"

using nlohmann::json;
using socsim::test::source_path;

namespace {

uint64_t scenario_duration_ns(const std::string& scenario) {
    socsim::Diagnostics diags;
    auto doc = socsim::yaml::load_file(source_path(scenario), diags);
    REQUIRE(doc);
    const socsim::yaml::Node* d = (*doc)->find("duration");
    REQUIRE(d);
    auto ns = socsim::yaml::parse_time_ns(d->value);
    REQUIRE(ns);
    return *ns;
}

// The README's rule: the smallest of 1, 2, 5 x 10^k us giving at most 500 intervals.
uint64_t default_interval_ns(uint64_t duration_ns) {
    for (uint64_t decade = 1000;; decade *= 10)
        for (uint64_t m : {1, 2, 5})
            if ((duration_ns + m * decade - 1) / (m * decade) <= 500) return m * decade;
}

void check_series(const json& report, uint64_t interval_ns) {
    REQUIRE(report.contains("series"));
    const json& s = report["series"];
    std::set<std::string> keys;
    for (const auto& [k, v] : s.items()) keys.insert(k);
    CHECK(keys == std::set<std::string>{"interval_ns", "t_ns", "clients", "smmu", "display"});
    std::set<std::string> smmu_keys;
    for (const auto& [k, v] : s["smmu"].items()) smmu_keys.insert(k);
    CHECK(smmu_keys == std::set<std::string>{"tlb_hit_rate", "ptc_hit_rate", "walks"});
    CHECK(s["interval_ns"] == interval_ns);

    const json& t = s["t_ns"];
    const size_t n = t.size();
    REQUIRE(n > 0);
    CHECK(t.back() == report["sim_time_ns"]);
    std::vector<double> len(n);
    for (size_t i = 0; i < n; ++i) {
        uint64_t prev = i ? t[i - 1].get<uint64_t>() : 0;
        REQUIRE(t[i].get<uint64_t>() > prev);
        len[i] = double(t[i].get<uint64_t>() - prev);
        if (i + 1 < n) CHECK(len[i] == double(interval_ns));
        else CHECK(len[i] <= double(interval_ns));
    }

    // Clients: the report's, their bytes recovered from MB/s x interval.
    std::map<std::string, const json*> by_name;
    for (const auto& c : report["clients"]) by_name[c["name"]] = &c;
    CHECK(s["clients"].size() == by_name.size());
    for (const auto& c : s["clients"]) {
        INFO(c["name"]);
        REQUIRE(by_name.count(c["name"]));
        const json& rc = *by_name[c["name"]];
        CHECK(c["swgroup"] == rc["swgroup"]);
        REQUIRE(c["MBps"].size() == n);
        double bytes = 0;
        for (size_t i = 0; i < n; ++i) {
            bytes += c["MBps"][i].get<double>() * len[i] / 1000.0;   // MB/s x ns = 1e-3 bytes
        }
        CHECK(bytes == Approx(rc["bytes"].get<double>()).epsilon(1e-9).margin(0.5));
    }

    // SMMU: rates in [0, 1] or null; walks add up.
    const json& sm = s["smmu"];
    REQUIRE(sm["tlb_hit_rate"].size() == n);
    REQUIRE(sm["ptc_hit_rate"].size() == n);
    REQUIRE(sm["walks"].size() == n);
    uint64_t walks = 0;
    for (size_t i = 0; i < n; ++i) {
        for (const char* k : {"tlb_hit_rate", "ptc_hit_rate"}) {
            const json& r = sm[k][i];
            if (!r.is_null()) CHECK((r.get<double>() >= 0 && r.get<double>() <= 1));
        }
        walks += sm["walks"][i].get<uint64_t>();
    }
    CHECK(walks == report["smmu"]["walks"].get<uint64_t>());

    // Display: the report's heads and windows; the series' smallest level is the report's.
    CHECK(s["display"].size() == report["display"].size());
    for (const auto& rh : report["display"]) {
        const json* sh = nullptr;
        for (const auto& h : s["display"])
            if (h["head"] == rh["head"]) sh = &h;
        REQUIRE(sh);
        CHECK((*sh)["device"] == rh["device"]);
        REQUIRE((*sh)["windows"].size() == rh["windows"].size());
        for (size_t w = 0; w < rh["windows"].size(); ++w) {
            const json& sw = (*sh)["windows"][w];
            CHECK(sw["window"] == rh["windows"][w]["window"]);
            REQUIRE(sw["min_fifo_bytes"].size() == n);
            std::optional<uint64_t> least;
            for (const auto& v : sw["min_fifo_bytes"])
                if (!v.is_null() && (!least || v.get<uint64_t>() < *least)) least = v.get<uint64_t>();
            REQUIRE(least);
            CHECK(*least == rh["windows"][w]["min_fifo_bytes"].get<uint64_t>());
        }
    }
}

}  // namespace

TEST_CASE("series: shipped scenarios, default intervals", "[system][series]") {
    for (const std::string scenario :
         {"scenarios/test-dma-translate-and-fault.yaml", "scenarios/tegra124-display-vic.yaml",
          "scenarios/tegra124-display-underflow.yaml", "scenarios/tegra30-gr2d-gr3d.yaml"}) {
        INFO(scenario);
        json report = socsim::test::run_with_report({source_path(scenario)}, 0);
        check_series(report, default_interval_ns(scenario_duration_ns(scenario)));
    }
}

TEST_CASE("series: --sample sets the interval; accurate mode too", "[system][series]") {
    const std::string scenario = "scenarios/tegra124-display-vic.yaml";
    json report = socsim::test::run_with_report({source_path(scenario), "--sample", "50us"}, 0);
    check_series(report, 50'000);
    CHECK(report["series"]["t_ns"][0] == 50'000);
    json accurate = socsim::test::run_with_report(
        {source_path("scenarios/tegra124-display-underflow.yaml"), "--mode", "accurate", "--sample", "1ms"}, 0);
    check_series(accurate, 1'000'000);
}
