// Test fixture for the IOMMU core's rules: a Tegra124-like DRM layout on
// the AsidOps driver, and a helper to look for a warning.
#pragma once

#include <string>

#include "smmu/core/iommu_core.h"
#include "support/asid_ops.h"

namespace socsim::test {

using namespace socsim::iommu;

// The Tegra124 DRM layout plus a singleton for user-space claims and a
// device outside the IOMMU: "drm" = {dc0, dc1, vic}, "hc" = {host1x},
// "vi" = {vi0}, cpu (no group).
struct DrmTopology {
    AsidOps ops;
    IommuCore core;
    int drm, hc, vi;
    int dc0, dc1, vic, host1x, vi0, cpu;

    explicit DrmTopology(PolicyKind p, ReplaceUnwind unwind = ReplaceUnwind::RestoreOld)
        : DrmTopology(CoreOptions{p, unwind, DomainType::Identity}) {}
    explicit DrmTopology(CoreOptions o = {}, unsigned asids = 128) : ops(asids), core(ops, o) {
        drm = core.add_group("drm");
        hc = core.add_group("hc");
        vi = core.add_group("vi");
        dc0 = core.add_device("dc0", drm);
        dc1 = core.add_device("dc1", drm);
        vic = core.add_device("vic", drm);
        host1x = core.add_device("host1x", hc);
        vi0 = core.add_device("vi0", vi);
        cpu = core.add_device("cpu", kNone);
    }
    const Group& g(int i) const { return core.groups()[static_cast<size_t>(i)]; }
    const Device& dev(int i) const { return core.devices()[static_cast<size_t>(i)]; }
    int paging(const char* name) { return core.domain_alloc(name, DomainType::Paging, AllocApi::Paging); }
    // Whether the driver has the device attached to `domain` (the hardware
    // side of "the group is on domain").
    bool on(int device, int domain) const {
        return ops.attached_hw(dev(device).name) == core.domains()[static_cast<size_t>(domain)].hw;
    }
    bool group_on(int group, int domain) const {
        if (g(group).domain != domain) return false;
        for (int d : g(group).devices)
            if (!on(d, domain)) return false;
        return true;
    }
};

inline bool warned(const IommuCore& c, const std::string& part) {
    for (const auto& w : c.warnings())
        if (w.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace socsim::test
