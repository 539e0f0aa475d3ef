// [unit] The SMMU datapath without SystemC: TLB and PTC as caches (LRU
// capacity, every flush kind, stale entries kept until flushed), and
// SmmuModel translating through the tables the real tegra-smmu driver
// wrote: bypass, TLB miss -> walk -> hit, faults by reason, stale
// translations until the driver's flush sequence, walk timing.
#include <catch2/catch.hpp>

#include <cstring>

#include "smmu/hw/smmu_model.h"
#include "soc/soc_registry.h"
#include "support/tegra_rig.h"
#include "util/histogram.h"

using namespace socsim;
using namespace socsim::smmu;

namespace {

TlbFlush tlb_flush(uint32_t va_match, uint64_t iova, std::optional<uint32_t> asid) {
    return {va_match == SMMU_TLB_FLUSH_VA_MATCH_ALL, va_match, iova, asid.has_value(), asid.value_or(0)};
}

bool hit(Tlb& t, uint32_t asid, uint64_t iova) {
    uint32_t leaf;
    bool section;
    return t.lookup(asid, iova, leaf, section);
}

// DRAM reads for walks with a fixed 100 ns per atom, counting fetches.
struct FixedMemory final : WalkMemory {
    soc::SparseMemory& dram;
    int fetches = 0;
    explicit FixedMemory(soc::SparseMemory& d) : dram(d) {}
    bool fetch_atom(uint64_t line, uint8_t* out, uint64_t at_ps, uint64_t& done_ps) override {
        if (!dram.contains(line, soc_atom)) return false;
        ++fetches;
        dram.read(line, out, soc_atom);
        done_ps = at_ps + 100'000;
        return true;
    }
    uint32_t soc_atom = 32;
};

// The real driver on plain ports, plus the datapath on the same registers.
struct Datapath {
    test::TegraRig rig{soc::tegra124()};
    FixedMemory mem{rig.dram};
    soc::HwParams params;
    SmmuModel model{rig.soc, params, rig.regs, mem};
    size_t client;   // msencsrd (swgroup msenc)
    int dev, dom;

    Datapath() {
        rig.driver.probe();
        const soc::MemoryClient* c = rig.soc.find_client("msencsrd");
        client = static_cast<size_t>(c - rig.soc.clients.data());
        int group = rig.core->add_group("msenc");
        dev = rig.core->add_device("dma0", group, {"msenc"});
        dom = rig.core->domain_alloc("dom", iommu::DomainType::Paging, iommu::AllocApi::Paging, dev);
        REQUIRE(dom >= 0);
    }
    Translation tr(uint64_t iova, bool write = false) { return model.translate(client, iova, write, 0); }
};

}  // namespace

TEST_CASE("TLB: LRU over its lines, lookups by ASID and page", "[unit][smmu-hw]") {
    Tlb t(4);
    for (uint64_t p = 0; p < 4; ++p) t.insert(1, p << 12, 0x80000000u | uint32_t(p), false);
    CHECK(hit(t, 1, 0x0));          // page 0 becomes most recent
    t.insert(1, 0x4000, 0, false);  // evicts page 1, the least recently used
    CHECK_FALSE(hit(t, 1, 0x1000));
    CHECK(hit(t, 1, 0x0fff));
    CHECK(hit(t, 1, 0x2000));
    CHECK_FALSE(hit(t, 2, 0x2000));  // another ASID misses
    CHECK(t.valid_lines() == 4);
}

TEST_CASE("TLB: ALL, ASID, SECTION and GROUP flushes remove exactly their lines", "[unit][smmu-hw]") {
    Tlb t(16);
    auto fill = [&] {
        t.flush(tlb_flush(SMMU_TLB_FLUSH_VA_MATCH_ALL, 0, std::nullopt));
        for (uint64_t iova : {0x0ull, 0x3000ull, 0x4000ull, 0x400000ull}) {
            t.insert(1, iova, 0xc0000000u, false);
            t.insert(2, iova, 0xc0000000u, false);
        }
    };
    fill();
    CHECK(t.flush(tlb_flush(SMMU_TLB_FLUSH_VA_MATCH_ALL, 0, std::nullopt)) == 8);
    fill();
    CHECK(t.flush(tlb_flush(SMMU_TLB_FLUSH_VA_MATCH_ALL, 0, 2u)) == 4);
    CHECK(hit(t, 1, 0x400000));
    CHECK_FALSE(hit(t, 2, 0x0));
    fill();  // SECTION: the 4 MiB of 0x1000 for ASID 1 = pages 0, 3, 4 (not 0x400000)
    CHECK(t.flush(tlb_flush(SMMU_TLB_FLUSH_VA_MATCH_SECTION, 0x1000, 1u)) == 3);
    CHECK(hit(t, 1, 0x400000));
    CHECK(hit(t, 2, 0x3000));
    fill();  // GROUP: the 16 KiB of 0x2000 = pages 0 and 3, not 4
    CHECK(t.flush(tlb_flush(SMMU_TLB_FLUSH_VA_MATCH_GROUP, 0x2000, 1u)) == 2);
    CHECK(hit(t, 1, 0x4000));
    CHECK_FALSE(hit(t, 1, 0x3000));
    CHECK(hit(t, 2, 0x3000));
}

TEST_CASE("PTC: atoms stay stale until a flush names them", "[unit][smmu-hw]") {
    Ptc p(2, 32);
    uint8_t atom[32];
    std::memset(atom, 0, sizeof atom);
    uint32_t w = 0x11223344;
    std::memcpy(atom + 8, &w, 4);
    p.insert(0x1000, atom);
    uint32_t got = 0;
    REQUIRE(p.lookup(0x1008, got));
    CHECK(got == 0x11223344);
    CHECK_FALSE(p.lookup(0x1020, got));              // next atom: not cached
    CHECK(p.flush({false, 0x1020}) == 0);            // another atom's address
    CHECK(p.lookup(0x1008, got));
    CHECK(p.flush({false, 0x101c}) == 1);            // any address inside the atom
    CHECK_FALSE(p.lookup(0x1008, got));
    p.insert(0x1000, atom);
    p.insert(0x2000, atom);
    p.insert(0x3000, atom);                          // 2 lines: evicts 0x1000
    CHECK_FALSE(p.lookup(0x1000, got));
    CHECK(p.flush({true, 0}) == 2);
}

TEST_CASE("SMMU model: bypass until attached, then walk once and hit the TLB", "[unit][smmu-hw]") {
    Datapath d;
    REQUIRE(d.rig.core->map(d.dom, 0x100000, 0x81000000, 0x2000, iommu::kProtRead | iommu::kProtWrite) == 0);
    Translation t = d.tr(0x82000040);
    CHECK(t.bypass);
    CHECK(t.result.pa == 0x82000040);
    REQUIRE(d.rig.core->attach_device(d.dom, d.dev) == 0);
    t = d.tr(0x100040);
    CHECK_FALSE(t.bypass);
    CHECK_FALSE(t.tlb_hit);
    CHECK(t.result.fault == FaultReason::None);
    CHECK(t.result.pa == 0x81000040);
    CHECK(d.mem.fetches == 2);                        // PDE atom and PTE atom
    CHECK(t.done_ps == d.params.tlb_hit_ns * 1000 + 2 * 100'000);
    CHECK(d.model.stats().walk_latency_ns.count() == 1);
    t = d.tr(0x100ffc, true);
    CHECK(t.tlb_hit);
    CHECK(t.result.pa == 0x81000ffc);
    CHECK(t.done_ps == d.params.tlb_hit_ns * 1000);
    // The next page's PTE shares the PTE atom: a walk that hits the PTC twice.
    t = d.tr(0x101000);
    CHECK_FALSE(t.tlb_hit);
    CHECK(d.mem.fetches == 2);
    CHECK(d.model.stats().ptc_hits == 2);
    CHECK(t.result.pa == 0x81001000);
}

TEST_CASE("SMMU model: faults by reason, and denied pages stay cached for the next check", "[unit][smmu-hw]") {
    Datapath d;
    REQUIRE(d.rig.core->attach_device(d.dom, d.dev) == 0);
    REQUIRE(d.rig.core->map(d.dom, 0x200000, 0x81100000, 0x1000, iommu::kProtRead) == 0);
    REQUIRE(d.rig.core->map(d.dom, 0x201000, 0x81101000, 0x1000, iommu::kProtWrite) == 0);
    CHECK(d.tr(0x200000, true).result.fault == FaultReason::WriteDenied);
    CHECK(d.tr(0x200000, false).tlb_hit);
    CHECK(d.tr(0x200000, false).result.fault == FaultReason::None);
    CHECK(d.tr(0x201000, false).result.fault == FaultReason::ReadDenied);
    CHECK(d.tr(0x202000).result.fault == FaultReason::PteInvalid);
    CHECK(d.tr(0x10000000).result.fault == FaultReason::PdeInvalid);
    const SmmuStats& s = d.model.stats();
    CHECK(s.faults[size_t(FaultReason::WriteDenied)] == 1);
    CHECK(s.faults[size_t(FaultReason::ReadDenied)] == 1);
    CHECK(s.faults[size_t(FaultReason::PteInvalid)] == 1);
    CHECK(s.faults[size_t(FaultReason::PdeInvalid)] == 1);
    CHECK(s.fault_total() == 4);
}

TEST_CASE("SMMU model: a rewritten PTE stays stale until the reference flush sequence", "[unit][smmu-hw]") {
    Datapath d;
    REQUIRE(d.rig.core->attach_device(d.dom, d.dev) == 0);
    REQUIRE(d.rig.core->map(d.dom, 0x300000, 0x81200000, 0x1000, iommu::kProtRead | iommu::kProtWrite) == 0);
    CHECK(d.tr(0x300000).result.pa == 0x81200000);
    // Rewrite the PTE behind the SMMU's back, as a driver that forgets to flush.
    uint64_t pd = *d.rig.driver.pd_of(d.rig.core->domains().at(size_t(d.dom)));
    uint32_t pde = d.rig.dram.read32(pd + iova_pd_index(0x300000) * 4);
    uint64_t pte_addr = (uint64_t(pde & 0x3fffff) << 12) + iova_pt_index(0x300000) * 4;
    uint32_t pte = d.rig.dram.read32(pte_addr);
    d.rig.dram.write32(pte_addr, (pte & SMMU_ATTR_MASK) | (0x81300000 >> 12));
    CHECK(d.tr(0x300000).result.pa == 0x81200000);   // TLB hit: old translation
    // TLB flush alone: the walk finds the PTE in the (stale) PTC.
    uint32_t asid = *d.rig.driver.asid_of(d.rig.core->domains().at(size_t(d.dom)));
    d.rig.regs.write32(SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_ASID_MATCH | SMMU_TLB_FLUSH_ASID(asid, 128) |
                                          SMMU_TLB_FLUSH_VA_GROUP(0x300000) | SMMU_TLB_FLUSH_VA_MATCH_GROUP);
    Translation t = d.tr(0x300000);
    CHECK_FALSE(t.tlb_hit);
    CHECK(t.result.pa == 0x81200000);
    // The reference sequence: PTC flush at the entry (HI first), TLB flush GROUP, read-back.
    d.rig.regs.write32(SMMU_PTC_FLUSH_HI, uint32_t(pte_addr >> 32));
    d.rig.regs.write32(SMMU_PTC_FLUSH, uint32_t(pte_addr) | SMMU_PTC_FLUSH_TYPE_ADR);
    d.rig.regs.write32(SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_ASID_MATCH | SMMU_TLB_FLUSH_ASID(asid, 128) |
                                          SMMU_TLB_FLUSH_VA_GROUP(0x300000) | SMMU_TLB_FLUSH_VA_MATCH_GROUP);
    d.rig.regs.read32(SMMU_PTB_ASID);
    CHECK(d.tr(0x300000).result.pa == 0x81300000);
    // And the driver's own unmap runs the sequence: the IOVA faults at once.
    REQUIRE(d.rig.core->unmap(d.dom, 0x300000, 0x1000) == 0);
    CHECK(d.tr(0x300000).result.fault != FaultReason::None);
}

TEST_CASE("SMMU model: a page table outside DRAM faults instead of reading it", "[unit][smmu-hw]") {
    Datapath d;
    REQUIRE(d.rig.core->attach_device(d.dom, d.dev) == 0);
    REQUIRE(d.rig.core->map(d.dom, 0x400000, 0x81000000, 0x1000, iommu::kProtRead) == 0);
    uint64_t pd = *d.rig.driver.pd_of(d.rig.core->domains().at(size_t(d.dom)));
    // Point the PDE at a PT beyond DRAM (0x10000000 is below its base).
    d.rig.dram.write32(pd + iova_pd_index(0x400000) * 4, SMMU_PDE_ATTR | SMMU_PDE_NEXT | (0x10000000 >> 12));
    d.rig.regs.write32(SMMU_PTC_FLUSH, SMMU_PTC_FLUSH_TYPE_ALL);
    d.rig.regs.write32(SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_VA_MATCH_ALL);
    CHECK(d.tr(0x400000).result.fault == FaultReason::TableOutsideDram);
}

TEST_CASE("histogram: exact below 1 us, within 1.6% above; quantiles", "[unit]") {
    Histogram h;
    for (uint64_t v = 1; v <= 100; ++v) h.add(v);
    CHECK(h.count() == 100);
    CHECK(h.mean() == Approx(50.5));
    CHECK(h.quantile(0.5) == 50);
    CHECK(h.quantile(0.99) == 99);
    CHECK(h.quantile(1.0) == 100);
    Histogram big;
    big.add(1'000'000);
    uint64_t q = big.quantile(0.5);
    CHECK(q >= 1'000'000);
    CHECK(q <= 1'000'000);  // capped at the maximum seen
    Histogram spread;
    for (int i = 0; i < 99; ++i) spread.add(100);
    spread.add(123'456);
    CHECK(spread.quantile(0.99) == 100);
    CHECK(spread.quantile(0.999) == 123'456);
    for (uint64_t v : {5'000ull, 77'777ull, 3'000'000'000ull}) {
        Histogram one;
        one.add(v);
        one.add(v + 1);
        uint64_t up = one.buckets().front().first;
        CHECK(up >= v);
        CHECK(double(up - v) / double(v) < 0.016);
    }
}
