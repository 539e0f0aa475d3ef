// [unit] One test per rule of SEMANTICS.md for the shared-attach policy, so
// that a change to the core that breaks a rule fails a test named after it.
// legacy, upstream and domain allocation: test_semantics_legacy_upstream.cpp.
// The Tegra DRM client bullets, the hardware meaning of domains and the
// Invariants belong to other tests.
//
// Coverage map. "S:" = this file, "SA:" = test_core_shared_attach.cpp,
// "PO:" = test_core_policies.cpp. A rule is mapped to an existing test only
// where that test's name states the rule and its body asserts it.
//
// shared-attach
//  bind: kernel-api bind calls use_default_domain (owner_cnt++)
//      SA: "shared-attach: binding a kernel-api driver takes owner_cnt"
//  bind: if use_default_domain fails, bind fails with its errno, device unbound
//      S:  "SEMANTICS shared-attach: bind of a kernel-api driver fails with use_default_domain's errno and leaves the device unbound"
//  unbind undoes use_default_domain
//      S:  "SEMANTICS shared-attach: unbind of a kernel-api driver undoes its use_default_domain"
//  driver-managed remove detached its domain: unbind has nothing to report
//      S:  "SEMANTICS shared-attach: unbind after a driver-managed driver detached its domain warns nothing"
//  driver-managed remove did not detach: unbind detaches and warns
//      SA: "shared-attach: unbind detaches what a driver-managed driver left attached"
//  ... never leaving counters inconsistent (other joins survive)
//      S:  "SEMANTICS shared-attach: unbind detaches only the departing device's join and keeps the counters consistent"
//  use_default_domain: no group -> 0
//      S:  "SEMANTICS shared-attach: use_default_domain on a device without a group returns 0 and changes nothing"
//  use_default_domain: owner_cnt > 0 and owner != NULL -> EBUSY
//      SA: "shared-attach: use_default_domain is EBUSY when a user owns the group"
//  use_default_domain: owner_cnt > 0 and domain != default -> EBUSY
//      PO: "shared-attach: use_default_domain is EBUSY beside a shared-domain join"
//  use_default_domain: else owner_cnt++
//      SA: "shared-attach: binding a kernel-api driver takes owner_cnt"
//  claim_dma_owner, owner_cnt > 0: same owner -> owner_cnt++
//      S:  "SEMANTICS shared-attach: claim_dma_owner by the same owner increments owner_cnt and keeps the group blocked"
//  claim_dma_owner, owner_cnt > 0: another owner or kernel users -> EPERM
//      SA: "shared-attach: claim_dma_owner is EPERM against kernel users or another owner"
//      SA: "shared-attach: a shared-domain join counts as a kernel user, so a claim is EPERM"
//  claim_dma_owner, owner_cnt == 0: domain != default -> EBUSY
//      S:  "SEMANTICS shared-attach: claim_dma_owner at owner_cnt 0 off the default domain is EBUSY"
//  claim_dma_owner, owner_cnt == 0: blocked, owner set, owner_cnt = 1
//      S:  "SEMANTICS shared-attach: claim_dma_owner at owner_cnt 0 blocks the group, sets the owner and owner_cnt 1"
//  release_dma_owner: owner_cnt--
//      S:  "SEMANTICS shared-attach: release_dma_owner above 1 decrements owner_cnt and keeps the owner and the blocked domain"
//  release_dma_owner: at 0 the owner is cleared, group back to default
//      SA: "shared-attach: a claim blocks the group and release returns it to default"
//  attach_device: D not paging -> EINVAL; no group -> ENODEV
//      SA: "shared-attach: attach_device needs a paging domain and a group"
//  attach_device: owner_cnt > 0, default domain, > 1 device -> EBUSY
//      SA: "shared-attach: attach_device is EBUSY beside a DMA-API user in a multi-device group"
//  attach_device: owner_cnt > 0, owner != NULL -> EBUSY
//      SA: "shared-attach: attach_device is EBUSY on a user-owned group"
//  attach_device: attach_cnt == 0 -> D attached to the whole group
//      S:  "SEMANTICS shared-attach: the first attach_device moves every device of the group to D"
//  attach_device: hardware failure (ASID exhaustion) -> ENOSPC, nothing changes
//      SA: "shared-attach: ASID exhaustion on attach is ENOSPC and changes nothing"
//      SA: "shared-attach: a failing attach reverts the devices already moved"
//  attach_device: attach_cnt > 0 and domain != D -> EPERM
//      SA: "shared-attach: joining a different domain is EPERM"
//  attach_device: success -> owner_cnt++, attach_cnt++ (joins refcounted)
//      SA: "shared-attach: DRM clients join one domain, refcounted"
//  attach_device: kernel-api driver on a singleton group may attach its own domain
//      SA: "shared-attach: a DMA-API driver on a singleton group may attach its own domain"
//  detach_device: attach_cnt == 0 -> warning, no change
//      SA: "shared-attach: misused detach warns and changes nothing" (owner_cnt 0)
//      S:  "SEMANTICS shared-attach: detach_device with attach_cnt 0 warns and changes nothing, even with owner_cnt > 0"
//  detach_device: owner_cnt == 0 -> warning, no change
//      SA: "shared-attach: misused detach warns and changes nothing"
//  detach_device: domain != D -> warning, no change
//      S:  "SEMANTICS shared-attach: detach_device from a domain the group is not on warns and changes nothing"
//  detach_device: else attach_cnt--, owner_cnt--
//      S:  "SEMANTICS shared-attach: detach_device decrements attach_cnt and owner_cnt; the group stays on D while joins remain"
//  detach_device: at attach_cnt == 0 the group returns to default
//      S:  "SEMANTICS shared-attach: the last detach_device returns the group to its default domain"
//  replace_domain: owner == NULL or domain != old -> EPERM; old none = blocked
//      SA: "shared-attach: replace_domain needs a user owner on the old domain"
//  replace_domain: detach old, attach new
//      S:  "SEMANTICS shared-attach: replace_domain moves the group from old to new and keeps the claim"
//  replace_domain: failure re-attaches old (or blocks, replace_unwind: block)
//      SA: "shared-attach: replace_domain failure restores old, or blocks with replace_unwind block"
//  replace_domain: "reports say which was used" -- report output: the run
//      report's replace_unwind, checked in tests/system/test_run_scenarios.cpp
//  attach_group removed -> EOPNOTSUPP, diagnostic names attach_device
//      SA: "shared-attach: attach_group and detach_group are removed (EOPNOTSUPP)" (attach_group only)
//  detach_group removed: EOPNOTSUPP, a diagnostic, no change
//      S:  "SEMANTICS shared-attach: detach_group is removed: EOPNOTSUPP, a warning naming the attach_device family, no change"

#include <catch2/catch.hpp>

#include "smmu/core/errno.h"
#include "smmu/core/iommu_core.h"
#include "support/core_fixture.h"

using namespace socsim;
using namespace socsim::iommu;

using Soc = test::DrmTopology;
using test::warned;

TEST_CASE("SEMANTICS shared-attach: bind of a kernel-api driver fails with use_default_domain's errno and leaves the "
          "device unbound",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    CHECK(t.core.use_default_domain(t.vi0) == kEBUSY);
    CHECK(t.core.bind(t.vi0, "dma-api", DmaKind::KernelApi) == kEBUSY);
    CHECK(t.dev(t.vi0).driver.empty());
    CHECK(t.dev(t.vi0).kind == DmaKind::None);
    CHECK(t.g(t.vi).owner_cnt == 1u);
    CHECK(t.g(t.vi).owner == "vfio0");
    CHECK(t.group_on(t.vi, t.g(t.vi).blocking_domain));
}

TEST_CASE("SEMANTICS shared-attach: unbind of a kernel-api driver undoes its use_default_domain",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    REQUIRE(t.core.bind(t.dc0, "dma-api", DmaKind::KernelApi) == kOk);
    REQUIRE(t.core.bind(t.dc1, "dma-api", DmaKind::KernelApi) == kOk);
    REQUIRE(t.g(t.drm).owner_cnt == 2u);
    CHECK(t.core.unbind(t.dc0) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.core.warnings().empty());
    CHECK(t.core.unbind(t.dc1) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 0u);
    CHECK(t.core.warnings().empty());
    // Nothing of the kernel use is left: a user owner can now claim.
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
}

TEST_CASE("SEMANTICS shared-attach: unbind after a driver-managed driver detached its domain warns nothing",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    REQUIRE(t.core.bind(t.dc0, "tegra-dc", DmaKind::DriverManaged) == kOk);
    int d = t.paging("drm");
    REQUIRE(t.core.attach_device(d, t.dc0) == kOk);
    t.core.detach_device(d, t.dc0);
    REQUIRE(t.core.warnings().empty());
    CHECK(t.core.unbind(t.dc0) == kOk);
    CHECK(t.core.warnings().empty());
    CHECK(t.g(t.drm).attach_cnt == 0u);
    CHECK(t.g(t.drm).owner_cnt == 0u);
    CHECK(t.group_on(t.drm, t.g(t.drm).default_domain));
}

TEST_CASE("SEMANTICS shared-attach: unbind detaches only the departing device's join and keeps the counters consistent",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    REQUIRE(t.core.bind(t.dc0, "tegra-dc", DmaKind::DriverManaged) == kOk);
    REQUIRE(t.core.bind(t.dc1, "tegra-dc", DmaKind::DriverManaged) == kOk);
    int d = t.paging("drm");
    REQUIRE(t.core.attach_device(d, t.dc0) == kOk);
    REQUIRE(t.core.attach_device(d, t.dc1) == kOk);
    CHECK(t.core.unbind(t.dc0) == kOk);  // remove forgot to detach
    CHECK(t.core.warnings().size() == 1);
    CHECK(warned(t.core, "dc0"));
    CHECK(t.g(t.drm).attach_cnt == 1u);
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.group_on(t.drm, d));  // dc1 still uses the shared domain
    CHECK(t.dev(t.dc1).joined == d);
    // The remaining join is still a well-formed one: its detach is clean.
    t.core.detach_device(d, t.dc1);
    CHECK(t.core.warnings().empty());
    CHECK(t.g(t.drm).attach_cnt == 0u);
    CHECK(t.g(t.drm).owner_cnt == 0u);
    CHECK(t.group_on(t.drm, t.g(t.drm).default_domain));
}

TEST_CASE("SEMANTICS shared-attach: use_default_domain on a device without a group returns 0 and changes nothing",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    CHECK(t.core.use_default_domain(t.cpu) == kOk);
    CHECK(t.core.bind(t.cpu, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(t.dev(t.cpu).driver == "dma-api");
    for (const Group& grp : t.core.groups()) {
        CHECK(grp.owner_cnt == 0u);
        CHECK(grp.domain == grp.default_domain);
    }
    CHECK(t.core.unbind(t.cpu) == kOk);
    CHECK(t.core.warnings().empty());
}

TEST_CASE("SEMANTICS shared-attach: claim_dma_owner by the same owner increments owner_cnt and keeps the group blocked",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    REQUIRE(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    int blocked = t.g(t.drm).domain;
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);  // a group claim, not only a device claim
    CHECK(t.g(t.drm).owner_cnt == 2u);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", true) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 3u);
    CHECK(t.g(t.drm).owner == "vfio0");
    CHECK(t.group_on(t.drm, blocked));
}

TEST_CASE("SEMANTICS shared-attach: claim_dma_owner at owner_cnt 0 off the default domain is EBUSY",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    // The only way to owner_cnt 0 off the default domain: a return to the
    // default domain that the hardware refused (release cannot fail, so the
    // group stays blocked and a warning says so).
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    t.ops.fail_next_attach();
    t.core.release_dma_owner(t.vi, false);
    REQUIRE(t.core.warnings().size() == 1);
    REQUIRE(t.g(t.vi).owner_cnt == 0u);
    REQUIRE(t.g(t.vi).domain != t.g(t.vi).default_domain);
    int before = t.g(t.vi).domain;
    CHECK(t.core.claim_dma_owner(t.vi, "vfio1", false) == kEBUSY);
    CHECK(t.g(t.vi).owner_cnt == 0u);
    CHECK(t.g(t.vi).owner.empty());
    CHECK(t.group_on(t.vi, before));
}

TEST_CASE("SEMANTICS shared-attach: claim_dma_owner at owner_cnt 0 blocks the group, sets the owner and owner_cnt 1",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.g(t.drm).owner == "vfio0");
    CHECK(t.g(t.drm).attach_cnt == 0u);
    REQUIRE(t.g(t.drm).blocking_domain != kNone);
    CHECK(t.core.domains()[static_cast<size_t>(t.g(t.drm).blocking_domain)].type == DomainType::Blocked);
    CHECK(t.group_on(t.drm, t.g(t.drm).blocking_domain));  // every device, not only the group's record
}

TEST_CASE("SEMANTICS shared-attach: release_dma_owner above 1 decrements owner_cnt and keeps the owner and the blocked "
          "domain",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    REQUIRE(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    REQUIRE(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    t.core.release_dma_owner(t.drm, false);
    CHECK(t.core.warnings().empty());
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.g(t.drm).owner == "vfio0");
    CHECK(t.group_on(t.drm, t.g(t.drm).blocking_domain));
}

TEST_CASE("SEMANTICS shared-attach: the first attach_device moves every device of the group to D",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    int d = t.paging("drm");
    CHECK(t.core.attach_device(d, t.dc0) == kOk);
    CHECK(t.group_on(t.drm, d));
    CHECK(t.on(t.dc1, d));
    CHECK(t.on(t.vic, d));
    CHECK(t.g(t.drm).attach_cnt == 1u);
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.ops.asids_in_use() == 1);
}

TEST_CASE("SEMANTICS shared-attach: detach_device with attach_cnt 0 warns and changes nothing, even with owner_cnt > 0",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    SECTION("kernel DMA-API user on the default domain") {
        REQUIRE(t.core.bind(t.dc0, "dma-api", DmaKind::KernelApi) == kOk);
        int d = t.paging("drm");
        t.core.detach_device(d, t.dc0);
        CHECK(t.core.warnings().size() == 1);
        CHECK(t.g(t.drm).owner_cnt == 1u);
        CHECK(t.g(t.drm).attach_cnt == 0u);
        CHECK(t.group_on(t.drm, t.g(t.drm).default_domain));
    }
    SECTION("user owner that replaced into D") {
        int d = t.paging("user");
        REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
        REQUIRE(t.core.replace_domain(t.vi, kNone, d) == kOk);
        t.core.detach_device(d, t.vi0);  // on D, but never joined it
        CHECK(t.core.warnings().size() == 1);
        CHECK(t.g(t.vi).owner_cnt == 1u);
        CHECK(t.g(t.vi).attach_cnt == 0u);
        CHECK(t.g(t.vi).owner == "vfio0");
        CHECK(t.group_on(t.vi, d));
    }
}

TEST_CASE("SEMANTICS shared-attach: detach_device from a domain the group is not on warns and changes nothing",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    int a = t.paging("a"), b = t.paging("b");
    REQUIRE(t.core.attach_device(a, t.dc0) == kOk);
    t.core.detach_device(b, t.dc0);
    CHECK(t.core.warnings().size() == 1);
    CHECK(t.g(t.drm).attach_cnt == 1u);
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.dev(t.dc0).joined == a);
    CHECK(t.group_on(t.drm, a));
}

TEST_CASE("SEMANTICS shared-attach: detach_device decrements attach_cnt and owner_cnt; the group stays on D while "
          "joins remain",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    int d = t.paging("drm");
    REQUIRE(t.core.attach_device(d, t.dc0) == kOk);
    REQUIRE(t.core.attach_device(d, t.dc1) == kOk);
    t.core.detach_device(d, t.dc0);
    CHECK(t.core.warnings().empty());
    CHECK(t.g(t.drm).attach_cnt == 1u);
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.group_on(t.drm, d));
    CHECK(t.ops.asids_in_use() == 1);
}

TEST_CASE("SEMANTICS shared-attach: the last detach_device returns the group to its default domain",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    int d = t.paging("drm");
    REQUIRE(t.core.attach_device(d, t.dc0) == kOk);
    REQUIRE(t.core.attach_device(d, t.vic) == kOk);
    t.core.detach_device(d, t.vic);
    REQUIRE(t.group_on(t.drm, d));
    t.core.detach_device(d, t.dc0);
    CHECK(t.core.warnings().empty());
    CHECK(t.g(t.drm).attach_cnt == 0u);
    CHECK(t.g(t.drm).owner_cnt == 0u);
    CHECK(t.group_on(t.drm, t.g(t.drm).default_domain));
    CHECK(t.ops.asids_in_use() == 0);  // identity default: D's ASID is released
}

TEST_CASE("SEMANTICS shared-attach: replace_domain moves the group from old to new and keeps the claim",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    int u1 = t.paging("u1"), u2 = t.paging("u2");
    REQUIRE(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    REQUIRE(t.core.replace_domain(t.drm, kNone, u1) == kOk);
    CHECK(t.core.replace_domain(t.drm, u1, u2) == kOk);
    CHECK(t.group_on(t.drm, u2));
    CHECK(t.ops.asids_in_use() == 1);  // u1 detached: its ASID is free again
    CHECK(t.g(t.drm).owner == "vfio0");
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.g(t.drm).attach_cnt == 0u);
}

TEST_CASE("SEMANTICS shared-attach: detach_group is removed: EOPNOTSUPP, a warning naming the attach_device family, "
          "no change",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    int d = t.paging("drm");
    REQUIRE(t.core.attach_device(d, t.dc0) == kOk);
    CHECK(t.core.detach_group(d, t.drm) == kEOPNOTSUPP);
    REQUIRE(t.core.warnings().size() == 1);
    CHECK(warned(t.core, "detach_group"));
    CHECK(warned(t.core, "detach_device"));
    CHECK(t.g(t.drm).attach_cnt == 1u);
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.group_on(t.drm, d));
}
