// What the IOMMU core asks of an IOMMU driver (the tegra-smmu driver in
// smmu/tegra implements it against MC registers and page tables in DRAM).
// Attach is per device, as Linux's attach_dev: the core walks the group.
// Map and unmap work on whole pages inside the aperture; the core checks
// alignment and range before calling them.
#pragma once

#include <cstdint>
#include <optional>

#include "smmu/core/objects.h"

namespace socsim::iommu {

inline constexpr int kProtRead = 1;
inline constexpr int kProtWrite = 2;

class IommuOps {
public:
    virtual ~IommuOps() = default;
    // Creates the driver state of a new domain (page directory, ...);
    // returns a handle >= 0 or a negative errno (ENOMEM).
    virtual int domain_alloc(const Domain& d) = 0;
    virtual void domain_free(const Domain& d) = 0;
    // Points the device's swgroups at the domain: identity = bypass,
    // translating and blocked domains take an ASID (ENOSPC when none is left).
    virtual int attach_dev(const Domain& d, const Device& dev) = 0;
    virtual void detach_dev(const Domain& d, const Device& dev) = 0;
    // I/O address space of a translating domain (iommu_domain_geometry and
    // pgsize_bitmap): IOVAs in [0, aperture_end), pages of page_size bytes.
    struct Geometry {
        uint64_t aperture_end;
        uint64_t page_size;
    };
    virtual Geometry geometry() const = 0;
    // Maps [iova, iova+size) to [pa, pa+size) with prot (kProtRead|kProtWrite);
    // 0 or a negative errno (ENOMEM: no page for a page table; EINVAL: the
    // hardware cannot address pa). On failure nothing stays mapped.
    virtual int map(const Domain& d, uint64_t iova, uint64_t pa, uint64_t size, int prot) = 0;
    // Returns how many bytes were mapped and are now unmapped.
    virtual uint64_t unmap(const Domain& d, uint64_t iova, uint64_t size) = 0;
    virtual std::optional<uint64_t> iova_to_phys(const Domain& d, uint64_t iova) = 0;
    // Drops every cached translation of the domain (flush_iotlb_all).
    virtual void flush(const Domain& d) = 0;
    // Whether the driver has a user-domain op (seed 002's
    // iommu_user_domain_alloc falls back to paging where it has none).
    virtual bool supports_user_domains() const { return false; }
};

}  // namespace socsim::iommu
