// The tegra-smmu IOMMU driver (drivers/iommu/tegra-smmu.c, SMMU-new), written
// against two ports: MC registers and DRAM words. It is the only place where
// the IOMMU core meets the hardware.
//
// What it does, as Linux does:
//  - probe: PTC_CONFIG, TLB_CONFIG, flush PTC and TLB, SMMU_CONFIG = ENABLE;
//  - one ASID per attached address space (first as_prepare takes it, the
//    last as_unprepare frees it; ENOSPC when all num_asids are in use) and
//    PTB_ASID / PTB_DATA programming;
//  - attach: per swgroup of the device, as_prepare then enable (clients'
//    SMMU enable bits, swgroup ASID register with ENABLE); identity =
//    disable (bypass); blocked = an address space whose PD maps nothing;
//  - map/unmap page by page through set_pde / set_pte with their flush
//    sequences (PTC flush at the entry, TLB flush SECTION or GROUP with the
//    ASID, PTB_ASID read back); PT pages refcounted per PDE and freed at 0.
// Where it differs, and why:
//  - PD/PT pages come from a fixed DRAM carve-out (page_pool.h), not the
//    kernel page allocator, so that scenario buffers cannot overlap them.
//  - domain_free frees the PD and PTs (Linux leaves a TODO and leaks them)
//    and then flushes the whole PTC, so that no cached PD/PT atom outlives
//    its page and translates for the domain that reuses it.
//  - An address space that has no ASID (not attached) gets no TLB flush:
//    Linux would flush with a stale as->id, which has no visible effect.
//  - A physical address beyond the MC's address bits is refused (EINVAL)
//    rather than silently truncated to pfn_mask.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "smmu/core/iommu_ops.h"
#include "smmu/tegra/page_pool.h"
#include "smmu/tegra/ports.h"
#include "smmu/tegra/smmu_regs.h"
#include "soc/soc_info.h"

namespace socsim::smmu {

struct TegraSmmuStats {
    uint64_t reg_writes = 0;
    uint64_t reg_reads = 0;
    uint64_t pt_writes = 0;      // PD and PT entries written
    uint64_t tlb_flushes = 0;
    uint64_t ptc_flushes = 0;
    uint64_t asid_allocs = 0;
    uint64_t asid_exhausted = 0; // ENOSPC returned
};

class TegraSmmu final : public iommu::IommuOps {
public:
    TegraSmmu(const soc::SocInfo& soc, McRegPort& regs, DramPort& dram, PagePool pool);

    // tegra_smmu_probe's hardware bring-up.
    void probe();

    int domain_alloc(const iommu::Domain& d) override;
    void domain_free(const iommu::Domain& d) override;
    int attach_dev(const iommu::Domain& d, const iommu::Device& dev) override;
    void detach_dev(const iommu::Domain& d, const iommu::Device& dev) override;
    Geometry geometry() const override { return {SMMU_IOVA_LIMIT, SMMU_PAGE_SIZE}; }
    int map(const iommu::Domain& d, uint64_t iova, uint64_t pa, uint64_t size, int prot) override;
    uint64_t unmap(const iommu::Domain& d, uint64_t iova, uint64_t size) override;
    std::optional<uint64_t> iova_to_phys(const iommu::Domain& d, uint64_t iova) override;
    void flush(const iommu::Domain& d) override;

    // --- introspection for reports and tests ---
    const TegraSmmuStats& stats() const { return stats_; }
    unsigned asids_in_use() const;
    // ASID of a domain while attached; none when it holds no ASID.
    std::optional<uint32_t> asid_of(const iommu::Domain& d) const;
    std::optional<uint64_t> pd_of(const iommu::Domain& d) const;
    const PagePool& pool() const { return pool_; }
    // What the swgroup's ASID register says, read through the register
    // port (takes the access's time): the ASID when enabled, else none.
    std::optional<uint32_t> hw_asid(const soc::Swgroup& sw);

private:
    struct AddressSpace {
        bool translating = false;        // false: identity (no page tables)
        uint64_t pd = 0;
        std::array<uint64_t, SMMU_NUM_PDE> pts{};      // PT page per PDE, 0 = none
        std::array<uint32_t, SMMU_NUM_PDE> count{};    // mapped PTEs per PT
        unsigned use_count = 0;          // attached (device, swgroup) pairs
        std::optional<uint32_t> asid;
    };

    AddressSpace& as(const iommu::Domain& d) { return spaces_.at(static_cast<size_t>(d.hw)); }
    int as_prepare(AddressSpace& as);
    void as_unprepare(AddressSpace& as);
    void enable(const soc::Swgroup& sw, uint32_t asid);
    void disable(const soc::Swgroup& sw);
    void set_client_bits(const soc::Swgroup& sw, bool on);
    void set_pde(AddressSpace& as, uint64_t iova, uint32_t value);
    void set_pte(AddressSpace& as, uint64_t iova, uint64_t pte_addr, uint32_t value);
    int map_page(AddressSpace& as, uint64_t iova, uint64_t pa, int prot);
    bool unmap_page(AddressSpace& as, uint64_t iova);
    void free_tables(AddressSpace& as);

    // Flush primitives (tegra-smmu.c smmu_flush_ptc / smmu_flush_tlb_* / smmu_flush).
    void flush_ptc(uint64_t dma, uint32_t offset);
    void flush_ptc_all();
    void flush_tlb_all();
    void flush_tlb_asid(uint32_t asid);
    void flush_tlb_section(uint32_t asid, uint64_t iova);
    void flush_tlb_group(uint32_t asid, uint64_t iova);
    void smmu_flush();

    void writel(uint32_t offset, uint32_t value);
    uint32_t readl(uint32_t offset);
    std::vector<const soc::Swgroup*> swgroups_of(const iommu::Device& dev) const;

    const soc::SocInfo& soc_;
    McRegPort& regs_;
    DramPort& dram_;
    PagePool pool_;
    uint32_t pfn_mask_;
    std::vector<bool> asid_used_;
    std::vector<AddressSpace> spaces_;
    TegraSmmuStats stats_;
};

}  // namespace socsim::smmu
