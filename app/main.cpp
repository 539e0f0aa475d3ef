// socsim: command-line entry point. Subcommands live in app/cmd_*.cpp.
// main() hands over to SystemC (sc_elab_and_sim), which calls sc_main; it
// first silences SystemC's banner, which would otherwise pollute stdout.
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/cmd_compare.h"
#include "app/cmd_run.h"
#include "app/cmd_sweep.h"
#include "app/cmd_validate.h"
#include "app/version.h"
#include "smmu/core/iommu_core.h"

extern "C" int sc_main(int argc, char** argv) {
    CLI::App app{"socsim: discrete-event Tegra SoC simulator for shared IOMMU domains"};
    app.set_version_flag("--version", std::string("socsim ") + socsim::app::kVersion);
    app.require_subcommand(1);

    socsim::app::ValidateOptions validate;
    bool list_settings = false;
    auto* v = app.add_subcommand("validate", "parse and check a board, form its IOMMU groups, print them");
    v->add_option("BOARD", validate.board, "board file (DTS-like YAML)");
    v->add_option("--format", validate.format, "output: text (default), json or dot (Graphviz)")
        ->check(CLI::IsMember({"text", "json", "dot"}));
    v->add_flag("--list-settings", list_settings, "list the board's 'socsim:' settings and exit");

    const auto policy_names = socsim::iommu::policy_names();
    const std::vector<std::string> policies(policy_names.begin(), policy_names.end());
    socsim::app::RunOptions run;
    bool list_drivers = false;
    auto* r = app.add_subcommand("run", "run a scenario on its board's simulated timeline and check its expectations");
    r->add_option("SCENARIO", run.scenario, "scenario file (YAML)");
    r->add_option("--report", run.report, "write the JSON report to this file");
    r->add_option("--policy", run.policy, "IOMMU-core policy, overriding the scenario's")
        ->check(CLI::IsMember(policies));
    r->add_option("--mode", run.mode, "timing: fast (temporal decoupling) or accurate (every transaction "
                                      "synchronised), overriding the scenario's timing.mode")
        ->check(CLI::IsMember({"fast", "accurate"}));
    r->add_option("--set", run.set, "override a board setting, KEY=VALUE (repeatable; keys as in "
                                    "'validate --list-settings': mc.dram_bandwidth, smmu.tlb_lines, group_table, ...)")
        ->allow_extra_args(false);
    r->add_option("--duration", run.duration, "simulated time limit (e.g. 1s), overriding the scenario's duration");
    r->add_flag("--list-drivers", list_drivers, "list the generic drivers and exit");
    socsim::app::add_run_trace_options(*r, run.trace);

    r->add_option("--progress", run.progress, "progress line on stderr: auto (for runs longer than a second of "
                                              "wall time; the default), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));

    socsim::app::CompareOptions compare;
    auto* c = app.add_subcommand("compare", "run a scenario under several policies or settings (each in a child "
                                            "process) and print their figures side by side");
    c->add_option("SCENARIO", compare.scenario, "scenario file (YAML)")->required();
    c->add_option("--policy", compare.policies, "a policy to compare (repeatable)")
        ->check(CLI::IsMember(policies))->allow_extra_args(false);
    c->add_option("--vary", compare.vary, "KEY=V1,V2,...: one variant per value of a board setting (repeatable: "
                                          "the cross product)")->allow_extra_args(false);
    c->add_option("--set", compare.set, "KEY=VALUE: a board setting for every variant (repeatable)")
        ->allow_extra_args(false);
    c->add_option("-j,--jobs", compare.jobs, "variants run at once (default: one per core)")->check(CLI::PositiveNumber);
    c->add_option("--json", compare.json, "write the variants' reports and the table as JSON to this file");
    c->add_option("--html", compare.html, "write a self-contained HTML report (table and plots) to this file");
    c->add_option("--keep", compare.keep, "keep the per-variant reports and logs in this directory");

    socsim::app::SweepOptions sweep;
    auto* w = app.add_subcommand("sweep", "run a scenario over a grid of policies and board settings (SWEEP.yaml), "
                                          "locally or as emitted jobs");
    w->add_option("SWEEP", sweep.sweep, "sweep file (YAML)");
    w->add_option("-j,--jobs", sweep.jobs, "points run at once (default: one per core)")->check(CLI::PositiveNumber);
    w->add_option("--out", sweep.out, "output directory (default: sweep-NAME in the current directory)");
    w->add_option("--emit-jobs", sweep.emit_jobs, "write DIR/manifest.json and DIR/jobs.txt (one shell command per "
                                                  "point) instead of running");
    w->add_option("--merge", sweep.merge, "collect the reports of emitted jobs in DIR into its results");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "socsim: error: " << e.what() << "\nRun 'socsim --help' for usage.\n";
        return 2;
    }

    if (v->parsed()) {
        if (list_settings) {
            socsim::app::print_board_settings(std::cout);
            return 0;
        }
        if (validate.board.empty()) {
            std::cerr << "socsim: error: validate needs a BOARD file\n";
            return 2;
        }
        return socsim::app::run_validate(validate, std::cout, std::cerr);
    }
    if (r->parsed()) {
        if (list_drivers) {
            socsim::app::print_drivers(std::cout);
            return 0;
        }
        if (run.scenario.empty()) {
            std::cerr << "socsim: error: run needs a SCENARIO file\n";
            return 2;
        }
        return socsim::app::run_run(run, std::cout, std::cerr);
    }
    if (c->parsed()) return socsim::app::run_compare(compare, std::cout, std::cerr);
    if (w->parsed()) return socsim::app::run_sweep(sweep, std::cout, std::cerr);
    return 2;
}

extern "C" int sc_elab_and_sim(int argc, char* argv[]);  // SystemC's entry (sysc/kernel/sc_externs.h)

int main(int argc, char** argv) {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    return sc_elab_and_sim(argc, argv);
}
