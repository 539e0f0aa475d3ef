// The DMA API as the client drivers use it (dma_map_* / dma_alloc_*): a
// device whose current domain translates (a DMA domain, or a paging domain
// a driver attached) gets an IOVA from that domain's allocator, top-down as
// the kernel's iova allocator hands them out; a device in an identity
// domain, or not behind the IOMMU, uses the physical address.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "clients/drivers/iova_allocator.h"
#include "smmu/core/iommu_core.h"

namespace socsim::drivers {

// Calls fn(index, pa, bytes) for each run of physically contiguous pages.
template <class Fn>
int for_each_run(const std::vector<uint64_t>& pages, Fn&& fn) {
    size_t i = 0;
    while (i < pages.size()) {
        size_t j = i + 1;
        while (j < pages.size() && pages[j] == pages[i] + (j - i) * kKernelPage) ++j;
        int rc = fn(i, pages[i], (j - i) * kKernelPage);
        if (rc != 0) return rc;
        i = j;
    }
    return 0;
}

// Maps `pages` at consecutive IOVAs from `iova` in `domain`, one map call
// per physically contiguous run; on a failure unmaps what it mapped.
int map_runs(iommu::IommuCore& core, int domain, uint64_t iova, const std::vector<uint64_t>& pages, int prot);

struct DmaMapping {
    int domain = iommu::kNone;   // kNone: physical
    uint64_t addr = 0;           // what the device uses
    uint64_t size = 0;
};

class DmaApi {
public:
    DmaApi(iommu::IommuCore& core, uint32_t dma_bits) : core_(core), dma_bits_(dma_bits) {}

    // The domain that translates the device's DMA now, or kNone.
    int translating_domain(int dev) const;
    // Maps physically contiguous [pa, pa+size) for `dev` (size a multiple
    // of 4 KiB); errno on failure.
    int map(int dev, uint64_t pa, uint64_t size, int prot, DmaMapping& out);
    // Maps 4 KiB pages at consecutive device addresses (dma_map_sgtable):
    // through a translating domain any pages; physically only pages that
    // are contiguous (EINVAL otherwise: more than one chunk).
    int map_pages(int dev, const std::vector<uint64_t>& pages, int prot, DmaMapping& out);
    void unmap(const DmaMapping& m);
    // The allocator of a translating domain (created over its aperture on first use).
    IovaAllocator& iovas(int domain);

private:
    iommu::IommuCore& core_;
    uint32_t dma_bits_;
    std::map<int, IovaAllocator> iovas_;
};

}  // namespace socsim::drivers
