// [system] `socsim run --trace`: the trace-event JSON of shipped scenarios
// (test-dma-translate-and-fault: faults; tegra124-display-vic: display,
// VIC and host1x) parses, carries the keys of every event's phase, names
// every process, never overlaps complete events on one track, pairs every
// async begin with an end, and has the counters and instants the README
// lists; --trace-filter and --trace-window cut it down; tracing does not
// change the report; bad trace options are refused before simulating.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/run_report.h"

using nlohmann::json;
using socsim::test::run_socsim;
using socsim::test::source_path;

namespace {

const std::string kFaults = "scenarios/test-dma-translate-and-fault.yaml";
const std::string kDisplayVic = "scenarios/tegra124-display-vic.yaml";

// Runs `socsim run SCENARIO ARGS --trace FILE` and returns the parsed trace.
json run_trace(const std::string& scenario, std::vector<std::string> args, const std::string& file) {
    std::vector<std::string> full = {"run", source_path(scenario), "--trace", file};
    full.insert(full.end(), args.begin(), args.end());
    auto r = run_socsim(full);
    INFO(r.err);
    REQUIRE(r.signal == 0);
    REQUIRE(r.exit_code == 0);
    std::ifstream in(file);
    REQUIRE(in);
    json t = json::parse(in);
    std::remove(file.c_str());
    return t;
}

// Times in whole nanoseconds (the writer prints microseconds with 3 decimals).
int64_t ns(const json& us) { return std::llround(us.get<double>() * 1000.0); }

std::vector<json> of_phase(const json& trace, const std::string& ph) {
    std::vector<json> out;
    for (const auto& e : trace["traceEvents"])
        if (e["ph"] == ph) out.push_back(e);
    return out;
}

bool has(const json& trace, const std::string& ph, const std::string& name) {
    for (const auto& e : trace["traceEvents"])
        if (e["ph"] == ph && e["name"] == name) return true;
    return false;
}

// The async spans of a trace as [begin, end] in ns. Each begin must have
// one end (same cat, id, pid) not before it, and spans sharing an id (one
// Perfetto track) must follow one another: at one instant an open span
// ends before the next begins (zero-length spans in between).
std::vector<std::pair<int64_t, int64_t>> async_spans(const json& t) {
    using Key = std::tuple<std::string, uint64_t, int>;   // cat, id, pid
    std::map<Key, std::map<int64_t, std::pair<int, int>>> marks;   // per id: ns -> (begins, ends)
    for (const auto& e : t["traceEvents"]) {
        if (e["ph"] != "b" && e["ph"] != "e") continue;
        auto& at = marks[Key{e["cat"], e["id"].get<uint64_t>(), e["pid"].get<int>()}][ns(e["ts"])];
        ++(e["ph"] == "b" ? at.first : at.second);
    }
    std::vector<std::pair<int64_t, int64_t>> out;
    for (const auto& [key, times] : marks) {
        INFO("async " << std::get<0>(key) << " id " << std::get<1>(key) << " pid " << std::get<2>(key));
        bool open = false;   // not std::optional: gcc -O1 warns it may be used uninitialized
        int64_t open_ns = 0;
        for (auto [t_ns, n] : times) {
            auto& [begins, ends] = n;
            if (open && ends > 0) {
                out.push_back({open_ns, t_ns});
                open = false;
                --ends;
            }
            for (; begins > 0 && ends > 0; --begins, --ends) out.push_back({t_ns, t_ns});
            CHECK(ends == 0);
            CHECK(begins <= 1);
            if (begins == 1) {
                CHECK(!open);
                open = true;
                open_ns = t_ns;
            }
        }
        CHECK(!open);
    }
    return out;
}

// What every trace must satisfy.
void check_well_formed(const json& t) {
    REQUIRE(t.is_object());
    REQUIRE(t["traceEvents"].is_array());
    REQUIRE(!t["traceEvents"].empty());
    CHECK(t["displayTimeUnit"] == "ns");
    std::set<int> pids, named;
    for (const auto& e : t["traceEvents"]) {
        INFO(e.dump());
        REQUIRE(e.contains("ph"));
        REQUIRE(e.contains("pid"));
        REQUIRE(e.contains("name"));
        const std::string ph = e["ph"];
        pids.insert(e["pid"].get<int>());
        if (ph == "M") {
            REQUIRE(e["args"].is_object());
            if (e["name"] == "process_name" || e["name"] == "thread_name") REQUIRE(e["args"]["name"].is_string());
            if (e["name"] == "process_name") named.insert(e["pid"].get<int>());
            continue;
        }
        REQUIRE(e["ts"].is_number());
        CHECK(e["ts"].get<double>() >= 0);
        if (ph == "X") {
            REQUIRE(e.contains("tid"));
            REQUIRE(e["dur"].is_number());
            CHECK(e["dur"].get<double>() >= 0);
        } else if (ph == "b" || ph == "e") {
            REQUIRE(e["cat"].is_string());
            REQUIRE(e.contains("id"));
        } else if (ph == "i") {
            REQUIRE(e.contains("tid"));
        } else if (ph == "C") {
            REQUIRE(e["args"].is_object());
            REQUIRE(!e["args"].empty());
            for (const auto& [k, v] : e["args"].items()) CHECK(v.is_number());
        } else {
            FAIL("unexpected phase " << ph);
        }
    }
    CHECK(pids == named);   // every process is named

    // No two complete events overlap on one (pid, tid) track.
    std::map<std::pair<int, int>, std::vector<std::pair<int64_t, int64_t>>> tracks;
    for (const auto& e : of_phase(t, "X"))
        tracks[{e["pid"].get<int>(), e["tid"].get<int>()}].push_back({ns(e["ts"]), ns(e["ts"]) + ns(e["dur"])});
    for (auto& [track, spans] : tracks) {
        std::sort(spans.begin(), spans.end());
        for (size_t i = 1; i < spans.size(); ++i) {
            INFO("pid " << track.first << " tid " << track.second << ": [" << spans[i - 1].first << ", "
                        << spans[i - 1].second << "] then [" << spans[i].first << ", " << spans[i].second << "]");
            CHECK(spans[i].first >= spans[i - 1].second);
        }
    }

    CHECK(async_spans(t).size() == of_phase(t, "b").size());
}

// Every event's [start, end] in ns: complete events their duration, async
// pairs from begin to end, instants and counters their time.
std::vector<std::pair<int64_t, int64_t>> spans(const json& t) {
    std::vector<std::pair<int64_t, int64_t>> out = async_spans(t);
    for (const auto& e : t["traceEvents"]) {
        const std::string ph = e["ph"];
        if (ph == "M" || ph == "b" || ph == "e") continue;
        int64_t ts = ns(e["ts"]);
        out.push_back({ts, ts + (ph == "X" ? ns(e["dur"]) : 0)});
    }
    return out;
}

size_t events_of_clients(const json& t, const std::string& prefix) {
    size_t n = 0;
    for (const auto& e : t["traceEvents"]) {
        bool named = e["name"].get<std::string>().rfind(prefix, 0) == 0;
        bool arg = e.contains("args") && e["args"].contains("client") &&
                   e["args"]["client"].get<std::string>().rfind(prefix, 0) == 0;
        n += named || arg;
    }
    return n;
}

}  // namespace

TEST_CASE("trace: faults, MC interrupts, steps and SMMU counters of the test DMA scenario", "[system][trace]") {
    json t = run_trace(kFaults, {}, "socsim-test-trace-faults.json");
    check_well_formed(t);
    json report = socsim::test::run_with_report({source_path(kFaults)}, 0);

    size_t faults = 0;
    for (const auto& e : of_phase(t, "i"))
        if (e["name"] == "fault") {
            ++faults;
            CHECK(e["args"]["client"].is_string());
            CHECK(e["args"]["iova"].is_string());
            CHECK(e["args"]["reason"].is_string());
        }
    CHECK(faults == report["mc"]["faults"].get<size_t>());
    CHECK(has(t, "i", "MC interrupt raised"));

    // One complete event per step on the driver's track, with its verdict.
    size_t steps = 0;
    for (const auto& e : of_phase(t, "X"))
        if (e["cat"] == "step") {
            ++steps;
            CHECK(e["args"]["expected"] == e["args"]["actual"]);
            CHECK(e["args"]["passed"] == true);
        }
    size_t report_steps = 0;
    for (const auto& e : report["expectations"]) report_steps += e.contains("step");
    CHECK(steps == report_steps);

    // Requests as async spans; counters for bandwidth and the TLB.
    size_t requests = 0;
    for (const auto& c : report["clients"]) requests += c["requests"].get<size_t>();
    size_t mc_spans = 0;
    for (const auto& e : of_phase(t, "b")) mc_spans += e["cat"] == "mc";
    CHECK(mc_spans == requests);
    CHECK(has(t, "C", "msencswr bandwidth"));
    CHECK(has(t, "C", "TLB hit rate"));
    CHECK(has(t, "C", "walks"));
}

TEST_CASE("trace: display frames, VBLANKs, FIFO counters, syncpoints and VIC jobs in a window", "[system][trace]") {
    json t = run_trace(kDisplayVic, {"--trace-window", "19ms:21ms"}, "socsim-test-trace-window.json");
    check_well_formed(t);
    for (const auto& [start, end] : spans(t)) {
        CHECK(start <= 21'000'000);
        CHECK(end >= 19'000'000);
    }
    CHECK(has(t, "C", "window A min FIFO"));
    CHECK(has(t, "C", "display0a bandwidth"));
    CHECK(has(t, "C", "TLB hit rate"));
    CHECK(has(t, "i", "VBLANK"));
    CHECK(has(t, "i", "syncpt"));
    CHECK(has(t, "X", "frame"));
    CHECK(has(t, "X", "vic job"));
    CHECK(has(t, "X", "VIC_TRIGGER"));
    CHECK(has(t, "b", "display0a"));
    CHECK(has(t, "b", "vicsrd"));

    // --trace-filter client=vic: no display client's events, fewer events.
    json v = run_trace(kDisplayVic, {"--trace-window", "19ms:21ms", "--trace-filter", "client=vic"},
                       "socsim-test-trace-vic.json");
    check_well_formed(v);
    CHECK(events_of_clients(t, "display") > 0);
    CHECK(events_of_clients(v, "display") == 0);
    for (const auto& e : v["traceEvents"])
        if (e["ph"] == "M" && e["name"] == "process_name")
            CHECK(e["args"]["name"].get<std::string>().rfind("display", 0) != 0);
    CHECK(has(v, "b", "vicsrd"));
    CHECK(has(v, "X", "vic job"));
    CHECK(v["traceEvents"].size() < t["traceEvents"].size());

    // component=driver: the CPU's track alone.
    json d = run_trace(kDisplayVic, {"--trace-filter", "component=driver"}, "socsim-test-trace-driver.json");
    check_well_formed(d);
    for (const auto& e : d["traceEvents"]) CHECK(e["pid"] == 1);
    CHECK(has(d, "X", "display"));
    CHECK(has(d, "i", "job submit"));
}

TEST_CASE("trace: tracing does not change the report", "[system][trace]") {
    for (const std::string& scenario : {kFaults, kDisplayVic}) {
        INFO(scenario);
        json plain = socsim::test::run_with_report({source_path(scenario)}, 0);
        std::vector<std::string> args = {source_path(scenario), "--trace", "socsim-test-trace-same.json", "--vcd",
                                         "socsim-test-trace-same.vcd"};
        if (scenario == kDisplayVic)   // every hook runs; only the display and VIC parts are written
            args.insert(args.end(), {"--trace-filter", "component=driver,display,host1x,engine,smmu"});
        json traced = socsim::test::run_with_report(args, 0);
        std::remove("socsim-test-trace-same.json");
        std::remove("socsim-test-trace-same.vcd");
        plain.erase("wall_time_s");
        traced.erase("wall_time_s");
        CHECK(plain == traced);
    }
}

TEST_CASE("trace: a run whose expectations fail still closes its trace and VCD", "[system][trace]") {
    const std::string json_file = "socsim-test-trace-failing.json", vcd_file = "socsim-test-trace-failing.vcd";
    auto r = run_socsim({"run", source_path("tests/scenarios/wrong-expectation.yaml"), "--trace", json_file, "--vcd",
                         vcd_file});
    CHECK(r.exit_code == 1);
    std::ifstream in(json_file);
    REQUIRE(in);
    json t = json::parse(in);   // throws (fails the test) on a truncated file
    check_well_formed(t);
    CHECK(has(t, "X", "boot"));
    std::ifstream vcd(vcd_file);
    std::string text((std::istreambuf_iterator<char>(vcd)), std::istreambuf_iterator<char>());
    CHECK(text.find("$enddefinitions $end") != std::string::npos);
    std::remove(json_file.c_str());
    std::remove(vcd_file.c_str());
}

TEST_CASE("trace: bad trace options are refused before anything is simulated", "[system][trace]") {
    const std::string file = "socsim-test-trace-bad.json";
    const std::vector<std::vector<std::string>> bad = {
        {"--trace", file, "--trace-filter", "client=nosuch"},
        {"--trace", file, "--trace-filter", "client=g2"},   // a Tegra30 swgroup on a Tegra124 board
        {"--trace", file, "--trace-filter", "component=gpu"},
        {"--trace", file, "--trace-filter", "colour=red"},
        {"--trace", file, "--trace-window", "20ms:10ms"},
        {"--trace", file, "--trace-window", "10ms"},
        {"--trace-window", "1ms:2ms"},   // no --trace to shape
        {"--sample", "0us"},
        {"--sample", "1ns"},             // 5 million intervals
        {"--trace", "/nonexistent-dir/t.json"},
        {"--vcd", "/nonexistent-dir/t.vcd"},
    };
    for (const auto& args : bad) {
        std::vector<std::string> full = {"run", source_path(kFaults)};
        full.insert(full.end(), args.begin(), args.end());
        auto r = run_socsim(full);
        INFO(args.back() << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("socsim: error: ", 0) == 0);
        CHECK(r.err.find('\n') == r.err.size() - 1);   // one line
        std::ifstream created(file);
        CHECK_FALSE(created);
    }
}
