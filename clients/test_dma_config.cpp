#include "clients/test_dma_config.h"

#include <fmt/format.h>

#include "util/yaml_values.h"

namespace socsim::clients {

namespace {

const soc::MemoryClient* named_client(const dts::Board& board, const dts::Property& p, Diagnostics& diags) {
    auto name = yaml::read_string(*p.value, diags, "'" + p.name + "'");
    if (!name) return nullptr;
    const soc::MemoryClient* c = board.soc->find_client(*name);
    if (!c) diags.malformed(p.value->loc, fmt::format("'{}': {} has no memory client '{}'", p.name, board.soc->name, *name));
    return c;
}

}  // namespace

std::optional<TestDmaConfig> test_dma_config(const dts::Board& board, const dts::DtNode& node, Diagnostics& diags) {
    TestDmaConfig cfg;
    bool ok = true;
    if (!node.iommus.empty() && node.iommus.front().swgroup) {
        auto clients = board.soc->clients_of(node.iommus.front().swgroup->name);
        if (!clients.empty()) {
            cfg.read_client = clients.front();
            cfg.write_client = clients.back();
        }
    }
    if (const auto* p = node.prop("socsim,read-client")) ok &= (cfg.read_client = named_client(board, *p, diags)) != nullptr;
    if (const auto* p = node.prop("socsim,write-client")) ok &= (cfg.write_client = named_client(board, *p, diags)) != nullptr;
    if (ok && (!cfg.read_client || !cfg.write_client)) {
        diags.malformed(node.loc, fmt::format("test DMA engine {}: no memory client for its {}; give "
                                              "'socsim,read-client' and 'socsim,write-client'",
                                              node.display_name(),
                                              node.iommus.empty() ? "requests (it has no 'iommus')"
                                                                  : "swgroup in the SoC table"));
        ok = false;
    }
    if (const auto* p = node.prop("socsim,burst")) {
        auto v = yaml::read_uint(*p->value, diags, "'socsim,burst'", 4096);
        if (v && (*v < 4 || (*v & (*v - 1)) != 0)) {
            diags.malformed(p->value->loc, fmt::format("'socsim,burst' must be a power of two from 4 to 4096, not {}", *v));
            v.reset();
        }
        if (v) cfg.burst = static_cast<uint32_t>(*v);
        else ok = false;
    }
    if (!ok) return std::nullopt;
    return cfg;
}

}  // namespace socsim::clients
