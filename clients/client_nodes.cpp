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

const std::vector<ModelPort>& model_ports(NodeKind k) {
    static const std::vector<ModelPort> host1x = {{{"host1xdmar"}, false}};
    static const std::vector<ModelPort> gr2d = {{{"g2sr"}, false}, {{"g2dw"}, true}};
    // Tegra30 texsrd, Tegra114 texl2srd.
    static const std::vector<ModelPort> gr3d = {{{"texsrd", "texl2srd"}, false}, {{"fdcdwr"}, true}};
    static const std::vector<ModelPort> vic = {{{"vicsrd"}, false}, {{"vicswr"}, true}};
    static const std::vector<ModelPort> dc = [] {
        std::vector<ModelPort> ports;
        for (uint32_t head = 0; head < 2; ++head)
            for (uint32_t w = 0; w < 3; ++w) ports.push_back({{dc_window_client(head, w)}, false});
        return ports;
    }();
    switch (k) {
        case NodeKind::Host1x: return host1x;
        case NodeKind::Dc: return dc;
        case NodeKind::Gr2d: return gr2d;
        case NodeKind::Gr3d: return gr3d;
        case NodeKind::Vic: return vic;
    }
    return host1x;
}

const char* dc_window_client(uint32_t head, uint32_t w) {
    static const char* const names[2][3] = {{"display0a", "display0b", "display0c"},
                                             {"display0ab", "display0bb", "display0cb"}};
    return head < 2 && w < 3 ? names[head][w] : nullptr;
}

const soc::MemoryClient* port_client(const soc::SocInfo& soc, const ModelPort& port) {
    for (std::string_view name : port.clients)
        if (const soc::MemoryClient* c = soc.find_client(name)) return c;
    return nullptr;
}

std::optional<std::string> model_unsupported(const soc::SocInfo& soc, NodeKind k) {
    for (const ModelPort& port : model_ports(k)) {
        if (port_client(soc, port)) continue;
        std::string names;
        for (std::string_view n : port.clients) names += (names.empty() ? "" : " or ") + std::string(n);
        return std::string(soc.name) + " has no memory client " + names;
    }
    return std::nullopt;
}

}  // namespace socsim::clients
