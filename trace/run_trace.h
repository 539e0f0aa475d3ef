// The trace outputs of one run (`socsim run --trace`, `--vcd`): the sinks
// the request asks for, named after the run's platform (TraceTopology),
// behind the one TraceSink pointer the models hold.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "soc/platform.h"
#include "trace/perfetto_trace.h"
#include "trace/trace_hub.h"
#include "trace/trace_options.h"
#include "trace/vcd_trace.h"

namespace socsim::trace {

// The names and memory clients of the platform's models.
TraceTopology topology_of(const soc::Platform& p);

class RunTrace {
public:
    // Creates the files `req` names; false (and `error`) when one cannot be written.
    bool open(const TraceRequest& req, const soc::Platform& p, std::string& error);
    // What the models report to; null when nothing is traced.
    TraceSink* sink();
    // No hook will report before `t_ps` (Sampler::trace_horizon_ps).
    void flush_before(uint64_t t_ps);
    // Closes the outputs at the run's end; false (and `error`) when a write
    // failed; `warning` when a VCD change came too late (a socsim bug).
    bool finish(uint64_t end_ps, std::string& error, std::string& warning);
    uint64_t json_events() const { return json_ ? json_->events() : 0; }

private:
    TraceRequest req_;
    std::unique_ptr<PerfettoTrace> json_;
    std::unique_ptr<VcdTrace> vcd_;
    TraceHub hub_;
};

}  // namespace socsim::trace
