// [system] The malformed-scenario corpus (tests/scenarios/bad): every file
// has one defect, and `socsim run` must stop before simulating anything:
// exit code 2, a located error at the expected line and column, only
// diagnostics on stderr, nothing on stdout, and never a crash. Expectations
// are the first line of each file,
//   # expect: exit=2 line=6 col=10 message="unknown op 'probe'"
// with `file=boards/NAME.yaml` when the defect is in the scenario's board
// (tests/scenarios/bad/boards holds those boards).
#include <catch2/catch.hpp>

#include "support/corpus.h"

TEST_CASE("malformed scenarios: located error, exit 2, nothing simulated, no crash", "[system][run][corpus]") {
    socsim::test::check_corpus("tests/scenarios/bad", "run", 30);
}
