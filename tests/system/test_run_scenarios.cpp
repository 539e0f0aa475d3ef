// [system] `socsim run` as a user runs it: every shipped scenario passes
// (the three-policy one under each policy), its JSON report says what
// happened, a wrong expectation exits 1 without stopping the run, and
// --policy, --report and --list-drivers behave.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>

#include <nlohmann/json.hpp>

#include "support/corpus.h"
#include "support/run_command.h"
#include "support/run_report.h"

using nlohmann::json;
using socsim::test::run_socsim;
using socsim::test::run_with_report;
using socsim::test::source_path;

namespace {

const json& group(const json& report, const std::string& name) {
    return socsim::test::find_in(report["groups"], "name", name);
}

}  // namespace

TEST_CASE("every shipped scenario passes, and says what it demonstrates", "[system][run]") {
    auto files = socsim::test::list_corpus("scenarios");
    REQUIRE(files.size() >= 7);
    for (const auto& f : files) {
        INFO(f);
        std::ifstream in(f);
        std::string first;
        std::getline(in, first);
        CHECK(first.rfind("# ", 0) == 0);
        json j = run_with_report({f}, 0);
        CHECK(j["passed"] == true);
        for (const auto& e : j["expectations"]) CHECK(e["passed"] == true);
    }
}

TEST_CASE("the policy comparison passes under all three policies; only legacy has the hazard", "[system][run]") {
    std::string f = source_path("scenarios/policy-comparison.yaml");
    for (const char* p : {"shared-attach", "legacy", "upstream"}) {
        INFO(p);
        json j = run_with_report({f, "--policy", p}, 0);
        CHECK(j["policy"] == p);
        CHECK(j["hazards"].size() == (std::string(p) == "legacy" ? 1u : 0u));
        // Step 3 binds a DMA-API driver into the user-owned group.
        CHECK(j["expectations"][2]["actual"] == (std::string(p) == "legacy" ? "ok" : "EBUSY"));
        CHECK(j["replace_unwind"] == "restore");
        // Step 7 unbinds dc0, which only legacy let bind: a void operation,
        // ok either way, with a warning where it was misused.
        const json& unbind = j["expectations"][6];
        CHECK(unbind["actual"] == "ok");
        CHECK(unbind.contains("warnings") == (std::string(p) != "legacy"));
    }
}

TEST_CASE("the Tegra124 DRM report shows the shared domain's effect on the hardware", "[system][run]") {
    json j = run_with_report({source_path("scenarios/tegra124-drm-shared-domain.yaml")}, 0);
    CHECK(j["soc"] == "tegra124");
    CHECK(j["expectations"].size() == 22);
    const json& drm = group(j, "drm");
    CHECK(drm["devices"] == json({"dc0", "dc1", "vic"}));
    CHECK(drm["domain"] == "drm.default");
    CHECK(drm["owner_cnt"] == 0);
    CHECK(drm["owner"].is_null());
    CHECK(j["smmu"]["asids_in_use"] == 0);
    CHECK(j["smmu"]["asid_allocations"] == 1);    // one shared domain, one ASID
    CHECK(j["smmu"]["page_table_writes"].get<int>() >= 2 * 2048 + 4);  // 2 x 2048 PTEs set and cleared, 2 PDEs each way
    for (const char* key : {"scenario", "policy", "seed", "sim_time_ns", "wall_time_s", "expectations", "groups",
                            "clients", "smmu", "faults"})
        CHECK(j.contains(key));
}

TEST_CASE("ASID exhaustion on Tegra30 is reported as ENOSPC, counted by the SMMU", "[system][run]") {
    json j = run_with_report({source_path("scenarios/tegra30-asid-exhaustion.yaml")}, 0);
    CHECK(j["smmu"]["asid_exhausted"] == 2);
    CHECK(j["smmu"]["asids_in_use"] == 4);
}

TEST_CASE("a wrong expectation exits 1, is located, and the run goes on", "[system][run]") {
    std::string f = source_path("tests/scenarios/wrong-expectation.yaml");
    auto r = run_socsim({"run", f});
    INFO(r.out << r.err);
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(f + ":11:61: error: step 2 (claim_dma_owner drm by vfio0): expected ok, got EPERM") !=
          std::string::npos);
    CHECK(r.err.find("step 3 check: owner_cnt of drm is 1, expected 2") != std::string::npos);
    CHECK(r.out.find("2 of 5 expectations FAILED") != std::string::npos);
    json j = run_with_report({f}, 1);
    CHECK(j["passed"] == false);
    CHECK(j["expectations"][1]["passed"] == false);
    CHECK(j["expectations"][4]["passed"] == true);  // the last step ran
    CHECK(j["expectations"][4]["time_ns"] == 5000);
}

TEST_CASE("a failed domain_alloc leaves its handle unallocated; each step reports its own warnings", "[system][run]") {
    json j = run_with_report({source_path("tests/scenarios/failed-alloc.yaml")}, 0);
    const json& e = j["expectations"];
    CHECK(e[0]["warnings"] == json({"hdmi is not behind the IOMMU"}));
    CHECK(e[1]["warnings"] == json({"domain d was not allocated (its domain_alloc failed)"}));
    CHECK(e[2]["actual"] == "ok");  // void
    CHECK(e[2]["warnings"] == json({"domain d was not allocated (its domain_alloc failed)"}));
}

TEST_CASE("run: --list-drivers, missing scenario, unwritable report", "[system][run]") {
    auto r = run_socsim({"run", "--list-drivers"});
    CHECK(r.exit_code == 0);
    for (const char* d : {"dma-api", "driver-managed", "vfio", "no-dma"}) CHECK(r.out.find(d) != std::string::npos);
    r = run_socsim({"run"});
    CHECK(r.exit_code == 2);
    r = run_socsim({"run", source_path("scenarios/vfio-replace-domain.yaml"), "--report", "/nonexistent/dir/r.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    r = run_socsim({"run", source_path("scenarios/vfio-replace-domain.yaml"), "--policy", "bogus"});
    CHECK(r.exit_code == 2);
}

TEST_CASE("test DMA scenario: translated traffic, exact faults and DRAM, in fast and accurate mode", "[system][run][hw]") {
    std::string file = source_path("scenarios/test-dma-translate-and-fault.yaml");
    for (const char* mode : {"fast", "accurate"}) {
        INFO(mode);
        json j = run_with_report({file, "--mode", mode}, 0);
        CHECK(j["timing"]["mode"] == mode);
        CHECK(j["mc"]["faults"] == 69);
        REQUIRE(j["faults"].size() == 69);
        int write_denied = 0, unmapped = 0;
        for (const auto& f : j["faults"]) {
            CHECK(f["kind"] == "smmu-page");
            CHECK(f["swgroup"] == "msenc");
            CHECK(f["translated"] == true);
            if (f["reason"] == "write-denied") {
                ++write_denied;
                CHECK(f["client"] == "msencswr");
                CHECK(f["write"] == true);
                CHECK(f["iova"].get<uint64_t>() >= 0x200000);
                CHECK(f["iova"].get<uint64_t>() < 0x201000);
            } else {
                ++unmapped;
                CHECK(f["client"] == "msencsrd");
                CHECK((f["reason"] == "pte-invalid" || f["reason"] == "pde-invalid"));
            }
        }
        CHECK(write_denied == 64);
        CHECK(unmapped == 5);
        // ERR_STATUS latches the last fault: a read (RW clear) by msencsrd (0x1c), SMMU page type.
        uint32_t err = j["mc"]["err_status"].get<uint32_t>();
        CHECK((err >> 28) == 6);
        CHECK((err & (1u << 16)) == 0);
        CHECK((err & 0x7f) == 0x1c);
        CHECK(j["mc"]["err_adr"] == 0x100000);
        // Three faulting transfers: the unmasked MC interrupt rose three times and the CPU took each.
        CHECK(j["mc"]["interrupts"] == 3);
        CHECK(j["mc"]["interrupts_handled"] == 3);
        CHECK(j["mc"]["intstatus"] == 0);
        std::map<std::string, json> clients;
        for (const auto& c : j["clients"]) clients[c["name"]] = c;
        REQUIRE(clients.count("msencsrd"));
        REQUIRE(clients.count("msencswr"));
        CHECK(clients["msencsrd"]["bytes"] == 65536 + 4096);       // faulting requests move no data
        CHECK(clients["msencswr"]["bytes"] == 65536 + 4096);
        CHECK(clients["msencswr"]["faults"] == 64);
        CHECK(clients["msencsrd"]["requests"] == 1024 + 64 + 4 + 1);
        CHECK(clients["msencsrd"]["avg_latency_ns"].get<double>() > 100.0);  // DRAM latency 100 ns
        CHECK(clients["msencsrd"]["bandwidth_MBps"].get<double>() > 0.0);
        const json& smmu = j["smmu"];
        CHECK(smmu["bypassed"] == 64);
        CHECK(smmu["translations"].get<uint64_t>() + 64 == 1093 + 1152);
        CHECK(smmu["tlb"]["hits"].get<uint64_t>() + smmu["tlb"]["misses"].get<uint64_t>() == smmu["tlb"]["lookups"]);
        CHECK(smmu["tlb"]["lines"] == 32);
        CHECK(smmu["walks"] == smmu["tlb"]["misses"]);
        CHECK(smmu["walk_latency_ns"]["count"] == smmu["walks"]);
        CHECK(smmu["faults"]["write-denied"] == 64);
        CHECK(smmu["tlb"]["flushes"]["group"].get<uint64_t>() > 0);
        CHECK(j["dram"]["writes"].get<uint64_t>() > 0);
        // DRAM costs only the pages touched, not its 256 MiB.
        CHECK(j["dram"]["resident_pages"].get<uint64_t>() < 200);
    }
}

TEST_CASE("a wrong fault count fails the run with a located diagnostic", "[system][run][hw]") {
    std::string dir = "socsim-test-faults";
    std::string text;
    {
        std::ifstream in(source_path("scenarios/test-dma-translate-and-fault.yaml"));
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto at = text.find("expect: {faults: 69}");
    REQUIRE(at != std::string::npos);
    text.replace(at, 20, "expect: {faults: 68}");
    at = text.find("board: ../");
    text.replace(at, 10, "board: " + source_path("") + "/");
    std::string file = dir + ".yaml";
    std::ofstream(file) << text;
    auto r = run_socsim({"run", file});
    std::remove(file.c_str());
    CHECK(r.exit_code == 1);
    INFO(r.err);
    CHECK(r.err.find(file + ":14:18: error: run expectation faults: expected 68, got 69") != std::string::npos);
}

TEST_CASE("a check with per-policy values asserts each policy's own, and nothing where a policy is not listed",
          "[system][run]") {
    std::string f = source_path("tests/scenarios/per-policy-check.yaml");
    run_with_report({f, "--policy", "shared-attach"}, 0);
    run_with_report({f, "--policy", "upstream"}, 0);
    auto r = run_socsim({"run", f, "--policy", "legacy"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(f + ":13:5: error: step 2 check: owner_cnt of drm is 0, expected 5") != std::string::npos);
    CHECK(r.err.find("owner of drm") == std::string::npos);   // legacy's own owner value held
}

TEST_CASE("the summary lists failed expectations before the steps; --progress always/never", "[system][run]") {
    auto r = run_socsim({"run", source_path("tests/scenarios/wrong-expectation.yaml"), "--progress", "never"});
    INFO(r.out << r.err);
    size_t failed = r.out.find("FAILED: 2 of 5 expectations\n");
    REQUIRE(failed != std::string::npos);
    CHECK(failed < r.out.find("steps:"));
    CHECK(r.out.find("  line 12: step 3 check: owner_cnt of drm is 1, expected 2\n") != std::string::npos);
    CHECK(r.out.find("real-time factor") != std::string::npos);
    CHECK(r.err.find("simulated (") == std::string::npos);   // never: no progress line
    // Idle stretches of a run (here most of its 1 ms) print no SystemC warnings into the summary.
    auto idle = run_socsim({"run", source_path("scenarios/vfio-claim-vs-dma-api.yaml"), "--progress", "never"});
    CHECK(idle.exit_code == 0);
    CHECK(idle.out.find("Warning: (") == std::string::npos);

    std::string f = source_path("scenarios/policy-comparison.yaml");
    auto a = run_socsim({"run", f, "--progress", "always"});
    CHECK(a.exit_code == 0);
    CHECK(a.err.find("socsim: ") != std::string::npos);
    CHECK(a.err.find(" of 1 ms simulated (") != std::string::npos);
    // The slices the progress line needs do not change the run (timed DMA, faults).
    std::string dma = source_path("scenarios/test-dma-translate-and-fault.yaml");
    json with = run_with_report({dma, "--progress", "always"}, 0), without = run_with_report({dma, "--progress", "never"}, 0);
    with.erase("wall_time_s");
    without.erase("wall_time_s");
    CHECK(with == without);
}
