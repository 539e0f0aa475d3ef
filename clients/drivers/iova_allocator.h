// An I/O virtual address allocator over one range (the kernel's iova_domain
// for host1x, drm_mm for the Tegra DRM GEM range and carveout): first fit,
// page granular, ranges freed in any order and merged with their neighbours.
#pragma once

#include <cstdint>
#include <map>
#include <optional>

namespace socsim::drivers {

// The kernel's PAGE_SIZE: the drivers' allocation and mapping granule.
inline constexpr uint64_t kKernelPage = 4096;

class IovaAllocator {
public:
    IovaAllocator() = default;
    IovaAllocator(uint64_t start, uint64_t end);   // [start, end], end inclusive

    // A free range of `size` bytes (rounded up to pages) aligned to `align`.
    std::optional<uint64_t> alloc(uint64_t size, uint64_t align = kKernelPage);
    // The highest free page-aligned range of `size` bytes (last fit).
    std::optional<uint64_t> alloc_top(uint64_t size);
    // Frees what alloc returned at `iova`; false when nothing was allocated there.
    bool free(uint64_t iova);

    uint64_t start() const { return start_; }
    uint64_t end() const { return end_; }
    uint64_t allocated_bytes() const { return allocated_; }
    bool empty() const { return end_ < start_; }

private:
    uint64_t start_ = 1, end_ = 0;
    std::map<uint64_t, uint64_t> free_;   // start -> size
    std::map<uint64_t, uint64_t> used_;   // start -> size
    uint64_t allocated_ = 0;
};

}  // namespace socsim::drivers
