// The headline figures of one `socsim run --report` JSON report, flattened
// into an ordered list of named metrics: what a reviewer compares between
// variants (`socsim compare`) and what a sweep tabulates per point
// (`socsim sweep`, results.csv). One list for both, so a figure has one
// name, unit and format everywhere.
//
// Sections, in order: run (passed, failed expectations, sim and wall time,
// real-time factor), hazards (isolation hazards), mc (faults), clients (per
// memory client: MB/s, average and p99 latency, requests, faults), smmu
// (TLB lines, TLB and PTC hit rates, walks, flushes, ASIDs in use, faults
// by reason), display (per head: frames, underflowed lines, MB/s, smallest
// FIFO level), host1x (jobs submitted, completed, timed out), dram (peak
// bandwidth, utilisation). A figure the report lacks is left out.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/compare_table.h"

namespace socsim::app {

struct Metric {
    std::string section;   // "run", "clients", "smmu", ...
    std::string name;      // "display0a", "display0a avg latency", "TLB hit rate"
    std::string unit;      // "MB/s", "ns", "%"; empty for counts
    double value = 0;
    int decimals = 0;      // digits after the point in tables; 0 for counts
    bool flag = false;     // a yes/no figure (passed)
};

std::vector<Metric> report_metrics(const nlohmann::ordered_json& report);

// "display0a MB/s": the name with its unit, a compare table row's metric.
std::string metric_label(const Metric& m);
// "clients.display0a MB/s": section and label, a results.csv column.
std::string metric_column(const Metric& m);
// A table cell: "497.7", "12", "yes".
std::string format_metric(const Metric& m);
// Full precision for files (results.json, results.csv): counts as
// integers, other figures as doubles, flags as booleans.
nlohmann::ordered_json metric_json(const Metric& m);

// Every metric_column() of the lists, each once: the first list's order,
// with what later lists add inserted after their predecessor.
std::vector<std::string> metric_columns(const std::vector<std::vector<Metric>>& lists);

// One column per entry of `columns` (their metric lists in `metrics`), one
// row per metric any column has, in the columns' order; a row whose cells
// are not all equal `differs` (a missing value counts as "").
CompareTable metrics_table(const std::vector<std::string>& columns, const std::vector<std::vector<Metric>>& metrics);

}  // namespace socsim::app
