// Renderings of a validated board for `socsim validate --format text|json|dot`.
#pragma once

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "dts/parser/board.h"
#include "smmu/tegra/device_group.h"
#include "util/diag.h"

namespace socsim::app {

// The JSON object of INTERFACES.md §2 (plus: file, group_table, asids,
// memory, and per group `shared_attach`). `board` may be null when the file
// was malformed; then only `file` and `diagnostics` carry information.
nlohmann::ordered_json validate_json(const std::string& file, const dts::Board* board,
                             const smmu::tegra::GroupLayout& layout, const Diagnostics& diags);

void print_validate_text(std::ostream& out, const dts::Board& board, const smmu::tegra::GroupLayout& layout,
                         const Diagnostics& diags);

// Graphviz: groups as clusters, devices as nodes, the MC as the IOMMU.
void print_validate_dot(std::ostream& out, const dts::Board& board, const smmu::tegra::GroupLayout& layout);

}  // namespace socsim::app
