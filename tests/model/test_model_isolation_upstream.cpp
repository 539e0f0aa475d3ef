// [model] The isolation property under the `upstream` policy: seeded random
// driver operations and at least 100,000 checked DMA accesses from every
// memory client of a Tegra124 board (model/isolation/isolation_run.h).
#include <catch2/catch.hpp>

#include "model/isolation/isolation_run.h"

socsim::test::ModelConfig socsim::test::model_config() { return isolation::config(); }

TEST_CASE("isolation: under upstream every DMA access lands exactly where the device's current domain maps it, or faults",
          "[model][isolation]") {
    socsim::test::isolation::run(socsim::iommu::PolicyKind::Upstream);
}
