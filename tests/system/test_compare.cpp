// [system] `socsim compare`: variants of one scenario run side by side in
// child processes. Across the three policies the legacy isolation hazard
// shows as the one differing row it is; `--vary smmu.tlb_lines=16,32`
// gives two columns whose TLB figures differ as the LRU says they must;
// --json and --keep write what they promise; fewer than two variants, bad
// values and scenarios that do not load are exit 2 with nothing run, and
// a failing variant is exit 1.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/temp_dir.h"

using nlohmann::json;
using socsim::test::run_socsim;
using socsim::test::source_path;
using socsim::test::TempDir;

namespace {

const json& row(const json& table, const std::string& metric) {
    for (const auto& r : table["rows"])
        if (r["metric"] == metric) return r;
    FAIL("no row " << metric);
    static json none;
    return none;
}

// The stdout line of a table row (the metric name after the marker column).
std::string table_line(const std::string& out, const std::string& metric) {
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);)
        if (line.size() > 4 && line.compare(4, metric.size() + 2, metric + "  ") == 0) return line;
    return "";
}

}  // namespace

TEST_CASE("compare: the three policies, the legacy hazard as a differing row", "[system][compare]") {
    TempDir dir;
    std::string out_json = dir / "compare.json";
    auto r = run_socsim({"compare", source_path("scenarios/policy-comparison.yaml"), "--policy", "shared-attach",
                         "--policy", "legacy", "--policy", "upstream", "-j", "2", "--json", out_json});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::ifstream in(out_json);
    REQUIRE(in);
    json j = json::parse(in);
    REQUIRE(j["variants"].size() == 3);
    const std::vector<std::string> policies = {"shared-attach", "legacy", "upstream"};
    for (size_t i = 0; i < 3; ++i) {
        const json& v = j["variants"][i];
        CHECK(v["label"] == policies[i]);
        CHECK(v["policy"] == policies[i]);
        CHECK(v["overrides"] == json::object());
        CHECK(v["status"] == "passed");
        CHECK(v["report"]["policy"] == policies[i]);
        CHECK(v["report"]["passed"] == true);
        CHECK(v["report"]["hazards"].size() == (policies[i] == "legacy" ? 1u : 0u));
    }
    const json& table = j["table"];
    CHECK(table["columns"] == json(policies));
    const json& hazards = row(table, "isolation hazards");
    CHECK(hazards["section"] == "hazards");
    CHECK(hazards["cells"] == json{"0", "1", "0"});
    CHECK(hazards["differs"] == true);
    CHECK(row(table, "passed")["differs"] == false);
    CHECK(row(table, "failed expectations")["cells"] == json{"0", "0", "0"});

    // On stdout (not a terminal): the header, and a `*` marker column.
    CHECK(r.out.find("compare: scenario " + source_path("scenarios/policy-comparison.yaml") + ", 3 variants") == 0);
    for (const auto& p : policies) {
        std::regex line("\n  " + p + " +policy " + p + " +passed\n");
        CHECK(std::regex_search(r.out, line));
    }
    std::string hz = table_line(r.out, "isolation hazards");
    REQUIRE_FALSE(hz.empty());
    CHECK(hz[0] == '*');
    std::string passed = table_line(r.out, "passed");
    REQUIRE_FALSE(passed.empty());
    CHECK(passed[0] == ' ');
    CHECK(r.out.find("\033[") == std::string::npos);
}

TEST_CASE("compare --vary smmu.tlb_lines=16,32: two columns, different TLB figures", "[system][compare]") {
    TempDir dir;
    std::string keep = dir / "reports";
    auto r = run_socsim({"compare", source_path("tests/scenarios/tlb-pressure.yaml"), "--vary", "smmu.tlb_lines=16,32",
                         "--set", "mc.dram_latency=120ns", "-j", "2", "--keep", keep, "--json", dir / "c.json"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    json j = json::parse(socsim::test::read_text(dir / "c.json"));
    const json& table = j["table"];
    CHECK(table["columns"] == json{"smmu.tlb_lines=16", "smmu.tlb_lines=32"});
    CHECK(row(table, "TLB lines")["cells"] == json{"16", "32"});
    // 24 pages read twice: 16 LRU lines have lost each page before its
    // second read, 32 keep them all.
    CHECK(row(table, "walks")["cells"] == json{"48", "24"});
    CHECK(row(table, "walks")["differs"] == true);
    CHECK(row(table, "TLB hit rate %")["differs"] == true);
    CHECK(row(table, "msencsrd requests")["differs"] == false);
    for (const auto& v : j["variants"])
        CHECK(v["overrides"]["mc.dram_latency"] == "120ns");
    CHECK(j["variants"][0]["overrides"]["smmu.tlb_lines"] == "16");
    // --keep: each variant's report and log, by index and label.
    json kept = json::parse(socsim::test::read_text(keep + "/2-smmu.tlb_lines=32.json"));
    CHECK(kept["smmu"]["tlb"]["lines"] == 32);
    CHECK(kept["overrides"]["smmu.tlb_lines"] == "32");
    CHECK(std::filesystem::exists(keep + "/1-smmu.tlb_lines=16.json"));
    CHECK(std::filesystem::exists(keep + "/1-smmu.tlb_lines=16.log"));
}

TEST_CASE("compare: without --keep the reports go to a temporary directory that is removed", "[system][compare]") {
    TempDir tmp;
    setenv("TMPDIR", tmp.path().c_str(), 1);
    auto r = run_socsim({"compare", source_path("scenarios/policy-comparison.yaml"), "--policy", "legacy", "--policy",
                         "upstream", "-j", "2"});
    unsetenv("TMPDIR");
    CHECK(r.exit_code == 0);
    CHECK(std::filesystem::is_empty(tmp.path()));
}

TEST_CASE("compare: fewer than two variants or bad values are exit 2, nothing run", "[system][compare]") {
    const std::string scenario = source_path("scenarios/policy-comparison.yaml");
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    for (const Case& c : {Case{{}, "compare needs at least two variants, got 1"},
                          Case{{"--policy", "legacy"}, "compare needs at least two variants, got 1"},
                          Case{{"--vary", "smmu.tlb_lines=16"}, "compare needs at least two variants, got 1"},
                          Case{{"--policy", "legacy", "--policy", "legacy"}, "--policy legacy is given twice"},
                          Case{{"--vary", "smmu.tlb_lines=16,zero"}, "--vary smmu.tlb_lines=16,zero: 'smmu.tlb_lines' "
                                                                     "must be a decimal or 0x-hex integer"},
                          Case{{"--vary", "smmu.tlb_lines=16,16"}, "value '16' is listed twice"},
                          Case{{"--vary", "tlb=1,2"}, "--vary tlb=1,2: unknown setting 'tlb'"},
                          Case{{"--vary", "smmu.tlb_lines=8,16", "--set", "smmu.tlb_lines=4"},
                               "'smmu.tlb_lines' is both varied (--vary) and fixed (--set)"},
                          Case{{"--policy", "legacy", "--policy", "upstream", "--set", "mc.dram_bandwidth=1"},
                               "--set mc.dram_bandwidth=1: 'mc.dram_bandwidth' must be a non-zero bandwidth"}}) {
        std::vector<std::string> args = {"compare", scenario};
        args.insert(args.end(), c.args.begin(), c.args.end());
        auto r = run_socsim(args);
        INFO(r.err);
        CHECK(r.signal == 0);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("socsim: error: ", 0) == 0);
        CHECK(r.err.find(c.message) != std::string::npos);
    }
}

TEST_CASE("compare: a scenario that does not load is exit 2, its diagnostics printed once", "[system][compare]") {
    const std::string bad = source_path("tests/scenarios/bad/08-bad-policy.yaml");
    auto r = run_socsim({"compare", bad, "--policy", "legacy", "--policy", "upstream", "--policy", "shared-attach"});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    size_t first = r.err.find(bad + ":");
    REQUIRE(first != std::string::npos);
    CHECK(r.err.find(bad + ":", first + 1) == std::string::npos);

    // A setting under which the scenario does not load: located, with a note naming the setting.
    auto g = run_socsim({"compare", source_path("scenarios/policy-comparison.yaml"), "--vary",
                         "group_table=current,none"});
    CHECK(g.exit_code == 2);
    CHECK(g.err.find("policy-comparison.yaml:31:24: error: no IOMMU group 'drm'") != std::string::npos);
    CHECK(g.err.find("note: the scenario does not load with group_table=none") != std::string::npos);
}

TEST_CASE("compare: a variant failing an expectation is exit 1, its failure shown", "[system][compare]") {
    auto r = run_socsim({"compare", source_path("tests/scenarios/wrong-expectation.yaml"), "--policy", "shared-attach",
                         "--policy", "legacy", "-j", "2"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("FAILED (") != std::string::npos);
    CHECK(r.err.find("socsim: note: variant shared-attach: FAILED (") != std::string::npos);
    CHECK(r.err.find("wrong-expectation.yaml:11:") != std::string::npos);
    CHECK(r.err.find("expected ok, got EPERM") != std::string::npos);
}
