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

namespace {

// `mc:` / `smmu:` blocks: hardware parameters by their dotted key.
bool read_hw_block(const std::string& block_name, const yaml::Node& block, Diagnostics& diags, soc::HwParams& hw) {
    if (!block.is_mapping()) {
        diags.malformed(block.loc, fmt::format("'socsim.{}' must be a mapping of parameters, not {}", block_name,
                                               block.describe()));
        return false;
    }
    bool ok = true;
    for (const auto& [key, value] : block.entries) {
        std::string dotted = block_name + "." + key->value;
        const soc::ParamSpec* spec = soc::find_hw_param(dotted);
        if (!spec) {
            std::vector<std::string_view> keys;
            for (const auto& s : soc::hw_param_specs())
                if (s.key.substr(0, block_name.size() + 1) == block_name + ".") keys.push_back(s.key.substr(block_name.size() + 1));
            diags.malformed(key->loc, fmt::format("unknown parameter 'socsim.{}' (known in '{}': {})", dotted,
                                                  block_name, fmt::join(keys, ", ")));
            ok = false;
            continue;
        }
        std::string what = "'" + dotted + "'";
        std::optional<uint64_t> v;
        switch (spec->kind) {
            case soc::ParamKind::Bandwidth: v = yaml::read_bandwidth(*value, diags, what); break;
            case soc::ParamKind::Time: v = yaml::read_time_ns(*value, diags, what); break;
            case soc::ParamKind::Count: v = yaml::read_uint(*value, diags, what); break;
        }
        if (!v) { ok = false; continue; }
        std::string why;
        if (!soc::param_value_ok(*spec, *v, &why)) {
            diags.malformed(value->loc, fmt::format("{} {}, not {}", what, why, *v));
            ok = false;
            continue;
        }
        hw.*(spec->field) = *v;
    }
    return ok;
}

}  // namespace

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
        } else if (k == "mc" || k == "smmu") {
            ok &= read_hw_block(k, *value, diags, out.hw);
        } else {
            std::vector<std::string_view> keys;
            for (const auto& d : board_setting_docs()) keys.push_back(d.key);
            keys.push_back("mc");
            keys.push_back("smmu");
            diags.malformed(key->loc, fmt::format("unknown setting 'socsim.{}' (known: {})", k, fmt::join(keys, ", ")));
            ok = false;
        }
    }
    return ok;
}

}  // namespace socsim::dts
