// [system] The malformed-board corpus (tests/boards/bad): every file makes
// `socsim validate` print a located error at the expected line and column
// with the expected exit code, and never crash or print anything but
// diagnostics on stderr. Expectations are the first line of each file,
//   # expect: exit=2 line=7 col=5 message="duplicate key"
// or, for binary files, the same line in FILE.expect.
#include <catch2/catch.hpp>

#include "support/corpus.h"

TEST_CASE("malformed boards: located error, right exit code, no crash", "[system][validate][corpus]") {
    socsim::test::check_corpus("tests/boards/bad", "validate", 95);
}
