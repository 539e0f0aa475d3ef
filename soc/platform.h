// The simulated SoC of a run, assembled from a board: DRAM from its memory
// nodes, the memory controller with its SMMU and register aperture, the
// CPU's bus (register and DRAM paths for the drivers), the MC interrupt
// line, one test DMA engine per enabled `socsim,test-dma` node, and the
// client models of the enabled host1x, DC, GR2D, GR3D and VIC nodes the
// SoC's tables can serve (clients/client_nodes.h): host1x on the CPU bus
// with the engines as its classes, one display controller per DC node
// (its VBLANK syncpoints through host1x). Every model's memory clients are
// bound to their MC ingress. Parameters come from the board's `socsim:`
// block (soc/hw_params.h).
#pragma once

#include <map>
#include <memory>

#include <systemc>

#include "clients/display/display_controller.h"
#include "clients/engines/engine_base.h"
#include "clients/host1x/host1x.h"
#include "clients/test_dma.h"
#include "dts/parser/board.h"
#include "soc/cpu_bus.h"
#include "soc/dram.h"
#include "soc/mc/memory_controller.h"
#include "soc/tlm/payload_pool.h"

namespace socsim::soc {

class Platform : public sc_core::sc_module {
public:
    Platform(sc_core::sc_module_name name, const dts::Board& board,
             const std::map<const dts::DtNode*, clients::TestDmaConfig>& engines, TimingMode mode);

    clients::TestDma* engine(const dts::DtNode* node) const;
    const std::map<const dts::DtNode*, std::unique_ptr<clients::TestDma>>& engines() const { return engines_; }
    clients::Host1x* host1x() const { return host1x_.get(); }
    const std::map<const dts::DtNode*, std::unique_ptr<clients::Engine>>& host1x_engines() const { return classes_; }
    // Display controllers by head.
    const std::map<uint32_t, std::unique_ptr<clients::DisplayController>>& heads() const { return heads_; }
    const std::map<uint32_t, const dts::DtNode*>& head_nodes() const { return head_nodes_; }
    // Every model's trace hooks go to `sink` (null: tracing off).
    void set_trace(trace::TraceSink* sink);

    Dram dram;
    MemoryController mc;
    CpuBus cpu;
    sc_core::sc_signal<bool> mc_irq;
    TlmMcPort mc_port;
    TlmDramPort dram_port;

private:
    PayloadPool pool_;
    std::map<const dts::DtNode*, std::unique_ptr<clients::TestDma>> engines_;
    std::unique_ptr<clients::Host1x> host1x_;
    std::map<const dts::DtNode*, std::unique_ptr<clients::Engine>> classes_;
    std::map<uint32_t, std::unique_ptr<clients::DisplayController>> heads_;
    std::map<uint32_t, const dts::DtNode*> head_nodes_;

    void build_clients(const dts::Board& board, TimingMode mode);
};

std::vector<DramRange> dram_ranges(const dts::Board& board);

}  // namespace socsim::soc
