#include "app/cmd_run.h"

#include <unistd.h>

#include <fstream>
#include <optional>
#include <ostream>

#include <fmt/ostream.h>

#include "app/setting_args.h"
#include "app/variant_runs.h"
#include "run/kernel_thread.h"
#include "run/run_report.h"
#include "run/scenario.h"
#include "util/units.h"
#include "util/yaml_values.h"

namespace socsim::app {

namespace {

// Longest --duration: a run keeps picoseconds in 64 bits (about 213 days);
// a day of simulated time is far beyond any useful run.
constexpr uint64_t kMaxDurationNs = 86'400ull * 1'000'000'000ull;

// --duration TIME: nullopt with no option; false when it is not a usable time.
bool parse_duration(const std::string& text, std::optional<uint64_t>& out, std::ostream& err) {
    if (text.empty()) return true;
    out = yaml::parse_time_ns(text);
    if (!out || *out == 0 || *out > kMaxDurationNs) {
        fmt::print(err, "socsim: error: --duration '{}': expected a positive time with a unit, at most 86400s of "
                        "simulated time (e.g. 1s, 250ms)\n", text);
        return false;
    }
    return true;
}

}  // namespace

int run_run(const RunOptions& opts, std::ostream& out, std::ostream& err) {
    auto overrides = parse_set_args(opts.set, err);
    if (!overrides) return 2;
    std::optional<uint64_t> duration_ns;
    if (!parse_duration(opts.duration, duration_ns, err)) return 2;
    Diagnostics diags;
    auto scenario = run::load_scenario(opts.scenario, diags, *overrides, duration_ns);
    if (!scenario && !overrides->empty())
        diags.note({}, "the scenario was read with --set " + overrides_text(*overrides) + "; nothing was simulated");
    if (!scenario && duration_ns)
        diags.note({}, "the scenario was read with --duration " + format_time_ns(*duration_ns) +
                           "; nothing was simulated");
    diags.print(err);
    if (!scenario) return 2;
    iommu::PolicyKind policy = iommu::policy_from_name(opts.policy).value_or(scenario->policy);
    trace::TraceRequest trace;
    std::optional<uint64_t> sample_ns;
    if (!check_run_trace_options(opts.trace, *scenario, trace, sample_ns, err)) return 2;
    if (trace.any() && !trace::kHooksBuilt) {
        fmt::print(err, "socsim: error: --trace and --vcd need the trace hooks, and this socsim was built without "
                        "them (cmake -DSOCSIM_TRACE_HOOKS=OFF); use a build with the default SOCSIM_TRACE_HOOKS=ON\n");
        return 2;
    }
    std::ofstream report;
    if (!opts.report.empty()) {
        report.open(opts.report);
        if (!report) {
            fmt::print(err, "socsim: error: cannot write report '{}'\n", opts.report);
            return 2;
        }
    }
    run::TimingSpec timing = scenario->timing;
    if (!opts.mode.empty()) timing.accurate = opts.mode == "accurate";
    run::Simulation sim(*scenario, policy, timing);
    if (sample_ns) sim.set_sample_interval_ns(*sample_ns);
    std::string error;
    if (trace.any() && !sim.enable_trace(trace, error)) {
        fmt::print(err, "socsim: error: {}\n", error);
        return 2;
    }
    run::ProgressLine progress(opts.progress == "never" ? nullptr : &err, isatty(STDERR_FILENO),
                               scenario->duration_ns, opts.progress == "always" ? 0.0 : 1.0);
    run::RunResult result = sim.run(&progress);
    run::print_summary(out, sim, result);
    run::print_failures(err, *scenario, result);
    if (report.is_open()) report << run::report_json(sim, result).dump(2) << '\n';
    if (!sim.trace_warning().empty()) fmt::print(err, "socsim: warning: {}\n", sim.trace_warning());
    if (!sim.trace_error().empty()) {
        fmt::print(err, "socsim: error: {}\n", sim.trace_error());
        return 2;
    }
    return result.failed() == 0 ? 0 : 1;
}

void print_drivers(std::ostream& out) {
    fmt::print(out, "Generic drivers (bind any device with 'op: bind, driver: NAME'):\n");
    for (const auto& d : run::generic_drivers())
        fmt::print(out, "  {:<16} {:<16} {}\n", d.name, iommu::dma_kind_name(d.kind), d.doc);
}

}  // namespace socsim::app
