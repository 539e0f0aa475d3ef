// The side-by-side table of `socsim compare`: one column per variant, one
// row per metric, each cell already formatted; `differs` marks a row whose
// cells are not all equal. Built by the compare command (app/report_metrics)
// and rendered as text on stdout and as HTML (app/compare_html).
#pragma once

#include <string>
#include <vector>

namespace socsim::app {

struct CompareTable {
    struct Row {
        std::string section;             // "run", "clients", "smmu", "display", "host1x", ...
        std::string metric;              // e.g. "display0a MB/s"
        std::vector<std::string> cells;  // one per column, "" when the variant has no value
        bool differs = false;
    };
    std::vector<std::string> columns;    // variant labels, e.g. "shared-attach", "legacy", "smmu.tlb_lines=16"
    std::vector<Row> rows;
};

}  // namespace socsim::app
