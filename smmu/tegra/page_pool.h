// 4 KiB pages for page directories and page tables, taken from a DRAM
// carve-out: the top 4 MiB of the first DRAM range that the SMMU can
// address (PD/PT addresses must fit its pfn_mask). Linux takes them from the page allocator
// with __GFP_DMA and rejects pages beyond the SMMU's pfn_mask; socsim keeps
// them in one known region so that scenario buffers (mapped at explicit
// physical addresses) cannot overlap them by accident.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace socsim::smmu {

class PagePool {
public:
    PagePool(uint64_t base, uint64_t size);
    // The carve-out runs use, in the DRAM range [dram_base, dram_base + dram_size).
    static PagePool top_of_dram(uint64_t dram_base, uint64_t dram_size, uint32_t address_bits);
    std::optional<uint64_t> alloc();    // lowest free page; none = ENOMEM
    void free(uint64_t pa);
    uint64_t base() const { return base_; }
    uint64_t size() const { return size_; }
    size_t pages_in_use() const { return in_use_; }
    bool contains(uint64_t pa) const { return pa >= base_ && pa - base_ < size_; }

private:
    uint64_t base_;
    uint64_t size_;
    std::vector<bool> used_;
    size_t next_ = 0;  // search hint: no free page below it
    size_t in_use_ = 0;
};

}  // namespace socsim::smmu
