// libFuzzer harness: IOMMU-core operation sequences with the invariants
// checked after every operation (fuzz_targets.h). Run with
// `./build.sh fuzz [SECONDS]`.
#include "fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return socsim::fuzz::run_fuzz_input(socsim::fuzz::check_driver_ops_input, "fuzz_driver_ops", data, size);
}
