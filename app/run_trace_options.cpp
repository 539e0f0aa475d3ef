#include "app/run_trace_options.h"

#include <ostream>

#include <fmt/ostream.h>

namespace socsim::app {

void add_run_trace_options(CLI::App& run, RunTraceOptions& o) {
    run.add_option("--trace", o.json, "write a Chrome/Perfetto trace-event JSON file (open in ui.perfetto.dev)");
    run.add_option("--vcd", o.vcd, "write a VCD waveform file (open in GTKWave)");
    run.add_option("--trace-filter", o.filters,
                   "keep only these in the trace: client=NAME,... (memory clients or swgroups) or "
                   "component=driver,mc,smmu,dram,host1x,display,engine; repeatable")
        ->allow_extra_args(false);   // one value per occurrence: never the SCENARIO after it
    run.add_option("--trace-window", o.window, "keep only trace events overlapping START:END (e.g. 10ms:20ms)");
    run.add_option("--sample", o.sample,
                   "sampling interval of the report's time series and the trace counters (e.g. 50us; default: "
                   "the 1-2-5 step giving at most 500 intervals over the duration)");
}

bool check_run_trace_options(const RunTraceOptions& o, const run::Scenario& s, trace::TraceRequest& req,
                             std::optional<uint64_t>& sample_ns, std::ostream& err) {
    std::string error;
    auto fail = [&] {
        fmt::print(err, "socsim: error: {}\n", error);
        return false;
    };
    if ((!o.filters.empty() || !o.window.empty()) && o.json.empty()) {
        error = "--trace-filter and --trace-window shape the --trace output: give --trace FILE.json";
        return fail();
    }
    req.json_path = o.json;
    req.vcd_path = o.vcd;
    if (auto f = trace::parse_trace_filters(o.filters, *s.board.soc, error)) req.filter = *f;
    else return fail();
    if (!o.window.empty()) {
        req.window = trace::parse_trace_window(o.window, error);
        if (!req.window) return fail();
    }
    if (!o.sample.empty()) {
        sample_ns = trace::parse_sample_interval(o.sample, s.duration_ns, error);
        if (!sample_ns) return fail();
    }
    return true;
}

}  // namespace socsim::app
