#include "smmu/tegra/group_checks.h"

#include <fmt/format.h>

namespace socsim::smmu::tegra {

namespace {

std::string device_list(const IommuGroup& g) {
    std::vector<std::string> names;
    for (const auto* d : g.devices) names.push_back(d->display_name());
    return fmt::format("{}", fmt::join(names, ", "));
}

Location iommus_loc(const dts::DtNode& dev) {
    const dts::Property* p = dev.prop("iommus");
    return p ? p->loc : dev.loc;
}

void check_shared(const GroupLayout& layout, Diagnostics& diags) {
    for (const auto& g : layout.groups) {
        if (!needs_shared_attach(g)) continue;
        diags.warning(iommus_loc(*g.devices[1]),
                      fmt::format("group '{}' holds {} devices ({}): their drivers must share one domain "
                                  "(shared attach with refcounted join, or one attach_group for all); attaching "
                                  "a domain to one device alone moves the whole group",
                                  g.name, g.devices.size(), device_list(g)));
    }
}

void check_asid_budget(const dts::Board& board, const GroupLayout& layout, Diagnostics& diags) {
    size_t groups = layout.groups.size();
    uint32_t asids = board.soc->num_asids;
    if (groups <= asids) return;
    diags.warning(board.mc->loc,
                  fmt::format("{} IOMMU groups but {} has {} ASIDs: if every group attaches its own translating "
                              "domain, attach number {} fails with ENOSPC",
                              groups, board.soc->name, asids, asids + 1));
}

void check_split_devices(const dts::Board& board, const GroupLayout& layout, Diagnostics& diags) {
    const auto& table = group_table(*board.soc, board.settings.group_table);
    std::map<std::string, const IommuGroup*> owner;  // swgroup -> first group that uses it
    for (const auto& g : layout.groups) {
        for (const auto* dev : g.devices) {
            for (size_t i = 0; i < dev->iommus.size(); ++i) {
                const auto& spec = dev->iommus[i];
                if (!spec.swgroup) continue;
                std::string sw(spec.swgroup->name);
                auto [it, inserted] = owner.emplace(sw, &g);
                if (!inserted && it->second != &g) {
                    diags.warning(spec.cell_loc,
                                  fmt::format("swgroup '{}' is used by groups '{}' and '{}': both would program its "
                                              "one ASID register, so their domains are not isolated",
                                              sw, it->second->name, g.name));
                }
                if (i == 0) continue;
                const soc::GroupEntry* entry = find_entry(table, sw);
                std::string own = entry ? std::string(entry->name) : sw;
                if (own != g.name) {
                    diags.warning(spec.cell_loc,
                                  fmt::format("'{}' has swgroup '{}' in group '{}' (Linux groups a device by its "
                                              "first swgroup, '{}'), but by itself '{}' would form group '{}'",
                                              dev->display_name(), sw, g.name, dev->iommus[0].swgroup->name, sw,
                                              own));
                }
            }
        }
    }
}

}  // namespace

void check_group_layout(const dts::Board& board, const GroupLayout& layout, Diagnostics& diags) {
    if (!board.soc || !board.mc) return;
    check_shared(layout, diags);
    check_asid_budget(board, layout, diags);
    check_split_devices(board, layout, diags);
}

}  // namespace socsim::smmu::tegra
