// [model] The isolation property under the `legacy` policy: seeded random
// driver operations and at least 100,000 checked DMA accesses from every
// memory client of a Tegra124 board (model/isolation/isolation_run.h).
#include <catch2/catch.hpp>

#include "model/isolation/isolation_run.h"

socsim::test::ModelConfig socsim::test::model_config() { return isolation::config(); }

TEST_CASE("isolation: under legacy every DMA access follows the current domain; the kernel-driver-in-user-group hazard is reproduced and counted",
          "[model][isolation]") {
    socsim::test::isolation::run(socsim::iommu::PolicyKind::Legacy);
}
