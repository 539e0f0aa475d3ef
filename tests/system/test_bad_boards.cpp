// [system] The malformed-board corpus (tests/boards/bad): every file makes
// `socsim validate` print a located error at the expected line and column
// with the expected exit code, and never crash or print anything but
// diagnostics on stderr. Expectations are the first line of each file,
//   # expect: exit=2 line=7 col=5 message="duplicate key"
// or, for binary files, the same line in FILE.expect.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "support/corpus.h"
#include "support/run_command.h"

using socsim::test::Expectation;
using socsim::test::first_line;
using socsim::test::is_diagnostic_line;
using socsim::test::list_corpus;
using socsim::test::parse_expectation;
using socsim::test::run_socsim;

TEST_CASE("malformed boards: located error, right exit code, no crash", "[system][validate][corpus]") {
    auto files = list_corpus("tests/boards/bad");
    REQUIRE(files.size() >= 25);
    for (const auto& file : files) {
        Expectation e;
        std::ifstream sidecar(file + ".expect");
        std::string spec = sidecar ? first_line(file + ".expect") : first_line(file);
        INFO(file);
        REQUIRE(parse_expectation(spec, e));
        auto r = run_socsim({"validate", file});
        INFO(r.err);
        CHECK(r.signal == 0);
        CHECK(r.exit_code == e.exit_code);
        std::string want = file + ":" + std::to_string(e.line) + ":" + std::to_string(e.col) + ": error: ";
        bool found = false;
        std::istringstream lines(r.err);
        for (std::string line; std::getline(lines, line);) {
            CHECK(is_diagnostic_line(line));
            if (line.rfind(want, 0) == 0 && line.find(e.message) != std::string::npos) found = true;
        }
        CHECK(found);
        if (e.exit_code == 2) CHECK(r.out.empty());
    }
}
