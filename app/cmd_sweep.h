// `socsim sweep SWEEP.yaml [-j N] [--out DIR]`: every point of a sweep's
// grid (app/sweep_spec.h) run locally in a pool of child processes, with
// a progress bar on stderr; `--emit-jobs DIR` writes the points as shell
// commands for GNU parallel or a Slurm array instead, and `--merge DIR`
// collects their reports into the same results (app/sweep_results.h).
#pragma once

#include <iosfwd>
#include <string>

namespace socsim::app {

struct SweepOptions {
    std::string sweep;       // SWEEP.yaml (not with --merge)
    unsigned jobs = 0;       // children at once; 0: one per core
    std::string out;         // empty: sweep-NAME in the current directory
    std::string emit_jobs;   // DIR: write manifest.json and jobs.txt, run nothing
    std::string merge;       // DIR: results from the reports of emitted jobs
};

// 0: every point ran and passed; 1: a point failed an expectation, crashed
// or (--merge) has no readable report; 2: bad input, nothing was run.
int run_sweep(const SweepOptions& opts, std::ostream& out, std::ostream& err);

}  // namespace socsim::app
