// [unit] Exhaustive exploration of the IOMMU core on the tegra-smmu driver:
// every state reachable within 6 operations from boot (SOCSIM_ENUMERATE_DEPTH
// sets another bound; the sanitizer build's CTest entry uses 5, as depth 6
// takes minutes under ASan: tests/CMakeLists.txt), for one 3-device
// group (Tegra30 "drm": dc, dcb, g2), one singleton (host1x) and 2 paging
// domains, per policy. Each state is reached by replaying its operation path
// on a fresh rig; all seven invariants are checked in every state reached,
// and a failed operation must leave the state unchanged.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <functional>
#include <set>

#include "smmu/core/errno.h"
#include "soc/soc_registry.h"
#include "support/core_invariants.h"

using namespace socsim;
using namespace socsim::iommu;

namespace {

struct World {
    test::TegraRig rig;
    IommuCore& core;
    int drm, hc;
    std::vector<int> devs, doms;

    explicit World(PolicyKind policy)
        : rig(soc::tegra30(), CoreOptions{policy, ReplaceUnwind::RestoreOld, DomainType::Identity}), core(*rig.core) {
        drm = core.add_group("drm");
        hc = core.add_group("hc");
        devs = {core.add_device("dc", drm, {"dc"}), core.add_device("dcb", drm, {"dcb"}),
                core.add_device("gr2d", drm, {"g2"}), core.add_device("host1x", hc, {"hc"})};
        doms = {core.domain_alloc("d0", DomainType::Paging, AllocApi::Paging),
                core.domain_alloc("d1", DomainType::Paging, AllocApi::Paging)};
    }
};

struct Op {
    std::string name;
    std::function<int(World&)> run;  // errno; void kernel operations return kOk
    bool unwinds = true;             // a failure must leave the state unchanged
};

std::vector<Op> alphabet() {
    std::vector<Op> ops;
    for (int i = 0; i < 4; ++i) {
        std::string d = std::to_string(i);
        ops.push_back({"bind-kapi " + d, [i](World& w) { return w.core.bind(w.devs[i], "dma-api", DmaKind::KernelApi); }});
        ops.push_back({"bind-managed " + d, [i](World& w) { return w.core.bind(w.devs[i], "vfio", DmaKind::DriverManaged); }});
        ops.push_back({"unbind " + d, [i](World& w) { return w.core.unbind(w.devs[i]); }});
        for (int m = 0; m < 2; ++m) {
            std::string dm = " d" + std::to_string(m) + " dev " + d;
            ops.push_back({"attach_device" + dm, [i, m](World& w) { return w.core.attach_device(w.doms[m], w.devs[i]); }});
            ops.push_back({"detach_device" + dm, [i, m](World& w) { w.core.detach_device(w.doms[m], w.devs[i]); return kOk; }});
        }
    }
    for (int g = 0; g < 2; ++g) {
        std::string gs = g ? " hc" : " drm";
        auto grp = [g](World& w) { return g ? w.hc : w.drm; };
        for (const char* owner : {"u", "v"})
            ops.push_back({std::string("claim ") + owner + gs, [grp, owner](World& w) { return w.core.claim_dma_owner(grp(w), owner, false); }});
        ops.push_back({"release" + gs, [grp](World& w) { w.core.release_dma_owner(grp(w), false); return kOk; }});
        for (int m = 0; m < 2; ++m) {
            std::string dm = " d" + std::to_string(m) + gs;
            ops.push_back({"attach_group" + dm, [grp, m](World& w) { return w.core.attach_group(w.doms[m], grp(w)); }});
            ops.push_back({"detach_group" + dm, [grp, m](World& w) { return w.core.detach_group(w.doms[m], grp(w)); }});
            ops.push_back({"replace none->" + dm, [grp, m](World& w) { return w.core.replace_domain(grp(w), kNone, w.doms[m]); }});
            ops.push_back({"replace other->" + dm, [grp, m](World& w) { return w.core.replace_domain(grp(w), w.doms[1 - m], w.doms[m]); }});
        }
    }
    for (int m = 0; m < 2; ++m)
        ops.push_back({"domain_free d" + std::to_string(m), [m](World& w) { return w.core.domain_free(w.doms[m]); }});
    return ops;
}

struct Result {
    size_t states = 0, transitions = 0, failed = 0;
};

int depth_from_env() {
    const char* s = std::getenv("SOCSIM_ENUMERATE_DEPTH");
    return s && *s ? std::atoi(s) : 6;
}

Result explore(PolicyKind policy, int depth) {
    const std::vector<Op> ops = alphabet();
    const test::Mappings no_maps;
    const std::vector<uint64_t> samples = {0x0, 0x400000};
    std::set<test::Snapshot> seen;
    std::vector<std::vector<size_t>> frontier = {{}};
    seen.insert(test::snapshot(World(policy).core));
    Result r;
    for (int level = 0; level < depth; ++level) {
        std::vector<std::vector<size_t>> next;
        for (const auto& path : frontier) {
            for (size_t k = 0; k < ops.size(); ++k) {
                World w(policy);
                for (size_t p : path) ops[p].run(w);
                test::Snapshot before = test::snapshot(w.core);
                int rc = ops[k].run(w);
                ++r.transitions;
                std::string broken = test::check_invariants(w.rig, no_maps, samples);
                test::Snapshot after = test::snapshot(w.core);
                if (rc != kOk) {
                    ++r.failed;
                    if (ops[k].unwinds && !(after == before)) broken += "6: failed operation changed state; ";
                }
                if (!broken.empty()) {
                    std::string trail;
                    for (size_t p : path) trail += ops[p].name + ", ";
                    FAIL(policy_name(policy) << ": " << trail << ops[k].name << " -> " << errno_name(rc) << ": " << broken);
                }
                if (seen.insert(after).second) {
                    auto longer = path;
                    longer.push_back(k);
                    next.push_back(std::move(longer));
                }
            }
        }
        frontier = std::move(next);
    }
    r.states = seen.size();
    return r;
}

}  // namespace

TEST_CASE("core model: every state within 6 operations (3-device group, singleton, 2 domains) keeps the invariants",
          "[unit][core][enumerate]") {
    const int depth = depth_from_env();
    REQUIRE(depth >= 1);
    for (auto p : {PolicyKind::SharedAttach, PolicyKind::Legacy, PolicyKind::Upstream}) {
        Result r = explore(p, depth);
        WARN(policy_name(p) << ": " << r.states << " distinct states explored to depth " << depth << ", "
                            << r.transitions << " transitions (" << r.failed << " failed operations), all checked");
        CHECK(r.states > 100);  // the exploration is not trivially shallow
    }
}
