// What a run tells its user: the human summary on stdout, expectation
// failures as located diagnostics (FILE:LINE:COL: error: ...) on stderr, and
// the JSON report of INTERFACES.md §4 for --report (hardware sections in
// hw_report.h).
#pragma once

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "run/driver_layer.h"
#include "run/kernel_thread.h"

namespace socsim::run {

void print_summary(std::ostream& out, const Simulation& sim, const RunResult& r);
void print_failures(std::ostream& err, const Scenario& s, const RunResult& r);
nlohmann::ordered_json report_json(const Simulation& sim, const RunResult& r);

}  // namespace socsim::run
