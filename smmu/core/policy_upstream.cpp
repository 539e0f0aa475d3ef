// upstream: the IOMMU core as merged (about Linux 6.x; NEW/MID in the
// reference on linux-iommu semantics).
//  - DMA ownership: use_default_domain -> EBUSY when owned or off the default
//    domain; group claim -> EPERM on any owner_cnt, EBUSY off the default
//    domain; device claim lets the same owner claim again.
//  - attach_device needs a singleton group (EINVAL), then attach_group rules:
//    EBUSY unless the group is on its default or blocking domain. No
//    ownership check on attach.
//  - detach returns to the "core domain": blocking when owned, else default.
//  - replace_domain switches between any domains and reverts on failure.
#include "smmu/core/errno.h"
#include "smmu/core/policy.h"

namespace socsim::iommu {

namespace {

class UpstreamPolicy final : public Policy {
public:
    PolicyKind kind() const override { return PolicyKind::Upstream; }

    int use_default_domain(IommuCore& core, int dev) override { return core.take_default_domain_use(dev); }

    void unuse_default_domain(IommuCore& core, int dev) override {
        int g = core.device(dev).group;
        if (g == kNone) return;
        Group& grp = core.group(g);
        if (grp.owner_cnt == 0) {
            core.warn("unuse_default_domain on " + grp.name + " with owner_cnt 0");
            return;
        }
        --grp.owner_cnt;
    }

    int claim_dma_owner(IommuCore& core, int g, const std::string& owner, bool by_device) override {
        Group& grp = core.group(g);
        if (grp.owner_cnt > 0) {
            if (!by_device || grp.owner != owner) return kEPERM;
            ++grp.owner_cnt;
            return kOk;
        }
        return core.take_dma_ownership(g, owner);
    }

    void release_dma_owner(IommuCore& core, int g, bool by_device) override {
        Group& grp = core.group(g);
        if (grp.owner_cnt == 0 || grp.owner.empty()) {
            core.warn("release_dma_owner on " + grp.name + ", which has no user owner");
            return;
        }
        if (by_device && grp.owner_cnt > 1) {
            --grp.owner_cnt;
            return;
        }
        grp.owner_cnt = 0;
        grp.owner.clear();
        core.set_domain_nofail(g, grp.default_domain);
    }

    int attach_device(IommuCore& core, int d, int dev) override {
        int g = core.device(dev).group;
        if (g == kNone) return kENODEV;
        if (core.group(g).devices.size() != 1) return kEINVAL;
        int rc = attach_group(core, d, g);
        if (rc == kOk) core.device(dev).joined = d;
        return rc;
    }

    void detach_device(IommuCore& core, int d, int dev) override {
        int g = core.device(dev).group;
        if (g == kNone) return;
        Group& grp = core.group(g);
        if (grp.domain != d || grp.devices.size() != 1) {
            core.warn("detach_device(" + core.domain(d).name + ", " + core.device(dev).name +
                      "): not a singleton group on that domain");
            return;
        }
        core.device(dev).joined = kNone;
        core.set_domain_nofail(g, core_domain(core, g));
    }

    int attach_group(IommuCore& core, int d, int g) override {
        const Group& grp = core.group(g);
        if (grp.domain != grp.default_domain && grp.domain != grp.blocking_domain) return kEBUSY;
        return core.set_domain(g, d);
    }

    int detach_group(IommuCore& core, int, int g) override {
        // iommu_detach_group does not check which domain it detaches.
        core.set_domain_nofail(g, core_domain(core, g));
        return kOk;
    }

    int replace_domain(IommuCore& core, int g, int, int new_domain) override {
        return core.set_domain(g, new_domain);
    }

private:
    static int core_domain(IommuCore& core, int g) {
        Group& grp = core.group(g);
        if (grp.owner.empty()) return grp.default_domain;
        int blocked = core.blocking_domain(g);
        return blocked >= 0 ? blocked : grp.default_domain;
    }
};

}  // namespace

std::unique_ptr<Policy> make_upstream_policy() { return std::make_unique<UpstreamPolicy>(); }

}  // namespace socsim::iommu
