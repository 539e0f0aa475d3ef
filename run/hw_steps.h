// Scenario steps that reach the hardware model rather than the IOMMU core:
// `dma` (a transfer by a test DMA engine, waited for) and `mem_check` (a
// backdoor comparison of DRAM contents, taking no simulated time).
#pragma once

#include "run/driver_layer.h"
#include "run/kernel_thread.h"
#include "run/scenario.h"
#include "soc/platform.h"

namespace socsim::run {

StepOutcome run_dma(soc::Platform& p, const Step& step);
// `clients` resolves mem_check on a GEM buffer (may be null otherwise).
StepOutcome run_mem_check(const soc::Platform& p, const Step& step, const ClientLayer* clients);

// Run-wide measurements of the client models: underflowed lines over all
// heads and windows, and one `bandwidth:` bound (a head: bytes of its
// completed frames over their time; a memory client: MC bytes from its
// first request to its last completion).
uint64_t underflow_lines(const soc::Platform& p);
double head_bandwidth_Bps(const clients::DisplayController& dc);
RunCheck bandwidth_check(const RunExpect::Bandwidth& b, const soc::Platform& p);

}  // namespace socsim::run
