// The hardware model's part of a run's report: per memory client traffic,
// the SMMU's TLB/PTC/walk/fault statistics, DRAM, MC error registers and
// the fault log, as JSON (INTERFACES.md §4 `clients`, `smmu`, `faults`)
// and as the summary's tables.
#pragma once

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "soc/platform.h"

namespace socsim::run {

// Adds `clients`, `smmu` (merged into `driver_smmu`, the driver's own
// counters), `dram`, `mc` and `faults` to `j`.
void add_hw_report(nlohmann::ordered_json& j, nlohmann::ordered_json driver_smmu, const soc::Platform& p);
void print_hw_summary(std::ostream& out, const soc::Platform& p);

}  // namespace socsim::run
