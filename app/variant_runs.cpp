#include "app/variant_runs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "run/scenario.h"

namespace socsim::app {

std::vector<std::string> run_args(const std::string& scenario, const VariantSpec& v, const std::string& report) {
    std::vector<std::string> args = {"run", scenario, "--report", report};
    if (!v.policy.empty()) args.insert(args.end(), {"--policy", v.policy});
    for (const auto& o : v.overrides) args.insert(args.end(), {"--set", o.key + "=" + o.value});
    return args;
}

std::string overrides_text(const std::vector<dts::SettingOverride>& overrides) {
    std::string out;
    for (const auto& o : overrides) out += (out.empty() ? "" : " ") + o.key + "=" + o.value;
    return out;
}

nlohmann::ordered_json overrides_json(const std::vector<dts::SettingOverride>& overrides) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const auto& o : overrides) j[o.key] = o.value;
    return j;
}

std::optional<size_t> first_unloadable(const std::string& scenario, const std::vector<VariantSpec>& specs,
                                       Diagnostics& diags, std::string& scenario_policy) {
    std::vector<std::string> tried;
    for (size_t i = 0; i < specs.size(); ++i) {
        // The policy does not change what loads; the settings may (group_table forms other groups).
        std::string key = overrides_text(specs[i].overrides);
        if (std::find(tried.begin(), tried.end(), key) != tried.end()) continue;
        tried.push_back(key);
        Diagnostics d;
        auto s = run::load_scenario(scenario, d, specs[i].overrides);
        if (!s) {
            diags = d;
            return i;
        }
        scenario_policy = iommu::policy_name(s->policy);
    }
    return std::nullopt;
}

nlohmann::ordered_json read_report(const std::string& path, std::string& problem) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        problem = "no report (" + path + ")";
        return nullptr;
    }
    std::ifstream in(path);
    auto j = nlohmann::ordered_json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("passed") || !j["passed"].is_boolean()) {
        problem = "unreadable report (" + path + ")";
        return nullptr;
    }
    return j;
}

RunOutcome run_outcome(const std::string& report_path, const ChildStatus* child) {
    RunOutcome o;
    if (child && !ran_to_end(*child)) {
        o.status = "crashed";
        o.problem = "socsim run " + describe_status(*child);
        return o;
    }
    std::error_code ec;
    bool exists = std::filesystem::exists(report_path, ec);
    o.report = read_report(report_path, o.problem);
    if (o.report.is_null()) {
        // A child that ran to the end and left no report did not finish its work.
        o.status = child ? "crashed" : exists ? "unreadable" : "missing";
        return o;
    }
    o.status = o.report.value("passed", false) ? "passed" : "failed";
    return o;
}

}  // namespace socsim::app
