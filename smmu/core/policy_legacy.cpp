// legacy: the IOMMU core before DMA ownership (about Linux 5.16).
//  - No ownership: use_default_domain, claim_dma_owner and their releases
//    succeed and change nothing. That is the hazard the source threads fix: a
//    kernel DMA-API driver can bind inside a group that user space owns. The
//    claim is remembered (Group::legacy_claim) only to report the hazard.
//  - attach_device only on singleton groups; attach_group moves a group that
//    is on its default domain.
//  - replace_domain does not exist.
#include "smmu/core/errno.h"
#include "smmu/core/policy.h"

namespace socsim::iommu {

namespace {

class LegacyPolicy final : public Policy {
public:
    PolicyKind kind() const override { return PolicyKind::Legacy; }

    int use_default_domain(IommuCore& core, int dev) override {
        int g = core.device(dev).group;
        if (g != kNone && !core.group(g).legacy_claim.empty())
            core.warn("isolation hazard: a kernel DMA-API driver binds to " + core.device(dev).name + " in group " +
                      core.group(g).name + ", which user space (" + core.group(g).legacy_claim + ") owns");
        return kOk;
    }

    void unuse_default_domain(IommuCore&, int) override {}

    int claim_dma_owner(IommuCore& core, int g, const std::string& owner, bool) override {
        Group& grp = core.group(g);
        grp.legacy_claim = owner;
        for (int dev : grp.devices) {
            if (core.device(dev).kind == DmaKind::KernelApi)
                core.warn("isolation hazard: user space (" + owner + ") claims group " + grp.name +
                          " while the kernel DMA-API driver " + core.device(dev).driver + " is bound to " +
                          core.device(dev).name);
        }
        return kOk;
    }

    void release_dma_owner(IommuCore& core, int g, bool) override { core.group(g).legacy_claim.clear(); }

    int attach_device(IommuCore& core, int d, int dev) override {
        int g = core.device(dev).group;
        if (g == kNone) return kENODEV;
        Group& grp = core.group(g);
        if (grp.devices.size() > 1) return kEINVAL;
        int rc = attach_group(core, d, g);  // a singleton: attaching the device is attaching its group
        if (rc == kOk) core.device(dev).joined = d;
        return rc;
    }

    void detach_device(IommuCore& core, int d, int dev) override {
        int g = core.device(dev).group;
        if (g == kNone) return;
        Group& grp = core.group(g);
        if (grp.devices.size() > 1 || grp.domain != d) {
            core.warn("detach_device(" + core.domain(d).name + ", " + core.device(dev).name +
                      "): not a singleton group on that domain");
            return;
        }
        core.device(dev).joined = kNone;
        core.set_domain_nofail(g, grp.default_domain);
    }

    int attach_group(IommuCore& core, int d, int g) override {
        if (!core.is_default(core.group(g))) return kEBUSY;
        return core.set_domain(g, d);
    }

    int detach_group(IommuCore& core, int d, int g) override {
        Group& grp = core.group(g);
        if (grp.domain != d) {
            core.warn("detach_group(" + core.domain(d).name + ", " + grp.name + "): the group is not on that domain");
            return kOk;
        }
        core.set_domain_nofail(g, grp.default_domain);
        return kOk;
    }

    int replace_domain(IommuCore& core, int, int, int) override {
        core.warn("replace_domain does not exist before the DMA-ownership series");
        return kEOPNOTSUPP;
    }
};

}  // namespace

std::unique_ptr<Policy> make_legacy_policy() { return std::make_unique<LegacyPolicy>(); }

}  // namespace socsim::iommu
