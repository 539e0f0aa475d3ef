#include "smmu/tegra/device_group.h"

#include <algorithm>

namespace socsim::smmu::tegra {

const IommuGroup* GroupLayout::find(const std::string& group_name) const {
    for (const auto& g : groups)
        if (g.name == group_name) return &g;
    return nullptr;
}

const IommuGroup* GroupLayout::of(const dts::DtNode* dev) const {
    auto it = group_of.find(dev);
    return it == group_of.end() ? nullptr : &groups[it->second];
}

const std::vector<soc::GroupEntry>& group_table(const soc::SocInfo& soc, dts::GroupTableChoice choice) {
    static const std::vector<soc::GroupEntry> none;
    switch (choice) {
        case dts::GroupTableChoice::Current: return soc.groups.current;
        case dts::GroupTableChoice::Display: return soc.groups.display;
        case dts::GroupTableChoice::None: return none;
    }
    return none;
}

const soc::GroupEntry* find_entry(const std::vector<soc::GroupEntry>& table, const std::string& swgroup) {
    for (const auto& e : table)
        if (std::find(e.swgroups.begin(), e.swgroups.end(), swgroup) != e.swgroups.end()) return &e;
    return nullptr;
}

GroupLayout form_groups(const dts::Board& board) {
    GroupLayout layout;
    if (!board.soc) return layout;
    const auto& table = group_table(*board.soc, board.settings.group_table);
    for (const dts::DtNode* dev : board.iommu_devices()) {
        std::string first(dev->iommus[0].swgroup->name);
        const soc::GroupEntry* entry = find_entry(table, first);
        size_t index = layout.groups.size();
        for (size_t i = 0; i < layout.groups.size(); ++i) {
            const IommuGroup& g = layout.groups[i];
            if (g.first_swgroup == first || (entry && g.entry == entry)) {
                index = i;
                break;
            }
        }
        if (index == layout.groups.size()) {
            IommuGroup g;
            g.name = entry ? std::string(entry->name) : first;
            g.entry = entry;
            g.first_swgroup = first;
            layout.groups.push_back(std::move(g));
        }
        IommuGroup& g = layout.groups[index];
        g.devices.push_back(dev);
        for (const auto& spec : dev->iommus) {
            if (!spec.swgroup) continue;
            std::string sw(spec.swgroup->name);
            if (std::find(g.swgroups.begin(), g.swgroups.end(), sw) == g.swgroups.end()) g.swgroups.push_back(sw);
        }
        layout.group_of[dev] = index;
    }
    return layout;
}

}  // namespace socsim::smmu::tegra
