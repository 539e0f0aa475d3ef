// The tegra-smmu driver's ports backed directly by the register block and
// the DRAM store, with no simulated time: for pure C++ tests of the driver
// and the core. Runs use TLM transports instead (soc/cpu_bus.h). PlainSmmuStack assembles
// DRAM, the register block and the driver on these ports, probed.
#pragma once

#include "smmu/hw/smmu_registers.h"
#include "smmu/tegra/ports.h"
#include "smmu/tegra/tegra_smmu.h"
#include "soc/sparse_memory.h"

namespace socsim::smmu {

class PlainMcPort final : public McRegPort {
public:
    explicit PlainMcPort(SmmuRegisters& regs) : regs_(regs) {}
    uint32_t read32(uint32_t offset) override { return regs_.read32(offset); }
    void write32(uint32_t offset, uint32_t value) override { regs_.write32(offset, value); }

private:
    SmmuRegisters& regs_;
};

class PlainDramPort final : public DramPort {
public:
    explicit PlainDramPort(soc::SparseMemory& mem) : mem_(mem) {}
    uint32_t read32(uint64_t pa) override { return mem_.read32(pa); }
    void write32(uint64_t pa, uint32_t value) override { mem_.write32(pa, value); }
    void zero(uint64_t pa, uint64_t size) override { mem_.fill(pa, 0, size); }

private:
    soc::SparseMemory& mem_;
};

struct PlainSmmuStack {
    PlainSmmuStack(const soc::SocInfo& soc, uint64_t dram_base, uint64_t dram_size, PagePool pool)
        : dram(dram_base, dram_size), regs(soc), mc_port(regs), dram_port(dram), driver(soc, mc_port, dram_port, pool) {
        driver.probe();
    }

    soc::SparseMemory dram;
    SmmuRegisters regs;
    PlainMcPort mc_port;
    PlainDramPort dram_port;
    TegraSmmu driver;
};

}  // namespace socsim::smmu
