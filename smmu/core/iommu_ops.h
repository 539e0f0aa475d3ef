// What the IOMMU core asks of an IOMMU driver (the tegra-smmu driver in
// smmu/tegra implements it against MC registers and page tables in DRAM).
// Attach is per device, as Linux's attach_dev: the core walks the group.
#pragma once

#include "smmu/core/objects.h"

namespace socsim::iommu {

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
    // Whether the driver has a user-domain op (seed 002's
    // iommu_user_domain_alloc falls back to paging where it has none).
    virtual bool supports_user_domains() const { return false; }
};

}  // namespace socsim::iommu
