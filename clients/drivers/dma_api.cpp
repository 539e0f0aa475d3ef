#include "clients/drivers/dma_api.h"

#include <algorithm>

#include "smmu/core/errno.h"

namespace socsim::drivers {

using namespace socsim::iommu;

int DmaApi::translating_domain(int dev) const {
    const Device& d = core_.devices().at(static_cast<size_t>(dev));
    if (d.group == kNone) return kNone;
    int dom = core_.groups().at(static_cast<size_t>(d.group)).domain;
    if (dom == kNone) return kNone;
    DomainType t = core_.domains().at(static_cast<size_t>(dom)).type;
    return t == DomainType::Dma || t == DomainType::Paging ? dom : kNone;
}

IovaAllocator& DmaApi::iovas(int domain) {
    auto it = iovas_.find(domain);
    if (it != iovas_.end()) return it->second;
    // tegra-smmu's aperture is 4 GiB; the device's DMA mask may narrow it.
    uint64_t end = (uint64_t(1) << std::min<uint32_t>(dma_bits_, 32)) - 1;
    return iovas_.emplace(domain, IovaAllocator(0x1000, end)).first->second;
}

int map_runs(IommuCore& core, int domain, uint64_t iova, const std::vector<uint64_t>& pages, int prot) {
    uint64_t done = 0;
    int rc = for_each_run(pages, [&](size_t i, uint64_t pa, uint64_t len) {
        int r = core.map(domain, iova + i * 4096, pa, len, prot);
        if (r == kOk) done += len;
        return r;
    });
    if (rc != kOk && done) core.unmap(domain, iova, done);
    return rc;
}

int DmaApi::map(int dev, uint64_t pa, uint64_t size, int prot, DmaMapping& out) {
    std::vector<uint64_t> pages;
    for (uint64_t off = 0; off < size; off += 4096) pages.push_back(pa + off);
    return map_pages(dev, pages, prot, out);
}

int DmaApi::map_pages(int dev, const std::vector<uint64_t>& pages, int prot, DmaMapping& out) {
    out = DmaMapping{};
    if (pages.empty()) return kEINVAL;
    uint64_t size = pages.size() * 4096;
    out.size = size;
    int dom = translating_domain(dev);
    if (dom == kNone) {
        for (size_t i = 1; i < pages.size(); ++i)
            if (pages[i] != pages[0] + i * 4096) return kEINVAL;
        out.addr = pages[0];
        return kOk;
    }
    auto iova = iovas(dom).alloc_top(size);
    if (!iova) return kENOMEM;
    int rc = map_runs(core_, dom, *iova, pages, prot);
    if (rc != kOk) {
        iovas(dom).free(*iova);
        out = DmaMapping{};
        return rc;
    }
    out.domain = dom;
    out.addr = *iova;
    return kOk;
}

void DmaApi::unmap(const DmaMapping& m) {
    if (m.domain == kNone) return;
    core_.unmap(m.domain, m.addr, m.size);
    iovas(m.domain).free(m.addr);
}

}  // namespace socsim::drivers
