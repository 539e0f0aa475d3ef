#include "smmu/tegra/tegra_smmu.h"

#include "smmu/core/errno.h"

namespace socsim::smmu {

using iommu::Domain;
using iommu::DomainType;

TegraSmmu::TegraSmmu(const soc::SocInfo& soc, McRegPort& regs, DramPort& dram, PagePool pool)
    : soc_(soc),
      regs_(regs),
      dram_(dram),
      pool_(pool),
      pfn_mask_(smmu_pfn_mask(soc.num_address_bits)),
      asid_used_(soc.num_asids, false) {}

void TegraSmmu::writel(uint32_t offset, uint32_t value) {
    ++stats_.reg_writes;
    regs_.write32(offset, value);
}

uint32_t TegraSmmu::readl(uint32_t offset) {
    ++stats_.reg_reads;
    return regs_.read32(offset);
}

void TegraSmmu::probe() {
    uint32_t ptc = SMMU_PTC_CONFIG_ENABLE | SMMU_PTC_CONFIG_INDEX_MAP(0x3f);
    if (soc_.supports_request_limit) ptc |= SMMU_PTC_CONFIG_REQ_LIMIT(8);
    writel(SMMU_PTC_CONFIG, ptc);
    uint32_t tlb = SMMU_TLB_CONFIG_HIT_UNDER_MISS | SMMU_TLB_CONFIG_ACTIVE_LINES(soc_.num_tlb_lines);
    if (soc_.supports_round_robin_arbitration) tlb |= SMMU_TLB_CONFIG_ROUND_ROBIN_ARBITRATION;
    writel(SMMU_TLB_CONFIG, tlb);
    flush_ptc_all();
    flush_tlb_all();
    writel(SMMU_CONFIG, SMMU_CONFIG_ENABLE);
    smmu_flush();
}

// --- flush primitives ---

void TegraSmmu::flush_ptc(uint64_t dma, uint32_t offset) {
    ++stats_.ptc_flushes;
    offset &= ~(soc_.atom_size - 1);
    if (soc_.num_address_bits > 32)
        writel(SMMU_PTC_FLUSH_HI, static_cast<uint32_t>(dma >> 32) & SMMU_PTC_FLUSH_HI_MASK);
    writel(SMMU_PTC_FLUSH, static_cast<uint32_t>(dma + offset) | SMMU_PTC_FLUSH_TYPE_ADR);
}

void TegraSmmu::flush_ptc_all() {
    ++stats_.ptc_flushes;
    writel(SMMU_PTC_FLUSH, SMMU_PTC_FLUSH_TYPE_ALL);
}

void TegraSmmu::flush_tlb_all() {
    ++stats_.tlb_flushes;
    writel(SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_VA_MATCH_ALL);
}

void TegraSmmu::flush_tlb_asid(uint32_t asid) {
    ++stats_.tlb_flushes;
    writel(SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_ASID_MATCH | SMMU_TLB_FLUSH_ASID(asid, soc_.num_asids) |
                               SMMU_TLB_FLUSH_VA_MATCH_ALL);
}

void TegraSmmu::flush_tlb_section(uint32_t asid, uint64_t iova) {
    ++stats_.tlb_flushes;
    writel(SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_ASID_MATCH | SMMU_TLB_FLUSH_ASID(asid, soc_.num_asids) |
                               SMMU_TLB_FLUSH_VA_SECTION(iova) | SMMU_TLB_FLUSH_VA_MATCH_SECTION);
}

void TegraSmmu::flush_tlb_group(uint32_t asid, uint64_t iova) {
    ++stats_.tlb_flushes;
    writel(SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_ASID_MATCH | SMMU_TLB_FLUSH_ASID(asid, soc_.num_asids) |
                               SMMU_TLB_FLUSH_VA_GROUP(iova) | SMMU_TLB_FLUSH_VA_MATCH_GROUP);
}

// Reading PTB_ASID back makes the posted writes before it take effect.
void TegraSmmu::smmu_flush() { readl(SMMU_PTB_ASID); }

// --- address spaces ---

int TegraSmmu::domain_alloc(const Domain& d) {
    AddressSpace space;
    if (d.type != DomainType::Identity) {
        auto pd = pool_.alloc();
        if (!pd) return iommu::kENOMEM;
        dram_.zero(*pd, SMMU_SIZE_PD);
        space.translating = true;
        space.pd = *pd;
    }
    spaces_.push_back(space);
    return static_cast<int>(spaces_.size()) - 1;
}

void TegraSmmu::free_tables(AddressSpace& space) {
    for (uint64_t& pt : space.pts) {
        if (pt != 0) pool_.free(pt);
        pt = 0;
    }
    space.count.fill(0);
}

void TegraSmmu::domain_free(const Domain& d) {
    AddressSpace& space = as(d);
    if (!space.translating) return;
    free_tables(space);
    pool_.free(space.pd);
    space.translating = false;
    // The PTC may still hold atoms of these pages; the next domain to get
    // them would walk stale entries. (Linux never frees them, so it never
    // needs this.)
    flush_ptc_all();
    smmu_flush();
}

int TegraSmmu::as_prepare(AddressSpace& space) {
    if (space.use_count > 0) {
        ++space.use_count;
        return iommu::kOk;
    }
    if ((space.pd >> SMMU_PTE_SHIFT) > pfn_mask_) return iommu::kENOMEM;  // "can't handle 64-bit DMA addresses"
    uint32_t id = 0;
    while (id < asid_used_.size() && asid_used_[id]) ++id;
    if (id == asid_used_.size()) {
        ++stats_.asid_exhausted;
        return iommu::kENOSPC;
    }
    asid_used_[id] = true;
    ++stats_.asid_allocs;
    space.asid = id;
    flush_ptc(space.pd, 0);
    flush_tlb_asid(id);
    writel(SMMU_PTB_ASID, id & SMMU_PTB_ASID_VALUE_MASK);
    writel(SMMU_PTB_DATA, static_cast<uint32_t>(space.pd >> SMMU_PTE_SHIFT) | SMMU_PTB_ATTR);
    smmu_flush();
    space.use_count = 1;
    return iommu::kOk;
}

void TegraSmmu::as_unprepare(AddressSpace& space) {
    if (space.use_count == 0 || --space.use_count > 0) return;
    asid_used_[*space.asid] = false;
    space.asid.reset();
}

// --- swgroup enable / disable ---

void TegraSmmu::set_client_bits(const soc::Swgroup& sw, bool on) {
    for (const soc::MemoryClient* c : soc_.clients_of(sw.name)) {
        if (!c->smmu) continue;
        uint32_t value = readl(c->smmu_reg);
        value = on ? value | (1u << c->smmu_bit) : value & ~(1u << c->smmu_bit);
        writel(c->smmu_reg, value);
    }
}

void TegraSmmu::enable(const soc::Swgroup& sw, uint32_t asid) {
    set_client_bits(sw, true);
    uint32_t value = readl(*sw.asid_reg);
    writel(*sw.asid_reg, (value & ~SMMU_ASID_MASK) | (asid & SMMU_ASID_MASK) | SMMU_ASID_ENABLE);
}

std::optional<uint32_t> TegraSmmu::hw_asid(const soc::Swgroup& sw) {
    if (!sw.asid_reg) return std::nullopt;
    uint32_t value = readl(*sw.asid_reg);
    if (!(value & SMMU_ASID_ENABLE)) return std::nullopt;
    return value & SMMU_ASID_MASK;
}

void TegraSmmu::disable(const soc::Swgroup& sw) {
    set_client_bits(sw, false);
    uint32_t value = readl(*sw.asid_reg);
    writel(*sw.asid_reg, value & ~SMMU_ASID_ENABLE);
}

std::vector<const soc::Swgroup*> TegraSmmu::swgroups_of(const iommu::Device& dev) const {
    std::vector<const soc::Swgroup*> out;
    for (const auto& name : dev.swgroups) {
        const soc::Swgroup* sw = soc_.find_swgroup(name);
        if (sw && sw->asid_reg) out.push_back(sw);  // others: pr_warn and skip, as tegra_smmu_enable
    }
    return out;
}

int TegraSmmu::attach_dev(const Domain& d, const iommu::Device& dev) {
    if (dev.swgroups.empty()) return iommu::kENODEV;
    auto sws = swgroups_of(dev);
    AddressSpace& space = as(d);
    if (!space.translating) {
        // Identity: clear the enable bits, so the swgroup bypasses the SMMU.
        for (const auto* sw : sws) disable(*sw);
        return iommu::kOk;
    }
    for (size_t i = 0; i < sws.size(); ++i) {
        int rc = as_prepare(space);
        if (rc != iommu::kOk) {
            for (size_t k = 0; k < i; ++k) {
                disable(*sws[k]);
                as_unprepare(space);
            }
            return rc;
        }
        enable(*sws[i], *space.asid);
    }
    return iommu::kOk;
}

void TegraSmmu::detach_dev(const Domain& d, const iommu::Device& dev) {
    AddressSpace& space = as(d);
    if (!space.translating) return;
    for (const auto* sw : swgroups_of(dev)) {
        disable(*sw);
        as_unprepare(space);
    }
}

// --- page tables ---

void TegraSmmu::set_pde(AddressSpace& space, uint64_t iova, uint32_t value) {
    uint32_t index = iova_pd_index(iova);
    ++stats_.pt_writes;
    dram_.write32(space.pd + index * 4u, value);
    flush_ptc(space.pd, index * 4u);
    if (space.asid) flush_tlb_section(*space.asid, iova);
    smmu_flush();
}

void TegraSmmu::set_pte(AddressSpace& space, uint64_t iova, uint64_t pte_addr, uint32_t value) {
    uint64_t pt = pte_addr & ~(SMMU_SIZE_PT - 1ull);
    ++stats_.pt_writes;
    dram_.write32(pte_addr, value);
    flush_ptc(pt, static_cast<uint32_t>(pte_addr - pt));
    if (space.asid) flush_tlb_group(*space.asid, iova);
    smmu_flush();
}

int TegraSmmu::map_page(AddressSpace& space, uint64_t iova, uint64_t pa, int prot) {
    uint32_t pde = iova_pd_index(iova);
    if (space.pts[pde] == 0) {
        auto pt = pool_.alloc();
        if (!pt) return iommu::kENOMEM;
        dram_.zero(*pt, SMMU_SIZE_PT);
        space.pts[pde] = *pt;
        set_pde(space, iova, static_cast<uint32_t>(*pt >> SMMU_PTE_SHIFT) | SMMU_PDE_ATTR | SMMU_PDE_NEXT);
    }
    uint64_t pte_addr = space.pts[pde] + iova_pt_index(iova) * 4u;
    if (dram_.read32(pte_addr) == 0) ++space.count[pde];
    uint32_t value = static_cast<uint32_t>(pa >> SMMU_PTE_SHIFT) | SMMU_PTE_NONSECURE;
    if (prot & iommu::kProtRead) value |= SMMU_PTE_READABLE;
    if (prot & iommu::kProtWrite) value |= SMMU_PTE_WRITABLE;
    set_pte(space, iova, pte_addr, value);
    return iommu::kOk;
}

bool TegraSmmu::unmap_page(AddressSpace& space, uint64_t iova) {
    uint32_t pde = iova_pd_index(iova);
    if (space.pts[pde] == 0) return false;
    uint64_t pte_addr = space.pts[pde] + iova_pt_index(iova) * 4u;
    if (dram_.read32(pte_addr) == 0) return false;
    set_pte(space, iova, pte_addr, 0);
    if (--space.count[pde] == 0) {
        set_pde(space, iova, 0);
        pool_.free(space.pts[pde]);
        space.pts[pde] = 0;
    }
    return true;
}

int TegraSmmu::map(const Domain& d, uint64_t iova, uint64_t pa, uint64_t size, int prot) {
    AddressSpace& space = as(d);
    if (!space.translating) return iommu::kEINVAL;
    if (((pa + size - 1) >> SMMU_PTE_SHIFT) > pfn_mask_) return iommu::kEINVAL;
    for (uint64_t off = 0; off < size; off += SMMU_PAGE_SIZE) {
        int rc = map_page(space, iova + off, pa + off, prot);
        if (rc == iommu::kOk) continue;
        unmap(d, iova, off);
        return rc;
    }
    return iommu::kOk;
}

uint64_t TegraSmmu::unmap(const Domain& d, uint64_t iova, uint64_t size) {
    AddressSpace& space = as(d);
    if (!space.translating) return 0;
    uint64_t unmapped = 0;
    for (uint64_t off = 0; off < size; off += SMMU_PAGE_SIZE)
        if (unmap_page(space, iova + off)) unmapped += SMMU_PAGE_SIZE;
    return unmapped;
}

std::optional<uint64_t> TegraSmmu::iova_to_phys(const Domain& d, uint64_t iova) {
    AddressSpace& space = as(d);
    if (!space.translating) return iova;
    uint64_t pt = space.pts[iova_pd_index(iova)];
    if (pt == 0) return std::nullopt;
    uint32_t pte = dram_.read32(pt + iova_pt_index(iova) * 4u);
    if (pte == 0) return std::nullopt;
    return (static_cast<uint64_t>(pte & pfn_mask_) << SMMU_PTE_SHIFT) | (iova & (SMMU_PAGE_SIZE - 1));
}

void TegraSmmu::flush(const Domain& d) {
    AddressSpace& space = as(d);
    if (!space.asid) return;
    flush_ptc_all();
    flush_tlb_asid(*space.asid);
    smmu_flush();
}

// --- introspection ---

unsigned TegraSmmu::asids_in_use() const {
    unsigned n = 0;
    for (bool used : asid_used_) n += used;
    return n;
}

std::optional<uint32_t> TegraSmmu::asid_of(const Domain& d) const {
    return spaces_.at(static_cast<size_t>(d.hw)).asid;
}

std::optional<uint64_t> TegraSmmu::pd_of(const Domain& d) const {
    const AddressSpace& space = spaces_.at(static_cast<size_t>(d.hw));
    if (!space.translating) return std::nullopt;
    return space.pd;
}

}  // namespace socsim::smmu
