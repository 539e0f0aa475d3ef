// [unit] The fuzz harnesses' checks (fuzz/fuzz_targets.h), the functions
// the libFuzzer entry points call, replayed on each harness's seed corpus
// (fuzz/seeds.txt) and on every input a fuzzer ever broke them with
// (fuzz/regressions/HARNESS/), in every build: an input that once crashed
// stays fixed in the normal suite and under the sanitizers.
#include <catch2/catch.hpp>

#include <glob.h>

#include <sstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_targets.h"
#include "support/read_text.h"
#include "support/run_command.h"

namespace {

using Check = std::string (*)(std::string_view);

std::vector<std::string> expand(const std::string& pattern) {
    std::vector<std::string> files;
    glob_t g{};
    if (glob(socsim::test::source_path(pattern).c_str(), 0, nullptr, &g) == 0)
        for (size_t i = 0; i < g.gl_pathc; ++i) files.emplace_back(g.gl_pathv[i]);
    globfree(&g);
    return files;
}

// The harness's line of seeds.txt, expanded, then its regressions.
std::vector<std::string> corpus(const std::string& harness) {
    std::vector<std::string> files;
    std::istringstream lines(socsim::test::read_text(socsim::test::source_path("tests/fuzz/seeds.txt")));
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(harness + ":", 0) != 0) continue;
        std::istringstream patterns(line.substr(harness.size() + 1));
        for (std::string p; patterns >> p;)
            for (auto& f : expand(p)) files.push_back(f);
    }
    for (auto& f : expand("tests/fuzz/regressions/" + harness + "/*")) files.push_back(f);
    return files;
}

size_t replay(const std::string& harness, Check check) {
    auto files = corpus(harness);
    for (const auto& f : files) {
        INFO(harness << ": " << f);
        CHECK(check(socsim::test::read_text(f)).empty());
    }
    return files.size();
}

}  // namespace

TEST_CASE("fuzz replay: board harness on the shipped and malformed boards", "[unit][fuzz]") {
    CHECK(replay("board", socsim::fuzz::check_board_input) >= 100);
}

TEST_CASE("fuzz replay: scenario harness on the shipped and malformed scenarios", "[unit][fuzz]") {
    CHECK(replay("scenario", socsim::fuzz::check_scenario_input) >= 100);
}

TEST_CASE("fuzz replay: driver-ops harness on its seeds", "[unit][fuzz]") {
    CHECK(replay("driver_ops", socsim::fuzz::check_driver_ops_input) >= 1);
}
