#include "smmu/tegra/page_pool.h"

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

}  // namespace socsim::smmu
