// [system] Determinism: the same scenario (and so the same seed) gives a
// byte-identical JSON report, run after run, once the fields that describe
// the host rather than the simulation are taken out. Every scenario in
// scenarios/ and tests/scenarios/ (not the malformed corpus) is run twice,
// in separate processes, two at a time; the second run names the file by
// another path (SOURCE/tests/../scenarios/...), so that anything depending
// on how the file was named shows up as a difference. The list comes from
// the directories: a new scenario is covered without touching this test.
//
// No model draws random numbers: `seed` is recorded in the report and
// nothing reads it, so there is no seed to vary here.
#include <catch2/catch.hpp>

#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/corpus.h"
#include "support/parallel_runs.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

using socsim::test::read_text;
using socsim::test::source_path;

namespace {

// The report's top-level fields that depend on the host, not on the run:
//   wall_time_s   host seconds the run took
//   file, board   the scenario's and the board's paths as the command line
//                 named them (absolute paths here: where the tree is checked out)
// Everything else (simulated times, counters, histograms, series) must be
// the same. The report has no other clock reading: the real-time factor is
// only in the summary.
const std::vector<std::string> kHostFields = {"wall_time_s", "file", "board"};

// The summary's only host-dependent text: "wall 0.417 s, real-time factor 0.0959x".
const std::regex kSummaryWallClock(R"(wall [0-9.]+ s, real-time factor \S+)");

// `report` with each host field's value replaced by a marker. The report
// is written with two-space indentation, so a top-level field is a line
// starting `  "NAME": `. `found` counts each field's lines, so that a
// field that disappears or appears twice fails the test rather than
// silently widening what is compared.
std::string without_host_fields(const std::string& report, std::vector<int>& found) {
    found.assign(kHostFields.size(), 0);
    std::istringstream in(report);
    std::string out;
    for (std::string line; std::getline(in, line);) {
        for (size_t i = 0; i < kHostFields.size(); ++i) {
            std::string prefix = "  \"" + kHostFields[i] + "\": ";
            if (line.rfind(prefix, 0) != 0) continue;
            ++found[i];
            line = prefix + "<host>" + (line.back() == ',' ? "," : "");
        }
        out += line + "\n";
    }
    return out;
}

// SOURCE/x/y.yaml -> SOURCE/tests/../x/y.yaml: the same file, named otherwise.
std::string other_spelling(const std::string& file) {
    std::string root = SOCSIM_SOURCE_DIR;
    REQUIRE(file.rfind(root + "/", 0) == 0);
    return root + "/tests/.." + file.substr(root.size());
}

}  // namespace

TEST_CASE("every scenario gives a byte-identical report when run again", "[system][run][determinism]") {
    auto files = socsim::test::list_corpus("scenarios");
    auto test_files = socsim::test::list_corpus("tests/scenarios");
    files.insert(files.end(), test_files.begin(), test_files.end());
    REQUIRE(files.size() >= 15);

    socsim::test::TempDir dir;
    std::vector<std::vector<std::string>> runs;
    for (size_t i = 0; i < files.size(); ++i) {
        runs.push_back({"run", files[i], "--progress", "never", "--report", dir / (std::to_string(i) + "-a.json")});
        runs.push_back({"run", other_spelling(files[i]), "--progress", "never", "--report",
                        dir / (std::to_string(i) + "-b.json")});
    }
    auto results = socsim::test::run_socsim_parallel(runs);

    size_t identical = 0;
    for (size_t i = 0; i < files.size(); ++i) {
        const auto& a = results[2 * i];
        const auto& b = results[2 * i + 1];
        INFO(files[i] << "\n" << a.err << b.err);
        REQUIRE(a.signal == 0);
        REQUIRE(b.signal == 0);
        CHECK(a.exit_code != 2);  // it loads; 1 (an expectation failed) is a result like any other
        CHECK(a.exit_code == b.exit_code);
        std::vector<int> found_a, found_b;
        std::string report_a = without_host_fields(read_text(dir / (std::to_string(i) + "-a.json")), found_a);
        std::string report_b = without_host_fields(read_text(dir / (std::to_string(i) + "-b.json")), found_b);
        CHECK(found_a == std::vector<int>(kHostFields.size(), 1));
        CHECK(found_b == found_a);
        CHECK(report_a.size() > 1000);
        CHECK(report_a == report_b);
        CHECK(std::regex_replace(a.out, kSummaryWallClock, "wall -") ==
              std::regex_replace(b.out, kSummaryWallClock, "wall -"));
        if (report_a == report_b) ++identical;
    }
    std::cout << "determinism: " << files.size() << " scenarios run twice, " << identical
              << " byte-identical reports (without wall_time_s, file, board) and summaries (without wall time)\n";
}
