// Test rig: the IOMMU core driving the real tegra-smmu driver, whose ports
// are backed directly by the SMMU register block and a sparse DRAM (no
// SystemC). Tests then read the hardware state (registers, PD/PT in DRAM)
// to check that it agrees with the core.
#pragma once

#include <memory>

#include "smmu/core/iommu_core.h"
#include "smmu/hw/plain_ports.h"
#include "smmu/hw/smmu_registers.h"
#include "smmu/tegra/tegra_smmu.h"
#include "soc/soc_info.h"
#include "soc/sparse_memory.h"

namespace socsim::test {

struct TegraRig {
    static constexpr uint64_t kDramBase = 0x80000000;
    static constexpr uint64_t kDramSize = 256ull << 20;
    static constexpr uint64_t kPoolSize = 4ull << 20;

    explicit TegraRig(const soc::SocInfo& info, iommu::CoreOptions options = {})
        : soc(info),
          dram(kDramBase, kDramSize),
          regs(soc),
          mc_port(regs),
          dram_port(dram),
          driver(soc, mc_port, dram_port, smmu::PagePool(kDramBase + kDramSize - kPoolSize, kPoolSize)) {
        driver.probe();
        core = std::make_unique<iommu::IommuCore>(driver, options);
    }

    const soc::SocInfo& soc;  // outlives the rig
    soc::SparseMemory dram;
    smmu::SmmuRegisters regs;
    smmu::PlainMcPort mc_port;
    smmu::PlainDramPort dram_port;
    smmu::TegraSmmu driver;
    std::unique_ptr<iommu::IommuCore> core;
};

}  // namespace socsim::test
