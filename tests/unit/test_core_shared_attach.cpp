// [unit] IOMMU core under the shared-attach policy (SEMANTICS.md, the
// seeds' design). Each test names the rule it checks.
#include <catch2/catch.hpp>

#include "smmu/core/errno.h"
#include "smmu/core/iommu_core.h"
#include "support/core_fixture.h"

using namespace socsim;
using namespace socsim::iommu;

using Drm = test::DrmTopology;

TEST_CASE("shared-attach: binding a kernel-api driver takes owner_cnt", "[unit][core][shared-attach]") {
    Drm t;
    CHECK(t.core.bind(t.dc0, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 1);
    CHECK(t.core.bind(t.dc1, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 2);
    CHECK(t.core.unbind(t.dc0) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 1);
    CHECK(t.core.bind(t.dc1, "dma-api", DmaKind::KernelApi) == kEBUSY);  // already bound
}

TEST_CASE("shared-attach: driver-managed and no-dma drivers do not claim", "[unit][core][shared-attach]") {
    Drm t;
    CHECK(t.core.bind(t.dc0, "tegra-dc", DmaKind::DriverManaged) == kOk);
    CHECK(t.core.bind(t.dc1, "no-dma", DmaKind::None) == kOk);
    CHECK(t.g(t.drm).owner_cnt == 0);
}

TEST_CASE("shared-attach: use_default_domain is EBUSY when a user owns the group", "[unit][core][shared-attach]") {
    Drm t;
    REQUIRE(t.core.claim_dma_owner(t.drm, "vfio0", false) == kOk);
    CHECK(t.core.bind(t.dc0, "dma-api", DmaKind::KernelApi) == kEBUSY);
    CHECK(t.core.devices()[static_cast<size_t>(t.dc0)].driver.empty());  // bind failed: stays unbound
    CHECK(t.g(t.drm).owner_cnt == 1);
}

TEST_CASE("shared-attach: claim_dma_owner is EPERM against kernel users or another owner", "[unit][core][shared-attach]") {
    Drm t;
    REQUIRE(t.core.bind(t.dc0, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kEPERM);
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    CHECK(t.core.claim_dma_owner(t.vi, "vfio1", false) == kEPERM);
    CHECK(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);  // same owner: refcounted
    CHECK(t.g(t.vi).owner_cnt == 2);
}

TEST_CASE("shared-attach: a claim blocks the group and release returns it to default", "[unit][core][shared-attach]") {
    Drm t;
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    CHECK(t.g(t.vi).domain == t.g(t.vi).blocking_domain);
    CHECK(t.core.domains()[static_cast<size_t>(t.g(t.vi).domain)].type == DomainType::Blocked);
    CHECK(t.g(t.vi).owner == "vfio0");
    t.core.release_dma_owner(t.vi, false);
    CHECK(t.g(t.vi).domain == t.g(t.vi).default_domain);
    CHECK(t.g(t.vi).owner.empty());
    CHECK(t.g(t.vi).owner_cnt == 0);
}

TEST_CASE("shared-attach: a shared-domain join counts as a kernel user, so a claim is EPERM",
          "[unit][core][shared-attach]") {
    Drm t;
    int d = t.paging("shared");
    REQUIRE(t.core.attach_device(d, t.dc0) == kOk);
    CHECK(t.core.claim_dma_owner(t.drm, "vfio0", false) == kEPERM);
    CHECK(t.g(t.drm).owner.empty());
}

TEST_CASE("shared-attach: attach_device needs a paging domain and a group", "[unit][core][shared-attach]") {
    Drm t;
    int blocked = t.core.domain_alloc("b", DomainType::Blocked, AllocApi::Bus);
    CHECK(t.core.attach_device(blocked, t.dc0) == kEINVAL);
    int nogroup = t.core.add_device("cpu-dma", kNone);
    CHECK(t.core.attach_device(t.paging("x"), nogroup) == kENODEV);
}

TEST_CASE("shared-attach: DRM clients join one domain, refcounted", "[unit][core][shared-attach]") {
    Drm t;
    int shared = t.paging("drm");
    CHECK(t.core.attach_device(shared, t.dc0) == kOk);
    CHECK(t.g(t.drm).domain == shared);
    CHECK(t.g(t.drm).attach_cnt == 1);
    CHECK(t.core.attach_device(shared, t.dc1) == kOk);
    CHECK(t.core.attach_device(shared, t.vic) == kOk);
    CHECK(t.g(t.drm).attach_cnt == 3);
    CHECK(t.g(t.drm).owner_cnt == 3);
    CHECK(t.ops.asids_in_use() == 1);  // one domain, one ASID for the whole group
    // Detach in any order; the group leaves the shared domain with the last.
    t.core.detach_device(shared, t.dc1);
    t.core.detach_device(shared, t.dc0);
    CHECK(t.g(t.drm).domain == shared);
    t.core.detach_device(shared, t.vic);
    CHECK(t.g(t.drm).domain == t.g(t.drm).default_domain);
    CHECK(t.g(t.drm).attach_cnt == 0);
    CHECK(t.g(t.drm).owner_cnt == 0);
    CHECK(t.ops.asids_in_use() == 0);
}

TEST_CASE("shared-attach: joining a different domain is EPERM", "[unit][core][shared-attach]") {
    Drm t;
    int a = t.paging("a"), b = t.paging("b");
    REQUIRE(t.core.attach_device(a, t.dc0) == kOk);
    CHECK(t.core.attach_device(b, t.dc1) == kEPERM);
    CHECK(t.g(t.drm).attach_cnt == 1);
}

TEST_CASE("shared-attach: attach_device is EBUSY beside a DMA-API user in a multi-device group",
          "[unit][core][shared-attach]") {
    Drm t;
    REQUIRE(t.core.bind(t.dc1, "dma-api", DmaKind::KernelApi) == kOk);
    CHECK(t.core.attach_device(t.paging("drm"), t.dc0) == kEBUSY);
}

TEST_CASE("shared-attach: a DMA-API driver on a singleton group may attach its own domain",
          "[unit][core][shared-attach]") {
    Drm t;
    REQUIRE(t.core.bind(t.host1x, "host1x", DmaKind::KernelApi) == kOk);
    int own = t.paging("host1x");
    CHECK(t.core.attach_device(own, t.host1x) == kOk);
    CHECK(t.g(t.hc).owner_cnt == 2);
    CHECK(t.g(t.hc).domain == own);
}

TEST_CASE("shared-attach: attach_device is EBUSY on a user-owned group", "[unit][core][shared-attach]") {
    Drm t;
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    CHECK(t.core.attach_device(t.paging("x"), t.vi0) == kEBUSY);
}

TEST_CASE("shared-attach: ASID exhaustion on attach is ENOSPC and changes nothing", "[unit][core][shared-attach]") {
    Drm t({}, 1);
    REQUIRE(t.core.attach_device(t.paging("drm"), t.dc0) == kOk);
    int own = t.paging("host1x");
    CHECK(t.core.attach_device(own, t.host1x) == kENOSPC);
    CHECK(t.g(t.hc).domain == t.g(t.hc).default_domain);
    CHECK(t.g(t.hc).attach_cnt == 0);
    CHECK(t.g(t.hc).owner_cnt == 0);
    CHECK(t.ops.asids_in_use() == 1);
}

TEST_CASE("shared-attach: a failing attach reverts the devices already moved", "[unit][core][shared-attach]") {
    Drm t({}, 1);
    int d = t.paging("drm");
    // The first device takes the only ASID... then make the second fail.
    test::AsidOps& ops = t.ops;
    ops.fail_next_attach();
    CHECK(t.core.attach_device(d, t.dc0) == kENOMEM);
    CHECK(t.g(t.drm).domain == t.g(t.drm).default_domain);
    CHECK(ops.asids_in_use() == 0);
}

TEST_CASE("shared-attach: misused detach warns and changes nothing", "[unit][core][shared-attach]") {
    Drm t;
    int d = t.paging("drm");
    t.core.detach_device(d, t.dc0);
    CHECK(t.core.warnings().size() == 1);
    CHECK(t.g(t.drm).owner_cnt == 0);
    t.core.release_dma_owner(t.drm, false);
    CHECK(t.core.warnings().size() == 1);
    CHECK(t.g(t.drm).owner_cnt == 0);
}

TEST_CASE("shared-attach: unbind detaches what a driver-managed driver left attached", "[unit][core][shared-attach]") {
    Drm t;
    REQUIRE(t.core.bind(t.dc0, "tegra-dc", DmaKind::DriverManaged) == kOk);
    int d = t.paging("drm");
    REQUIRE(t.core.attach_device(d, t.dc0) == kOk);
    CHECK(t.core.unbind(t.dc0) == kOk);
    CHECK(t.core.warnings().size() == 1);
    CHECK(t.g(t.drm).attach_cnt == 0);
    CHECK(t.g(t.drm).owner_cnt == 0);
    CHECK(t.g(t.drm).domain == t.g(t.drm).default_domain);
}

TEST_CASE("shared-attach: replace_domain needs a user owner on the old domain", "[unit][core][shared-attach]") {
    Drm t;
    int user = t.core.domain_alloc("u", DomainType::Paging, AllocApi::User);
    CHECK(t.core.replace_domain(t.vi, kNone, user) == kEPERM);  // not owned
    REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
    CHECK(t.core.replace_domain(t.vi, user, user) == kEPERM);   // not on `old`
    CHECK(t.core.replace_domain(t.vi, kNone, user) == kOk);     // from the blocked state
    CHECK(t.g(t.vi).domain == user);
    int user2 = t.core.domain_alloc("u2", DomainType::Paging, AllocApi::User);
    CHECK(t.core.replace_domain(t.vi, user, user2) == kOk);
    CHECK(t.g(t.vi).domain == user2);
}

TEST_CASE("shared-attach: replace_domain failure restores old, or blocks with replace_unwind block",
          "[unit][core][shared-attach]") {
    for (auto unwind : {ReplaceUnwind::RestoreOld, ReplaceUnwind::Block}) {
        CoreOptions o;
        o.replace_unwind = unwind;
        Drm t(o);
        int u1 = t.paging("u1"), u2 = t.paging("u2");
        REQUIRE(t.core.claim_dma_owner(t.vi, "vfio0", false) == kOk);
        REQUIRE(t.core.replace_domain(t.vi, kNone, u1) == kOk);
        t.ops.fail_next_attach();
        CHECK(t.core.replace_domain(t.vi, u1, u2) == kENOMEM);
        CHECK(t.g(t.vi).domain == (unwind == ReplaceUnwind::RestoreOld ? u1 : t.g(t.vi).blocking_domain));
    }
}

TEST_CASE("shared-attach: attach_group and detach_group are removed (EOPNOTSUPP)", "[unit][core][shared-attach]") {
    Drm t;
    CHECK(t.core.attach_group(t.paging("x"), t.drm) == kEOPNOTSUPP);
    REQUIRE(t.core.warnings().size() == 1);
    CHECK(t.core.warnings()[0].find("attach_device") != std::string::npos);
}

TEST_CASE("domain_free of an attached domain is EBUSY", "[unit][core]") {
    Drm t;
    int d = t.paging("drm");
    REQUIRE(t.core.attach_device(d, t.dc0) == kOk);
    CHECK(t.core.domain_free(d) == kEBUSY);
    t.core.detach_device(d, t.dc0);
    CHECK(t.core.domain_free(d) == kOk);
    CHECK(t.core.domain_free(d) == kEINVAL);
    CHECK(t.core.attach_device(d, t.dc0) == kEINVAL);  // freed
}

TEST_CASE("domain_alloc: paging/user APIs give paging domains; bus is deprecated", "[unit][core]") {
    Drm t;
    CHECK(t.core.domain_alloc("x", DomainType::Dma, AllocApi::Paging) == kEINVAL);
    CHECK(t.core.domain_alloc("x", DomainType::Paging, AllocApi::User) >= 0);
    CHECK(t.core.warnings().size() == 1);  // no user-domain op: falls back to paging
    CHECK(t.core.domain_alloc("y", DomainType::Paging, AllocApi::Bus) >= 0);
    CHECK(t.core.warnings()[0].find("deprecated") != std::string::npos);
}

TEST_CASE("domain_alloc for a device not behind the IOMMU is ENODEV (paging and user APIs)", "[unit][core]") {
    Drm t;
    size_t before = t.core.domains().size();
    CHECK(t.core.domain_alloc("x", DomainType::Paging, AllocApi::Paging, t.cpu) == kENODEV);
    CHECK(t.core.domain_alloc("x", DomainType::Paging, AllocApi::User, t.cpu) == kENODEV);
    CHECK(t.core.domains().size() == before);
    CHECK(t.core.domain_alloc("x", DomainType::Paging, AllocApi::Paging, t.dc0) >= 0);
    CHECK(t.core.domain_alloc("y", DomainType::Paging, AllocApi::Bus, t.cpu) >= 0);  // the bus API takes no device
}

TEST_CASE("errno names round-trip", "[unit][core]") {
    for (int rc : {kOk, kEPERM, kEBUSY, kENODEV, kEINVAL, kENOSPC, kEOPNOTSUPP, kENOMEM, kENOENT})
        CHECK(errno_from_name(errno_name(rc)) == rc);
    CHECK_FALSE(errno_from_name("EWHAT"));
}

TEST_CASE("shared-attach: joins are counted per group, so another device's detach drops a join (warned)",
          "[unit][core][shared-attach]") {
    Drm t;
    int d = t.paging("drm");
    REQUIRE(t.core.attach_device(d, t.dc0) == kOk);
    t.core.detach_device(d, t.dc1);  // dc1 never joined
    CHECK(t.core.warnings().size() == 1);
    CHECK(t.g(t.drm).attach_cnt == 0);
    CHECK(t.g(t.drm).domain == t.g(t.drm).default_domain);
    CHECK(t.core.devices()[static_cast<size_t>(t.dc0)].joined == kNone);
}
