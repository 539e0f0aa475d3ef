// The CPU of a run: one SystemC thread that executes the scenario's steps
// in order at their `at:` times (a step without `at:` runs right after the
// previous one), checks each result against its expectation, and keeps the
// record. The simulation ends when the steps are done or at `duration`;
// steps not reached by then fail.
// SystemC elaborates once per process, so simulate() runs once per process.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "run/driver_layer.h"
#include "run/scenario.h"

namespace socsim::run {

struct StepRecord {
    const Step* step = nullptr;
    bool reached = false;
    uint64_t start_ns = 0;
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
    std::vector<StepRecord> steps;
    std::vector<RunCheck> run_checks;
    uint64_t sim_time_ns = 0;
    double wall_time_s = 0;
    size_t failed() const;
};

RunResult simulate(const Scenario& s, DriverLayer& layer, iommu::PolicyKind policy);

}  // namespace socsim::run
