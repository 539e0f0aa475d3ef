// The SoCs socsim knows, looked up by name or by memory-controller compatible.
#pragma once

#include <string_view>
#include <vector>

#include "soc/soc_info.h"

namespace socsim::soc {

// Every known SoC, in a stable order (tegra30, tegra114, tegra124, tegra210).
const std::vector<const SocInfo*>& all_socs();

// nullptr when unknown.
const SocInfo* find_soc(std::string_view name);
const SocInfo* find_soc_by_mc_compatible(std::string_view compatible);

// Per-SoC data, defined in soc/data/<soc>.cpp.
const SocInfo& tegra30();
const SocInfo& tegra114();
const SocInfo& tegra124();
const SocInfo& tegra210();

// Completes a SocInfo written as data: derives each client's SMMU enable
// register/bit from `smmu_enable_banks` and checks the tables' internal
// consistency (unique IDs and names, client swgroups and group-table members
// exist). An inconsistent table is a socsim bug: it aborts with context.
SocInfo finalize(SocInfo info);

}  // namespace socsim::soc
