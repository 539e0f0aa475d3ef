#include "smmu/hw/tlb.h"

#include "smmu/tegra/smmu_regs.h"
#include "smmu/hw/lru.h"
#include "util/panic.h"

namespace socsim::smmu {

Tlb::Tlb(uint32_t lines) : lines_(lines) {
    if (lines == 0) panic("a TLB needs at least one line");
}

bool Tlb::lookup(uint32_t asid, uint64_t iova, uint32_t& leaf, bool& section) {
    uint64_t vpn = iova >> SMMU_PTE_SHIFT;
    auto hit = [&](Line& l) {
        l.stamp = ++clock_;
        leaf = l.leaf;
        section = l.section;
        return true;
    };
    Line& last = lines_[last_];
    if (last.valid && last.vpn == vpn && last.asid == asid) return hit(last);
    for (size_t i = 0; i < lines_.size(); ++i) {
        Line& l = lines_[i];
        if (l.valid && l.vpn == vpn && l.asid == asid) {
            last_ = i;
            return hit(l);
        }
    }
    return false;
}

void Tlb::insert(uint32_t asid, uint64_t iova, uint32_t leaf, bool section) {
    size_t victim = lru_victim(lines_);
    lines_[victim] = Line{true, asid, iova >> SMMU_PTE_SHIFT, leaf, section, ++clock_};
    last_ = victim;
}

uint32_t Tlb::flush(const TlbFlush& f) {
    uint32_t removed = 0;
    for (Line& l : lines_) {
        if (!l.valid || (f.asid_match && l.asid != f.asid)) continue;
        bool match = true;
        uint64_t va = l.vpn << SMMU_PTE_SHIFT;
        if (f.va_match == SMMU_TLB_FLUSH_VA_MATCH_SECTION) match = (va >> 22) == (f.iova >> 22);
        else if (f.va_match == SMMU_TLB_FLUSH_VA_MATCH_GROUP) match = (va >> 14) == (f.iova >> 14);
        else if (!f.all_va) match = false;  // reserved VA_MATCH value 1: flushes nothing
        if (match) {
            l.valid = false;
            ++removed;
        }
    }
    return removed;
}

uint32_t Tlb::valid_lines() const {
    uint32_t n = 0;
    for (const Line& l : lines_) n += l.valid;
    return n;
}

}  // namespace socsim::smmu
