#include "app/cmd_compare.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "app/child_process.h"
#include "app/compare_html.h"
#include "app/compare_output.h"
#include "app/progress.h"
#include "app/report_metrics.h"
#include "app/setting_args.h"
#include "app/variant_runs.h"

namespace socsim::app {

namespace fs = std::filesystem;

namespace {

struct Variant {
    std::string label;
    VariantSpec spec;
};

// The cross product of the policies and every axis, the last axis varying
// fastest. A label names only what varies (an axis with one value is the
// same in every column).
std::vector<Variant> cross_product(const std::vector<std::string>& policies, const std::vector<dts::SettingOverride>& set,
                                   const std::vector<VaryAxis>& axes) {
    std::vector<Variant> out;
    std::vector<std::string> pols = policies.empty() ? std::vector<std::string>{""} : policies;
    std::vector<size_t> at(axes.size(), 0);
    for (const auto& p : pols) {
        std::fill(at.begin(), at.end(), 0);
        for (;;) {
            Variant v;
            v.spec.policy = p;
            v.spec.overrides = set;
            if (pols.size() > 1) v.label = p;
            for (size_t a = 0; a < axes.size(); ++a) {
                v.spec.overrides.push_back({axes[a].key, axes[a].values[at[a]]});
                if (axes[a].values.size() > 1)
                    v.label += (v.label.empty() ? "" : " ") + axes[a].key + "=" + axes[a].values[at[a]];
            }
            out.push_back(v);
            size_t a = axes.size();
            while (a > 0 && ++at[a - 1] == axes[a - 1].values.size()) at[--a] = 0;
            if (a == 0) break;
        }
    }
    return out;
}

// A label as a file name: "2-legacy_smmu.tlb_lines=16".
std::string file_stem(size_t index, const std::string& label) {
    std::string stem = std::to_string(index + 1) + "-";
    for (char c : label) stem += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '=' || c == '-') ? c : '_';
    return stem;
}

bool stdout_is_terminal() { return isatty(STDOUT_FILENO) && !getenv("NO_COLOR"); }

std::optional<std::string> make_temp_dir() {
    std::error_code ec;
    std::string tmpl = (fs::temp_directory_path(ec) / "socsim-compare-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return std::nullopt;
    return tmpl;
}

// Bad options: nullopt after the message (exit 2).
std::optional<std::vector<Variant>> variants_from(const CompareOptions& opts, std::ostream& err) {
    for (auto it = opts.policies.begin(); it != opts.policies.end(); ++it)
        if (std::find(opts.policies.begin(), it, *it) != it) {
            fmt::print(err, "socsim: error: --policy {} is given twice\n", *it);
            return std::nullopt;
        }
    auto set = parse_set_args(opts.set, err);
    auto axes = parse_vary_args(opts.vary, err);
    if (!set || !axes) return std::nullopt;
    for (const auto& a : *axes)
        for (const auto& s : *set)
            if (a.key == s.key) {
                fmt::print(err, "socsim: error: '{}' is both varied (--vary) and fixed (--set)\n", a.key);
                return std::nullopt;
            }
    auto variants = cross_product(opts.policies, *set, *axes);
    if (variants.size() < 2) {
        fmt::print(err, "socsim: error: compare needs at least two variants, got {}: give two or more --policy, or "
                        "--vary KEY=V1,V2 (settings: {})\n", variants.size(), dts::board_setting_keys_help());
        return std::nullopt;
    }
    return variants;
}

std::string verdict(const RunOutcome& o) {
    if (o.status == "passed") return "passed";
    if (o.status != "failed") return o.status + ": " + o.problem;
    size_t total = 0, failed = 0;
    for (const auto& e : o.report.value("expectations", nlohmann::ordered_json::array())) {
        ++total;
        if (!e.value("passed", true)) ++failed;
    }
    return fmt::format("FAILED ({} of {} expectations)", failed, total);
}

}  // namespace

int run_compare(const CompareOptions& opts, std::ostream& out, std::ostream& err) {
    auto variants = variants_from(opts, err);
    if (!variants) return 2;
    std::vector<VariantSpec> specs;
    for (const auto& v : *variants) specs.push_back(v.spec);
    Diagnostics diags;
    std::string scenario_policy;
    if (auto bad = first_unloadable(opts.scenario, specs, diags, scenario_policy)) {
        if (!(*variants)[*bad].spec.overrides.empty())
            diags.note({}, fmt::format("the scenario does not load with {}; nothing was run",
                                       overrides_text((*variants)[*bad].spec.overrides)));
        diags.print(err);
        return 2;
    }
    // The outputs are checked now and written after the runs, so that no
    // child inherits their descriptors.
    for (const std::string* path : {&opts.json, &opts.html}) {
        if (path->empty()) continue;
        if (!std::ofstream(*path)) {
            fmt::print(err, "socsim: error: cannot write '{}'\n", *path);
            return 2;
        }
    }
    std::string dir = opts.keep;
    std::error_code ec;
    if (dir.empty()) {
        auto tmp = make_temp_dir();
        if (!tmp) {
            fmt::print(err, "socsim: error: cannot create a temporary directory for the reports\n");
            return 2;
        }
        dir = *tmp;
    } else if (fs::create_directories(dir, ec); ec || !fs::is_directory(dir, ec)) {
        fmt::print(err, "socsim: error: --keep {}: cannot create the directory\n", dir);
        return 2;
    }

    std::vector<ChildJob> jobs;
    std::vector<std::string> reports;
    for (size_t i = 0; i < variants->size(); ++i) {
        std::string stem = (fs::path(dir) / file_stem(i, (*variants)[i].label)).string();
        reports.push_back(stem + ".json");
        jobs.push_back({run_args(opts.scenario, specs[i], reports.back()), stem + ".log"});
    }
    // A progress bar only on a terminal: a handful of variants needs no log lines.
    Progress progress(err, true, "compare");
    std::function<void(size_t, const PoolState&)> on_finish;
    std::function<void(const PoolState&)> on_tick;
    if (isatty(STDERR_FILENO)) {
        on_finish = [&](size_t, const PoolState& s) { progress.finished(s); };
        on_tick = [&](const PoolState& s) { progress.update(s); };
    }
    auto status = run_children(jobs, opts.jobs ? opts.jobs : default_parallelism(), on_finish, on_tick);
    progress.done();

    bool all_passed = true;
    std::vector<CompareHeaderLine> header;
    std::vector<std::string> labels;
    std::vector<std::vector<Metric>> metrics;
    nlohmann::ordered_json variants_json = nlohmann::ordered_json::array();
    std::vector<CompareRun> runs;
    for (size_t i = 0; i < variants->size(); ++i) {
        const Variant& v = (*variants)[i];
        RunOutcome o = run_outcome(reports[i], &status[i]);
        std::string policy = v.spec.policy.empty() ? scenario_policy : v.spec.policy;
        std::string with = "policy " + policy;
        if (!v.spec.overrides.empty()) with += ", " + overrides_text(v.spec.overrides);
        header.push_back({v.label, with, verdict(o)});
        labels.push_back(v.label);
        metrics.push_back(o.report.is_null() ? std::vector<Metric>{} : report_metrics(o.report));
        if (o.status != "passed") {
            all_passed = false;
            fmt::print(err, "socsim: note: variant {}: {}; its stderr{}:\n{}", v.label, header.back().verdict,
                       opts.keep.empty() ? "" : " (" + jobs[i].log + ")", tail_of_file(jobs[i].log, 20));
        }
        runs.push_back({v.label, nlohmann::json(o.report)});
        variants_json.push_back({{"label", v.label},
                                 {"policy", policy},
                                 {"overrides", overrides_json(v.spec.overrides)},
                                 {"status", o.status},
                                 {"report", o.report}});
    }
    CompareTable table = metrics_table(labels, metrics);
    print_compare_text(out, fmt::format("compare: scenario {}, {} variants", opts.scenario, variants->size()), header,
                       table, stdout_is_terminal());
    if (!opts.json.empty())
        std::ofstream(opts.json) << nlohmann::ordered_json{{"scenario", opts.scenario}, {"variants", variants_json},
                                           {"table", compare_table_json(table)}}.dump(2) << '\n';
    if (!opts.html.empty()) std::ofstream(opts.html) << render_compare_html(runs, table);
    if (opts.keep.empty()) fs::remove_all(dir, ec);
    return all_passed ? 0 : 1;
}

}  // namespace socsim::app
