// [system] The malformed-scenario corpus (tests/scenarios/bad): every file
// has one defect, and `socsim run` must stop before simulating anything:
// exit code 2, a located error at the expected line and column, only
// diagnostics on stderr, nothing on stdout, and never a crash. Expectations
// are the first line of each file,
//   # expect: exit=2 line=6 col=10 message="unknown op 'probe'"
// with `file=boards/NAME.yaml` when the defect is in the scenario's board
// (tests/scenarios/bad/boards holds those boards).
//
// Mistakes that the kernel answers are not input errors: a misaligned or
// out-of-aperture map, a map in a domain that cannot map, an unmap of what
// was never mapped. tests/scenarios/map-mistakes.yaml makes them, and the
// second test checks what the run answers.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/corpus.h"
#include "support/run_report.h"

using nlohmann::json;

TEST_CASE("malformed scenarios: located error, exit 2, nothing simulated, no crash", "[system][run][corpus]") {
    socsim::test::check_corpus("tests/scenarios/bad", "run", 115);
}

TEST_CASE("mapping mistakes the kernel answers are run results, not input errors", "[system][run][corpus]") {
    json j = socsim::test::run_with_report({socsim::test::source_path("tests/scenarios/map-mistakes.yaml")}, 0);
    const json& e = j["expectations"];
    REQUIRE(e.size() == 14);
    // Misaligned IOVA, PA and size; beyond the 32-bit aperture; across its
    // end; an identity domain; a freed domain.
    for (int i : {1, 2, 3, 4, 5, 11, 13}) {
        INFO(e[i].dump());
        CHECK(e[i]["op"] == "map");
        CHECK(e[i]["actual"] == "EINVAL");
    }
    CHECK(e[6]["actual"] == "ok");
    CHECK(e[6]["warnings"] == json({"pa 0x10000000..0x10001000 is not all in DRAM"}));
    CHECK(e[8]["actual"] == "ok");  // over step 8's second page: rewritten, no warning
    CHECK_FALSE(e[8].contains("warnings"));
    CHECK(e[9]["actual"] == "ok");
    CHECK(e[9]["warnings"] == json({"unmap of 4096 bytes in d found only 0 mapped"}));
}
