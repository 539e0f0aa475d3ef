#include "smmu/hw/tlb.h"

#include "smmu/tegra/smmu_regs.h"

namespace socsim::smmu {

Tlb::Tlb(uint32_t lines) : index_(lines), leaf_(lines), section_(lines) {}

void Tlb::insert(uint32_t asid, uint64_t iova, uint32_t leaf, bool section) {
    uint32_t l = index_.insert(key_of(asid, iova >> SMMU_PTE_SHIFT));
    leaf_[l] = leaf;
    section_[l] = section;
}

uint32_t Tlb::flush(const TlbFlush& f) {
    uint32_t removed = 0;
    for (uint32_t l = 0; l < index_.lines(); ++l) {
        if (!index_.valid(l)) continue;
        uint64_t key = index_.key(l);
        if (f.asid_match && uint32_t(key >> 44) != f.asid) continue;
        bool match = true;
        uint64_t va = (key & ((1ull << 44) - 1)) << SMMU_PTE_SHIFT;
        if (f.va_match == SMMU_TLB_FLUSH_VA_MATCH_SECTION) match = (va >> 22) == (f.iova >> 22);
        else if (f.va_match == SMMU_TLB_FLUSH_VA_MATCH_GROUP) match = (va >> 14) == (f.iova >> 14);
        else if (!f.all_va) match = false;  // reserved VA_MATCH value 1: flushes nothing
        if (match) {
            index_.erase(l);
            ++removed;
        }
    }
    return removed;
}

}  // namespace socsim::smmu
