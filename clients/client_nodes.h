// Which board nodes are host1x and its clients, by compatible
// ("nvidia,tegra124-host1x", "nvidia,tegra30-dc", "-gr2d", "-gr3d", "-vic"):
// the platform builds a model for each enabled one the SoC's tables can
// serve, and the client drivers bind only to their kind of node.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "dts/parser/board.h"
#include "util/diag.h"

namespace socsim::clients {

enum class NodeKind { Host1x, Dc, Gr2d, Gr3d, Vic };

const char* node_kind_name(NodeKind k);            // "host1x", "dc", ...
std::optional<NodeKind> node_kind(const dts::DtNode& node);
// The driver that binds to a kind of node ("host1x", "tegra-dc", ...).
const char* driver_for(NodeKind k);
// The display head of a DC node: `nvidia,head`, else its order among the
// board's DC nodes (the kernel's fallback is the same).
uint32_t dc_head(const dts::Board& board, const dts::DtNode& node);
// Whether the SoC's tables have what the kind's model needs (memory
// clients, host1x info); nullopt when they do, else why not.
std::optional<std::string> model_unsupported(const soc::SocInfo& soc, NodeKind k);

}  // namespace socsim::clients
