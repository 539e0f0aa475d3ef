// How the Tegra SMMU translates one access, without caches: the routing
// decision (bypass or translate) from the registers, then the two-level walk
// of the PD/PT in DRAM with the entry format of smmu/tegra/smmu_regs.h.
// The SMMU model puts its TLB and PTC in front of this; tests use it as the
// oracle of what the hardware does with the tables the driver wrote.
//
// Modelled: 32-bit IOVA; PTB_DATA per ASID; PDE with NEXT -> PT of 4 KiB
// pages; a PDE without NEXT but readable or writable maps a 4 MiB section
// (the hardware supports it; tegra-smmu never writes one); READABLE and
// WRITABLE checked per access; a PDE/PTE without READABLE and WRITABLE
// faults (unmapped); a table outside DRAM faults.
// Left out: the NONSECURE bit (all traffic is non-secure here).
#pragma once

#include <cstdint>
#include <optional>

#include "smmu/hw/smmu_registers.h"
#include "smmu/tegra/smmu_regs.h"

namespace socsim::smmu {

// Why a translation failed. TableOutsideDram: a PDE/PTB points at memory
// no DRAM decodes (a corrupt or misprogrammed table).
enum class FaultReason { None, PdeInvalid, PteInvalid, ReadDenied, WriteDenied, TableOutsideDram };
inline constexpr int kFaultReasonCount = 6;
const char* fault_reason_name(FaultReason r);

struct WalkResult {
    FaultReason fault = FaultReason::None;
    uint64_t pa = 0;
    int fetches = 0;        // PD/PT words read
    uint32_t leaf = 0;      // the entry that decided: PTE, or PDE of a section / an invalid PDE
    bool section = false;   // leaf is a PDE mapping 4 MiB
};

// What a leaf entry (as a walk found it, or as the TLB cached it) says
// about one access.
inline void apply_leaf(WalkResult& r, uint32_t leaf, bool section, uint32_t pfn_mask, uint64_t iova, bool write) {
    r.leaf = leaf;
    r.section = section;
    if ((leaf & (SMMU_PTE_READABLE | SMMU_PTE_WRITABLE)) == 0) {
        r.fault = section ? FaultReason::PdeInvalid : FaultReason::PteInvalid;
        return;
    }
    uint64_t offset_mask = section ? (1ull << SMMU_PDE_SHIFT) - 1 : SMMU_PAGE_SIZE - 1;
    uint64_t base = (uint64_t(leaf & pfn_mask) << SMMU_PTE_SHIFT) & ~offset_mask;
    if (write && !(leaf & SMMU_PTE_WRITABLE)) r.fault = FaultReason::WriteDenied;
    else if (!write && !(leaf & SMMU_PTE_READABLE)) r.fault = FaultReason::ReadDenied;
    else r.pa = base | (iova & offset_mask);
}

// The two-level walk; `read32(pa)` returns a PD/PT word, or nullopt when no
// memory decodes `pa`.
template <class Read32>
WalkResult walk_tables(uint32_t ptb_data, uint32_t pfn_mask, uint64_t iova, bool write, Read32&& read32) {
    WalkResult r;
    uint64_t pd = uint64_t(ptb_data & pfn_mask) << SMMU_PTE_SHIFT;
    std::optional<uint32_t> pde = read32(pd + iova_pd_index(iova) * 4u);
    ++r.fetches;
    if (!pde) {
        r.fault = FaultReason::TableOutsideDram;
        return r;
    }
    if (!(*pde & SMMU_PDE_NEXT)) {
        apply_leaf(r, *pde, true, pfn_mask, iova, write);
        return r;
    }
    uint64_t pt = uint64_t(*pde & pfn_mask) << SMMU_PTE_SHIFT;
    std::optional<uint32_t> pte = read32(pt + iova_pt_index(iova) * 4u);
    ++r.fetches;
    if (!pte) {
        r.fault = FaultReason::TableOutsideDram;
        r.leaf = *pde;
        return r;
    }
    apply_leaf(r, *pte, false, pfn_mask, iova, write);
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
