// `socsim run SCENARIO [--report FILE.json] [--policy P] [--mode fast|accurate]
//               [--set KEY=VALUE ...] [--duration TIME] [--progress auto|always|never]
//               [--trace FILE.json] [--vcd FILE.vcd] [--trace-filter ...] [--trace-window ...] [--sample TIME]`.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "app/run_trace_options.h"

namespace socsim::app {

struct RunOptions {
    std::string scenario;
    std::string report;   // empty: no JSON report
    std::string policy;   // empty: the scenario's own
    std::string mode;     // empty: the scenario's timing.mode
    std::string progress = "auto";   // progress line on stderr: auto (after 1 s of wall time), always, never
    std::vector<std::string> set;   // KEY=VALUE board settings overridden (app/setting_args.h)
    std::string duration;           // empty: the scenario's own `duration`
    RunTraceOptions trace;   // --trace, --vcd, --trace-filter, --trace-window, --sample
};

// Loads the scenario (exit 2 on any input error, nothing simulated), runs it
// and checks its expectations (exit 1 when one fails, else 0).
int run_run(const RunOptions& opts, std::ostream& out, std::ostream& err);

// `socsim run --list-drivers`: the generic drivers.
void print_drivers(std::ostream& out);

}  // namespace socsim::app
