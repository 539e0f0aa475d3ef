// A run: the simulated SoC (soc/platform.h), the driver layer on it, and
// the CPU: one SystemC thread that probes the drivers at time 0 (the
// tegra-smmu bring-up and every device's default domain, through TLM
// register and DRAM accesses that take simulated time), then executes the
// scenario's steps in order at their `at:` times (a step without `at:` runs
// right after the previous one has finished), checks each result against
// its expectation, and keeps the record. The simulation ends when the steps
// are done or at `duration`; steps not reached by then fail.
// Boot also unmasks the MC error interrupts; after each step, a raised MC
// interrupt is handled as tegra_mc_irq does (INTSTATUS, ERR_STATUS and
// ERR_ADR read, INTSTATUS cleared).
// SystemC elaborates once per process, so a process runs one Simulation.
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

namespace socsim::run {

struct StepRecord {
    const Step* step = nullptr;
    bool reached = false;
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

    // Once per process. `progress`, when given, is updated as simulated
    // time advances (the run proceeds in slices of about 1/1000 of its
    // duration, which does not change what is simulated).
    RunResult run(ProgressLine* progress = nullptr);

    const Scenario& scenario() const { return s_; }
    const DriverLayer& layer() const { return *layer_; }
    const soc::Platform& platform() const { return *platform_; }

private:
    const Scenario& s_;
    iommu::PolicyKind policy_;
    TimingSpec timing_;
    std::unique_ptr<soc::Platform> platform_;
    std::unique_ptr<TlmHost1xPort> host1x_port_;
    std::unique_ptr<TlmDisplayPort> display_port_;
    std::unique_ptr<TlmMemPort> mem_port_;
    std::unique_ptr<DriverLayer> layer_;
};

}  // namespace socsim::run
