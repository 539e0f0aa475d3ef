#include "model/isolation/isolation_run.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>

#include <fmt/format.h>

#include "model/isolation/ops.h"
#include "model/isolation/traffic.h"
#include "smmu/core/errno.h"
#include "smmu/tegra/device_group.h"
#include "smmu/tegra/tegra_smmu.h"

namespace socsim::test::isolation {

using namespace socsim::iommu;

namespace {

constexpr uint64_t kDefaultSeed = 0x15011a7e;
constexpr size_t kOps = 1700;
constexpr size_t kAccessesPerOp = 60;
constexpr size_t kPrologueAccesses = 2000;
constexpr size_t kMinAccesses = 100000;

// Physical pages mappings point at, and a DRAM arena that bypassed accesses
// (IOVA = PA under identity) reach; both below the page-table pool at the
// top of the board's 256 MiB.
constexpr uint64_t kDataBase = 0x88000000, kDataPages = 256;
constexpr uint64_t kArenaBase = 0x8c000000, kArenaPages = 16;
// Candidate IOVA pages: 16 in each of four 4 MiB sections (two adjacent, the
// last of the aperture), plus the arena's addresses (what the DMA API hands
// out under identity, so that a translating domain may map them too).
constexpr uint64_t kSections[] = {0x01000000, 0x01400000, 0x40000000, 0xffc00000};
constexpr uint64_t kPagesPerSection = 16;

std::map<std::string, std::unique_ptr<RawInitiator>, std::less<>>& initiators() {
    static std::map<std::string, std::unique_ptr<RawInitiator>, std::less<>> m;
    return m;
}

std::vector<std::string> swgroups_of(const dts::DtNode& node) {
    std::vector<std::string> out;
    for (const auto& spec : node.iommus)
        if (spec.swgroup) out.emplace_back(spec.swgroup->name);
    return out;
}

uint64_t seed_from_env() {
    const char* s = std::getenv("SOCSIM_ISOLATION_SEED");
    return s && *s ? std::strtoull(s, nullptr, 0) : kDefaultSeed;
}

std::vector<uint8_t> pattern(uint64_t seed, uint64_t bytes) {
    std::vector<uint8_t> b(bytes);
    std::mt19937_64 r(seed);
    for (auto& v : b) v = uint8_t(r());
    return b;
}

struct Rig {
    smmu::TegraSmmu driver;
    IommuCore core;
    std::map<const dts::DtNode*, int> devices;
    std::map<std::string, int> by_label;

    explicit Rig(PolicyKind policy)
        : driver(soc_info(), platform().mc_port, platform().dram_port, page_table_pool()),
          core(driver, CoreOptions{policy, ReplaceUnwind::RestoreOld, DomainType::Identity}) {
        driver.probe();
        for (const auto& g : smmu::tegra::form_groups(board()).groups) {
            int gi = core.add_group(g.name);
            REQUIRE(gi >= 0);
            for (const dts::DtNode* node : g.devices) {
                int dev = core.add_device(node->display_name(), gi, swgroups_of(*node));
                REQUIRE(dev >= 0);
                devices[node] = dev;
                by_label[node->display_name()] = dev;
            }
        }
        platform().cpu.sync();
    }
    int dev(const std::string& label) const { return by_label.at(label); }
    int group_of(int dev) const { return core.devices().at(size_t(dev)).group; }
};

std::vector<Endpoint> endpoints(const Rig& rig) {
    std::map<std::string, std::vector<int>> by_swgroup;
    for (const auto& [node, dev] : rig.devices)
        for (const auto& sw : swgroups_of(*node)) by_swgroup[sw].push_back(dev);
    std::vector<Endpoint> out;
    for (const auto& [sw, devs] : by_swgroup)
        for (const soc::MemoryClient* c : soc_info().clients_of(sw))
            out.push_back({c, initiators().at(std::string(c->name)).get(), devs});
    return out;
}

AddressPools pools() {
    AddressPools p;
    for (uint64_t s : kSections) {
        p.iova_blocks.emplace_back();
        for (uint64_t i = 0; i < kPagesPerSection; ++i) p.iova_blocks.back().push_back(s + i * kPage);
    }
    p.iova_blocks.emplace_back();
    for (uint64_t i = 0; i < kArenaPages; ++i) p.iova_blocks.back().push_back(kArenaBase + i * kPage);
    for (uint64_t i = 0; i < kDataPages; ++i) p.data_pages.push_back(kDataBase + i * kPage);
    return p;
}

// The DMA side of the test: batches of accesses from random endpoints.
class DmaSource {
public:
    DmaSource(Rig& rig, Oracle& oracle, Ops& ops, Traffic& traffic, std::mt19937_64& rng)
        : rig_(rig), oracle_(oracle), ops_(ops), traffic_(traffic), rng_(rng) {}

    // `n` accesses from the endpoints `from` (all when empty), then the batch's checks.
    void batch(size_t n, const std::vector<const Endpoint*>& from = {}) {
        for (size_t i = 0; i < n; ++i) {
            const Endpoint& ep = from.empty() ? traffic_.endpoints()[pick(traffic_.endpoints().size())]
                                              : *from[pick(from.size())];
            int dev = ep.devices[pick(ep.devices.size())];
            int cur = rig_.core.groups().at(size_t(rig_.group_of(dev))).domain;
            DriverView view = ops_.view(dev);
            static const uint32_t lens[] = {4, 8, 16, 32, 64};
            uint32_t len = lens[pick(5)];
            uint64_t iova = pick_page(view.domain != kNone ? view.domain : cur) + uint64_t(pick(kPage / len)) * len;
            traffic_.access(ep, dev, cur, iova, len, pick(2) == 0, view);
        }
        traffic_.end_batch();
    }

private:
    size_t pick(size_t n) { return size_t(rng_() % n); }

    // Mostly where the driver's domain has mappings (under identity: the
    // arena's physical addresses), else the arena or any candidate page.
    uint64_t pick_page(int dom) {
        size_t r = pick(100);
        if (r < 70 && oracle_.knows(dom)) {
            const auto& pages = oracle_.pages(dom);
            if (!pages.empty()) return std::next(pages.begin(), long(pick(pages.size())))->first;
            if (oracle_.type(dom) == DomainType::Identity) r = 70;
        }
        if (r < 85) return kArenaBase + pick(kArenaPages) * kPage;
        const std::vector<uint64_t>& iovas = all_iovas();
        return iovas[pick(iovas.size())];
    }
    static const std::vector<uint64_t>& all_iovas() {
        static const std::vector<uint64_t> v = [] {
            std::vector<uint64_t> all;
            for (const auto& block : pools().iova_blocks) all.insert(all.end(), block.begin(), block.end());
            return all;
        }();
        return v;
    }

    Rig& rig_;
    Oracle& oracle_;
    Ops& ops_;
    Traffic& traffic_;
    std::mt19937_64& rng_;
};

std::string results(const Ops::Stats& s) {
    std::map<std::string, uint64_t> total;
    for (const auto& [op, by_rc] : s.results)
        for (const auto& [rc, n] : by_rc) total[rc] += n;
    std::string out;
    for (const auto& [rc, n] : total) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", rc, n);
    return out;
}

}  // namespace

ModelConfig config() {
    ModelConfig c;
    c.board = "tests/model/boards/isolation-tegra124.yaml";
    c.elaborate = [](soc::Platform& p) {
        std::set<std::string> swgroups;
        for (const dts::DtNode* node : board().iommu_devices())
            for (const auto& sw : swgroups_of(*node)) swgroups.insert(sw);
        for (const auto& sw : swgroups)
            for (const soc::MemoryClient* c : soc_info().clients_of(sw))
                initiators()[std::string(c->name)] =
                    std::make_unique<RawInitiator>(("iso_" + std::string(c->name)).c_str(), p.mc, *c);
    };
    return c;
}

void run(PolicyKind policy) {
    const uint64_t seed = seed_from_env();
    const std::string name = policy_name(policy);
    std::cout << "isolation [" << name << "]: seed " << fmt::format("{:#x}", seed)
              << " (set SOCSIM_ISOLATION_SEED to change it)\n";
    std::mt19937_64 rng(seed);
    Rig rig(policy);
    std::vector<std::pair<uint64_t, uint64_t>> dram;
    for (const auto& m : board().memory) dram.emplace_back(m.base, m.size);
    Oracle oracle(dram);
    Ops ops(rig.core, oracle, rng, pools());
    std::vector<ShadowRegion> shadow = {{kDataBase, pattern(seed, kDataPages * kPage)},
                                        {kArenaBase, pattern(seed + 1, kArenaPages * kPage)}};
    Traffic traffic(oracle, endpoints(rig), std::move(shadow));
    traffic.load_shadow();
    DmaSource dma(rig, oracle, ops, traffic, rng);
    REQUIRE(traffic.endpoints().size() >= 20);

    // Prologue: a user owner (a VFIO-like file) takes the drm group and puts
    // its own domain on it, mapping the arena's addresses to its pages; then
    // a kernel DMA-API driver binds to dc0, whose DMA-API addresses under
    // the identity default domain are physical (the arena).
    const int dc0 = rig.dev("dc0"), dc1 = rig.dev("dc1"), drm = rig.group_of(dc0);
    int user = ops.alloc(dc1);
    REQUIRE(user >= 0);
    CHECK(ops.claim(drm, "vfio0", false) == kOk);
    int attach = policy == PolicyKind::SharedAttach ? ops.replace(drm, kNone, user) : ops.attach_group(user, dc1);
    CHECK(attach == kOk);
    CHECK(ops.map(user, kArenaBase, kDataBase, kArenaPages, kProtRead | kProtWrite) == kOk);
    int bind = ops.bind(dc0, DmaKind::KernelApi);
    CHECK(bind == (policy == PolicyKind::Legacy ? kOk : kEBUSY));
    ops.scan_hazards();
    std::vector<const Endpoint*> dc0_clients;
    for (const Endpoint& ep : traffic.endpoints())
        if (std::find(ep.devices.begin(), ep.devices.end(), dc0) != ep.devices.end()) dc0_clients.push_back(&ep);
    dma.batch(kPrologueAccesses, dc0_clients);
    const TrafficCounts prologue = traffic.counts();

    for (size_t i = 0; i < kOps; ++i) {
        ops.random_step();
        dma.batch(kAccessesPerOp);
    }
    ops.tear_down();
    dma.batch(kAccessesPerOp);   // after tear-down: identity everywhere
    traffic.compare_shadow();

    const TrafficCounts& c = traffic.counts();
    const Ops::Stats& s = ops.stats();
    // Every memory client of every device issued DMA.
    uint64_t least = UINT64_MAX;
    for (const Endpoint& ep : traffic.endpoints()) least = std::min(least, mc_stats(ep.client->name).requests);
    std::string reasons;
    for (const auto& [reason, n] : c.smmu_faults)
        reasons += fmt::format("{} {}, ", smmu::fault_reason_name(reason), n);
    std::cout << fmt::format(
        "isolation [{}]: {} operations ({}); {} accesses checked ({} reads, {} writes; from {} memory clients, at "
        "least {} each): {} translated, {} bypassed "
        "(identity), {} faulted ({}decode-error {}); {} violations; {} full DRAM compares; legacy hazard: {} periods, "
        "{} accesses by a kernel DMA-API driver's device in a user-owned group off its driver's domain ({} in the "
        "prologue), {} landed outside what its driver mapped; {} accesses on a domain another driver attached "
        "({} landed outside); {} inconsistencies\n",
        name, s.ops, results(s), c.accesses, c.reads, c.writes, traffic.endpoints().size(), least, c.translated, c.bypassed, c.faulted, reasons,
        c.decode_errors, c.violations, c.shadow_compares, s.hazard_periods, c.hazard_accesses,
        prologue.hazard_accesses, c.hazard_landed, c.foreign_accesses, c.foreign_landed, s.inconsistencies);

    for (const auto& v : traffic.first_violations()) UNSCOPED_INFO("violation: " << v);
    for (const auto& v : s.first_inconsistencies) UNSCOPED_INFO("inconsistency: " << v);
    CHECK(c.violations == 0);
    CHECK(s.inconsistencies == 0);
    CHECK(c.accesses >= kMinAccesses);
    CHECK(least > 0);
    // The sequence reached every outcome the oracle predicts.
    CHECK(c.translated > 0);
    CHECK(c.bypassed > 0);
    CHECK(c.decode_errors > 0);
    for (auto reason : {smmu::FaultReason::PdeInvalid, smmu::FaultReason::PteInvalid, smmu::FaultReason::WriteDenied,
                        smmu::FaultReason::ReadDenied})
        CHECK(c.smmu_faults.count(reason) == 1);
    // After tear-down every group is back on its default (identity) domain
    // and nothing holds an ASID or enables a swgroup.
    for (const Group& g : rig.core.groups()) CHECK(g.domain == g.default_domain);
    CHECK(rig.driver.asids_in_use() == 0);
    CHECK(platform().mc.smmu().asids_enabled() == 0);

    if (policy == PolicyKind::Legacy) {
        // The hazard the DMA-ownership series fixes, reproduced and counted.
        CHECK(s.hazard_periods > 0);
        CHECK(prologue.hazard_accesses == kPrologueAccesses);
        CHECK(prologue.hazard_landed > 0);
    } else {
        CHECK(s.hazard_periods == 0);
        CHECK(c.hazard_accesses == 0);
    }
    if (policy == PolicyKind::SharedAttach) CHECK(c.foreign_accesses == 0);
}

}  // namespace socsim::test::isolation
