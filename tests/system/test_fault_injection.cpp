// [system][fault-injection] Faults injected into whole runs, checked on the
// JSON reports of `socsim run`:
//  - a host1x client unbinding in the middle of its job
//    (tests/scenarios/fault-injection/unbind-mid-job.yaml), under every policy;
//  - both display controllers unbinding while they scan out (detach under
//    traffic; tests/scenarios/fault-injection/unbind-while-scanning.yaml),
//    under every policy;
//  - a host1x job timeout (scenarios/tegra124-display-underflow.yaml);
//  - ASID exhaustion under traffic (scenarios/tegra30-asid-pressure-traffic.yaml).
// Each ends with a recorded fault or errno, DRAM the faulting traffic must
// not touch unchanged (the scenarios' mem_check steps), consistent counters
// (per-client MC bytes and requests against the engines', TLB and PTC
// lookups = hits + misses, host1x jobs and syncpoint values) and the run
// going on (a later step succeeds). Each run prints the faults and errnos
// it recorded. The SystemC-level cases (unmap and detach in
// flight, PA and page tables outside DRAM) are tests/model/
// test_model_fault_injection.cpp.
#include <catch2/catch.hpp>

#include <iostream>
#include <map>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/run_report.h"

using nlohmann::json;
using socsim::test::find_in;
using socsim::test::report_client;
using socsim::test::source_path;

namespace {

const char* kPolicies[] = {"shared-attach", "legacy", "upstream"};

// Runs a scenario under `policy` and prints what it injected: the MC faults,
// the errnos its steps returned and the host1x jobs that timed out.
json run(const std::string& scenario, const std::string& policy) {
    json j = socsim::test::run_with_report({source_path(scenario), "--policy", policy}, 0);
    std::map<std::string, uint64_t> errnos;
    for (const auto& e : j["expectations"])
        if (e.contains("step") && e["actual"] != "ok" && e["actual"] != "mismatch") ++errnos[e["actual"].get<std::string>()];
    std::cout << "fault injection [system] " << scenario << " (" << policy << "): " << j["mc"]["faults"]
              << " MC faults recorded, errnos:";
    for (const auto& [name, n] : errnos) std::cout << " " << name << " " << n;
    if (errnos.empty()) std::cout << " none";
    if (!j["host1x"].is_null()) std::cout << "; host1x jobs timed out: " << j["host1x"]["jobs"]["timed_out"];
    std::cout << "\n";
    return j;
}

const json& step(const json& j, int index) { return find_in(j["expectations"], "step", index); }

// Counters that must add up in any report.
void check_counters(const json& j) {
    const json& s = j["smmu"];
    CHECK(s["tlb"]["lookups"] == s["tlb"]["hits"].get<uint64_t>() + s["tlb"]["misses"].get<uint64_t>());
    CHECK(s["ptc"]["lookups"] == s["ptc"]["hits"].get<uint64_t>() + s["ptc"]["misses"].get<uint64_t>());
    CHECK(s["walks"] == s["tlb"]["misses"]);
    uint64_t requests = 0, faults = 0;
    for (const auto& c : j["clients"]) {
        requests += c["requests"].get<uint64_t>();
        faults += c["faults"].get<uint64_t>();
        CHECK(c["requests"] == c["reads"].get<uint64_t>() + c["writes"].get<uint64_t>());
    }
    CHECK(faults == j["mc"]["faults"]);
    CHECK(s["translations"].get<uint64_t>() + s["bypassed"].get<uint64_t>() == requests);
    uint64_t by_reason = 0;
    for (const auto& [reason, n] : s["faults"].items()) by_reason += n.get<uint64_t>();
    uint64_t decode = 0;
    for (const auto& f : j["faults"]) decode += f["kind"] == "decode-error";
    if (j["faults"].size() == j["mc"]["faults"]) CHECK(by_reason + decode == j["mc"]["faults"]);
    // The CPU handled every interrupt the MC raised and cleared the status.
    if (j["mc"]["faults"].get<uint64_t>() > 0) CHECK(j["mc"]["interrupts_handled"].get<uint64_t>() >= 1);
    CHECK(j["mc"]["intstatus"] == 0);
}

// The engine's bytes are what its memory clients carried.
void check_engine_bytes(const json& j, const std::string& device, const std::string& rd, const std::string& wr) {
    const json& e = find_in(j["host1x"]["engines"], "device", device);
    CHECK(e["bytes_read"] == report_client(j, rd)["bytes"]);
    CHECK(e["bytes_written"] == report_client(j, wr)["bytes"]);
    CHECK(e["faults"] ==
          report_client(j, rd)["faults"].get<uint64_t>() + report_client(j, wr)["faults"].get<uint64_t>());
}

}  // namespace

TEST_CASE("fault injection: a host1x client unbinds in the middle of its job", "[system][fault-injection]") {
    for (const char* policy : kPolicies) {
        INFO(policy);
        json j = run("tests/scenarios/fault-injection/unbind-mid-job.yaml", policy);
        CHECK(j["passed"] == true);   // includes the guard buffer's mem_checks after each unbind
        check_counters(j);
        CHECK(j["mc"]["faults"] == 0);
        // The first unbind (step 9) found the job running and waited for it;
        // the second (step 16) found one that could not finish within its
        // timeout: torn down, its syncpoint recovered. The rebound VIC's jobs
        // (steps 13 and 19) completed after each.
        auto said = [&](int index, const std::string& text) {
            for (const auto& d : step(j, index)["details"])
                if (d.get<std::string>() == text) return true;
            return false;
        };
        CHECK(said(9, "vic: 1 job(s) in flight at its exit: waited for them"));
        CHECK(said(16, "vic: 1 job(s) in flight at its exit: timed out, channel torn down"));
        CHECK(step(j, 13)["actual"] == "ok");
        CHECK(step(j, 19)["actual"] == "ok");
        const json& jobs = j["host1x"]["jobs"];
        CHECK(jobs["submitted"] == 4);
        CHECK(jobs["completed"] == 3);
        CHECK(jobs["timed_out"] == 1);
        const json& vic = find_in(j["host1x"]["engines"], "device", "vic");
        CHECK(vic["completed"] == 3);
        CHECK(vic["aborted"] == 1);
        check_engine_bytes(j, "vic", "vicsrd", "vicswr");
        // VIC's syncpoint (named by the last submit) is at its last fence.
        std::smatch m;
        std::string submit = step(j, 19)["details"][0].get<std::string>();
        REQUIRE(std::regex_search(submit, m, std::regex("syncpoint ([0-9]+) \\(max ([0-9]+)\\)")));
        const json& sp = find_in(j["host1x"]["syncpoint_values"], "id", std::stoi(m[1]));
        CHECK(sp["value"] == std::stoul(m[2]));
        CHECK(sp["value"] == 4);
    }
}

TEST_CASE("fault injection: display controllers unbind while scanning out (detach under traffic)",
          "[system][fault-injection]") {
    for (const char* policy : kPolicies) {
        INFO(policy);
        json j = run("tests/scenarios/fault-injection/unbind-while-scanning.yaml", policy);
        CHECK(j["passed"] == true);
        check_counters(j);
        // Each head stopped before its driver detached: dc0's clients never fault.
        for (const char* c : {"display0a", "display0b", "display0c"})
            for (const auto& cl : j["clients"])
                if (cl["name"] == c) CHECK(cl["faults"] == 0);
        if (std::string(policy) == "shared-attach") {
            // dc1 keeps the shared domain until it leaves itself.
            CHECK(j["mc"]["faults"] == 0);
        } else {
            // legacy / upstream: dc0's unbind detaches the whole group while dc1
            // still scans out; dc1's fetches then bypass to GEM IOVAs, which are
            // no DRAM address: recorded decode errors, nothing written.
            CHECK(j["mc"]["faults"].get<uint64_t>() > 0);
            for (const auto& f : j["faults"]) {
                CHECK(f["client"] == "display0ab");
                CHECK(f["kind"] == "decode-error");
                CHECK(f["write"] == false);
            }
        }
        // Both heads were scanning out when their drivers unbound (12 ms into frame 0).
        CHECK(report_client(j, "display0a")["bytes"].get<uint64_t>() > 0);
        CHECK(report_client(j, "display0ab")["bytes"].get<uint64_t>() > 0);
    }
}

TEST_CASE("fault injection: a host1x job timeout is recovered and the channel goes on", "[system][fault-injection]") {
    json j = run("scenarios/tegra124-display-underflow.yaml", "shared-attach");
    CHECK(j["passed"] == true);   // includes the mem_checks of the buffers the aborted job must not touch
    check_counters(j);
    CHECK(step(j, 9)["actual"] == "ETIMEDOUT");
    CHECK(step(j, 10)["actual"] == "ok");
    const json& jobs = j["host1x"]["jobs"];
    CHECK(jobs["submitted"] == 2);
    CHECK(jobs["timed_out"] == 1);
    CHECK(jobs["completed"] == 1);
    // Syncpoint recovery: the timed-out job's increment was done by the CPU,
    // the next job's by VIC; the syncpoint is at its fence, 2.
    const json& vic = find_in(j["host1x"]["engines"], "device", "vic");
    CHECK(vic["aborted"] == 1);
    CHECK(vic["completed"] == 1);
    CHECK(vic["syncpt_incrs"] == 1);
    check_engine_bytes(j, "vic", "vicsrd", "vicswr");
    std::smatch m;
    std::string submit = step(j, 10)["details"][0].get<std::string>();
    REQUIRE(std::regex_search(submit, m, std::regex("syncpoint ([0-9]+) \\(max 2\\)")));
    const json& sp = find_in(j["host1x"]["syncpoint_values"], "id", std::stoi(m[1]));
    CHECK(sp["value"] == 2);
    CHECK(sp["increments"] == 2);
    CHECK(j["mc"]["faults"] == 0);
}

TEST_CASE("fault injection: ASID exhaustion under traffic is ENOSPC, changes nothing, and a detach recovers",
          "[system][fault-injection]") {
    json j = run("scenarios/tegra30-asid-pressure-traffic.yaml", "shared-attach");
    CHECK(j["passed"] == true);   // the mem_checks: every engine's pages hold what it wrote, nothing else
    check_counters(j);
    CHECK(step(j, 20)["actual"] == "ENOSPC");
    CHECK(j["smmu"]["asid_exhausted"] == 1);
    CHECK(j["smmu"]["asids_in_use"] == 4);
    CHECK(j["smmu"]["asids_enabled"] == 4);
    CHECK(j["mc"]["faults"] == 0);
    // After the detach the refused domain attached and its transfer landed.
    CHECK(step(j, 38)["actual"] == "ok");
    CHECK(step(j, 40)["actual"] == "ok");
    CHECK(step(j, 41)["actual"] == "ok");
}
