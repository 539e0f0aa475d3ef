// [system] host1x, the display controllers, GR2D, GR3D and VIC behind the
// Tegra DRM shared domain, through `socsim run` and its JSON report: the
// shipped client scenarios under every policy, display bandwidth and
// underflow, job completion after the engine's DMA, job timeouts, and
// unbinding the DRM clients in every order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/run_report.h"

using nlohmann::json;
using socsim::test::run_socsim;
using socsim::test::source_path;

namespace {

const char* kPolicies[] = {"shared-attach", "legacy", "upstream"};
constexpr double k1080p60 = 1920.0 * 1080 * 4 * 60;   // 497.664 MB/s

json run_report(const std::string& scenario, const std::string& policy) {
    return socsim::test::run_with_report({scenario, "--policy", policy}, 0);
}

const json& step(const json& report, int index) { return socsim::test::find_in(report["expectations"], "step", index); }

bool details_mention(const json& e, const std::string& text) {
    if (!e.contains("details")) return false;
    for (const auto& d : e["details"])
        if (d.get<std::string>().find(text) != std::string::npos) return true;
    return false;
}

const json& engine(const json& report, const std::string& device) {
    return socsim::test::find_in(report["host1x"]["engines"], "device", device);
}

}  // namespace

TEST_CASE("Tegra124 reference: heads and VIC share one domain and ASID; 1080p60 at 497.7 MB/s; VIC at 60 fps completes after its DMA",
          "[system][clients]") {
    for (const char* policy : kPolicies) {
        INFO(policy);
        json j = run_report(source_path("scenarios/tegra124-display-vic.yaml"), policy);
        CHECK(j["passed"] == true);
        // drm_probe (step 5): the attach API the policy prescribes; the check
        // after it (step 6) asserted one shared domain, the same ASID in the
        // DC, DCB and VIC swgroup registers, and two ASIDs in all (host1x's own).
        const json& probe = step(j, 5);
        CHECK(details_mention(probe, std::string(policy) == "shared-attach" ? "attach_device(shared)" : "attach_group(shared)"));
        CHECK(step(j, 6)["passed"] == true);
        CHECK(details_mention(step(j, 1), std::string(policy) == "shared-attach" ? "attach_device" : "attach_group"));
        REQUIRE(j["display"].size() == 2);
        // Window A of each head scans out 1920x1080 ARGB8888 at 60 Hz; head 0
        // adds the 256x256 VIC overlay (window B) on top of that.
        const double overlay = 256.0 * 256 * 4 * 60;
        for (const auto& head : j["display"]) {
            CHECK(head["frames"] == 4);
            CHECK(head["underflows"] == 0);
            double a = head["windows"][0]["bandwidth_MBps"].get<double>() * 1e6;
            CHECK(std::abs(a - k1080p60) / k1080p60 < 0.01);
            double expected = head["head"] == 0 ? k1080p60 + overlay : k1080p60;
            CHECK(std::abs(head["bandwidth_MBps"].get<double>() * 1e6 - expected) / expected < 0.01);
        }
        // The MC agrees with the heads: display0a/display0ab carried 4 frames each.
        for (const auto& c : j["clients"])
            if (c["name"] == "display0a" || c["name"] == "display0ab") CHECK(c["bytes"] == 4ull * 1920 * 1080 * 4);
        // Four composites (60 fps), each incrementing VIC's syncpoint only when its DMA is done.
        const json& h = j["host1x"];
        CHECK(h["jobs"]["submitted"] == 4);
        CHECK(h["jobs"]["completed"] == 4);
        const json& vic = engine(j, "vic");
        CHECK(vic["completed"] == 4);
        CHECK(vic["bytes_written"] == 4ull * 256 * 256 * 4);
        CHECK(vic["bytes_read"] == 3 * 4ull * 256 * 256 * 4);
        // The submit step (15) names VIC's syncpoint: "... syncpoint N (max 4)".
        std::smatch m;
        std::string submit = step(j, 15)["details"][0].get<std::string>();
        REQUIRE(std::regex_search(submit, m, std::regex("syncpoint ([0-9]+) \\(max 4\\)")));
        const int vic_syncpt = std::stoi(m[1]);
        bool found = false;
        for (const auto& sp : h["syncpoint_values"])
            if (sp["id"] == vic_syncpt && sp["value"] == 4 && sp["increments"] == 4) {
                found = true;
                CHECK(sp["last_increment_ns"].get<uint64_t>() >= vic["last_request_ns"].get<uint64_t>());
            }
        CHECK(found);
        CHECK(j["faults"].empty());
    }
}

TEST_CASE("Tegra124 with DRAM throttled below the demand: the head underflows; a job past its timeout is recovered",
          "[system][clients]") {
    json j = run_report(source_path("scenarios/tegra124-display-underflow.yaml"), "shared-attach");
    CHECK(j["passed"] == true);
    REQUIRE(j["display"].size() == 1);
    const json& head = j["display"][0];
    // The display step waited for its two frames: two 60 Hz frame times at least.
    const json& display = step(j, 8);
    CHECK(display["actual"] == "ok");
    CHECK(display["end_ns"].get<uint64_t>() - display["time_ns"].get<uint64_t>() >= 2 * 16'666'666u);
    CHECK(head["frames"] == 2);
    CHECK(head["vblanks"] == 2);
    CHECK(head["underflows"].get<uint64_t>() > 0);
    CHECK(head["windows"][0]["underflow_lines"].get<uint64_t>() > 0);
    CHECK(head["bandwidth_MBps"].get<double>() * 1e6 < 0.99 * k1080p60);
    // The 8 MiB composite timed out (ETIMEDOUT, step 9); the channel came back.
    CHECK(step(j, 9)["actual"] == "ETIMEDOUT");
    CHECK(j["host1x"]["jobs"]["timed_out"] == 1);
    CHECK(j["host1x"]["jobs"]["completed"] == 1);
    CHECK(step(j, 10)["actual"] == "ok");
}

TEST_CASE("Tegra30: GR2D fill and copy and GR3D draw, byte for byte, under every policy", "[system][clients]") {
    for (const char* policy : kPolicies) {
        INFO(policy);
        json j = run_report(source_path("scenarios/tegra30-gr2d-gr3d.yaml"), policy);
        CHECK(j["passed"] == true);   // the mem_check steps compare every byte
        const json& gr2d = engine(j, "gr2d");
        const json& gr3d = engine(j, "gr3d");
        CHECK(gr2d["completed"] == 5);
        CHECK(gr3d["completed"] == 1);
        // GR3D's tile-order texture fetch switches pages far more often.
        double g2 = gr2d["page_switches"].get<double>() / (gr2d["bytes_read"].get<double>() + gr2d["bytes_written"].get<double>());
        double g3 = gr3d["page_switches"].get<double>() / (gr3d["bytes_read"].get<double>() + gr3d["bytes_written"].get<double>());
        CHECK(g3 > 4 * g2);
    }
}

TEST_CASE("unbinding the DRM clients in any order leaves counters, ASIDs and swgroups consistent; an unbound client is refused",
          "[system][clients]") {
    std::vector<std::string> order = {"dc0", "dc1", "vic"};
    std::sort(order.begin(), order.end());
    int runs = 0;
    do {
        for (const char* policy : kPolicies) {
            bool shared_attach = std::string(policy) == "shared-attach";
            std::string path = "socsim-unbind-" + order[0] + order[1] + order[2] + "-" + policy + ".yaml";
            std::ofstream s(path);
            s << "scenario: unbind-order\nboard: " << source_path("dts/tegra124.yaml") << "\nduration: 10ms\nsteps:\n"
              << "  - {op: bind, device: host1x, driver: host1x}\n";
            for (const char* d : {"dc0", "dc1", "vic"}) s << "  - {op: bind, device: " << d << ", driver: tegra-" << (d[0] == 'v' ? "vic" : "dc") << "}\n";
            s << "  - {op: drm_probe}\n"
              << "  - {op: check, group: drm, domain: shared, hw_asid: same, asids: 2, attach_cnt: " << (shared_attach ? 3 : 0) << "}\n"
              << "  - {op: buffer_alloc, buffer: a, size: 64KiB}\n";
            for (size_t i = 0; i < order.size(); ++i) {
                s << "  - {op: unbind, device: " << order[i] << "}\n";
                bool last = i + 1 == order.size();
                // shared-attach: the group stays on the shared domain until the
                // last member leaves; legacy/upstream detach it with the first.
                if (shared_attach && !last)
                    s << "  - {op: check, group: drm, domain: shared, hw_asid: same, asids: 2, owner_cnt: " << 2 - i
                      << ", attach_cnt: " << 2 - i << "}\n";
                else
                    s << "  - {op: check, group: drm, domain: default, owner_cnt: 0, attach_cnt: 0}\n";
            }
            s << "  - {op: check, group: drm, domain: default, owner_cnt: 0, attach_cnt: 0, asids: 1}\n"
              << "  - {op: submit, device: vic, job: composite, sources: [a], dst: a, width: 8, height: 8, expect: ENODEV}\n"
              << "  - {op: display, device: dc0, mode: {width: 640, height: 480}, windows: [{buffer: a, width: 8, height: 8}], expect: ENODEV}\n";
            s.close();
            INFO(path << " " << policy);
            json j = run_report(path, policy);
            std::remove(path.c_str());
            CHECK(j["passed"] == true);
            CHECK(j["smmu"]["asids_enabled"] == 1);   // only host1x's HC swgroup still translates
            ++runs;
        }
    } while (std::next_permutation(order.begin(), order.end()));
    CHECK(runs == 18);
}

TEST_CASE("a display controller on a head socsim does not model is refused at run time, not a crash", "[system][clients]") {
    std::ifstream in(source_path("dts/examples/tegra124-display-throttled.yaml"));
    std::string board((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto at = board.find("nvidia,head: 1");
    REQUIRE(at != std::string::npos);
    board.replace(at, 14, "nvidia,head: 2");
    std::ofstream("socsim-head2-board.yaml") << board;
    std::ofstream("socsim-head2.yaml")
        << "scenario: head2\nboard: socsim-head2-board.yaml\nsteps:\n"
           "  - {op: bind, device: host1x, driver: host1x}\n"
           "  - {op: bind, device: dc1, driver: tegra-dc}\n"
           "  - {op: drm_probe}\n"
           "  - {op: buffer_alloc, buffer: a, size: 2MiB}\n"
           "  - {op: display, device: dc1, mode: {width: 640, height: 480}, windows: [{buffer: a}], expect: ENODEV}\n";
    json j = run_report("socsim-head2.yaml", "shared-attach");
    std::remove("socsim-head2.yaml");
    std::remove("socsim-head2-board.yaml");
    CHECK(j["passed"] == true);
    CHECK(step(j, 5)["actual"] == "ENODEV");
}
