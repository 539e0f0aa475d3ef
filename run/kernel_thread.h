// A run: the simulated SoC (soc/platform.h), the driver layer on it, and
// the CPU: one SystemC thread that probes the drivers at time 0 (the
// tegra-smmu bring-up and every device's default domain, through TLM
// register and DRAM accesses that take simulated time), then executes the
// scenario's steps in order at their `at:` times (a step without `at:` runs
// right after the previous one has finished), checks each result against
// its expectation, and keeps the record. The simulation ends when the steps
// are done or at `duration`; steps not reached by then fail, and so do steps
// still running then ("running at the end"), except an open-ended job
// stream (`submit` with `count: until-end`), which only the end stops.
// Boot also unmasks the MC error interrupts; after each step, a raised MC
// interrupt is handled as tegra_mc_irq does (INTSTATUS, ERR_STATUS and
// ERR_ADR read, INTSTATUS cleared).
// The run advances one sampling interval at a time (sc_start per
// interval, ending like one sc_start(duration) would: at `duration` or when
// no event is left): between intervals the sampler (trace/sampler.h)
// reads the models' counters and the trace outputs flush, so neither
// wakes a process. Tracing (enable_trace) hands the models a TraceSink.
// SystemC elaborates once per process, so a process runs one Simulation.
// Threads still waiting at the end (an open-ended job stream, an engine
// mid-job) are killed by the destructor, after everything has been read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "run/client_ports.h"
#include "run/driver_layer.h"
#include "run/progress.h"
#include "run/scenario.h"
#include "soc/platform.h"
#include "soc/thread_reaper.h"
#include "trace/run_trace.h"
#include "trace/sampler.h"

namespace socsim::run {

struct StepRecord {
    const Step* step = nullptr;
    bool reached = false;
    bool finished = false;               // reached and returned before the run ended
    uint64_t start_ns = 0, end_ns = 0;
    StepOutcome outcome;
    std::string expected;
    bool passed = false;
};

// A run-wide expectation (`expect:` at scenario level) and its result.
struct RunCheck {
    std::string name;
    std::string expected, actual;
    bool passed = false;
    Location loc;
};

struct RunResult {
    iommu::PolicyKind policy = iommu::PolicyKind::SharedAttach;
    TimingSpec timing;
    std::vector<StepRecord> steps;
    std::vector<RunCheck> run_checks;
    uint64_t probe_ns = 0;               // boot: SMMU bring-up and default domains
    uint64_t mc_irqs_handled = 0;        // MC error interrupts the CPU took (between steps)
    uint64_t sim_time_ns = 0;
    double wall_time_s = 0;
    size_t failed() const;
};

class Simulation {
public:
    Simulation(const Scenario& s, iommu::PolicyKind policy, TimingSpec timing);
    ~Simulation();

    // Before run(): the sampling interval (default: the duration's, see
    // trace::default_sample_interval_ns).
    void set_sample_interval_ns(uint64_t ns);
    // Before run(): opens the trace outputs `req` asks for; false (and
    // `error`) when one cannot be written.
    bool enable_trace(const trace::TraceRequest& req, std::string& error);

    // Once per process. `progress`, when given, is updated after every
    // sampling interval (the run proceeds interval by interval, which does
    // not change what is simulated).
    RunResult run(ProgressLine* progress = nullptr);

    const trace::Sampler& sampler() const { return *sampler_; }
    // After run(): why finishing a trace output failed (empty: it did not),
    // and a warning about it.
    const std::string& trace_error() const { return trace_error_; }
    const std::string& trace_warning() const { return trace_warning_; }

    const Scenario& scenario() const { return s_; }
    const DriverLayer& layer() const { return *layer_; }
    const soc::Platform& platform() const { return *platform_; }

private:
    void close_open_stream(StepRecord& rec, uint64_t end_ns) const;
    const Scenario& s_;
    iommu::PolicyKind policy_;
    TimingSpec timing_;
    std::unique_ptr<soc::Platform> platform_;
    std::unique_ptr<TlmHost1xPort> host1x_port_;
    std::unique_ptr<TlmDisplayPort> display_port_;
    std::unique_ptr<TlmMemPort> mem_port_;
    std::unique_ptr<DriverLayer> layer_;
    std::unique_ptr<trace::Sampler> sampler_;
    RunResult result_;                             // what the kernel thread records
    std::unique_ptr<sc_core::sc_module> kernel_;   // the CPU's thread, made by run()
    std::unique_ptr<soc::ThreadReaper> reaper_;    // by the destructor, after the report
    trace::RunTrace trace_;
    trace::TraceSink* sink_ = nullptr;
    std::string trace_error_, trace_warning_;
};

}  // namespace socsim::run
