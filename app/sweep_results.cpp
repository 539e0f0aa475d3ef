#include "app/sweep_results.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>

#include <fmt/format.h>

#include "app/report_metrics.h"
#include "app/variant_runs.h"

namespace socsim::app {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

std::vector<PointRecord> point_records(const SweepSpec& spec, const std::string& scenario_policy) {
    std::vector<PointRecord> out;
    auto points = sweep_points(spec);
    size_t width = std::max<size_t>(4, std::to_string(points.size()).size());
    for (auto& p : points) {
        std::string stem = fmt::format("points/{:0{}}", p.index, width);
        std::string policy = p.policy.empty() ? scenario_policy : p.policy;
        out.push_back({std::move(p), policy, stem + ".json", stem + ".log"});
    }
    return out;
}

ordered_json manifest_json(const SweepSpec& spec, const std::vector<PointRecord>& points, const std::string& socsim) {
    ordered_json pts = ordered_json::array();
    for (const auto& r : points)
        pts.push_back({{"point", r.point.index},
                       {"policy", r.policy},
                       {"parameters", overrides_json(r.point.parameters)},
                       {"report", r.report},
                       {"log", r.log}});
    return {{"sweep", sweep_json(spec)}, {"socsim", socsim}, {"points", pts}};
}

bool read_manifest(const std::string& dir, SweepSpec& spec, std::vector<PointRecord>& points, std::string& error) {
    std::string path = (fs::path(dir) / "manifest.json").string();
    std::ifstream in(path);
    if (!in) {
        error = fmt::format("{}: cannot read it (is '{}' a directory written by 'socsim sweep --emit-jobs'?)", path, dir);
        return false;
    }
    auto j = ordered_json::parse(in, nullptr, false);
    auto def = j.is_object() && j.contains("sweep") ? sweep_from_json(j["sweep"], error) : std::nullopt;
    if (!def) {
        error = fmt::format("{}: {}", path, error.empty() ? "not a sweep manifest" : error);
        return false;
    }
    spec = *def;
    const auto* pts = j.contains("points") && j["points"].is_array() ? &j["points"] : nullptr;
    for (size_t i = 0; pts && i < pts->size(); ++i) {
        const auto& p = (*pts)[i];
        bool ok = p.is_object() && p.contains("point") && p["point"].is_number_unsigned() && p.contains("policy") &&
                  p["policy"].is_string() && p.contains("parameters") && p["parameters"].is_object() &&
                  p.contains("report") && p["report"].is_string() && p.contains("log") && p["log"].is_string();
        if (!ok) {
            error = fmt::format("{}: point {} is malformed", path, i + 1);
            return false;
        }
        PointRecord r;
        r.point.index = p["point"].get<size_t>();
        r.policy = p["policy"].get<std::string>();
        for (const auto& [k, v] : p["parameters"].items()) r.point.parameters.push_back({k, v.is_string() ? v.get<std::string>() : v.dump()});
        r.report = p["report"].get<std::string>();
        r.log = p["log"].get<std::string>();
        points.push_back(std::move(r));
    }
    if (!pts || points.empty()) {
        error = fmt::format("{}: no points", path);
        return false;
    }
    return true;
}

SweepResults sweep_results(const SweepSpec& spec, const std::vector<PointRecord>& points,
                           const std::vector<RunOutcome>& outcomes) {
    SweepResults r;
    r.columns = {"point", "policy"};
    for (const auto& a : spec.parameters) r.columns.push_back(a.key);
    r.columns.insert(r.columns.end(), {"passed", "status"});
    std::vector<std::vector<Metric>> metrics;
    for (const auto& o : outcomes) {
        metrics.push_back(o.report.is_null() ? std::vector<Metric>{} : report_metrics(o.report));
        // `passed` has its own column.
        auto& m = metrics.back();
        m.erase(std::remove_if(m.begin(), m.end(), [](const Metric& x) { return x.section == "run" && x.flag; }), m.end());
    }
    std::vector<std::string> metric_cols = metric_columns(metrics);
    r.columns.insert(r.columns.end(), metric_cols.begin(), metric_cols.end());
    for (size_t i = 0; i < points.size(); ++i) {
        ordered_json row;
        for (const auto& c : r.columns) row[c] = nullptr;
        row["point"] = points[i].point.index;
        row["policy"] = points[i].policy;
        for (const auto& p : points[i].point.parameters) row[p.key] = p.value;
        row["passed"] = outcomes[i].status == "passed";
        row["status"] = outcomes[i].status;
        for (const auto& m : metrics[i]) row[metric_column(m)] = metric_json(m);
        r.rows.push_back(std::move(row));
    }
    return r;
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void write_results_csv(std::ostream& out, const SweepResults& r) {
    auto line = [&](const std::vector<std::string>& fields) {
        for (size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
        out << "\r\n";
    };
    line(r.columns);
    for (const auto& row : r.rows) {
        std::vector<std::string> fields;
        for (const auto& c : r.columns) {
            const auto& v = row.contains(c) ? row[c] : ordered_json();
            fields.push_back(v.is_null() ? "" : v.is_string() ? v.get<std::string>() : v.dump());
        }
        line(fields);
    }
}

ordered_json results_json(const SweepSpec& spec, const SweepResults& r) {
    return {{"sweep", sweep_json(spec)}, {"columns", r.columns}, {"rows", r.rows}};
}

}  // namespace socsim::app
