// The benchmark suite's child runs: `socsim run` on a scenario (its JSON
// report read back) and `bench_translate` (its --json read back), each a
// child process whose wall time and peak RSS are measured (child_run.h).
// A child that fails, or a workload whose expectations do not hold, stops
// the suite (BenchError): a figure from a broken run would mean nothing.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/child_run.h"
#include "bench/suite.h"

namespace socsim::bench {

struct BenchError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What one `socsim run` measured.
struct SocsimResult {
    ChildResult child;
    double wall_s = 0;            // the report's wall_time_s: the simulation loop, not start-up
    uint64_t sim_ns = 0;          // the report's sim_time_ns
    uint64_t transactions = 0;    // MC requests of every memory client
    uint64_t dram_requests = 0;
    uint64_t resident_pages = 0;  // DRAM pages holding data (4 KiB each)
    uint64_t jobs = 0;            // host1x engine operations completed

    double rtf() const { return wall_s > 0 ? double(sim_ns) / 1e9 / wall_s : 0; }
    double mtx_s() const { return wall_s > 0 ? double(transactions) / wall_s / 1e6 : 0; }
    double rss_mib() const { return double(child.max_rss_kib) / 1024; }
    double wall_per_sim_s() const { return sim_ns ? wall_s / (double(sim_ns) / 1e9) : 0; }
};

class Runner {
public:
    // Children's reports and logs go to `workdir`; `progress` gets a line per child.
    Runner(std::string workdir, std::ostream* progress) : workdir_(std::move(workdir)), progress_(progress) {}

    // socsim run SCENARIO --report F --progress never EXTRA...; exit 0 required.
    SocsimResult socsim(const Build& b, const std::string& scenario, const std::vector<std::string>& extra);
    // bench_translate ARGS... --json F; returns the JSON it wrote.
    json bench_translate(const Build& b, std::vector<std::string> args);
    // Any program (valgrind): exit 0 required; returns the result, stderr kept in `err_path`.
    ChildResult program(const std::string& exe, const std::vector<std::string>& args, std::string& err_path);

    const std::string& workdir() const { return workdir_; }

private:
    std::string next_path(const std::string& stem, const std::string& ext);
    void check(const ChildResult& r, const std::string& cmd, const std::string& err_path) const;

    std::string workdir_;
    std::ostream* progress_;
    unsigned seq_ = 0;
};

}  // namespace socsim::bench
