// [system] The malformed-scenario corpus (tests/scenarios/bad): every file
// has one defect, and `socsim run` must stop before simulating anything:
// exit code 2, a located error at the expected line and column, only
// diagnostics on stderr, nothing on stdout, and never a crash. Expectations
// are the first line of each file,
//   # expect: exit=2 line=6 col=10 message="unknown op 'probe'"
// with `file=boards/NAME.yaml` when the defect is in the scenario's board
// (tests/scenarios/bad/boards holds those boards).
#include <catch2/catch.hpp>

#include <sstream>

#include "support/corpus.h"
#include "support/run_command.h"

using socsim::test::expected_error_prefix;
using socsim::test::Expectation;
using socsim::test::first_line;
using socsim::test::is_diagnostic_line;
using socsim::test::list_corpus;
using socsim::test::parse_expectation;
using socsim::test::run_socsim;

TEST_CASE("malformed scenarios: located error, exit 2, nothing simulated, no crash", "[system][run][corpus]") {
    auto files = list_corpus("tests/scenarios/bad");
    REQUIRE(files.size() >= 30);
    for (const auto& file : files) {
        Expectation e;
        INFO(file);
        REQUIRE(parse_expectation(first_line(file), e));
        auto r = run_socsim({"run", file});
        INFO(r.err);
        CHECK(r.signal == 0);
        CHECK(r.exit_code == e.exit_code);
        std::string want = expected_error_prefix(file, e);
        bool found = false;
        std::istringstream lines(r.err);
        for (std::string line; std::getline(lines, line);) {
            CHECK(is_diagnostic_line(line));
            if (line.rfind(want, 0) == 0 && line.find(e.message) != std::string::npos) found = true;
        }
        INFO("wanted: " << want << "..." << e.message);
        CHECK(found);
        // Bad input stops the run before the simulation: no summary.
        CHECK(r.out.empty());
    }
}
