// `socsim compare`'s outputs: the side-by-side table on stdout (differing
// rows in bold colour on a terminal, else marked `*` in a first column) and
// the table's JSON for --json.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/compare_table.h"

namespace socsim::app {

// One variant's line in the header: its label, what it ran with, whether
// it passed.
struct CompareHeaderLine {
    std::string label;
    std::string runs_with;   // "policy legacy, smmu.tlb_lines=16"
    std::string verdict;     // "passed", "FAILED (2 of 21 expectations)", "no report: ..."
};

void print_compare_text(std::ostream& out, const std::string& title, const std::vector<CompareHeaderLine>& header,
                        const CompareTable& table, bool terminal);

nlohmann::ordered_json compare_table_json(const CompareTable& table);

}  // namespace socsim::app
