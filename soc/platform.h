// The simulated SoC of a run, assembled from a board: DRAM from its memory
// nodes, the memory controller with its SMMU and register aperture, the
// CPU's bus (register and DRAM paths for the drivers), the MC interrupt
// line, and one test DMA engine per enabled `socsim,test-dma` node, bound to
// the MC ingress of its memory clients. Parameters come from the board's
// `socsim:` block (soc/hw_params.h).
#pragma once

#include <map>
#include <memory>

#include <systemc>

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

    Dram dram;
    MemoryController mc;
    CpuBus cpu;
    sc_core::sc_signal<bool> mc_irq;
    TlmMcPort mc_port;
    TlmDramPort dram_port;

private:
    PayloadPool pool_;
    std::map<const dts::DtNode*, std::unique_ptr<clients::TestDma>> engines_;
};

std::vector<DramRange> dram_ranges(const dts::Board& board);

}  // namespace socsim::soc
