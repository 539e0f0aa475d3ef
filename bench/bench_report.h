// bench_translate's output: the table on stdout (median per phase, ratio to
// the bare loop (a), what the SMMU did) and, optionally, the same as JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/bench_types.h"
#include "soc/platform.h"

namespace socsim::bench {

struct RunInfo {
    const Options& opt;
    const soc::SocInfo& info;
    const soc::MemoryClient& client;
    const soc::MemoryClient& bypass;
    const soc::Platform& platform;
    uint64_t mem_delay_ps;            // the bare memory's delay per request
    const std::vector<Phase>& phases;
    uint64_t mapped_pages;
    uint64_t setup_sim_ps;
    double setup_wall_s;
    std::string load_before;          // load average when the run started
};

// The 1-minute load average (other work on the machine skews every figure).
std::string loadavg();

// Prints the table; writes --json when asked. Returns the exit code.
int print_report(const RunInfo& r);

}  // namespace socsim::bench
