#include "app/cmd_run.h"

#include <fstream>
#include <ostream>

#include <fmt/ostream.h>

#include "run/driver_layer.h"
#include "run/kernel_thread.h"
#include "run/run_report.h"
#include "run/scenario.h"

namespace socsim::app {

int run_run(const RunOptions& opts, std::ostream& out, std::ostream& err) {
    Diagnostics diags;
    auto scenario = run::load_scenario(opts.scenario, diags);
    diags.print(err);
    if (!scenario) return 2;
    iommu::PolicyKind policy = iommu::policy_from_name(opts.policy).value_or(scenario->policy);
    std::ofstream report;
    if (!opts.report.empty()) {
        report.open(opts.report);
        if (!report) {
            fmt::print(err, "socsim: error: cannot write report '{}'\n", opts.report);
            return 2;
        }
    }
    run::DriverLayer layer(*scenario, policy);
    run::RunResult result = run::simulate(*scenario, layer, policy);
    run::print_summary(out, *scenario, layer, result);
    run::print_failures(err, *scenario, result);
    if (report.is_open()) report << run::report_json(*scenario, layer, result).dump(2) << '\n';
    return result.failed() == 0 ? 0 : 1;
}

void print_drivers(std::ostream& out) {
    fmt::print(out, "Generic drivers (bind any device with 'op: bind, driver: NAME'):\n");
    for (const auto& d : run::generic_drivers())
        fmt::print(out, "  {:<16} {:<16} {}\n", d.name, iommu::dma_kind_name(d.kind), d.doc);
}

}  // namespace socsim::app
