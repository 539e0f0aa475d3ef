// [unit] IOMMU core under the legacy and upstream policies, and the
// differences from shared-attach on the same sequence.
#include <catch2/catch.hpp>

#include "smmu/core/errno.h"
#include "smmu/core/iommu_core.h"
#include "support/core_fixture.h"

using namespace socsim;
using namespace socsim::iommu;
using test::warned;

namespace {

struct Board {
    test::AsidOps ops{128};
    IommuCore core;
    int drm, vi, dc0, dc1, vi0;

    explicit Board(PolicyKind p) : core(ops, CoreOptions{p, ReplaceUnwind::RestoreOld, DomainType::Identity}) {
        drm = core.add_group("drm");
        vi = core.add_group("vi");
        dc0 = core.add_device("dc0", drm);
        dc1 = core.add_device("dc1", drm);
        vi0 = core.add_device("vi0", vi);
    }
    const Group& g(int i) const { return core.groups()[static_cast<size_t>(i)]; }
    int paging(const char* n) { return core.domain_alloc(n, DomainType::Paging, AllocApi::Paging); }
};

}  // namespace

TEST_CASE("legacy: ownership is not tracked, so a kernel driver binds into a user-owned group",
          "[unit][core][legacy]") {
    Board t(PolicyKind::Legacy);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 0);
    CHECK(t.g(t.drm).domain == t.g(t.drm).default_domain);  // not blocked
    CHECK(t.core.bind(t.dc0, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(warned(t.core, "isolation hazard"));
    // The same sequence under shared-attach and upstream is refused.
    for (auto p : {PolicyKind::SharedAttach, PolicyKind::Upstream}) {
        Board u(p);
        REQUIRE(u.core.claim_dma_owner(u.drm, "vfio0", false) == kOk);
        CHECK(u.core.bind(u.dc0, "dma-api", DmaKind::KernelApi) == kEBUSY);
    }
}

TEST_CASE("legacy: a user claim beside a bound DMA-API driver is reported", "[unit][core][legacy]") {
    Board t(PolicyKind::Legacy);
    REQUIRE(t.core.bind(t.dc1, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    CHECK(warned(t.core, "while the kernel DMA-API driver dma-api is bound to dc1"));
}

TEST_CASE("legacy: attach_device only on singleton groups (EINVAL), EBUSY off default", "[unit][core][legacy]") {
    Board t(PolicyKind::Legacy);
    CHECK(t.core.attach_device(t.paging("x"), t.dc0) == kEINVAL);
    int a = t.paging("a");
    CHECK(t.core.attach_device(a, t.vi0) == kOk);
    CHECK(t.core.attach_device(t.paging("b"), t.vi0) == kEBUSY);
    t.core.detach_device(a, t.vi0);
    CHECK(t.g(t.vi).domain == t.g(t.vi).default_domain);
}

TEST_CASE("legacy: attach_group moves a group on its default domain, else EBUSY", "[unit][core][legacy]") {
    Board t(PolicyKind::Legacy);
    int shared = t.paging("drm");
    CHECK(t.core.attach_group(shared, t.drm) == kOk);
    CHECK(t.g(t.drm).domain == shared);
    CHECK(t.core.attach_group(t.paging("other"), t.drm) == kEBUSY);
    t.core.detach_group(shared, t.drm);
    CHECK(t.g(t.drm).domain == t.g(t.drm).default_domain);
    CHECK(t.core.replace_domain(t.drm, kNone, shared) == kEOPNOTSUPP);
}

TEST_CASE("upstream: attach_device requires a singleton group (EINVAL)", "[unit][core][upstream]") {
    Board t(PolicyKind::Upstream);
    CHECK(t.core.attach_device(t.paging("x"), t.dc0) == kEINVAL);
    CHECK(t.core.attach_device(t.paging("y"), t.vi0) == kOk);
}

TEST_CASE("upstream: attach_group is EBUSY unless on the default or blocking domain", "[unit][core][upstream]") {
    Board t(PolicyKind::Upstream);
    int a = t.paging("a");
    CHECK(t.core.attach_group(a, t.drm) == kOk);
    CHECK(t.core.attach_group(t.paging("b"), t.drm) == kEBUSY);
    // No ownership check on attach: a group on its blocking domain (owned) accepts it.
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    CHECK(t.core.attach_group(t.paging("c"), t.vi) == kOk);
}

TEST_CASE("upstream: detach returns an owned group to blocking, else to default", "[unit][core][upstream]") {
    Board t(PolicyKind::Upstream);
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    int u = t.paging("u");
    REQUIRE(t.core.attach_group(u, t.vi) == kOk);
    t.core.detach_group(u, t.vi);
    CHECK(t.g(t.vi).domain == t.g(t.vi).blocking_domain);
    int a = t.paging("a");
    REQUIRE(t.core.attach_group(a, t.drm) == kOk);
    t.core.detach_group(a, t.drm);
    CHECK(t.g(t.drm).domain == t.g(t.drm).default_domain);
}

TEST_CASE("upstream: group claim is EPERM on any owner_cnt; device claim lets the same owner in",
          "[unit][core][upstream]") {
    Board t(PolicyKind::Upstream);
    REQUIRE(t.core.claim_dma_owner(t.vi, "ictx", true) == kOk);
    CHECK(t.core.claim_dma_owner(t.vi, "ictx", false) == kEPERM);
    CHECK(t.core.claim_dma_owner(t.vi, "ictx", true) == kOk);
    CHECK(t.g(t.vi).owner_cnt == 2);
    CHECK(t.core.claim_dma_owner(t.vi, "other", true) == kEPERM);
    t.core.release_dma_owner(t.vi, true);
    CHECK(t.g(t.vi).owner_cnt == 1);
    CHECK(t.g(t.vi).domain == t.g(t.vi).blocking_domain);
    t.core.release_dma_owner(t.vi, true);
    CHECK(t.g(t.vi).owner_cnt == 0);
    CHECK(t.g(t.vi).domain == t.g(t.vi).default_domain);
}

TEST_CASE("upstream: claim is EBUSY off the default domain", "[unit][core][upstream]") {
    Board t(PolicyKind::Upstream);
    REQUIRE(t.core.attach_group(t.paging("a"), t.drm) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 0);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kEBUSY);
}

TEST_CASE("upstream: replace_domain switches between any domains and reverts on failure", "[unit][core][upstream]") {
    Board t(PolicyKind::Upstream);
    int a = t.paging("a"), b = t.paging("b");
    REQUIRE(t.core.attach_group(a, t.drm) == kOk);
    CHECK(t.core.replace_domain(t.drm, kNone, b) == kOk);
    CHECK(t.g(t.drm).domain == b);
    t.ops.fail_next_attach();
    CHECK(t.core.replace_domain(t.drm, kNone, a) == kENOMEM);
    CHECK(t.g(t.drm).domain == b);
}

TEST_CASE("upstream: use_default_domain is EBUSY when the group is off its default domain with users",
          "[unit][core][upstream]") {
    Board t(PolicyKind::Upstream);
    REQUIRE(t.core.bind(t.dc0, "dma-api", DmaKind::KernelApi) == kOk);
    REQUIRE(t.core.attach_group(t.paging("a"), t.drm) == kOk);  // no ownership check on attach
    CHECK(t.core.bind(t.dc1, "dma-api", DmaKind::KernelApi) == kEBUSY);
    CHECK(t.g(t.drm).owner_cnt == 1);
}

TEST_CASE("shared-attach: use_default_domain is EBUSY beside a shared-domain join", "[unit][core][shared-attach]") {
    Board t(PolicyKind::SharedAttach);
    REQUIRE(t.core.attach_device(t.paging("drm"), t.dc0) == kOk);
    CHECK(t.core.bind(t.dc1, "dma-api", DmaKind::KernelApi) == kEBUSY);
}
