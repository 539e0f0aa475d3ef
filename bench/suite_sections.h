// The benchmark suite's sections, each a set of child runs that adds
// figures or a table: translate ((a0) (a) (a2) (b) (c) and SMMU bypass),
// jobs ((d)), steady ((e) (f)), time, clients, dram, mapped (the scaling
// tables), hooks (--nohooks: the trace hooks' cost) and callgrind.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "bench/dma_workload.h"
#include "bench/suite.h"
#include "bench/suite_runs.h"

#ifndef SOCSIM_SOURCE_DIR
#define SOCSIM_SOURCE_DIR "."
#endif
#ifndef SOCSIM_BENCH_SOCSIM
#define SOCSIM_BENCH_SOCSIM "socsim"
#endif
#ifndef SOCSIM_BENCH_TRANSLATE
#define SOCSIM_BENCH_TRANSLATE "bench_translate"
#endif

namespace socsim::bench {

struct SuiteOptions {
    Sizes sizes;
    bool quick = false;
    std::vector<std::string> only;          // empty: every section
    std::string nohooks_dir;
    std::optional<Build> nohooks;
    bool callgrind = false;
    std::string json, markdown, keep;
    Build build{"hooks", SOCSIM_BENCH_SOCSIM, SOCSIM_BENCH_TRANSLATE};
    std::string source_dir = SOCSIM_SOURCE_DIR;
    std::string command;                    // how the suite was started, for the report
};

// The workloads in bench/scenarios/.
inline constexpr const char* kSteadyScenario = "tegra124-display-vic-steady.yaml";   // (e), (f), time scaling
inline constexpr const char* kJobsScenario = "tegra124-vic-jobs.yaml";               // (d)

const std::vector<std::string>& section_list();
std::string section_names();   // "translate, jobs, ..."

class Suite {
public:
    Suite(SuiteOptions opt, Runner runner) : opt_(std::move(opt)), run_(std::move(runner)) {}

    void run_all();                  // throws BenchError
    int print(std::ostream& out);    // the tables; --json and --markdown; returns the exit code

    json machine;                    // filled by the caller, completed by the sections

private:
    std::string scenario(const std::string& file) const;   // bench/scenarios/FILE
    bool wanted(const std::string& section) const;

    void translate();
    void jobs();
    void steady();
    void time_scaling();
    void client_scaling();
    void dram_scaling();
    void mapped_scaling();
    void hooks();
    void callgrind();

    // One generated test-DMA workload run, as a scaling table row's figures.
    SocsimResult dma_run(const std::string& name, const DmaWorkload& w);

    SuiteOptions opt_;
    Runner run_;
    std::vector<Figure> figures_;
    std::vector<Table> tables_;
    std::vector<std::string> notes_;
};

}  // namespace socsim::bench
