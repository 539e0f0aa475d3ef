// One run of a scenario in a child process under a policy and board
// settings: a `compare` variant or a `sweep` point. What both commands
// share: the child's command line, the check that the scenario loads as
// each run would load it (so bad input stops before anything runs), and
// reading the child's report back.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/child_process.h"
#include "dts/parser/board_settings.h"
#include "util/diag.h"

namespace socsim::app {

struct VariantSpec {
    std::string policy;                            // empty: the scenario's own
    std::vector<dts::SettingOverride> overrides;   // in the order they are applied
};

// `run SCENARIO --report REPORT [--policy P] [--set K=V ...]`: socsim's
// arguments for a child.
std::vector<std::string> run_args(const std::string& scenario, const VariantSpec& v, const std::string& report);

// "smmu.tlb_lines=16 mc.dram_bandwidth=3.2GB/s".
std::string overrides_text(const std::vector<dts::SettingOverride>& overrides);
nlohmann::ordered_json overrides_json(const std::vector<dts::SettingOverride>& overrides);

// Loads the scenario with each distinct set of overrides, as the children
// will. Returns the index of the first spec it does not load for (its
// diagnostics are in `diags`), or nullopt when all load; `scenario_policy`
// gets the scenario's own policy name.
std::optional<size_t> first_unloadable(const std::string& scenario, const std::vector<VariantSpec>& specs,
                                       Diagnostics& diags, std::string& scenario_policy);

// A child's report read back, in its file's key order; null with `problem`
// set when the file is missing, empty (the child died before writing it)
// or not a report.
nlohmann::ordered_json read_report(const std::string& path, std::string& problem);

// Whether a child ended as `socsim run` does after a complete run (exit 0
// or 1); anything else is a crash or an input error, shown from its log.
inline bool ran_to_end(const ChildStatus& s) { return s.started && !s.signal && (s.exit_code == 0 || s.exit_code == 1); }

// How a run ended: passed | failed (an expectation) | crashed (the child
// did not run to the end, or left no readable report) | missing (no
// report) | unreadable (a report file that is not a report); the last two
// only when there is no child status to go by (`sweep --merge`).
struct RunOutcome {
    std::string status;
    std::string problem;                 // for anything but passed/failed
    nlohmann::ordered_json report;       // null unless passed or failed
};

// From the report on disk and, when it ran here, the child's exit status.
RunOutcome run_outcome(const std::string& report_path, const ChildStatus* child);

}  // namespace socsim::app
