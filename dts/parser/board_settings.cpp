#include "dts/parser/board_settings.h"

#include <fmt/format.h>

#include "util/panic.h"
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

std::vector<std::string> board_setting_keys() {
    std::vector<std::string> keys;
    for (const auto& d : board_setting_docs()) keys.emplace_back(d.key);
    for (const auto& p : soc::hw_param_specs()) keys.emplace_back(p.key);
    return keys;
}

std::string board_setting_keys_help() {
    std::vector<std::string> parts;
    for (const auto& d : board_setting_docs()) parts.push_back(fmt::format("{} ({})", d.key, d.values));
    for (const auto& p : soc::hw_param_specs()) parts.push_back(fmt::format("{} ({})", p.key, soc::param_kind_name(p.kind)));
    return fmt::format("{}", fmt::join(parts, ", "));
}

bool is_board_setting(std::string_view key) {
    for (const auto& k : board_setting_keys())
        if (k == key) return true;
    return false;
}

bool read_board_setting(std::string_view key, const yaml::Node& value, Diagnostics& diags, BoardSettings& out) {
    std::string what = fmt::format("'{}'", key);
    if (key == "group_table") {
        auto v = yaml::read_choice(value, diags, what, {"current", "display", "none"});
        if (!v) return false;
        out.group_table = *v == "display" ? GroupTableChoice::Display
                          : *v == "none"  ? GroupTableChoice::None
                                          : GroupTableChoice::Current;
        return true;
    }
    if (key == "default_domain") {
        auto v = yaml::read_choice(value, diags, what, {"identity", "dma"});
        if (!v) return false;
        out.default_domain = *v == "dma" ? DefaultDomainType::Dma : DefaultDomainType::Identity;
        return true;
    }
    const soc::ParamSpec* spec = soc::find_hw_param(key);
    if (!spec) {
        diags.malformed(value.loc, fmt::format("unknown setting '{}' (settings: {})", escape_control(std::string(key)),
                                               board_setting_keys_help()));
        return false;
    }
    std::optional<uint64_t> v;
    switch (spec->kind) {
        case soc::ParamKind::Bandwidth: v = yaml::read_bandwidth(value, diags, what); break;
        case soc::ParamKind::Time: v = yaml::read_time_ns(value, diags, what); break;
        case soc::ParamKind::Count: v = yaml::read_uint(value, diags, what); break;
    }
    if (!v) return false;
    std::string why;
    if (!soc::param_value_ok(*spec, *v, &why)) {
        diags.malformed(value.loc, fmt::format("{} {}, not {}", what, why, *v));
        return false;
    }
    out.hw.*(spec->field) = *v;
    return true;
}

namespace {

// `mc:` / `smmu:` blocks: hardware parameters by their dotted key.
bool read_hw_block(const std::string& block_name, const yaml::Node& block, Diagnostics& diags, BoardSettings& out) {
    if (!block.is_mapping()) {
        diags.malformed(block.loc, fmt::format("'socsim.{}' must be a mapping of parameters, not {}", block_name,
                                               block.describe()));
        return false;
    }
    bool ok = true;
    for (const auto& [key, value] : block.entries) {
        std::string dotted = block_name + "." + key->value;
        if (!soc::find_hw_param(dotted)) {
            std::vector<std::string_view> keys;
            for (const auto& s : soc::hw_param_specs())
                if (s.key.substr(0, block_name.size() + 1) == block_name + ".") keys.push_back(s.key.substr(block_name.size() + 1));
            diags.malformed(key->loc, fmt::format("unknown parameter 'socsim.{}' (known in '{}': {})", dotted,
                                                  block_name, fmt::join(keys, ", ")));
            ok = false;
            continue;
        }
        ok &= read_board_setting(dotted, *value, diags, out);
    }
    return ok;
}

// A `--set` value as the plain YAML scalar it would be in a board file.
yaml::Node scalar_node(const std::string& text) {
    yaml::Node n;
    n.kind = text.empty() ? yaml::Node::Kind::Null : yaml::Node::Kind::Scalar;
    n.value = text;
    return n;
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
        if (k == "group_table" || k == "default_domain") {
            ok &= read_board_setting(k, *value, diags, out);
        } else if (k == "mc" || k == "smmu") {
            ok &= read_hw_block(k, *value, diags, out);
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

std::optional<SettingOverride> check_setting_override(std::string key, std::string value, std::string& error) {
    if (!is_board_setting(key)) {
        error = fmt::format("unknown setting '{}' (settings: {})", escape_control(key), board_setting_keys_help());
        return std::nullopt;
    }
    Diagnostics diags;
    BoardSettings scratch;
    if (!read_board_setting(key, scalar_node(value), diags, scratch)) {
        error = diags.all().empty() ? std::string("bad value") : diags.all().front().message;
        return std::nullopt;
    }
    return SettingOverride{std::move(key), std::move(value)};
}

std::optional<SettingOverride> parse_setting_override(std::string_view text, std::string& error) {
    size_t eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        error = fmt::format("expected KEY=VALUE (settings: {})", board_setting_keys_help());
        return std::nullopt;
    }
    return check_setting_override(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)), error);
}

void apply_setting_overrides(const std::vector<SettingOverride>& overrides, BoardSettings& settings) {
    for (const auto& o : overrides) {
        Diagnostics diags;
        if (!read_board_setting(o.key, scalar_node(o.value), diags, settings))
            panic("setting override " + o.key + "=" + o.value + " was not checked before use");
    }
}

}  // namespace socsim::dts
