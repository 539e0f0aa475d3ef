// How the Tegra SMMU translates one access, without caches: the routing
// decision (bypass or translate) from the registers, then the two-level walk
// of the PD/PT in DRAM with the entry format of smmu/tegra/smmu_regs.h.
// The SMMU model puts its TLB and PTC in front of this; tests use it as the
// oracle of what the hardware does with the tables the driver wrote.
//
// Modelled: 32-bit IOVA; PTB_DATA per ASID; PDE with NEXT -> PT of 4 KiB
// pages; a PDE without NEXT but readable or writable maps a 4 MiB section
// (the hardware supports it; tegra-smmu never writes one); READABLE and
// WRITABLE checked per access; a zero PDE/PTE faults.
// Left out: the NONSECURE bit (all traffic is non-secure here).
#pragma once

#include <cstdint>

#include "smmu/hw/smmu_registers.h"
#include "smmu/tegra/smmu_regs.h"

namespace socsim::smmu {

enum class FaultReason { None, PdeInvalid, PteInvalid, ReadDenied, WriteDenied };
const char* fault_reason_name(FaultReason r);

struct WalkResult {
    FaultReason fault = FaultReason::None;
    uint64_t pa = 0;
    int fetches = 0;  // PD/PT words read from DRAM
};

template <class Read32>
WalkResult walk_tables(uint32_t ptb_data, uint32_t pfn_mask, uint64_t iova, bool write, Read32&& read32) {
    WalkResult r;
    uint64_t pd = uint64_t(ptb_data & pfn_mask) << SMMU_PTE_SHIFT;
    uint32_t pde = read32(pd + iova_pd_index(iova) * 4u);
    ++r.fetches;
    uint32_t leaf = pde;
    uint64_t base;
    uint64_t offset_mask;
    if (pde & SMMU_PDE_NEXT) {
        uint64_t pt = uint64_t(pde & pfn_mask) << SMMU_PTE_SHIFT;
        leaf = read32(pt + iova_pt_index(iova) * 4u);
        ++r.fetches;
        if ((leaf & (SMMU_PTE_READABLE | SMMU_PTE_WRITABLE)) == 0) {
            r.fault = FaultReason::PteInvalid;
            return r;
        }
        base = uint64_t(leaf & pfn_mask) << SMMU_PTE_SHIFT;
        offset_mask = SMMU_PAGE_SIZE - 1;
    } else {
        if ((pde & (SMMU_PDE_READABLE | SMMU_PDE_WRITABLE)) == 0) {
            r.fault = FaultReason::PdeInvalid;
            return r;
        }
        offset_mask = (1ull << SMMU_PDE_SHIFT) - 1;
        base = (uint64_t(pde & pfn_mask) << SMMU_PTE_SHIFT) & ~offset_mask;
    }
    if (write && !(leaf & SMMU_PTE_WRITABLE)) r.fault = FaultReason::WriteDenied;
    else if (!write && !(leaf & SMMU_PTE_READABLE)) r.fault = FaultReason::ReadDenied;
    else r.pa = base | (iova & offset_mask);
    return r;
}

// Whether a client's access goes through translation: SMMU_CONFIG enabled,
// the swgroup's ASID register enabled, and (for clients that have one) the
// client's SMMU enable bit set. tegra-smmu always sets the last two together.
struct Route {
    bool translate = false;
    uint32_t asid = 0;
};
Route route(const SmmuRegisters& regs, const soc::Swgroup& sw, const soc::MemoryClient* client);

}  // namespace socsim::smmu
