// Test rig: the IOMMU core driving the real tegra-smmu driver, whose ports
// are backed directly by the SMMU register block and a sparse DRAM (no
// SystemC). Tests then read the hardware state (registers, PD/PT in DRAM)
// to check that it agrees with the core.
#pragma once

#include <memory>

#include "smmu/core/iommu_core.h"
#include "smmu/hw/plain_ports.h"
#include "soc/soc_info.h"

namespace socsim::test {

struct TegraRig : smmu::PlainSmmuStack {
    static constexpr uint64_t kDramBase = 0x80000000;
    static constexpr uint64_t kDramSize = 256ull << 20;

    explicit TegraRig(const soc::SocInfo& info, iommu::CoreOptions options = {})
        : PlainSmmuStack(info, kDramBase, kDramSize,
                         smmu::PagePool::top_of_dram(kDramBase, kDramSize, info.num_address_bits)),
          soc(info),
          core(std::make_unique<iommu::IommuCore>(driver, options)) {}

    const soc::SocInfo& soc;  // outlives the rig
    std::unique_ptr<iommu::IommuCore> core;
};

}  // namespace socsim::test
