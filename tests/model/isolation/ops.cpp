#include "model/isolation/ops.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "smmu/core/errno.h"

namespace socsim::test::isolation {

using namespace socsim::iommu;

namespace {
constexpr size_t kMaxDomains = 6;
const char* kOwners[] = {"vfio0", "vfio1"};
}  // namespace

struct Ops::Snapshot {
    std::vector<std::tuple<int, unsigned, unsigned, std::string, std::string>> groups;
    std::vector<std::pair<std::string, int>> devices;
    std::vector<bool> live;
    bool operator==(const Snapshot& o) const { return groups == o.groups && devices == o.devices && live == o.live; }
};

Ops::Ops(IommuCore& core, Oracle& oracle, std::mt19937_64& rng, AddressPools pools)
    : core_(core), oracle_(oracle), rng_(rng), pools_(std::move(pools)), hazard_open_(core.groups().size(), false) {
    for (const Group& g : core_.groups())
        if (!oracle_.knows(g.default_domain)) oracle_.on_alloc(g.default_domain, core_.options().default_domain_type);
}

Ops::Snapshot Ops::snapshot() const {
    Snapshot s;
    for (const Group& g : core_.groups())
        s.groups.emplace_back(g.domain, g.owner_cnt, g.attach_cnt, g.owner, g.legacy_claim);
    for (const Device& d : core_.devices()) s.devices.emplace_back(d.driver, d.joined);
    for (const Domain& d : core_.domains()) s.live.push_back(d.live);
    return s;
}

void Ops::inconsistent(const std::string& what) {
    ++stats_.inconsistencies;
    if (stats_.first_inconsistencies.size() < 20) stats_.first_inconsistencies.push_back(what);
}

void Ops::record(const std::string& op, int rc, const Snapshot& before, const std::string& what) {
    ++stats_.ops;
    ++stats_.results[op][rc == kOk ? "ok" : std::string(errno_name(rc))];
    // Invariant 6: a failed operation changes nothing.
    if (rc != kOk && !(snapshot() == before))
        inconsistent(fmt::format("{} returned {} but changed the core's state", what, errno_name(rc)));
    // Blocked domains are the core's own (a claim, or an upstream detach, makes them).
    for (const Group& g : core_.groups())
        if (g.blocking_domain != kNone && !oracle_.knows(g.blocking_domain))
            oracle_.on_alloc(g.blocking_domain, DomainType::Blocked);
}

void Ops::expect_group_on(int group, int dom, const std::string& what) {
    const Group& g = core_.groups().at(size_t(group));
    if (g.domain != dom)
        inconsistent(fmt::format("{} returned 0 but group {} is on domain {}, not {}", what, g.name, g.domain, dom));
}

// What the driver of `dev` did: attaches and detaches, counted (a driver
// that attached twice and detached once still expects its domain).
void Ops::note_attach(int dev, int dom) {
    auto it = attached_.find(dev);
    if (it != attached_.end() && it->second.first == dom) ++it->second.second;
    else attached_[dev] = {dom, 1};
}

void Ops::note_detach(int dev, int dom) {
    auto it = attached_.find(dev);
    if (it != attached_.end() && it->second.first == dom && --it->second.second == 0) attached_.erase(it);
}

// --- single operations ---

int Ops::bind(int dev, DmaKind kind) {
    Snapshot before = snapshot();
    int rc = core_.bind(dev, kind == DmaKind::KernelApi ? "dma-api" : "driver-managed", kind);
    if (rc == kOk) {
        kind_[dev] = kind;
        attached_.erase(dev);
    }
    record("bind", rc, before, fmt::format("bind({}, {})", dev, dma_kind_name(kind)));
    return rc;
}

void Ops::unbind(int dev) {
    Snapshot before = snapshot();
    core_.unbind(dev);   // detaches what the driver left joined
    kind_.erase(dev);
    attached_.erase(dev);
    record("unbind", kOk, before, "unbind");
}

int Ops::alloc(int dev) {
    Snapshot before = snapshot();
    AllocApi api = pick(2) ? AllocApi::Paging : AllocApi::User;
    int rc = core_.domain_alloc("d" + std::to_string(next_name_++), DomainType::Paging, api, dev);
    if (rc >= 0) {
        doms_.push_back(rc);
        oracle_.on_alloc(rc, DomainType::Paging);
    }
    record("domain_alloc", rc < 0 ? rc : kOk, before, "domain_alloc");
    return rc;
}

int Ops::free(int dom) {
    Snapshot before = snapshot();
    int rc = core_.domain_free(dom);
    if (rc == kOk) {
        doms_.erase(std::find(doms_.begin(), doms_.end(), dom));
        oracle_.on_free(dom);
        for (auto it = attached_.begin(); it != attached_.end();)
            it = it->second.first == dom ? attached_.erase(it) : std::next(it);
    }
    record("domain_free", rc, before, fmt::format("domain_free({})", dom));
    return rc;
}

int Ops::map(int dom, uint64_t iova, uint64_t pa, uint64_t pages, int prot) {
    Snapshot before = snapshot();
    int rc = core_.map(dom, iova, pa, pages * kPage, prot);
    if (rc == kOk) oracle_.on_map(dom, iova, pa, pages * kPage, prot);
    record("map", rc, before, fmt::format("map({}, {:#x} -> {:#x}, {} pages)", dom, iova, pa, pages));
    return rc;
}

int Ops::unmap(int dom, uint64_t iova, uint64_t pages) {
    Snapshot before = snapshot();
    uint64_t done = 0;
    int rc = core_.unmap(dom, iova, pages * kPage, &done);
    if (rc == kOk) {
        // What the core unmapped must be exactly what the oracle had mapped there.
        uint64_t mapped = 0;
        for (uint64_t p = 0; p < pages; ++p) mapped += oracle_.pages(dom).count(iova + p * kPage) * kPage;
        if (done != mapped)
            inconsistent(fmt::format("unmap({}, {:#x}, {} pages) unmapped {} bytes; {} were mapped", dom, iova, pages,
                                     done, mapped));
        oracle_.on_unmap(dom, iova, pages * kPage);
    }
    record("unmap", rc, before, fmt::format("unmap({}, {:#x})", dom, iova));
    return rc;
}

int Ops::attach_device(int dom, int dev) {
    Snapshot before = snapshot();
    int rc = core_.attach_device(dom, dev);
    std::string what = fmt::format("attach_device({}, {})", dom, dev);
    if (rc == kOk) {
        note_attach(dev, dom);
        expect_group_on(core_.devices().at(size_t(dev)).group, dom, what);
    }
    record("attach_device", rc, before, what);
    return rc;
}

void Ops::detach_device(int dom, int dev) {
    Snapshot before = snapshot();
    core_.detach_device(dom, dev);
    note_detach(dev, dom);
    record("detach_device", kOk, before, "detach_device");
}

int Ops::attach_group(int dom, int dev) {
    Snapshot before = snapshot();
    int group = core_.devices().at(size_t(dev)).group;
    int rc = core_.attach_group(dom, group);
    std::string what = fmt::format("attach_group({}, {}) by {}", dom, core_.groups().at(size_t(group)).name, dev);
    if (rc == kOk) {
        note_attach(dev, dom);
        expect_group_on(group, dom, what);
    }
    record("attach_group", rc, before, what);
    return rc;
}

int Ops::detach_group(int dom, int dev) {
    Snapshot before = snapshot();
    int rc = core_.detach_group(dom, core_.devices().at(size_t(dev)).group);
    if (rc == kOk) note_detach(dev, dom);
    record("detach_group", rc, before, "detach_group");
    return rc;
}

int Ops::claim(int group, const std::string& owner, bool by_device) {
    Snapshot before = snapshot();
    bool first = core_.groups().at(size_t(group)).owner.empty();
    int rc = core_.claim_dma_owner(group, owner, by_device);
    std::string what = fmt::format("claim_dma_owner({}, {})", core_.groups().at(size_t(group)).name, owner);
    record("claim_dma_owner", rc, before, what);
    if (rc == kOk && first && core_.options().policy != PolicyKind::Legacy)
        expect_group_on(group, core_.groups().at(size_t(group)).blocking_domain, what);
    return rc;
}

void Ops::release(int group, bool by_device) {
    Snapshot before = snapshot();
    bool owned = !core_.groups().at(size_t(group)).owner.empty();
    core_.release_dma_owner(group, by_device);
    const Group& g = core_.groups().at(size_t(group));
    if (owned && g.owner.empty()) expect_group_on(group, g.default_domain, "the last release_dma_owner of " + g.name);
    record("release_dma_owner", kOk, before, "release_dma_owner");
}

int Ops::replace(int group, int old_dom, int new_dom) {
    Snapshot before = snapshot();
    int rc = core_.replace_domain(group, old_dom, new_dom);
    std::string what = fmt::format("replace_domain({}, {} -> {})", core_.groups().at(size_t(group)).name, old_dom, new_dom);
    if (rc == kOk) expect_group_on(group, new_dom, what);
    record("replace_domain", rc, before, what);
    return rc;
}

DriverView Ops::view(int dev) const {
    DriverView v;
    auto k = kind_.find(dev);
    if (k == kind_.end() || k->second != DmaKind::KernelApi) return v;
    const Group& g = core_.groups().at(size_t(core_.devices().at(size_t(dev)).group));
    auto a = attached_.find(dev);
    v.domain = a != attached_.end() ? a->second.first : g.default_domain;   // else the DMA API's domain
    v.user_owned = !g.owner.empty() || !g.legacy_claim.empty();
    return v;
}

void Ops::scan_hazards() {
    for (size_t gi = 0; gi < core_.groups().size(); ++gi) {
        const Group& g = core_.groups()[gi];
        bool owned = !g.owner.empty() || !g.legacy_claim.empty();
        bool kernel = std::any_of(g.devices.begin(), g.devices.end(), [&](int d) {
            auto k = kind_.find(d);
            return k != kind_.end() && k->second == DmaKind::KernelApi;
        });
        bool active = owned && kernel;
        if (active && !hazard_open_[gi]) ++stats_.hazard_periods;
        hazard_open_[gi] = active;
    }
}

// --- random steps ---

uint64_t Ops::pick_iova(uint64_t pages) {
    const std::vector<uint64_t>& block = pools_.iova_blocks[size_t(pick(pools_.iova_blocks.size()))];
    return block[size_t(pick(block.size() - pages + 1))];
}

int Ops::pick_domain() { return doms_.empty() ? kNone : doms_[size_t(pick(doms_.size()))]; }

int Ops::pick_attached_domain() {
    std::vector<int> on;
    for (const Group& g : core_.groups())
        if (std::find(doms_.begin(), doms_.end(), g.domain) != doms_.end()) on.push_back(g.domain);
    return on.empty() || pick(4) == 0 ? pick_domain() : on[size_t(pick(on.size()))];
}

void Ops::random_step() {
    int dev = pick_device();
    int group = core_.devices().at(size_t(dev)).group;
    int r = pick(100);
    if (r < 9) {
        bind(dev, pick(2) ? DmaKind::KernelApi : DmaKind::DriverManaged);
    } else if (r < 15) {
        unbind(dev);
    } else if (r < 20) {
        if (doms_.size() < kMaxDomains) alloc(dev);
        else free(pick_domain());
    } else if (r < 23) {
        if (int d = pick_domain(); d != kNone) free(d);
    } else if (r < 43) {
        if (int d = pick_attached_domain(); d != kNone) {
            static const int prots[] = {kProtRead | kProtWrite, kProtRead | kProtWrite, kProtRead, kProtWrite};
            uint64_t pages = 1 + uint64_t(pick(3));
            uint64_t pa = pools_.data_pages[size_t(pick(pools_.data_pages.size() - pages + 1))];
            map(d, pick_iova(pages), pa, pages, prots[pick(4)]);
        }
    } else if (r < 55) {
        uint64_t pages = 1 + uint64_t(pick(4));
        if (int d = pick_attached_domain(); d != kNone) unmap(d, pick_iova(pages), pages);
    } else if (r < 64) {
        if (int d = pick_domain(); d != kNone) attach_device(d, dev);
    } else if (r < 70) {
        int d = pick(3) ? core_.groups().at(size_t(group)).domain : pick_domain();
        if (d != kNone) detach_device(d, dev);
    } else if (r < 76) {
        if (int d = pick_domain(); d != kNone) attach_group(d, dev);
    } else if (r < 80) {
        detach_group(core_.groups().at(size_t(group)).domain, dev);
    } else if (r < 87) {
        claim(group, kOwners[pick(2)], pick(2));
    } else if (r < 93) {
        release(group, pick(2));
    } else {
        int cur = core_.groups().at(size_t(group)).domain;
        bool cur_is_test = std::find(doms_.begin(), doms_.end(), cur) != doms_.end();
        if (int d = pick_domain(); d != kNone) replace(group, cur_is_test && pick(4) ? cur : kNone, d);
    }
    scan_hazards();
}

void Ops::tear_down() {
    for (size_t dev = 0; dev < core_.devices().size(); ++dev) unbind(int(dev));
    for (size_t gi = 0; gi < core_.groups().size(); ++gi) {
        int group = int(gi);
        auto& g = core_.groups()[gi];
        for (int i = 0; i < 100000 && (!g.owner.empty() || !g.legacy_claim.empty()); ++i) release(group, false);
        int dev = g.devices.front();
        for (int i = 0; i < 100000 && g.domain != g.default_domain; ++i) {
            if (core_.options().policy == PolicyKind::SharedAttach) detach_device(g.domain, dev);
            else detach_group(g.domain, dev);
        }
    }
    while (!doms_.empty())
        if (free(doms_.back()) != kOk) break;
    scan_hazards();
}

}  // namespace socsim::test::isolation
