// [unit] Model-based test of the IOMMU core on the tegra-smmu driver:
// seeded random operation sequences per policy, with all seven invariants
// of SEMANTICS.md (support/core_invariants.h) checked after every step, on
// the hardware state the driver wrote (registers, PD/PT in DRAM).
// Tegra30's tables with 2 ASIDs instead of 4, so that exhaustion (ENOSPC)
// is reached by three groups.
#include <catch2/catch.hpp>

#include <random>

#include "smmu/core/errno.h"
#include "soc/soc_registry.h"
#include "support/core_invariants.h"

using namespace socsim;
using namespace socsim::iommu;

namespace {

struct Stats {
    size_t steps = 0, failures = 0, maps = 0, enospc = 0;
};

constexpr uint64_t kPage = 4096;
// Mapping candidates: pages in two 4 MiB sections, so PTs are shared, freed
// and reallocated; the last sample is never mapped.
const std::vector<uint64_t> kIovas = {0x10000, 0x11000, 0x400000, 0xffc00000};
const std::vector<uint64_t> kSamples = {0x10000, 0x11000, 0x400000, 0xffc00000, 0x10800};

soc::SocInfo two_asid_tegra30() {
    soc::SocInfo info = soc::tegra30();
    info.num_asids = 2;
    return info;
}

void run_sequences(PolicyKind policy, int sequences, int steps, Stats& stats) {
    static const soc::SocInfo info = two_asid_tegra30();
    for (int seq = 0; seq < sequences; ++seq) {
        std::mt19937 rng(static_cast<unsigned>(seq) * 2654435761u + static_cast<unsigned>(policy));
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        test::TegraRig rig(info, CoreOptions{policy, seq % 2 ? ReplaceUnwind::Block : ReplaceUnwind::RestoreOld,
                                             DomainType::Identity});
        IommuCore& core = *rig.core;
        int drm = core.add_group("drm"), hc = core.add_group("hc"), vde = core.add_group("vde");
        std::vector<int> devs = {core.add_device("dc", drm, {"dc"}), core.add_device("dcb", drm, {"dcb"}),
                                 core.add_device("gr3d", drm, {"nv", "nv2"}), core.add_device("host1x", hc, {"hc"}),
                                 core.add_device("vde", vde, {"vde"})};
        std::vector<int> groups = {drm, hc, vde};
        std::vector<int> doms;
        test::Mappings maps;
        const char* owners[] = {"vfio0", "vfio1"};
        for (int step = 0; step < steps; ++step) {
            test::Snapshot before = test::snapshot(core);
            int dev = devs[static_cast<size_t>(pick(5))];
            int grp = groups[static_cast<size_t>(pick(3))];
            int dom = doms.empty() ? kNone : doms[static_cast<size_t>(pick(static_cast<int>(doms.size())))];
            uint64_t iova = kIovas[static_cast<size_t>(pick(4))];
            int rc = kOk;
            bool checks_unchanged = true;
            std::string op;
            switch (pick(14)) {
                case 0: op = "bind"; rc = core.bind(dev, "drv", static_cast<DmaKind>(pick(3))); break;
                case 1: op = "unbind"; rc = core.unbind(dev); checks_unchanged = false; break;
                case 2: op = "claim"; rc = core.claim_dma_owner(grp, owners[pick(2)], pick(2)); break;
                case 3: op = "release"; core.release_dma_owner(grp, pick(2)); checks_unchanged = false; break;
                case 4: {
                    op = "alloc";
                    int d = core.domain_alloc("d" + std::to_string(doms.size()), DomainType::Paging, AllocApi::Paging);
                    if (d >= 0) doms.push_back(d);
                    break;
                }
                case 5: if (dom != kNone) { op = "free"; rc = core.domain_free(dom); if (rc == kOk) maps.erase(dom); } break;
                case 6: case 7: if (dom != kNone) { op = "attach_device"; rc = core.attach_device(dom, dev); } break;
                case 8: if (dom != kNone) { op = "detach_device"; core.detach_device(dom, dev); checks_unchanged = false; } break;
                case 9: if (dom != kNone) { op = "attach_group"; rc = core.attach_group(dom, grp); } break;
                case 10: if (dom != kNone) { op = "detach_group"; rc = core.detach_group(dom, grp); checks_unchanged = rc != kOk; } break;
                case 11: if (dom != kNone) { op = "replace"; rc = core.replace_domain(grp, pick(2) ? kNone : dom, dom);
                                             checks_unchanged = core.options().replace_unwind == ReplaceUnwind::RestoreOld; } break;
                case 12: if (dom != kNone) {
                    op = "map";
                    int prot = 1 + pick(3);
                    uint64_t pa = 0x80000000 + kPage * static_cast<uint64_t>(pick(64));
                    rc = core.map(dom, iova, pa, kPage, prot);
                    if (rc == kOk) maps[dom][iova] = {pa, prot};
                    ++stats.maps;
                } break;
                case 13: if (dom != kNone) {
                    op = "unmap";
                    rc = core.unmap(dom, iova, kPage);
                    if (rc == kOk) maps[dom].erase(iova);
                } break;
            }
            ++stats.steps;
            std::string broken = test::check_invariants(rig, maps, kSamples);
            if (rc != kOk) {
                ++stats.failures;
                stats.enospc += rc == kENOSPC;
                if (checks_unchanged && !(test::snapshot(core) == before)) broken += "6: failed " + op + " changed state; ";
            }
            if (!broken.empty()) {
                FAIL(policy_name(policy) << " seed " << seq << " step " << step << " after " << op << " -> "
                                         << errno_name(rc) << ": " << broken);
            }
        }
    }
}

}  // namespace

TEST_CASE("core model: 10,000 random sequences of 50 steps per policy keep all seven invariants",
          "[unit][core][random]") {
    for (auto p : {PolicyKind::SharedAttach, PolicyKind::Legacy, PolicyKind::Upstream}) {
        Stats stats;
        run_sequences(p, 10000, 50, stats);
        WARN(policy_name(p) << ": " << stats.steps << " steps, " << stats.failures << " failed operations ("
                            << stats.enospc << " ENOSPC), " << stats.maps << " maps, all checked");
        CHECK(stats.steps == 500000);
        CHECK(stats.failures > 0);  // the sequences reach error paths
        CHECK(stats.enospc > 0);    // and ASID exhaustion
    }
}
