// Test fixture for the IOMMU core: an IommuOps that accounts ASIDs the way
// tegra-smmu does (one per translating or blocked domain while attached to
// any device; identity takes none; ENOSPC when all are in use) and records
// which domain each device is attached to; pages are kept in a map. It stands in for the tegra-smmu
// driver in tests of the core's rules.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "smmu/core/errno.h"
#include "smmu/core/iommu_ops.h"

namespace socsim::test {

class AsidOps : public iommu::IommuOps {
public:
    explicit AsidOps(unsigned num_asids) : num_asids_(num_asids) {}

    int domain_alloc(const iommu::Domain&) override { return next_hw_++; }
    void domain_free(const iommu::Domain& d) override { freed_.push_back(d.hw); }

    int attach_dev(const iommu::Domain& d, const iommu::Device& dev) override {
        if (fail_next_attach_) {
            fail_next_attach_ = false;
            return iommu::kENOMEM;
        }
        if (d.type != iommu::DomainType::Identity) {
            if (users_[d.hw] == 0 && asids_in_use() >= num_asids_) return iommu::kENOSPC;
            ++users_[d.hw];
        }
        attached_[dev.name] = d.hw;
        return iommu::kOk;
    }

    void detach_dev(const iommu::Domain& d, const iommu::Device& dev) override {
        if (d.type != iommu::DomainType::Identity && users_[d.hw] > 0) --users_[d.hw];
        attached_.erase(dev.name);
    }

    Geometry geometry() const override { return {1ull << 32, 4096}; }
    int map(const iommu::Domain& d, uint64_t iova, uint64_t pa, uint64_t size, int prot) override {
        for (uint64_t off = 0; off < size; off += 4096) pages_[{d.hw, iova + off}] = {pa + off, prot};
        return iommu::kOk;
    }
    uint64_t unmap(const iommu::Domain& d, uint64_t iova, uint64_t size) override {
        uint64_t n = 0;
        for (uint64_t off = 0; off < size; off += 4096) n += 4096 * pages_.erase({d.hw, iova + off});
        return n;
    }
    std::optional<uint64_t> iova_to_phys(const iommu::Domain& d, uint64_t iova) override {
        auto it = pages_.find({d.hw, iova & ~4095ull});
        if (it == pages_.end()) return std::nullopt;
        return it->second.first + (iova & 4095);
    }
    void flush(const iommu::Domain&) override {}

    unsigned asids_in_use() const {
        unsigned n = 0;
        for (const auto& [hw, users] : users_) n += users > 0;
        return n;
    }
    int attached_hw(const std::string& dev) const {
        auto it = attached_.find(dev);
        return it == attached_.end() ? -1 : it->second;
    }
    void fail_next_attach() { fail_next_attach_ = true; }

private:
    unsigned num_asids_;
    int next_hw_ = 0;
    bool fail_next_attach_ = false;
    std::map<int, unsigned> users_;          // domain hw handle -> attached devices
    std::map<std::string, int> attached_;    // device -> domain hw handle
    std::vector<int> freed_;
    std::map<std::pair<int, uint64_t>, std::pair<uint64_t, int>> pages_;  // (domain, iova) -> (pa, prot)
};

}  // namespace socsim::test
