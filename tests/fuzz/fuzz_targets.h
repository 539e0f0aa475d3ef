// What each fuzz harness checks, one function per harness, shared by the
// libFuzzer entry points (fuzz_<harness>.cpp, clang builds with
// SOCSIM_FUZZ) and the test that replays the seed corpora and every input a
// fuzzer ever broke (unit/test_fuzz_replay.cpp, every build). Each returns
// "" when the input was handled as it must be, else what went wrong; a
// crash, an uncaught exception or a sanitizer report ends the process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace socsim::fuzz {

// Board text: a board or located diagnostics (validate's groups and checks
// run on every board that loads).
std::string check_board_input(std::string_view bytes);
// Scenario text, on the shipped boards: a scenario, or an error that says
// why; every diagnostic located and one line.
std::string check_scenario_input(std::string_view bytes);
// Bytes decoded into IOMMU-core operations (support/core_ops.h), run under
// each policy with the invariants checked after every operation.
std::string check_driver_ops_input(std::string_view bytes);

// The body of LLVMFuzzerTestOneInput: traps (a crash libFuzzer saves) when
// `check` finds something wrong.
int run_fuzz_input(std::string (*check)(std::string_view), const char* harness, const uint8_t* data, size_t size);

}  // namespace socsim::fuzz
