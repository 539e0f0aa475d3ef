// [unit] Model-based test of the IOMMU core: seeded random operation
// sequences per policy, checking SEMANTICS.md's invariants after every step:
//  1. all devices of a group are attached to the group's domain;
//  2. a user owner excludes bound kernel-api drivers (not under legacy);
//  3. owner_cnt = bound kernel-api drivers + shared-attach joins (no owner),
//     per policy;
//  4. shared-attach: attach_cnt > 0 means a paging domain that every joined
//     device names; attach_cnt 0 means default, or an owner's domain;
//  5. (software side) ASIDs in use = translating or blocked domains that
//     some group is on; the hardware side needs the SMMU model;
//  6. a failed operation changes nothing.
#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <sstream>

#include "smmu/core/errno.h"
#include "smmu/core/iommu_core.h"
#include "support/asid_ops.h"

using namespace socsim;
using namespace socsim::iommu;

namespace {

struct Snapshot {
    std::vector<Group> groups;
    std::vector<std::pair<std::string, int>> devices;  // driver, joined
    bool operator==(const Snapshot& o) const {
        if (devices != o.devices || groups.size() != o.groups.size()) return false;
        for (size_t i = 0; i < groups.size(); ++i) {
            const Group &a = groups[i], &b = o.groups[i];
            if (a.domain != b.domain || a.owner_cnt != b.owner_cnt || a.owner != b.owner ||
                a.attach_cnt != b.attach_cnt)
                return false;
        }
        return true;
    }
};

Snapshot snapshot(const IommuCore& c) {
    Snapshot s{c.groups(), {}};
    for (const auto& d : c.devices()) s.devices.emplace_back(d.driver, d.joined);
    return s;
}

std::string check_invariants(const IommuCore& c, const test::AsidOps& ops) {
    PolicyKind p = c.options().policy;
    std::ostringstream err;
    std::set<int> translating;
    for (const auto& g : c.groups()) {
        const Domain& dom = c.domains()[static_cast<size_t>(g.domain)];
        if (dom.type != DomainType::Identity) translating.insert(g.domain);
        unsigned kapi = 0;
        for (int di : g.devices) {
            const Device& d = c.devices()[static_cast<size_t>(di)];
            if (ops.attached_hw(d.name) != dom.hw) err << "1: " << d.name << " not on " << dom.name << "; ";
            if (d.kind == DmaKind::KernelApi) ++kapi;
            if (p == PolicyKind::SharedAttach && d.joined != kNone && d.joined != g.domain)
                err << "4: " << d.name << " joined a domain its group is not on; ";
        }
        if (p != PolicyKind::Legacy && !g.owner.empty() && kapi > 0) err << "2: " << g.name << "; ";
        unsigned expect = p == PolicyKind::Legacy ? 0 : kapi + (p == PolicyKind::SharedAttach ? g.attach_cnt : 0);
        if (g.owner.empty() && g.owner_cnt != expect)
            err << "3: " << g.name << " owner_cnt " << g.owner_cnt << " expected " << expect << "; ";
        if (p == PolicyKind::SharedAttach) {
            if (g.attach_cnt > 0 && dom.type != DomainType::Paging) err << "4: " << g.name << " joined non-paging; ";
            if (g.attach_cnt == 0 && g.owner.empty() && g.domain != g.default_domain)
                err << "4: " << g.name << " off default without joins or owner; ";
        }
    }
    if (ops.asids_in_use() != translating.size())
        err << "5: " << ops.asids_in_use() << " ASIDs for " << translating.size() << " domains; ";
    return err.str();
}

struct Stats {
    size_t steps = 0, failures = 0;
};

void run_sequences(PolicyKind policy, int sequences, int steps, Stats& stats) {
    for (int seq = 0; seq < sequences; ++seq) {
        std::mt19937 rng(static_cast<unsigned>(seq) * 2654435761u + static_cast<unsigned>(policy));
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        test::AsidOps ops(3);
        IommuCore core(ops, CoreOptions{policy, seq % 2 ? ReplaceUnwind::Block : ReplaceUnwind::RestoreOld,
                                        DomainType::Identity});
        int big = core.add_group("big"), one = core.add_group("one"), two = core.add_group("two");
        std::vector<int> devs = {core.add_device("a0", big), core.add_device("a1", big), core.add_device("a2", big),
                                 core.add_device("s0", one), core.add_device("t0", two)};
        std::vector<int> groups = {big, one, two};
        std::vector<int> doms;
        const char* owners[] = {"vfio0", "vfio1"};
        for (int step = 0; step < steps; ++step) {
            Snapshot before = snapshot(core);
            int dev = devs[static_cast<size_t>(pick(5))];
            int grp = groups[static_cast<size_t>(pick(3))];
            int dom = doms.empty() ? kNone : doms[static_cast<size_t>(pick(static_cast<int>(doms.size())))];
            int rc = kOk;
            bool checks_unchanged = true;
            std::string op;
            switch (pick(12)) {
                case 0: op = "bind"; rc = core.bind(dev, "drv", static_cast<DmaKind>(pick(3))); break;
                case 1: op = "unbind"; rc = core.unbind(dev); checks_unchanged = false; break;
                case 2: op = "claim"; rc = core.claim_dma_owner(grp, owners[pick(2)], pick(2)); break;
                case 3: op = "release"; core.release_dma_owner(grp, pick(2)); checks_unchanged = false; break;
                case 4: {
                    op = "alloc";
                    int d = core.domain_alloc("d", DomainType::Paging, AllocApi::Paging);
                    if (d >= 0) doms.push_back(d);
                    break;
                }
                case 5: if (dom != kNone) { op = "free"; rc = core.domain_free(dom); } break;
                case 6: case 7: if (dom != kNone) { op = "attach_device"; rc = core.attach_device(dom, dev); } break;
                case 8: if (dom != kNone) { op = "detach_device"; core.detach_device(dom, dev); checks_unchanged = false; } break;
                case 9: if (dom != kNone) { op = "attach_group"; rc = core.attach_group(dom, grp); } break;
                case 10: if (dom != kNone) { op = "detach_group"; core.detach_group(dom, grp); checks_unchanged = false; } break;
                case 11: if (dom != kNone) { op = "replace"; rc = core.replace_domain(grp, pick(2) ? kNone : dom, dom);
                                             checks_unchanged = core.options().replace_unwind == ReplaceUnwind::RestoreOld; } break;
            }
            ++stats.steps;
            std::string broken = check_invariants(core, ops);
            if (rc != kOk) {
                ++stats.failures;
                if (checks_unchanged && !(snapshot(core) == before)) broken += "6: failed " + op + " changed state; ";
            }
            if (!broken.empty()) {
                FAIL(policy_name(policy) << " seed " << seq << " step " << step << " after " << op << " -> "
                                         << errno_name(rc) << ": " << broken);
            }
        }
    }
}

}  // namespace

TEST_CASE("core model: 10,000 random sequences of 50 steps per policy keep the invariants", "[unit][core][random]") {
    for (auto p : {PolicyKind::SharedAttach, PolicyKind::Legacy, PolicyKind::Upstream}) {
        Stats stats;
        run_sequences(p, 10000, 50, stats);
        WARN(policy_name(p) << ": " << stats.steps << " steps, " << stats.failures << " failed operations checked");
        CHECK(stats.steps == 500000);
        CHECK(stats.failures > 0);  // the sequences reach error paths
    }
}
