#include "smmu/tegra/page_pool.h"

#include <algorithm>

#include "smmu/tegra/smmu_regs.h"
#include "util/panic.h"

namespace socsim::smmu {

PagePool::PagePool(uint64_t base, uint64_t size)
    : base_(base), size_(size), used_(static_cast<size_t>(size / SMMU_PAGE_SIZE), false) {}

std::optional<uint64_t> PagePool::alloc() {
    for (size_t i = next_; i < used_.size(); ++i) {
        if (used_[i]) continue;
        used_[i] = true;
        next_ = i + 1;
        ++in_use_;
        return base_ + i * SMMU_PAGE_SIZE;
    }
    return std::nullopt;
}

void PagePool::free(uint64_t pa) {
    size_t i = static_cast<size_t>((pa - base_) / SMMU_PAGE_SIZE);
    if (!contains(pa) || !used_[i]) panic("page pool: freeing a page that is not allocated");
    used_[i] = false;
    --in_use_;
    if (i < next_) next_ = i;
}

PagePool PagePool::top_of_dram(uint64_t dram_base, uint64_t dram_size, uint32_t address_bits) {
    constexpr uint64_t kPoolSize = 4ull << 20;
    uint64_t reach = 1ull << address_bits;
    uint64_t top = std::min(dram_base + dram_size, reach);
    uint64_t base = top >= dram_base + kPoolSize ? top - kPoolSize : dram_base;
    return PagePool(base, std::min(kPoolSize, top - dram_base));
}

}  // namespace socsim::smmu
