// SEMANTICS.md's seven invariants, checked against an IommuCore driving the
// tegra-smmu driver (TegraRig), for the model-based and enumeration tests:
//  1. every device of a group is routed to the group's domain;
//  2. a user owner excludes bound kernel-api drivers (not under legacy);
//  3. owner_cnt = bound kernel-api drivers + shared-attach joins (no owner);
//  4. shared-attach: attach_cnt > 0 means a paging domain that every joined
//     device names; attach_cnt 0 means default, or an owner's domain;
//  5. hardware agrees: each swgroup's enable bit, ASID and PTB match the
//     group's domain; ASIDs are held exactly by the translating domains that
//     a group is on; no two share one;
//  6. a failed operation changes nothing (Snapshot, compared by the caller);
//  7. an access reaches only what the device's domain maps: the SMMU's walk
//     of the tables in DRAM gives exactly the reference mappings, blocked
//     domains fault everywhere, identity bypasses.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "support/tegra_rig.h"

namespace socsim::test {

// What the test mapped: domain -> iova page -> (pa, prot).
using Mappings = std::map<int, std::map<uint64_t, std::pair<uint64_t, int>>>;

struct Snapshot {
    struct G {
        int domain;
        unsigned owner_cnt, attach_cnt;
        std::string owner;
        bool operator==(const G& o) const {
            return domain == o.domain && owner_cnt == o.owner_cnt && attach_cnt == o.attach_cnt && owner == o.owner;
        }
        bool operator<(const G& o) const {
            return std::tie(domain, owner_cnt, attach_cnt, owner) < std::tie(o.domain, o.owner_cnt, o.attach_cnt, o.owner);
        }
    };
    std::vector<G> groups;
    std::vector<std::pair<std::string, int>> devices;  // driver, joined
    std::vector<bool> live;                            // domains
    bool operator==(const Snapshot& o) const {
        return groups == o.groups && devices == o.devices && live == o.live;
    }
    bool operator<(const Snapshot& o) const {
        return std::tie(groups, devices, live) < std::tie(o.groups, o.devices, o.live);
    }
};

Snapshot snapshot(const iommu::IommuCore& core);

// Returns "" when all hold, else which broke and where. `samples`: IOVAs to
// walk for invariant 7 (include mapped and unmapped ones).
std::string check_invariants(TegraRig& rig, const Mappings& maps, const std::vector<uint64_t>& samples);

}  // namespace socsim::test
