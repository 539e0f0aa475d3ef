// IOMMU group formation as current Linux tegra-smmu does it (its
// device_group op, SMMU-new in the reference sheet §1.6):
//  - a device's group is decided by its FIRST swgroup (fwspec->ids[0]);
//  - an existing group is reused when it was made for the same swgroup, or
//    when the swgroup is in a group-table entry and the group was made for
//    that entry;
//  - otherwise a new group is made, named after the table entry when there
//    is one, else after the swgroup.
// Disabled nodes (and children of disabled nodes) are not probed, so they
// are in no group. The table variant comes from the board's settings.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dts/parser/board.h"
#include "soc/soc_info.h"

namespace socsim::smmu::tegra {

struct IommuGroup {
    std::string name;                          // "drm", "display", or the swgroup ("hc")
    const soc::GroupEntry* entry = nullptr;    // table entry it was made for, if any
    std::string first_swgroup;                 // swgroup of the device that made it
    std::vector<const dts::DtNode*> devices;   // document order
    std::vector<std::string> swgroups;         // every swgroup of its devices, first use order
};

struct GroupLayout {
    std::vector<IommuGroup> groups;            // creation order
    std::map<const dts::DtNode*, size_t> group_of;

    const IommuGroup* find(const std::string& name) const;
    const IommuGroup* of(const dts::DtNode* dev) const;
};

// The group table a board selects (`socsim: {group_table: ...}`).
const std::vector<soc::GroupEntry>& group_table(const soc::SocInfo& soc, dts::GroupTableChoice choice);
// The entry containing `swgroup`, or nullptr.
const soc::GroupEntry* find_entry(const std::vector<soc::GroupEntry>& table, const std::string& swgroup);

// Groups for every IOMMU device of the board (Board::iommu_devices()).
GroupLayout form_groups(const dts::Board& board);

}  // namespace socsim::smmu::tegra
