#include "soc/platform.h"

#include <string>

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
           board.soc->atom_size),
      mc("mc", *board.soc, board.settings.hw, dram, mode),
      cpu("cpu", mode),
      mc_irq("mc_irq"),
      mc_port(cpu),
      dram_port(cpu) {
    mc.dram_socket.bind(dram.socket);
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
}

clients::TestDma* Platform::engine(const dts::DtNode* node) const {
    auto it = engines_.find(node);
    return it == engines_.end() ? nullptr : it->second.get();
}

}  // namespace socsim::soc
