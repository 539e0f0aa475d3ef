// `socsim run`'s trace and sampling options (--trace, --vcd,
// --trace-filter, --trace-window, --sample): their command-line
// definitions and their check against the scenario (its SoC's memory
// clients and swgroups, its duration) before anything is simulated.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "run/scenario.h"
#include "trace/trace_options.h"

namespace socsim::app {

struct RunTraceOptions {
    std::string json;                    // --trace FILE.json
    std::string vcd;                     // --vcd FILE.vcd
    std::vector<std::string> filters;    // --trace-filter KEY=V1,V2 (repeatable)
    std::string window;                  // --trace-window START:END
    std::string sample;                  // --sample TIME
};

void add_run_trace_options(CLI::App& run, RunTraceOptions& o);

// The trace request and the sampling interval (nullopt: the default) the
// options ask for; on a bad value prints `socsim: error: ...` to `err` and
// answers false.
bool check_run_trace_options(const RunTraceOptions& o, const run::Scenario& s, trace::TraceRequest& req,
                             std::optional<uint64_t>& sample_ns, std::ostream& err);

}  // namespace socsim::app
