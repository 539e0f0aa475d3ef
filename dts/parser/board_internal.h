// Passes of board loading, shared between board.cpp and its parts.
#pragma once

#include "dts/parser/board.h"
#include "util/diag.h"
#include "util/yaml_doc.h"

namespace socsim::dts {

// Structural pass (board_reader.cpp): YAML -> nodes; false when malformed.
bool read_tree(const yaml::Node& doc, Board& board, Diagnostics& diags);
// Reference pass (board_resolve.cpp): labels, SoC, memory controller,
// `iommus`, memory nodes, unit addresses.
void resolve_board(Board& board, Diagnostics& diags);
// `iommus` of one node (board_iommus.cpp).
void resolve_iommus(Board& board, DtNode& node, const Property& prop, Diagnostics& diags);

}  // namespace socsim::dts
