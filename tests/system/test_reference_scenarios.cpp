// [system] The reference scenarios beyond Tegra DRM itself
// (scenarios/tegra124-vfio-replace-under-traffic.yaml,
// scenarios/tegra124-fault-storm.yaml), checked on their JSON reports:
// what the user-owned or misprogrammed engine did, and that the display
// traffic beside it kept its bandwidth without underflow.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/run_report.h"

using nlohmann::json;
using socsim::test::report_client;
using socsim::test::run_with_report;
using socsim::test::source_path;

namespace {

constexpr double k1080p60 = 1920.0 * 1080 * 4 * 60;

void check_heads_undisturbed(const json& j) {
    REQUIRE(j["display"].size() == 2);
    for (const auto& head : j["display"]) {
        INFO("head " << head["head"]);
        CHECK(head["frames"] == 2);
        CHECK(head["underflows"] == 0);
        CHECK(head["min_fifo_bytes"].get<uint64_t>() > 0);
        CHECK(std::abs(head["bandwidth_MBps"].get<double>() * 1e6 - k1080p60) / k1080p60 < 0.01);
    }
}

}  // namespace

TEST_CASE("a user owner replaces its domains under display traffic: blocked faults, then each domain's pages",
          "[system][run][reference]") {
    json j = run_with_report({source_path("scenarios/tegra124-vfio-replace-under-traffic.yaml")}, 0);
    CHECK(j["passed"] == true);
    // Blocked: the 4 KiB write is 64 requests, every one refused by the SMMU.
    CHECK(j["mc"]["faults"] == 64);
    const json& wr = report_client(j, "msencswr");
    CHECK(wr["faults"] == 64);
    for (const auto& f : j["faults"]) {
        CHECK(f["client"] == "msencswr");
        CHECK(f["reason"] == "pde-invalid");
    }
    // Two 64 KiB writes went through (u1, then u2) and one 64 KiB read back.
    CHECK(wr["bytes"] == 2 * 65536);
    CHECK(report_client(j, "msencsrd")["bytes"] == 65536);
    check_heads_undisturbed(j);
    for (const auto& g : j["groups"]) {
        if (g["name"] == "msenc") CHECK(g["domain_type"] == "identity");   // released: default domain
        if (g["name"] == "drm") CHECK(g["attach_cnt"] == 2);
    }
}

TEST_CASE("a misprogrammed engine's fault storm is counted exactly and leaves the display alone",
          "[system][run][reference]") {
    json j = run_with_report({source_path("scenarios/tegra124-fault-storm.yaml")}, 0);
    CHECK(j["passed"] == true);
    // 4 MiB in 64-byte requests from an unmapped IOVA.
    constexpr uint64_t kStorm = 4 * 1024 * 1024 / 64;
    CHECK(j["mc"]["faults"] == kStorm);
    CHECK(report_client(j, "tsecsrd")["faults"] == kStorm);
    CHECK(report_client(j, "tsecsrd")["bytes"] == 0);
    CHECK(j["smmu"]["faults"]["pde-invalid"] == kStorm);
    CHECK(j["faults"].size() == 10000);   // the report keeps the first 10,000
    CHECK(j["mc"]["interrupts_handled"].get<uint64_t>() >= 1);
    // The same engine, reprogrammed, wrote its 1 MiB.
    CHECK(report_client(j, "tsecswr")["bytes"] == 1024 * 1024);
    CHECK(report_client(j, "tsecswr")["faults"] == 0);
    check_heads_undisturbed(j);
}

TEST_CASE("Tegra30 ASID pressure with traffic: four translating groups, the fifth refused and bypassing",
          "[system][run][reference]") {
    json j = run_with_report({source_path("scenarios/tegra30-asid-pressure-traffic.yaml")}, 0);
    CHECK(j["passed"] == true);
    CHECK(j["smmu"]["asids_in_use"] == 4);
    CHECK(j["smmu"]["asid_exhausted"] == 1);
    // Five 64 KiB transfers translated (four, then dma4 on its own domain);
    // two 4 KiB transfers of engines on their identity domain bypassed.
    CHECK(j["smmu"]["translations"] == 5 * 65536 / 64);
    CHECK(j["smmu"]["bypassed"] == 2 * 4096 / 64);
    CHECK(j["mc"]["faults"] == 0);
}
