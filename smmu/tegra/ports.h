// The two ways the tegra-smmu driver reaches hardware, as in Linux: 32-bit
// register accesses into the MC aperture (readl/writel on mc->regs) and word
// accesses to DRAM holding the page directory and page tables (the CPU
// writes them, then dma_sync makes them visible to the SMMU). Backed by
// plain memory in pure C++ tests (plain_ports.h) and by TLM transports in
// the simulation, so the driver is the same code in both.
#pragma once

#include <cstdint>

namespace socsim::smmu {

class McRegPort {
public:
    virtual ~McRegPort() = default;
    virtual uint32_t read32(uint32_t offset) = 0;
    virtual void write32(uint32_t offset, uint32_t value) = 0;
};

class DramPort {
public:
    virtual ~DramPort() = default;
    virtual uint32_t read32(uint64_t pa) = 0;
    virtual void write32(uint64_t pa, uint32_t value) = 0;
    // Zeroes a freshly allocated page (alloc_page(__GFP_ZERO)).
    virtual void zero(uint64_t pa, uint64_t size) {
        for (uint64_t a = pa; a < pa + size; a += 4) write32(a, 0);
    }
};

}  // namespace socsim::smmu
