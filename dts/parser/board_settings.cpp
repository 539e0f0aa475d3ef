#include "dts/parser/board_settings.h"

#include <fmt/format.h>

#include "util/yaml_values.h"

namespace socsim::dts {

const std::vector<SettingDoc>& board_setting_docs() {
    static const std::vector<SettingDoc> docs = {
        {"group_table", "current | display | none", "current",
         "SoC group table used to form IOMMU groups: current Linux (drm on Tegra30/114/124, display on "
         "Tegra210), the older display = {DC, DCB}, or none (every swgroup its own group)"},
        {"default_domain", "identity | dma", "identity",
         "type of every group's default domain (current tegra-smmu: identity, i.e. SMMU bypass)"},
    };
    return docs;
}

std::string_view group_table_name(GroupTableChoice c) {
    switch (c) {
        case GroupTableChoice::Current: return "current";
        case GroupTableChoice::Display: return "display";
        case GroupTableChoice::None: return "none";
    }
    return "current";
}

std::string_view default_domain_name(DefaultDomainType t) {
    return t == DefaultDomainType::Dma ? "dma" : "identity";
}

bool read_board_settings(const yaml::Node& block, Diagnostics& diags, BoardSettings& out) {
    if (block.is_null()) return true;
    if (!block.is_mapping()) {
        diags.malformed(block.loc, "'socsim' must be a mapping of settings, not " + block.describe());
        return false;
    }
    bool ok = true;
    for (const auto& [key, value] : block.entries) {
        const std::string& k = key->value;
        if (k == "group_table") {
            auto v = yaml::read_choice(*value, diags, "'group_table'", {"current", "display", "none"});
            if (!v) { ok = false; continue; }
            out.group_table = *v == "display" ? GroupTableChoice::Display
                              : *v == "none"  ? GroupTableChoice::None
                                              : GroupTableChoice::Current;
        } else if (k == "default_domain") {
            auto v = yaml::read_choice(*value, diags, "'default_domain'", {"identity", "dma"});
            if (!v) { ok = false; continue; }
            out.default_domain = *v == "dma" ? DefaultDomainType::Dma : DefaultDomainType::Identity;
        } else {
            std::vector<std::string_view> keys;
            for (const auto& d : board_setting_docs()) keys.push_back(d.key);
            diags.malformed(key->loc, fmt::format("unknown setting 'socsim.{}' (known: {})", k, fmt::join(keys, ", ")));
            ok = false;
        }
    }
    return ok;
}

}  // namespace socsim::dts
