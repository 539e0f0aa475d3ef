#include "soc/platform.h"

#include <string>

#include "clients/client_nodes.h"
#include "clients/engines/gr2d.h"
#include "clients/engines/gr3d.h"
#include "clients/engines/vic.h"

namespace socsim::soc {

std::vector<DramRange> dram_ranges(const dts::Board& board) {
    std::vector<DramRange> out;
    for (const auto& m : board.memory) out.push_back({m.base, m.size});
    return out;
}

Platform::Platform(sc_core::sc_module_name name, const dts::Board& board,
                   const std::map<const dts::DtNode*, clients::TestDmaConfig>& engines, TimingMode mode)
    : sc_module(name),
      dram("dram", dram_ranges(board), board.settings.hw.dram_bandwidth, board.settings.hw.dram_latency_ns,
           board.soc->dram_burst),
      mc("mc", *board.soc, board.settings.hw, dram, mode),
      cpu("cpu", mode),
      mc_irq("mc_irq"),
      mc_port(cpu),
      dram_port(cpu) {
    cpu.dram_socket.bind(dram.socket);
    cpu.mc_socket.bind(mc.reg_socket);
    mc.irq.bind(mc_irq);
    size_t n = 0;
    dts::for_each_node(*board.root, [&](const dts::DtNode& node) {  // document order: stable module names
        auto it = engines.find(&node);
        if (it == engines.end()) return;
        const clients::TestDmaConfig& cfg = it->second;
        std::string module = "test_dma" + std::to_string(n++);
        auto engine = std::make_unique<clients::TestDma>(module.c_str(), cfg, pool_, mode);
        engine->read_socket.bind(mc.ingress(cfg.read_client->id));
        engine->write_socket.bind(mc.ingress(cfg.write_client->id));
        engines_[&node] = std::move(engine);
    });
    build_clients(board, mode);
}

void Platform::build_clients(const dts::Board& board, TimingMode mode) {
    const SocInfo& soc = *board.soc;
    auto modelled = [&](const dts::DtNode& node, clients::NodeKind k) {
        return node.enabled && clients::node_kind(node) == k && !clients::model_unsupported(soc, k);
    };
    dts::for_each_node(*board.root, [&](const dts::DtNode& node) {
        if (host1x_ || !modelled(node, clients::NodeKind::Host1x)) return;
        host1x_ = std::make_unique<clients::Host1x>("host1x", soc, pool_, mode);
        host1x_->dma_socket.bind(mc.ingress(host1x_->cdma_client().id));
        cpu.host1x_socket.bind(host1x_->reg_socket);
        cpu.set_host1x_access_ps(board.settings.hw.reg_access_ns * 1000);
    });
    dts::for_each_node(*board.root, [&](const dts::DtNode& node) {
        std::unique_ptr<clients::Engine> e;
        if (modelled(node, clients::NodeKind::Gr2d)) e = std::make_unique<clients::Gr2d>("gr2d", soc, pool_, mode);
        else if (modelled(node, clients::NodeKind::Gr3d)) e = std::make_unique<clients::Gr3d>("gr3d", soc, pool_, mode);
        else if (modelled(node, clients::NodeKind::Vic)) e = std::make_unique<clients::Vic>("vic", soc, pool_, mode);
        if (!e || !host1x_) return;   // an engine is driven by host1x only
        for (const auto& port : e->ports()) port.socket->bind(mc.ingress(port.client->id));
        host1x_->attach_class(*e);
        classes_[&node] = std::move(e);
    });
    dts::for_each_node(*board.root, [&](const dts::DtNode& node) {
        if (!modelled(node, clients::NodeKind::Dc)) return;
        uint32_t head = clients::dc_head(board, node);
        if (heads_.count(head) || head > 1) return;
        std::string name = "dc" + std::to_string(head);
        auto dc = std::make_unique<clients::DisplayController>(name.c_str(), soc, head, pool_, mode, host1x_.get());
        for (int w = 0; w < 3; ++w) dc->window_socket[w].bind(mc.ingress(dc->window_client(w).id));
        heads_[head] = std::move(dc);
        head_nodes_[head] = &node;
    });
}

void Platform::set_trace(trace::TraceSink* sink) {
    mc.set_trace(sink);
    dram.set_trace(sink);
    for (auto& [node, e] : engines_) e->set_trace(sink);
    if (host1x_) host1x_->set_trace(sink);
    for (auto& [node, e] : classes_) e->set_trace(sink);
    for (auto& [head, dc] : heads_) dc->set_trace(sink);
}

clients::TestDma* Platform::engine(const dts::DtNode* node) const {
    auto it = engines_.find(node);
    return it == engines_.end() ? nullptr : it->second.get();
}

}  // namespace socsim::soc
