// Co-design warnings about a board's IOMMU group layout, for `validate`:
//  - multi-device groups: their drivers cannot attach domains one device at
//    a time; they need a shared attach (the seeds' refcounted attach_device)
//    or one attach_group for all;
//  - the ASID budget: groups that may each attach a translating domain
//    against the SoC's ASID count (e.g. 4 on Tegra30);
//  - devices whose `iommus` swgroups fall into different groups, and
//    swgroups that end up in more than one group.
#pragma once

#include "dts/parser/board.h"
#include "smmu/tegra/device_group.h"
#include "util/diag.h"

namespace socsim::smmu::tegra {

// True when a group's devices need a shared attach.
inline bool needs_shared_attach(const IommuGroup& g) { return g.devices.size() > 1; }

void check_group_layout(const dts::Board& board, const GroupLayout& layout, Diagnostics& diags);

}  // namespace socsim::smmu::tegra
