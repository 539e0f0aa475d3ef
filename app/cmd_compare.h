// `socsim compare SCENARIO [--policy P ...] [--vary KEY=V1,V2,... ...]
//                 [--set KEY=VALUE ...] [-j N] [--json FILE] [--html FILE] [--keep DIR]`:
// the same scenario under several variants (the cross product of the
// policies and every --vary axis), each run in a child process, their
// reports flattened (app/report_metrics.h) and printed side by side;
// --html writes the self-contained HTML report (app/compare_html.h).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace socsim::app {

struct CompareOptions {
    std::string scenario;
    std::vector<std::string> policies;   // empty: the scenario's own
    std::vector<std::string> vary;       // KEY=V1,V2,...
    std::vector<std::string> set;        // KEY=VALUE for every variant
    unsigned jobs = 0;                   // children at once; 0: one per core
    std::string json;                    // empty: no JSON file
    std::string html;                    // empty: no HTML report
    std::string keep;                    // empty: reports in a temporary directory, removed afterwards
};

// 0: every variant ran and passed; 1: a variant failed an expectation or
// did not run to the end; 2: bad input (nothing was run).
int run_compare(const CompareOptions& opts, std::ostream& out, std::ostream& err);

}  // namespace socsim::app
