// Scenario steps that reach the hardware model rather than the IOMMU core:
// `dma` (a transfer by a test DMA engine, waited for) and `mem_check` (a
// backdoor comparison of DRAM contents, taking no simulated time).
#pragma once

#include "run/driver_layer.h"
#include "run/scenario.h"
#include "soc/platform.h"

namespace socsim::run {

StepOutcome run_dma(soc::Platform& p, const Step& step);
StepOutcome run_mem_check(const soc::Platform& p, const Step& step);

}  // namespace socsim::run
