// shared-attach: the design of the source threads ("[PATCH v1 0/8] Scrap
// iommu_attach/detach_group() interfaces" and its review).
//  - DMA ownership as in the series: kernel DMA-API users and a user-space
//    owner exclude each other per group.
//  - attach_device works on multi-device groups: the first attach moves the
//    whole group, later ones join the same domain, refcounted by attach_cnt
//    (patch 3/8); each join also counts in owner_cnt.
//  - replace_domain lets a user owner switch domains (patch 1/8); on failure
//    the old domain is restored, or, with `replace_unwind: block`, the group
//    is left blocked (the review's suggestion).
//  - attach_group/detach_group are removed (patch 8/8).
#include "smmu/core/errno.h"
#include "smmu/core/policy.h"

namespace socsim::iommu {

namespace {

class SharedAttachPolicy final : public Policy {
public:
    explicit SharedAttachPolicy(ReplaceUnwind unwind) : unwind_(unwind) {}

    PolicyKind kind() const override { return PolicyKind::SharedAttach; }

    int use_default_domain(IommuCore& core, int dev) override { return core.take_default_domain_use(dev); }

    void unuse_default_domain(IommuCore& core, int dev) override {
        int g = core.device(dev).group;
        if (g == kNone) return;
        Group& grp = core.group(g);
        if (grp.owner_cnt == 0 || !grp.owner.empty()) {
            core.warn("unuse_default_domain on " + grp.name + " without a matching use");
            return;
        }
        --grp.owner_cnt;
    }

    int claim_dma_owner(IommuCore& core, int g, const std::string& owner, bool) override {
        Group& grp = core.group(g);
        if (grp.owner_cnt > 0) {
            if (grp.owner != owner) return kEPERM;  // another owner, or kernel DMA-API users
            ++grp.owner_cnt;
            return kOk;
        }
        return core.take_dma_ownership(g, owner);
    }

    void release_dma_owner(IommuCore& core, int g, bool) override {
        Group& grp = core.group(g);
        if (grp.owner_cnt == 0 || grp.owner.empty()) {
            core.warn("release_dma_owner on " + grp.name + ", which has no user owner");
            return;
        }
        if (--grp.owner_cnt > 0) return;
        grp.owner.clear();
        core.set_domain_nofail(g, grp.default_domain);
    }

    int attach_device(IommuCore& core, int d, int dev) override {
        if (core.domain(d).type != DomainType::Paging) return kEINVAL;
        int g = core.device(dev).group;
        if (g == kNone) return kENODEV;
        Group& grp = core.group(g);
        // A DMA-API user elsewhere in a multi-device group, or a user owner.
        if (grp.owner_cnt > 0 && ((core.is_default(grp) && grp.devices.size() > 1) || !grp.owner.empty()))
            return kEBUSY;
        if (grp.attach_cnt == 0) {
            int rc = core.set_domain(g, d);
            if (rc != kOk) return rc;
        } else if (grp.domain != d) {
            return kEPERM;
        }
        ++grp.owner_cnt;
        ++grp.attach_cnt;
        core.device(dev).joined = d;
        return kOk;
    }

    void detach_device(IommuCore& core, int d, int dev) override {
        int g = core.device(dev).group;
        if (g == kNone) return;
        Group& grp = core.group(g);
        if (grp.attach_cnt == 0 || grp.owner_cnt == 0 || grp.domain != d) {
            core.warn("detach_device(" + core.domain(d).name + ", " + core.device(dev).name +
                      "): the group has not joined that domain");
            return;
        }
        // The series counts joins per group, not per device: any device of
        // the group can drop a join. socsim follows it and says so.
        if (core.device(dev).joined != d)
            core.warn(core.device(dev).name + " detaches from " + core.domain(d).name +
                      " without having joined it: this drops another device's join");
        --grp.attach_cnt;
        --grp.owner_cnt;
        core.device(dev).joined = kNone;
        if (grp.attach_cnt == 0) {
            for (int other : grp.devices) core.device(other).joined = kNone;
            core.set_domain_nofail(g, grp.default_domain);
        }
    }

    int attach_group(IommuCore& core, int, int) override {
        core.warn("attach_group was removed by the series (patch 8/8): use attach_device");
        return kEOPNOTSUPP;
    }

    int detach_group(IommuCore& core, int, int) override {
        core.warn("detach_group was removed by the series (patch 8/8): use detach_device");
        return kEOPNOTSUPP;
    }

    int replace_domain(IommuCore& core, int g, int old_domain, int new_domain) override {
        Group& grp = core.group(g);
        int old = old_domain == kNone ? grp.blocking_domain : old_domain;
        if (grp.owner.empty() || old == kNone || grp.domain != old) return kEPERM;
        int rc = core.set_domain(g, new_domain);  // restores `old` on failure
        if (rc == kOk || unwind_ == ReplaceUnwind::RestoreOld) return rc;
        int blocked = core.blocking_domain(g);
        if (blocked >= 0) core.set_domain_nofail(g, blocked);
        return rc;
    }

private:
    ReplaceUnwind unwind_;
};

}  // namespace

std::unique_ptr<Policy> make_shared_attach_policy(ReplaceUnwind unwind) {
    return std::make_unique<SharedAttachPolicy>(unwind);
}

}  // namespace socsim::iommu
