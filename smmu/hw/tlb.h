// The SMMU TLB: a fully associative, LRU cache of translations, one line per
// (ASID, 4 KiB IOVA page), holding the leaf entry (PTE, or the PDE of a
// 4 MiB section) exactly as it was read from the page tables. It never looks
// at DRAM again: a PTE changed without a TLB flush keeps translating the old
// way, as on silicon.
//
// Flushes follow SMMU_TLB_FLUSH: VA_MATCH_ALL (optionally by ASID), SECTION
// (the 4 MiB the VA falls in) and GROUP (the 16 KiB the VA falls in), each
// optionally restricted to one ASID.
// Left out: hit-under-miss and the round-robin arbitration bit (timing
// details of the real pipeline); the line count is the SoC's num_tlb_lines
// (Tegra30 16, Tegra114/124 32, Tegra210 48) unless overridden.
#pragma once

#include <cstdint>
#include <vector>

#include "smmu/hw/lru_index.h"
#include "smmu/hw/smmu_registers.h"
#include "smmu/tegra/smmu_regs.h"

namespace socsim::smmu {

class Tlb {
public:
    explicit Tlb(uint32_t lines);

    // The cached leaf entry for (asid, iova's page), or false on a miss.
    // Consecutive accesses to one page are the common case: the line of the
    // last hit is tried first.
    bool lookup(uint32_t asid, uint64_t iova, uint32_t& leaf, bool& section) {
        uint64_t key = key_of(asid, iova >> SMMU_PTE_SHIFT);
        uint32_t l = last_ != LruIndex::kNone && index_.valid(last_) && index_.key(last_) == key
                         ? index_.touch(last_)
                         : index_.find(key);
        if (l == LruIndex::kNone) return false;
        last_ = l;
        leaf = leaf_[l];
        section = section_[l] != 0;
        return true;
    }
    // Caches a leaf after a walk, evicting the least recently used line.
    void insert(uint32_t asid, uint64_t iova, uint32_t leaf, bool section);
    // Applies a decoded TLB_FLUSH; returns how many lines it removed.
    uint32_t flush(const TlbFlush& f);

    uint32_t lines() const { return index_.lines(); }
    uint32_t valid_lines() const { return index_.valid_lines(); }

private:
    static uint64_t key_of(uint32_t asid, uint64_t vpn) { return uint64_t(asid) << 44 | vpn; }

    LruIndex index_;
    std::vector<uint32_t> leaf_;
    std::vector<uint8_t> section_;
    uint32_t last_ = LruIndex::kNone;
};

}  // namespace socsim::smmu
