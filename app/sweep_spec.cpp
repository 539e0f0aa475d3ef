#include "app/sweep_spec.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "smmu/core/iommu_core.h"
#include "util/yaml_values.h"

namespace socsim::app {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string_view> kKeys = {"sweep", "description", "scenario", "policies", "parameters", "set"};

bool read_name(const yaml::Node& n, Diagnostics& d, SweepSpec& s) {
    auto name = yaml::read_string(n, d, "'sweep'");
    if (!name) return false;
    // It names the output directory (sweep-NAME), so keep it one plain path component.
    if (name->find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != std::string::npos ||
        *name == "." || *name == "..") {
        d.malformed(n.loc, fmt::format("'sweep' names the output directory: use letters, digits, '.', '_' and '-', "
                                       "not '{}'", escape_control(*name)));
        return false;
    }
    s.name = *name;
    return true;
}

bool read_scenario(const yaml::Node& n, Diagnostics& d, SweepSpec& s) {
    auto ref = yaml::read_string(n, d, "'scenario'");
    if (!ref) return false;
    s.scenario = (fs::path(s.file).parent_path() / *ref).lexically_normal().string();
    s.scenario_loc = n.loc;
    std::error_code ec;
    if (!fs::is_regular_file(s.scenario, ec)) {
        d.malformed(n.loc, fmt::format("scenario file '{}' {}", escape_control(s.scenario),
                                       fs::exists(s.scenario, ec) ? "is not a regular file" : "not found"));
        return false;
    }
    return true;
}

bool read_policies(const yaml::Node& n, Diagnostics& d, SweepSpec& s) {
    if (!n.is_sequence() || n.items.empty()) {
        d.malformed(n.loc, fmt::format("'policies' must be a non-empty list of policies ({}), not {}",
                                       fmt::join(iommu::policy_names(), " | "), n.describe()));
        return false;
    }
    bool ok = true;
    for (const auto& item : n.items) {
        auto p = yaml::read_choice(*item, d, "a policy", iommu::policy_names());
        if (!p) { ok = false; continue; }
        if (std::find(s.policies.begin(), s.policies.end(), *p) != s.policies.end()) {
            d.malformed(item->loc, fmt::format("policy '{}' is listed twice", *p));
            ok = false;
            continue;
        }
        s.policies.push_back(*p);
    }
    return ok;
}

// One value of setting `key`, checked as a board's `socsim:` block would check it.
bool check_value(const std::string& key, const yaml::Node& v, Diagnostics& d) {
    dts::BoardSettings scratch;
    return dts::read_board_setting(key, v, d, scratch);
}

bool known_key(const yaml::Node& key, Diagnostics& d, std::string_view where) {
    if (dts::is_board_setting(key.value)) return true;
    d.malformed(key.loc, fmt::format("unknown setting '{}' in '{}' (settings: {})", escape_control(key.value), where,
                                     dts::board_setting_keys_help()));
    return false;
}

bool read_parameters(const yaml::Node& n, Diagnostics& d, SweepSpec& s) {
    if (!n.is_mapping() || n.entries.empty()) {
        d.malformed(n.loc, fmt::format("'parameters' must map settings to lists of values (e.g. smmu.tlb_lines: "
                                       "[16, 32]), not {}", n.is_mapping() ? "an empty mapping" : n.describe()));
        return false;
    }
    bool ok = true;
    for (const auto& [key, values] : n.entries) {
        if (!known_key(*key, d, "parameters")) { ok = false; continue; }
        if (!values->is_sequence() || values->items.empty()) {
            d.malformed(values->loc, fmt::format("'{}' needs a non-empty list of values, not {}", key->value,
                                                 values->describe()));
            ok = false;
            continue;
        }
        SweepAxis axis{key->value, {}};
        for (const auto& v : values->items) {
            if (!check_value(axis.key, *v, d)) { ok = false; continue; }
            if (std::find(axis.values.begin(), axis.values.end(), v->value) != axis.values.end()) {
                d.malformed(v->loc, fmt::format("value '{}' of '{}' is listed twice", escape_control(v->value), axis.key));
                ok = false;
                continue;
            }
            axis.values.push_back(v->value);
        }
        s.parameters.push_back(std::move(axis));
    }
    return ok;
}

bool read_set(const yaml::Node& n, Diagnostics& d, SweepSpec& s) {
    if (!n.is_mapping()) {
        d.malformed(n.loc, fmt::format("'set' must map settings to values (e.g. {{mc.dram_latency: 120ns}}), not {}",
                                       n.describe()));
        return false;
    }
    bool ok = true;
    for (const auto& [key, value] : n.entries) {
        if (!known_key(*key, d, "set")) { ok = false; continue; }
        const std::string& name = key->value;   // C++17 lambdas cannot capture a structured binding (clang refuses)
        bool varied = std::any_of(s.parameters.begin(), s.parameters.end(),
                                  [&](const SweepAxis& a) { return a.key == name; });
        if (varied) {
            d.malformed(key->loc, fmt::format("'{}' is both a grid parameter and fixed in 'set'", key->value));
            ok = false;
            continue;
        }
        if (!check_value(key->value, *value, d)) { ok = false; continue; }
        s.set.push_back({key->value, value->value});
    }
    return ok;
}

}  // namespace

std::optional<SweepSpec> load_sweep(const std::string& path, Diagnostics& diags) {
    auto doc = yaml::load_file(path, diags);
    if (!doc) return std::nullopt;
    const yaml::Node& root = **doc;
    if (!root.is_mapping()) {
        diags.malformed(root.loc, fmt::format("a sweep must be a mapping (sweep, scenario, parameters, ...), not {}",
                                              root.describe()));
        return std::nullopt;
    }
    SweepSpec s;
    s.file = path;
    bool ok = true;
    for (const auto& [key, value] : root.entries)
        if (std::find(kKeys.begin(), kKeys.end(), key->value) == kKeys.end()) {
            diags.malformed(key->loc, fmt::format("unknown sweep key '{}' (keys: {})", escape_control(key->value),
                                                  fmt::join(kKeys, ", ")));
            ok = false;
        }
    for (const char* k : {"sweep", "scenario"})
        if (!root.find(k)) {
            diags.malformed(root.loc, fmt::format("a sweep needs '{}:'", k));
            ok = false;
        }
    if (!root.find("parameters") && !root.find("policies")) {
        diags.malformed(root.loc, "a sweep needs a grid: 'parameters', 'policies' or both");
        ok = false;
    }
    if (const auto* n = root.find("sweep")) ok &= read_name(*n, diags, s);
    if (const auto* n = root.find("description")) ok &= yaml::read_string(*n, diags, "'description'").has_value();
    if (const auto* n = root.find("scenario")) ok &= read_scenario(*n, diags, s);
    if (const auto* n = root.find("policies")) ok &= read_policies(*n, diags, s);
    if (const auto* n = root.find("parameters")) ok &= read_parameters(*n, diags, s);
    if (const auto* n = root.find("set")) ok &= read_set(*n, diags, s);
    if (!ok) return std::nullopt;
    size_t points = std::max<size_t>(1, s.policies.size());
    for (const auto& a : s.parameters) {
        points *= a.values.size();
        if (points > kMaxSweepPoints) {
            diags.malformed(root.find("parameters")->loc,
                            fmt::format("the grid has more than {} points; split the sweep", kMaxSweepPoints));
            return std::nullopt;
        }
    }
    return s;
}

std::vector<SweepPoint> sweep_points(const SweepSpec& spec) {
    std::vector<SweepPoint> out;
    std::vector<std::string> pols = spec.policies.empty() ? std::vector<std::string>{""} : spec.policies;
    for (const auto& p : pols) {
        std::vector<size_t> at(spec.parameters.size(), 0);
        for (;;) {
            SweepPoint pt;
            pt.index = out.size() + 1;
            pt.policy = p;
            for (size_t a = 0; a < spec.parameters.size(); ++a)
                pt.parameters.push_back({spec.parameters[a].key, spec.parameters[a].values[at[a]]});
            out.push_back(std::move(pt));
            size_t a = spec.parameters.size();
            while (a > 0 && ++at[a - 1] == spec.parameters[a - 1].values.size()) at[--a] = 0;
            if (a == 0) break;
        }
    }
    return out;
}

nlohmann::ordered_json sweep_json(const SweepSpec& spec) {
    nlohmann::ordered_json params = nlohmann::ordered_json::object();
    for (const auto& a : spec.parameters) params[a.key] = a.values;
    nlohmann::ordered_json set = nlohmann::ordered_json::object();
    for (const auto& o : spec.set) set[o.key] = o.value;
    std::error_code ec;
    return {{"sweep", spec.name},
            {"file", fs::absolute(spec.file, ec).lexically_normal().string()},
            {"scenario", fs::absolute(spec.scenario, ec).lexically_normal().string()},
            {"policies", spec.policies},
            {"parameters", params},
            {"set", set}};
}

std::optional<SweepSpec> sweep_from_json(const nlohmann::ordered_json& j, std::string& error) {
    auto str = [&](const char* key) -> const nlohmann::ordered_json* {
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? &*it : nullptr;
    };
    auto strings = [](const nlohmann::ordered_json& list, std::vector<std::string>& out) {
        if (!list.is_array()) return false;
        for (const auto& v : list) {
            if (!v.is_string()) return false;
            out.push_back(v.get<std::string>());
        }
        return true;
    };
    SweepSpec s;
    bool ok = j.is_object() && str("sweep") && str("file") && str("scenario") && j.contains("policies") &&
              strings(j["policies"], s.policies) && j.contains("parameters") && j["parameters"].is_object() &&
              j.contains("set") && j["set"].is_object();
    if (ok) {
        s.name = j["sweep"].get<std::string>();
        s.file = j["file"].get<std::string>();
        s.scenario = j["scenario"].get<std::string>();
        for (const auto& [k, v] : j["parameters"].items()) {
            SweepAxis a{k, {}};
            ok &= strings(v, a.values);
            s.parameters.push_back(std::move(a));
        }
        for (const auto& [k, v] : j["set"].items()) {
            ok &= v.is_string();
            if (v.is_string()) s.set.push_back({k, v.get<std::string>()});
        }
    }
    if (!ok) {
        error = "not a sweep definition (needs sweep, file, scenario, policies, parameters and set)";
        return std::nullopt;
    }
    return s;
}

}  // namespace socsim::app
