#include "support/core_invariants.h"

#include <set>
#include <sstream>

#include "smmu/hw/page_walk.h"

namespace socsim::test {

using namespace socsim::iommu;

Snapshot snapshot(const IommuCore& core) {
    Snapshot s;
    for (const auto& g : core.groups()) s.groups.push_back({g.domain, g.owner_cnt, g.attach_cnt, g.owner});
    for (const auto& d : core.devices()) s.devices.emplace_back(d.driver, d.joined);
    // The core's own default and blocked domains are allocated on first use
    // and kept, as in Linux; only scenario-visible domains count.
    for (const auto& d : core.domains())
        if (d.api != AllocApi::Core) s.live.push_back(d.live);
    return s;
}

namespace {

// Invariants 1-4: the core's own bookkeeping.
void check_software(const IommuCore& c, std::ostringstream& err) {
    PolicyKind p = c.options().policy;
    for (const auto& g : c.groups()) {
        const Domain& dom = c.domains()[static_cast<size_t>(g.domain)];
        unsigned kapi = 0;
        for (int di : g.devices) {
            const Device& d = c.devices()[static_cast<size_t>(di)];
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
}

// Invariant 7 for one translating swgroup: the walk agrees with `expected`
// (nullptr: every access faults).
void check_walks(TegraRig& rig, uint32_t ptb, const std::map<uint64_t, std::pair<uint64_t, int>>* expected,
                 const std::vector<uint64_t>& samples, const std::string& where, std::ostringstream& err) {
    uint32_t pfn_mask = smmu::smmu_pfn_mask(rig.soc.num_address_bits);
    auto read32 = [&](uint64_t pa) { return rig.dram.read32(pa); };
    for (uint64_t iova : samples) {
        for (bool write : {false, true}) {
            smmu::WalkResult w = smmu::walk_tables(ptb, pfn_mask, iova, write, read32);
            bool allowed = false;
            uint64_t pa = 0;
            if (expected) {
                auto it = expected->find(iova & ~0xfffull);
                if (it != expected->end() && (it->second.second & (write ? kProtWrite : kProtRead))) {
                    allowed = true;
                    pa = it->second.first | (iova & 0xfff);
                }
            }
            bool got = w.fault == smmu::FaultReason::None;
            if (got != allowed || (got && w.pa != pa))
                err << "7: " << where << (write ? " write " : " read ") << std::hex << iova << " -> "
                    << (got ? "pa " : smmu::fault_reason_name(w.fault)) << (got ? w.pa : 0) << std::dec << "; ";
        }
    }
}

}  // namespace

std::string check_invariants(TegraRig& rig, const Mappings& maps, const std::vector<uint64_t>& samples) {
    const IommuCore& c = *rig.core;
    std::ostringstream err;
    check_software(c, err);
    std::set<int> on_groups;  // translating domains some group is on
    std::set<uint32_t> asids;
    for (const auto& g : c.groups()) {
        const Domain& dom = c.domains()[static_cast<size_t>(g.domain)];
        bool translating = dom.type != DomainType::Identity;
        auto asid = rig.driver.asid_of(dom);
        if (translating && on_groups.insert(g.domain).second) {
            if (!asid) err << "5: " << dom.name << " on " << g.name << " has no ASID; ";
            else if (!asids.insert(*asid).second) err << "5: ASID " << *asid << " held twice; ";
        }
        for (int di : g.devices) {
            const Device& d = c.devices()[static_cast<size_t>(di)];
            for (const auto& name : d.swgroups) {
                const soc::Swgroup* sw = rig.soc.find_swgroup(name);
                auto clients = rig.soc.clients_of(name);
                const soc::MemoryClient* client = clients.empty() ? nullptr : clients.front();
                smmu::Route r = smmu::route(rig.regs, *sw, client);
                std::string where = d.name + "/" + name;
                // 5: the swgroup's enable bit and every client's enable bit.
                if (rig.regs.swgroup_enabled(*sw) != translating)
                    err << "5: " << where << " ASID register enable bit disagrees with " << dom.name << "; ";
                for (const soc::MemoryClient* mc : clients)
                    if (mc->smmu && rig.regs.client_enabled(*mc) != translating)
                        err << "5: " << where << " client " << mc->name << " enable bit disagrees with " << dom.name << "; ";
                // 1 and 5: the swgroup is routed to the group's domain.
                if (r.translate != translating) {
                    err << "1/5: " << where << (translating ? " bypasses " : " translates ") << "on " << dom.name << "; ";
                    continue;
                }
                if (!translating || !asid) continue;
                if (r.asid != *asid) err << "5: " << where << " ASID " << r.asid << " expected " << *asid << "; ";
                uint32_t ptb = rig.regs.ptb(r.asid);
                uint32_t want = static_cast<uint32_t>(*rig.driver.pd_of(dom) >> 12) | smmu::SMMU_PTB_ATTR;
                if (ptb != want) err << "5: " << where << " PTB does not point at " << dom.name << "'s PD; ";
                auto it = maps.find(g.domain);
                bool blocked = dom.type == DomainType::Blocked;
                static const std::map<uint64_t, std::pair<uint64_t, int>> none;
                check_walks(rig, ptb, blocked ? nullptr : (it == maps.end() ? &none : &it->second), samples, where, err);
            }
        }
    }
    if (rig.driver.asids_in_use() != on_groups.size())
        err << "5: " << rig.driver.asids_in_use() << " ASIDs in use for " << on_groups.size() << " domains; ";
    for (size_t i = 0; i < c.domains().size(); ++i)
        if (!on_groups.count(static_cast<int>(i)) && c.domains()[i].live && rig.driver.asid_of(c.domains()[i]))
            err << "5: " << c.domains()[i].name << " holds an ASID while on no group; ";
    return err.str();
}

}  // namespace socsim::test
