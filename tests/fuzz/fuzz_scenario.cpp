// libFuzzer harness: the scenario parser on the shipped boards
// (fuzz_targets.h). Run with `./build.sh fuzz [SECONDS]`.
#include "fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return socsim::fuzz::run_fuzz_input(socsim::fuzz::check_scenario_input, "fuzz_scenario", data, size);
}
