#include "app/cmd_sweep.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "app/progress.h"
#include "app/sweep_results.h"
#include "app/variant_runs.h"

namespace socsim::app {

namespace fs = std::filesystem;

namespace {

VariantSpec variant_of(const SweepSpec& spec, const PointRecord& r) {
    VariantSpec v;
    if (!spec.policies.empty()) v.policy = r.point.policy;
    v.overrides = spec.set;
    v.overrides.insert(v.overrides.end(), r.point.parameters.begin(), r.point.parameters.end());
    return v;
}

std::string describe_point(const PointRecord& r) {
    std::vector<std::string> parts;
    if (!r.policy.empty()) parts.push_back("policy " + r.policy);
    for (const auto& p : r.point.parameters) parts.push_back(p.key + "=" + p.value);
    return fmt::format("point {} ({})", r.point.index, fmt::join(parts, ", "));
}

// The sweep and its points, every point's scenario checked: nullopt after
// printing the located diagnostics (exit 2).
std::optional<std::pair<SweepSpec, std::vector<PointRecord>>> prepare(const std::string& file, std::ostream& err) {
    Diagnostics diags;
    auto spec = load_sweep(file, diags);
    if (!spec) {
        diags.print(err);
        return std::nullopt;
    }
    std::vector<PointRecord> points = point_records(*spec, "");
    std::vector<VariantSpec> variants;
    for (const auto& r : points) variants.push_back(variant_of(*spec, r));
    std::string scenario_policy;
    if (auto bad = first_unloadable(spec->scenario, variants, diags, scenario_policy)) {
        diags.note(spec->scenario_loc, fmt::format("the scenario does not load for {}; nothing was run",
                                                   describe_point(points[*bad])));
        diags.print(err);
        return std::nullopt;
    }
    return std::make_pair(*spec, point_records(*spec, scenario_policy));
}

bool make_points_dir(const fs::path& dir, std::ostream& err) {
    std::error_code ec;
    fs::create_directories(dir / "points", ec);
    if (ec || !fs::is_directory(dir / "points", ec)) {
        fmt::print(err, "socsim: error: cannot create '{}'\n", (dir / "points").string());
        return false;
    }
    return true;
}

bool write_file(const fs::path& path, const std::string& text, std::ostream& err) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    if (!f) {
        fmt::print(err, "socsim: error: cannot write '{}'\n", path.string());
        return false;
    }
    return true;
}

int finish(const fs::path& dir, const SweepSpec& spec, const std::vector<PointRecord>& points,
           const std::vector<RunOutcome>& outcomes, std::ostream& out, std::ostream& err) {
    SweepResults results = sweep_results(spec, points, outcomes);
    std::ostringstream csv;
    write_results_csv(csv, results);
    if (!write_file(dir / "results.csv", csv.str(), err) ||
        !write_file(dir / "results.json", results_json(spec, results).dump(2) + "\n", err))
        return 2;
    std::map<std::string, size_t> count;
    for (size_t i = 0; i < points.size(); ++i) {
        const RunOutcome& o = outcomes[i];
        ++count[o.status];
        std::string log = (dir / points[i].log).string();
        std::error_code ec;
        bool has_log = fs::exists(log, ec);
        if (o.status == "failed")
            fmt::print(err, "socsim: note: {} failed an expectation; see {}\n", describe_point(points[i]), log);
        else if (o.status != "passed")
            fmt::print(err, "socsim: error: {}: {}: {}{}\n{}", describe_point(points[i]), o.status, o.problem,
                       has_log ? "; its stderr (" + log + "):" : "", has_log ? tail_of_file(log, 5) : "");
    }
    std::string tally;
    for (const auto& [status, n] : count) tally += fmt::format("{}{} {}", tally.empty() ? "" : ", ", n, status);
    fmt::print(out, "sweep {}: {} points: {}\nresults: {} and {}\n", spec.name, points.size(), tally,
               (dir / "results.csv").string(), (dir / "results.json").string());
    return count["passed"] == points.size() ? 0 : 1;
}

int run_local(const SweepOptions& opts, std::ostream& out, std::ostream& err) {
    auto prepared = prepare(opts.sweep, err);
    if (!prepared) return 2;
    const auto& [spec, points] = *prepared;
    fs::path dir = opts.out.empty() ? fs::path("sweep-" + spec.name) : fs::path(opts.out);
    if (!make_points_dir(dir, err) || !write_file(dir / "manifest.json", manifest_json(spec, points, self_exe()).dump(2) + "\n", err))
        return 2;
    std::vector<ChildJob> jobs;
    for (const auto& r : points)
        jobs.push_back({run_args(spec.scenario, variant_of(spec, r), (dir / r.report).string()), (dir / r.log).string()});
    Progress progress(err, isatty(STDERR_FILENO), "sweep " + spec.name);
    progress.update({0, 0, points.size()});
    auto status = run_children(jobs, opts.jobs ? opts.jobs : default_parallelism(),
                               [&](size_t, const PoolState& s) { progress.finished(s); },
                               [&](const PoolState& s) { progress.update(s); });
    progress.done();
    std::vector<RunOutcome> outcomes;
    for (size_t i = 0; i < points.size(); ++i) outcomes.push_back(run_outcome((dir / points[i].report).string(), &status[i]));
    return finish(dir, spec, points, outcomes, out, err);
}

int emit_jobs(const SweepOptions& opts, std::ostream& out, std::ostream& err) {
    auto prepared = prepare(opts.sweep, err);
    if (!prepared) return 2;
    const auto& [spec, points] = *prepared;
    std::error_code ec;
    fs::path dir = fs::absolute(opts.emit_jobs, ec).lexically_normal();
    std::string exe = self_exe();
    std::string scenario = fs::absolute(spec.scenario, ec).lexically_normal().string();
    if (!make_points_dir(dir, err) || !write_file(dir / "manifest.json", manifest_json(spec, points, exe).dump(2) + "\n", err))
        return 2;
    std::string lines;
    for (const auto& r : points) {
        std::string line = shell_word(exe);
        for (const auto& a : run_args(scenario, variant_of(spec, r), (dir / r.report).string())) line += " " + shell_word(a);
        lines += line + " > /dev/null 2> " + shell_word((dir / r.log).string()) + "\n";
    }
    fs::path jobs = dir / "jobs.txt";
    if (!write_file(jobs, lines, err)) return 2;
    std::string wrap = "sed -n \"${SLURM_ARRAY_TASK_ID}p\" " + shell_word(jobs.string()) + " | sh";
    fmt::print(out,
               "sweep {}: {} points; wrote {} (one command per line) and {}\n"
               "run them, e.g. with GNU parallel:\n  parallel -j8 < {}\n"
               "or as a Slurm array:\n  sbatch --array=1-{} --wrap {}\n"
               "then collect the results:\n  socsim sweep --merge {}\n",
               spec.name, points.size(), jobs.string(), (dir / "manifest.json").string(), shell_word(jobs.string()),
               points.size(), shell_quote(wrap), shell_word(dir.string()));
    return 0;
}

int merge(const SweepOptions& opts, std::ostream& out, std::ostream& err) {
    SweepSpec spec;
    std::vector<PointRecord> points;
    std::string error;
    if (!read_manifest(opts.merge, spec, points, error)) {
        fmt::print(err, "socsim: error: --merge {}\n", error);
        return 2;
    }
    std::vector<RunOutcome> outcomes;
    for (const auto& r : points) outcomes.push_back(run_outcome((fs::path(opts.merge) / r.report).string(), nullptr));
    return finish(opts.merge, spec, points, outcomes, out, err);
}

}  // namespace

int run_sweep(const SweepOptions& opts, std::ostream& out, std::ostream& err) {
    if (!opts.merge.empty()) {
        if (!opts.sweep.empty() || !opts.emit_jobs.empty() || !opts.out.empty() || opts.jobs) {
            fmt::print(err, "socsim: error: --merge DIR takes no sweep file and no --emit-jobs, --out or -j: the "
                            "directory's manifest says what to collect\n");
            return 2;
        }
        return merge(opts, out, err);
    }
    if (opts.sweep.empty()) {
        fmt::print(err, "socsim: error: sweep needs a SWEEP file (or --merge DIR)\n");
        return 2;
    }
    if (!opts.emit_jobs.empty()) {
        if (!opts.out.empty() || opts.jobs) {
            fmt::print(err, "socsim: error: --emit-jobs DIR runs nothing: it takes no --out or -j\n");
            return 2;
        }
        return emit_jobs(opts, out, err);
    }
    return run_local(opts, out, err);
}

}  // namespace socsim::app
