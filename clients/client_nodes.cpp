#include "clients/client_nodes.h"

#include <string>

#include "util/yaml_values.h"

namespace socsim::clients {

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

const char* node_kind_name(NodeKind k) {
    switch (k) {
        case NodeKind::Host1x: return "host1x";
        case NodeKind::Dc: return "dc";
        case NodeKind::Gr2d: return "gr2d";
        case NodeKind::Gr3d: return "gr3d";
        case NodeKind::Vic: return "vic";
    }
    return "?";
}

const char* driver_for(NodeKind k) {
    switch (k) {
        case NodeKind::Host1x: return "host1x";
        case NodeKind::Dc: return "tegra-dc";
        case NodeKind::Gr2d: return "tegra-gr2d";
        case NodeKind::Gr3d: return "tegra-gr3d";
        case NodeKind::Vic: return "tegra-vic";
    }
    return "?";
}

std::optional<NodeKind> node_kind(const dts::DtNode& node) {
    for (const std::string& c : node.compatible) {
        if (c.rfind("nvidia,tegra", 0) != 0) continue;
        if (ends_with(c, "-host1x")) return NodeKind::Host1x;
        if (ends_with(c, "-dc")) return NodeKind::Dc;
        if (ends_with(c, "-gr2d")) return NodeKind::Gr2d;
        if (ends_with(c, "-gr3d")) return NodeKind::Gr3d;
        if (ends_with(c, "-vic")) return NodeKind::Vic;
    }
    return std::nullopt;
}

uint32_t dc_head(const dts::Board& board, const dts::DtNode& node) {
    if (const auto* p = node.prop("nvidia,head"))
        if (p->value && p->value->is_scalar())
            if (auto v = yaml::parse_uint(p->value->value)) return static_cast<uint32_t>(*v);
    uint32_t index = 0, found = 0;
    dts::for_each_node(*board.root, [&](const dts::DtNode& n) {
        if (&n == &node) found = index;
        if (node_kind(n) == NodeKind::Dc) ++index;
    });
    return found;
}

std::optional<std::string> model_unsupported(const soc::SocInfo& soc, NodeKind k) {
    auto need = [&](std::initializer_list<std::string_view> names) -> std::optional<std::string> {
        for (auto n : names)
            if (!soc.find_client(n)) return std::string(soc.name) + " has no memory client " + std::string(n);
        return std::nullopt;
    };
    switch (k) {
        case NodeKind::Host1x: return need({"host1xdmar"});
        case NodeKind::Dc: return need({"display0a", "display0b", "display0c", "display0ab", "display0bb", "display0cb"});
        case NodeKind::Gr2d: return need({"g2sr", "g2dw"});
        case NodeKind::Gr3d:
            if (!soc.find_client("texsrd") && !soc.find_client("texl2srd"))
                return std::string(soc.name) + " has no GR3D texture client";
            return need({"fdcdwr"});
        case NodeKind::Vic: return need({"vicsrd", "vicswr"});
    }
    return std::nullopt;
}

}  // namespace socsim::clients
