// Policy-specific rules of the IOMMU core, one class per stage of the design
// discussion (SEMANTICS.md): shared-attach (the seeds' series), legacy
// (before DMA ownership), upstream (as merged). Each file holds all the rules
// of its policy, so that the differences read like the review thread.
#pragma once

#include <memory>
#include <string>

#include "smmu/core/iommu_core.h"

namespace socsim::iommu {

class Policy {
public:
    virtual ~Policy() = default;
    virtual PolicyKind kind() const = 0;
    virtual int use_default_domain(IommuCore& core, int dev) = 0;
    virtual void unuse_default_domain(IommuCore& core, int dev) = 0;
    virtual int claim_dma_owner(IommuCore& core, int group, const std::string& owner, bool by_device) = 0;
    virtual void release_dma_owner(IommuCore& core, int group, bool by_device) = 0;
    virtual int attach_device(IommuCore& core, int domain, int dev) = 0;
    virtual void detach_device(IommuCore& core, int domain, int dev) = 0;
    virtual int attach_group(IommuCore& core, int domain, int group) = 0;
    virtual int detach_group(IommuCore& core, int domain, int group) = 0;
    virtual int replace_domain(IommuCore& core, int group, int old_domain, int new_domain) = 0;
};

std::unique_ptr<Policy> make_shared_attach_policy(ReplaceUnwind unwind);
std::unique_ptr<Policy> make_legacy_policy();
std::unique_ptr<Policy> make_upstream_policy();

}  // namespace socsim::iommu
