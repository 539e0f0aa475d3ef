// [unit] One test per rule of SEMANTICS.md for the legacy and upstream
// policies and for domain allocation (shared-attach:
// test_semantics_shared_attach.cpp).
//
// Coverage map. "S:" = this file, "SA:" = test_core_shared_attach.cpp,
// "PO:" = test_core_policies.cpp. A rule is mapped to an existing test only
// where that test's name states the rule and its body asserts it.
//
// legacy
//  use_default_domain / unuse succeed and change nothing
//      S:  "SEMANTICS legacy: use_default_domain and unuse_default_domain succeed and change nothing"
//  claim_dma_owner / release succeed and change nothing
//      S:  "SEMANTICS legacy: claim_dma_owner and release_dma_owner succeed and change nothing"
//      S:  "SEMANTICS legacy: claim_dma_owner succeeds off the default domain"
//  hazard: kernel driver binds into a user-claimed group (flagged)
//      PO: "legacy: ownership is not tracked, so a kernel driver binds into a user-owned group"
//  hazard: user claim beside a bound kernel-api driver (flagged)
//      PO: "legacy: a user claim beside a bound DMA-API driver is reported"
//  hazard flagged only while it exists (no flag once the claim is released)
//      S:  "SEMANTICS legacy: a kernel-api bind after release_dma_owner is not flagged"
//  DMA outside the owner's domain is flagged -- DMA path, not the core
//  attach_device: > 1 device -> EINVAL; not default -> EBUSY
//      PO: "legacy: attach_device only on singleton groups (EINVAL), EBUSY off default"
//  attach_device tracks no ownership (no counter changes)
//      S:  "SEMANTICS legacy: attach_device changes neither owner_cnt nor attach_cnt"
//  detach_device mirrors attach_device
//      S:  "SEMANTICS legacy: detach_device returns a singleton group to its default domain"
//      S:  "SEMANTICS legacy: detach_device on a multi-device group or another domain warns and changes nothing"
//  attach_group: not default -> EBUSY
//      PO: "legacy: attach_group moves a group on its default domain, else EBUSY"
//  detach_group returns the group to default
//      S:  "SEMANTICS legacy: detach_group returns the group to its default domain"
//  replace_domain -> EOPNOTSUPP
//      S:  "SEMANTICS legacy: replace_domain is EOPNOTSUPP"
//
// upstream (exact checks from linux-iommu-semantics.md 1.3 and 2.2)
//  use_default_domain -> EBUSY when owned
//      S:  "SEMANTICS upstream: use_default_domain is EBUSY when a user owns the group"
//  use_default_domain -> EBUSY when not on default (with users)
//      PO: "upstream: use_default_domain is EBUSY when the group is off its default domain with users"
//  use_default_domain: the first user (owner_cnt 0) is not checked
//      S:  "SEMANTICS upstream: the first use_default_domain (owner_cnt 0) is not checked against the current domain"
//  use_default_domain: owner_cnt++; unuse: owner_cnt--
//      S:  "SEMANTICS upstream: use_default_domain increments owner_cnt and unuse_default_domain decrements it"
//  claim_dma_owner -> EPERM when any owner_cnt (user owner)
//      PO: "upstream: group claim is EPERM on any owner_cnt; device claim lets the same owner in"
//  claim_dma_owner -> EPERM when any owner_cnt (kernel users)
//      S:  "SEMANTICS upstream: claim_dma_owner is EPERM while a kernel-api driver is bound"
//  claim_dma_owner -> EBUSY when not on default
//      PO: "upstream: claim is EBUSY off the default domain"
//  claim_dma_owner -> then blocked (owner set, owner_cnt 1)
//      S:  "SEMANTICS upstream: claim_dma_owner at owner_cnt 0 blocks the group with owner_cnt 1"
//  group release drops every claim (device release: owner_cnt-- above 1)
//      S:  "SEMANTICS upstream: a group release_dma_owner drops every claim and returns the group to default"
//      PO: "upstream: group claim is EPERM on any owner_cnt; device claim lets the same owner in"
//  attach_device requires a singleton group (EINVAL)
//      PO: "upstream: attach_device requires a singleton group (EINVAL)"
//  attach has no ownership check and counts nothing
//      S:  "SEMANTICS upstream: attach_device does not check ownership and changes no counter"
//  attach_group -> EBUSY unless default or blocked
//      PO: "upstream: attach_group is EBUSY unless on the default or blocking domain"
//  detach returns to blocked when owned, else default
//      PO: "upstream: detach returns an owned group to blocking, else to default" (detach_group)
//      S:  "SEMANTICS upstream: detach_device returns an owned singleton group to blocked, else to default"
//  replace_domain switches between any domains, reverts on failure
//      PO: "upstream: replace_domain switches between any domains and reverts on failure"
//
// Domain allocation
//  api bus: deprecated warning
//      SA: "domain_alloc: paging/user APIs give paging domains; bus is deprecated"
//  api bus: ambiguous with more than one IOMMU -- the core drives a single
//      IommuOps, so there is nothing to test at this layer
//  api paging: a paging domain for kernel drivers
//      S:  "SEMANTICS domain_alloc: api paging gives a paging domain without a warning"
//  api user: falls back to paging without a user-domain op
//      SA: "domain_alloc: paging/user APIs give paging domains; bus is deprecated"
//  api user: a user domain where the driver has the op
//      S:  "SEMANTICS domain_alloc: api user gives a user paging domain without a warning where the driver has the op"
//  domain_free of an attached domain -> EBUSY
//      SA: "domain_free of an attached domain is EBUSY"

#include <catch2/catch.hpp>

#include "smmu/core/errno.h"
#include "smmu/core/iommu_core.h"
#include "support/core_fixture.h"

using namespace socsim;
using namespace socsim::iommu;

using Soc = test::DrmTopology;
using test::warned;

namespace {

// A driver with a user-domain op (seed 002: iommu_user_domain_alloc uses it).
class UserDomainOps : public test::AsidOps {
public:
    UserDomainOps() : AsidOps(128) {}
    bool supports_user_domains() const override { return true; }
};

}  // namespace

// ----------------------------------------------------------------------- legacy

TEST_CASE("SEMANTICS legacy: use_default_domain and unuse_default_domain succeed and change nothing",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::Legacy);
    CHECK(t.core.use_default_domain(t.dc0) == kOk);
    CHECK(t.core.bind(t.dc1, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 0u);
    t.core.unuse_default_domain(t.dc0);
    CHECK(t.core.warnings().empty());
    t.core.unuse_default_domain(t.dc0);  // unbalanced: still nothing to track
    CHECK(t.core.warnings().empty());
    CHECK(t.g(t.drm).owner_cnt == 0u);
    CHECK(t.group_on(t.drm, t.g(t.drm).default_domain));
    // Kernel users do not stop a private domain either.
    CHECK(t.core.attach_group(t.paging("drm"), t.drm) == kOk);
}

TEST_CASE("SEMANTICS legacy: claim_dma_owner and release_dma_owner succeed and change nothing",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::Legacy);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio1", false) == kOk);  // no EPERM between owners
    CHECK(t.g(t.drm).owner.empty());
    CHECK(t.g(t.drm).owner_cnt == 0u);
    CHECK(t.group_on(t.drm, t.g(t.drm).default_domain));  // not blocked
    t.core.release_dma_owner(t.drm, false);
    CHECK(t.core.warnings().empty());
    t.core.release_dma_owner(t.drm, false);  // unbalanced: still nothing to track
    CHECK(t.core.warnings().empty());
    CHECK(t.g(t.drm).owner_cnt == 0u);
    CHECK(t.group_on(t.drm, t.g(t.drm).default_domain));
}

TEST_CASE("SEMANTICS legacy: claim_dma_owner succeeds off the default domain", "[unit][core][semantics]") {
    Soc t(PolicyKind::Legacy);
    int d = t.paging("drm");
    REQUIRE(t.core.attach_group(d, t.drm) == kOk);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    CHECK(t.group_on(t.drm, d));
    CHECK(t.g(t.drm).owner_cnt == 0u);
}

TEST_CASE("SEMANTICS legacy: a kernel-api bind after release_dma_owner is not flagged", "[unit][core][semantics]") {
    Soc t(PolicyKind::Legacy);
    REQUIRE(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    REQUIRE(t.core.bind(t.dc0, "dma-api", DmaKind::KernelApi) == kOk);
    REQUIRE(warned(t.core, "isolation hazard"));  // while claimed: flagged
    t.core.release_dma_owner(t.drm, false);
    CHECK(t.core.bind(t.dc1, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK_FALSE(warned(t.core, "isolation hazard"));
}

TEST_CASE("SEMANTICS legacy: attach_device changes neither owner_cnt nor attach_cnt", "[unit][core][semantics]") {
    Soc t(PolicyKind::Legacy);
    int d = t.paging("vi");
    CHECK(t.core.attach_device(d, t.vi0) == kOk);
    CHECK(t.group_on(t.vi, d));
    CHECK(t.g(t.vi).owner_cnt == 0u);
    CHECK(t.g(t.vi).attach_cnt == 0u);
}

TEST_CASE("SEMANTICS legacy: detach_device returns a singleton group to its default domain",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::Legacy);
    int d = t.paging("vi");
    REQUIRE(t.core.attach_device(d, t.vi0) == kOk);
    t.core.detach_device(d, t.vi0);
    CHECK(t.core.warnings().empty());
    CHECK(t.group_on(t.vi, t.g(t.vi).default_domain));
    CHECK(t.ops.asids_in_use() == 0);
    // Back on default, the group takes a new domain again.
    CHECK(t.core.attach_device(t.paging("vi2"), t.vi0) == kOk);
}

TEST_CASE("SEMANTICS legacy: detach_device on a multi-device group or another domain warns and changes nothing",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::Legacy);
    SECTION("multi-device group") {
        int d = t.paging("drm");
        REQUIRE(t.core.attach_group(d, t.drm) == kOk);
        t.core.detach_device(d, t.dc0);
        CHECK(t.core.warnings().size() == 1);
        CHECK(t.group_on(t.drm, d));
    }
    SECTION("another domain") {
        int a = t.paging("a"), b = t.paging("b");
        REQUIRE(t.core.attach_device(a, t.vi0) == kOk);
        t.core.detach_device(b, t.vi0);
        CHECK(t.core.warnings().size() == 1);
        CHECK(t.group_on(t.vi, a));
    }
}

TEST_CASE("SEMANTICS legacy: detach_group returns the group to its default domain", "[unit][core][semantics]") {
    Soc t(PolicyKind::Legacy);
    int d = t.paging("drm");
    REQUIRE(t.core.attach_group(d, t.drm) == kOk);
    t.core.detach_group(d, t.drm);
    CHECK(t.core.warnings().empty());
    CHECK(t.group_on(t.drm, t.g(t.drm).default_domain));
    CHECK(t.ops.asids_in_use() == 0);
}

TEST_CASE("SEMANTICS legacy: replace_domain is EOPNOTSUPP", "[unit][core][semantics]") {
    Soc t(PolicyKind::Legacy);
    int a = t.paging("a"), b = t.paging("b");
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    REQUIRE(t.core.attach_device(a, t.vi0) == kOk);
    CHECK(t.core.replace_domain(t.vi, a, b) == kEOPNOTSUPP);
    CHECK(t.group_on(t.vi, a));
    CHECK(t.core.replace_domain(t.vi, kNone, b) == kEOPNOTSUPP);
    CHECK(t.group_on(t.vi, a));
}

// --------------------------------------------------------------------- upstream

TEST_CASE("SEMANTICS upstream: use_default_domain is EBUSY when a user owns the group", "[unit][core][semantics]") {
    Soc t(PolicyKind::Upstream);
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    CHECK(t.core.use_default_domain(t.vi0) == kEBUSY);
    CHECK(t.core.bind(t.vi0, "dma-api", DmaKind::KernelApi) == kEBUSY);
    CHECK(t.dev(t.vi0).driver.empty());
    CHECK(t.g(t.vi).owner_cnt == 1u);
    CHECK(t.g(t.vi).owner == "vfio0");
    CHECK(t.group_on(t.vi, t.g(t.vi).blocking_domain));
}

TEST_CASE("SEMANTICS upstream: use_default_domain increments owner_cnt and unuse_default_domain decrements it",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::Upstream);
    CHECK(t.core.bind(t.dc0, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.core.bind(t.dc1, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 2u);
    CHECK(t.core.unbind(t.dc0) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.core.unbind(t.dc1) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 0u);
    CHECK(t.core.warnings().empty());
    CHECK(t.group_on(t.drm, t.g(t.drm).default_domain));
}

TEST_CASE("SEMANTICS upstream: the first use_default_domain (owner_cnt 0) is not checked against the current domain",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::Upstream);
    int d = t.paging("drm");
    REQUIRE(t.core.attach_group(d, t.drm) == kOk);
    REQUIRE(t.g(t.drm).owner_cnt == 0u);
    CHECK(t.core.bind(t.dc0, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.group_on(t.drm, d));
    // From the second user on, the domain is checked.
    CHECK(t.core.bind(t.dc1, "dma-api", DmaKind::KernelApi) == kEBUSY);
    CHECK(t.g(t.drm).owner_cnt == 1u);
}

TEST_CASE("SEMANTICS upstream: claim_dma_owner is EPERM while a kernel-api driver is bound", "[unit][core][semantics]") {
    Soc t(PolicyKind::Upstream);
    REQUIRE(t.core.bind(t.dc0, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kEPERM);
    CHECK(t.core.claim_dma_owner(t.drm, "ictx", true) == kEPERM);
    CHECK(t.g(t.drm).owner.empty());
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.group_on(t.drm, t.g(t.drm).default_domain));
}

TEST_CASE("SEMANTICS upstream: claim_dma_owner at owner_cnt 0 blocks the group with owner_cnt 1",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::Upstream);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 1u);
    CHECK(t.g(t.drm).owner == "vfio0");
    REQUIRE(t.g(t.drm).blocking_domain != kNone);
    CHECK(t.core.domains()[static_cast<size_t>(t.g(t.drm).blocking_domain)].type == DomainType::Blocked);
    CHECK(t.group_on(t.drm, t.g(t.drm).blocking_domain));
}

TEST_CASE("SEMANTICS upstream: a group release_dma_owner drops every claim and returns the group to default",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::Upstream);
    REQUIRE(t.core.claim_dma_owner(t.vi, "ictx", true) == kOk);
    REQUIRE(t.core.claim_dma_owner(t.vi, "ictx", true) == kOk);
    REQUIRE(t.g(t.vi).owner_cnt == 2u);
    t.core.release_dma_owner(t.vi, false);  // shared-attach would only decrement
    CHECK(t.core.warnings().empty());
    CHECK(t.g(t.vi).owner_cnt == 0u);
    CHECK(t.g(t.vi).owner.empty());
    CHECK(t.group_on(t.vi, t.g(t.vi).default_domain));
}

TEST_CASE("SEMANTICS upstream: attach_device does not check ownership and changes no counter",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::Upstream);
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    int u = t.paging("u");
    CHECK(t.core.attach_device(u, t.vi0) == kOk);  // shared-attach: EBUSY
    CHECK(t.group_on(t.vi, u));
    CHECK(t.g(t.vi).owner_cnt == 1u);
    CHECK(t.g(t.vi).attach_cnt == 0u);
    CHECK(t.g(t.vi).owner == "vfio0");
    REQUIRE(t.core.bind(t.host1x, "host1x", DmaKind::KernelApi) == kOk);
    int own = t.paging("host1x");
    CHECK(t.core.attach_device(own, t.host1x) == kOk);
    CHECK(t.g(t.hc).owner_cnt == 1u);  // shared-attach: 2
    CHECK(t.g(t.hc).attach_cnt == 0u);
}

TEST_CASE("SEMANTICS upstream: detach_device returns an owned singleton group to blocked, else to default",
          "[unit][core][semantics]") {
    Soc t(PolicyKind::Upstream);
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    int u = t.paging("u");
    REQUIRE(t.core.attach_device(u, t.vi0) == kOk);
    t.core.detach_device(u, t.vi0);
    CHECK(t.core.warnings().empty());
    CHECK(t.group_on(t.vi, t.g(t.vi).blocking_domain));
    CHECK(t.g(t.vi).owner_cnt == 1u);
    int own = t.paging("host1x");
    REQUIRE(t.core.attach_device(own, t.host1x) == kOk);
    t.core.detach_device(own, t.host1x);
    CHECK(t.core.warnings().empty());
    CHECK(t.group_on(t.hc, t.g(t.hc).default_domain));
}

// ------------------------------------------------------------- domain allocation

TEST_CASE("SEMANTICS domain_alloc: api paging gives a paging domain without a warning", "[unit][core][semantics]") {
    Soc t(PolicyKind::SharedAttach);
    int d = t.core.domain_alloc("k", DomainType::Paging, AllocApi::Paging);
    REQUIRE(d >= 0);
    CHECK(t.core.warnings().empty());
    const Domain& dom = t.core.domains()[static_cast<size_t>(d)];
    CHECK(dom.type == DomainType::Paging);
    CHECK(dom.api == AllocApi::Paging);
    CHECK(dom.live);
    CHECK(t.core.attach_device(d, t.host1x) == kOk);  // usable by a kernel driver
}

TEST_CASE("SEMANTICS domain_alloc: api user gives a user paging domain without a warning where the driver has the op",
          "[unit][core][semantics]") {
    UserDomainOps ops;
    IommuCore core(ops, CoreOptions{});
    int d = core.domain_alloc("u", DomainType::Paging, AllocApi::User);
    REQUIRE(d >= 0);
    CHECK(core.warnings().empty());  // no fallback
    const Domain& dom = core.domains()[static_cast<size_t>(d)];
    CHECK(dom.type == DomainType::Paging);
    CHECK(dom.api == AllocApi::User);
}
