// [system] `socsim run --duration TIME` and open-ended job streams
// (`submit` with `count: until-end`): the duration given on the command
// line replaces the scenario's, an open-ended stream runs until the run's
// end and passes, a step still running at the end fails as such, and bad
// values stop the run before anything is simulated.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/run_report.h"
#include "support/temp_dir.h"

using nlohmann::json;
using socsim::test::find_in;
using socsim::test::run_socsim;
using socsim::test::run_with_report;
using socsim::test::source_path;

namespace {

const std::string kSteady = source_path("bench/scenarios/tegra124-display-vic-steady.yaml");

uint64_t head_frames(const json& report, int head) {
    for (const auto& h : report["display"])
        if (h["head"] == head) return h["frames"].get<uint64_t>();
    FAIL("no head " << head);
    return 0;
}

uint64_t vic_jobs(const json& report) { return find_in(report["host1x"]["engines"], "device", "vic")["completed"]; }

}  // namespace

TEST_CASE("run --duration replaces the scenario's duration; an open-ended stream runs to the end",
          "[system][run][duration]") {
    json short_run = run_with_report({kSteady, "--duration", "40ms"}, 0);
    json long_run = run_with_report({kSteady, "--duration", "80ms"}, 0);
    // The heads scan out until the end: the run lasts the duration given.
    CHECK(short_run["sim_time_ns"].get<uint64_t>() > 39'000'000);
    CHECK(short_run["sim_time_ns"].get<uint64_t>() <= 40'000'000);
    CHECK(long_run["sim_time_ns"].get<uint64_t>() > 79'000'000);
    CHECK(long_run["sim_time_ns"].get<uint64_t>() <= 80'000'000);
    // 60 Hz: 2 frames per head in 40 ms, 4 in 80 ms (a frame counts when it completes).
    CHECK(head_frames(short_run, 0) == 2);
    CHECK(head_frames(long_run, 0) == 4);
    CHECK(head_frames(long_run, 1) == 4);
    // The checked job ends at 5.34 ms and the stream starts then, one job per 16.667 ms
    // (about 1.8 ms each): 3 stream jobs submitted by 40 ms, 2 of them done; 5 by 80 ms, all done.
    CHECK(vic_jobs(short_run) == 1 + 2);
    CHECK(vic_jobs(long_run) == 1 + 5);
    // The open-ended submit (the last step) is still submitting at the end: it passes, and says so.
    const json& stream = find_in(short_run["expectations"], "step", 17);
    CHECK(stream["op"] == "submit");
    CHECK(stream["actual"] == "ok");
    CHECK(stream["passed"] == true);
    CHECK(stream["details"].back() ==
          "open-ended stream, still submitting at the end of the run: 4 job(s) submitted to vic in all");
    CHECK(short_run["passed"] == true);
    CHECK(long_run["passed"] == true);
}

TEST_CASE("run: a bounded step still running at the end fails as 'running at the end'", "[system][run][duration]") {
    socsim::test::TempDir dir;
    std::ofstream(dir / "cut.yaml") << "scenario: cut\nboard: " << source_path("dts/tegra124.yaml")
                                    << "\nduration: 10ms\nsteps:\n"
                                       "  - {op: bind, device: host1x, driver: host1x}\n"
                                       "  - {op: bind, device: vic, driver: tegra-vic}\n"
                                       "  - {op: drm_probe}\n"
                                       "  - {op: buffer_alloc, buffer: a, size: 64KiB}\n"
                                       "  - {op: buffer_alloc, buffer: b, size: 64KiB}\n"
                                       "  - {op: submit, device: vic, job: composite, sources: [a], dst: b, "
                                       "width: 64, height: 64, count: 100, period: 1ms}\n"
                                       "  - {op: drm_remove}\n";
    json r = run_with_report({dir / "cut.yaml"}, 1);
    CHECK(find_in(r["expectations"], "step", 6)["actual"] == "running at the end");
    CHECK(find_in(r["expectations"], "step", 7)["actual"] == "not reached");
    auto run = run_socsim({"run", dir / "cut.yaml"});
    CHECK(run.err.find("step 6 (submit vic composite 64x64 x100): expected ok, got running at the end") !=
          std::string::npos);
}

TEST_CASE("run --duration: bad values and steps beyond it stop the run", "[system][run][duration]") {
    for (const char* bad : {"0s", "10", "fast", "-1ms", "100000s"}) {
        auto r = run_socsim({"run", kSteady, "--duration", bad});
        INFO(bad << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find("socsim: error: --duration '" + std::string(bad) + "'") != std::string::npos);
    }
    // The reference scenario unbinds VIC at 75 ms: a 50 ms run cannot hold that step.
    auto r = run_socsim({"run", source_path("scenarios/tegra124-display-vic.yaml"), "--duration", "50ms"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("tegra124-display-vic.yaml:51:10: error: 'at' (75000000 ns) is after the scenario's duration "
                     "(50000000 ns)") != std::string::npos);
    CHECK(r.err.find("socsim: note: the scenario was read with --duration 50 ms; nothing was simulated") != std::string::npos);
}
