// Which board nodes are host1x and its clients, by compatible
// ("nvidia,tegra124-host1x", "nvidia,tegra30-dc", "-gr2d", "-gr3d", "-vic"):
// the platform builds a model for each enabled one the SoC's tables can
// serve, and the client drivers bind only to their kind of node.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
// The memory clients a model issues requests on, one port each: the first
// of `clients` the SoC's table has, for reads or for writes. Engines in
// port order (GR2D: source read, destination write; GR3D: texture read,
// render-target write; VIC: surface read, output write); host1x: CDMA.
struct ModelPort {
    std::vector<std::string_view> clients;
    bool write;
};
const std::vector<ModelPort>& model_ports(NodeKind k);
// The memory client of window `w` (0..2 = A..C) of display head `head`
// (0 or 1); nullptr for another head.
const char* dc_window_client(uint32_t head, uint32_t w);
// The SoC's client for a port; nullptr when it has none of them.
const soc::MemoryClient* port_client(const soc::SocInfo& soc, const ModelPort& port);

// Whether the SoC's tables have what the kind's model needs (memory
// clients, host1x info); nullopt when they do, else why not.
std::optional<std::string> model_unsupported(const soc::SocInfo& soc, NodeKind k);

}  // namespace socsim::clients
