// How a `socsim,test-dma` node becomes a test DMA engine: which memory
// clients it issues reads and writes on, and its request size.
//
//  - `socsim,read-client` / `socsim,write-client`: memory-client names from
//    the SoC table; by default the first and the last client of the node's
//    first `iommus` swgroup (e.g. msencsrd / msencswr on Tegra124 MSENC).
//  - `socsim,burst`: bytes per request, a power of two from 4 to 4096
//    (default 64); requests never cross a 4 KiB page.
// A node without `iommus` must name both clients. Pure C++: the scenario
// loader checks every engine before anything is simulated.
#pragma once

#include <cstdint>
#include <optional>

#include "dts/parser/board.h"
#include "util/diag.h"

namespace socsim::clients {

struct TestDmaConfig {
    const soc::MemoryClient* read_client = nullptr;
    const soc::MemoryClient* write_client = nullptr;
    uint32_t burst = 64;
};

inline constexpr const char* kTestDmaCompatible = "socsim,test-dma";

// Reports problems as malformed input at the offending property.
std::optional<TestDmaConfig> test_dma_config(const dts::Board& board, const dts::DtNode& node, Diagnostics& diags);

}  // namespace socsim::clients
