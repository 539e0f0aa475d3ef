// [system] `socsim run --set KEY=VALUE`: a board setting overridden from
// the command line takes effect in the simulation (TLB size, DRAM rate and
// what the DMA engine achieves on it, the group table), is recorded in the
// report's `overrides` and the summary's header, and a bad key or value
// stops the run before anything is simulated.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/run_report.h"
#include "support/temp_dir.h"

using nlohmann::json;
using socsim::test::run_socsim;
using socsim::test::report_client;
using socsim::test::run_with_report;
using socsim::test::source_path;

namespace {

}  // namespace

TEST_CASE("run --set: overrides take effect and are reported", "[system][run][set]") {
    const std::string scenario = source_path("scenarios/test-dma-translate-and-fault.yaml");
    json base = run_with_report({scenario}, 0);
    json set = run_with_report({scenario, "--set", "smmu.tlb_lines=16", "--set", "mc.dram_bandwidth=400MB/s"}, 0);
    CHECK(base["overrides"] == json::object());
    CHECK(set["overrides"] == json{{"smmu.tlb_lines", "16"}, {"mc.dram_bandwidth", "400MB/s"}});
    CHECK(base["smmu"]["tlb"]["lines"] == 32);   // Tegra124's table
    CHECK(set["smmu"]["tlb"]["lines"] == 16);
    CHECK(base["dram"]["bandwidth_Bps"] == 12'800'000'000ull);
    CHECK(set["dram"]["bandwidth_Bps"] == 400'000'000ull);
    // One 64-byte request at a time: each holds the slower bus 160 ns instead of 5.
    double fast = report_client(base, "msencsrd")["bandwidth_MBps"].get<double>();
    double slow = report_client(set, "msencsrd")["bandwidth_MBps"].get<double>();
    INFO(fast << " MB/s at 12.8 GB/s, " << slow << " MB/s at 400 MB/s");
    CHECK(slow < 0.6 * fast);

    auto r = run_socsim({"run", scenario, "--set", "mc.dram_latency=120ns"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.substr(0, r.out.find('\n')).find(", set mc.dram_latency=120ns") != std::string::npos);
}

TEST_CASE("run --set group_table: groups are formed with the override", "[system][run][set]") {
    // policy-comparison names the Tegra124 "drm" group, which only the group table forms: with
    // group_table=none every swgroup is a group of its own.
    auto r = run_socsim({"run", source_path("scenarios/policy-comparison.yaml"), "--set", "group_table=none"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("policy-comparison.yaml:31:24: error: no IOMMU group 'drm'") != std::string::npos);
    CHECK(r.err.find("note: the scenario was read with --set group_table=none") != std::string::npos);
    json display = run_with_report({source_path("scenarios/test-dma-translate-and-fault.yaml"), "--set",
                                    "group_table=display"}, 0);
    CHECK(display["overrides"]["group_table"] == "display");
}

TEST_CASE("run --set: a bad key or value is exit 2, nothing simulated", "[system][run][set]") {
    socsim::test::TempDir dir;
    const std::string scenario = source_path("scenarios/policy-comparison.yaml");
    struct Case {
        std::string arg, message;
    };
    for (const Case& c : {Case{"bogus=1", "--set bogus=1: unknown setting 'bogus' (settings: group_table"},
                          Case{"smmu.tlb_lines=0", "--set smmu.tlb_lines=0: 'smmu.tlb_lines' must be between 1 and 4096"},
                          Case{"mc.dram_bandwidth=fast", "--set mc.dram_bandwidth=fast: 'mc.dram_bandwidth' must be a "
                                                         "non-zero bandwidth with a unit (KB/s, MB/s, GB/s"},
                          Case{"mc.dram_latency=100", "'mc.dram_latency' must be a time with a unit (ns, us, ms or s"},
                          Case{"group_table=old", "'group_table' must be one of current | display | none"},
                          Case{"smmu.tlb_lines", "--set smmu.tlb_lines: expected KEY=VALUE"}}) {
        INFO(c.arg);
        std::string report = dir / "r.json";
        auto r = run_socsim({"run", scenario, "--set", c.arg, "--report", report});
        CHECK(r.signal == 0);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("socsim: error: ", 0) == 0);
        CHECK(r.err.find(c.message) != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(report));
    }
    auto twice = run_socsim({"run", scenario, "--set", "smmu.tlb_lines=8", "--set", "smmu.tlb_lines=16"});
    CHECK(twice.exit_code == 2);
    CHECK(twice.err.find("'smmu.tlb_lines' is set twice") != std::string::npos);
}
