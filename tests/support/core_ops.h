// Operation sequences against the IOMMU core on the tegra-smmu driver
// (TegraRig), with SEMANTICS.md's invariants (core_invariants.h) checked
// after every operation. Each operation and its operands are chosen by a
// Pick: a seeded generator in the model-based unit test
// (unit/test_core_random.cpp), the input bytes in the fuzzer
// (fuzz/fuzz_driver_ops.cpp), so both drive exactly the same code.
//
// The rig: Tegra30's tables with 2 ASIDs instead of 4, so that exhaustion
// (ENOSPC) is reached by three groups: "drm" = {dc, dcb, gr3d (two
// swgroups)}, "hc" = {host1x}, "vde" = {vde}, plus "cpu", a device outside
// the IOMMU (only used as the device a domain is allocated for).
//
// The operations: bind/unbind, claim/release DMA ownership, domain
// alloc (any type through any API)/free, attach/detach of a device or group,
// replace, map/unmap of one page or a range, iova_to_phys. Not the bare
// use/unuse_default_domain: invariant 3 counts the bus's calls at bind.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "smmu/core/iommu_core.h"
#include "soc/soc_info.h"
#include "support/core_invariants.h"

namespace socsim::test {

// pick(n) returns an operand in [0, n).
using Pick = std::function<int(int)>;

struct OpStats {
    size_t steps = 0, failures = 0, maps = 0, enospc = 0;
};

class CoreOpSequence {
public:
    CoreOpSequence(iommu::PolicyKind policy, iommu::ReplaceUnwind unwind);

    // Runs one operation chosen by `pick`; "" when every invariant holds
    // afterwards, else "OP -> ERRNO: " and what broke.
    std::string step(const Pick& pick);
    const OpStats& stats() const { return stats_; }

    static const soc::SocInfo& soc();

private:
    void map_range(const Pick& pick, int dom, int& rc);
    std::string unmap_range(const Pick& pick, int dom, int& rc);
    std::string check_iova_to_phys(int dom);

    TegraRig rig_;
    iommu::IommuCore& core_;
    std::vector<int> groups_, devs_;
    int cpu_ = iommu::kNone;
    std::vector<int> doms_;  // domains the sequence allocated
    Mappings maps_;
    OpStats stats_;
};

}  // namespace socsim::test
