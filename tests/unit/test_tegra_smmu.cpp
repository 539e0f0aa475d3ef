// [unit] The tegra-smmu driver against the SMMU register block and DRAM:
// bring-up values, the as_prepare / set_pde / set_pte register sequences of
// tegra-facts §1.3-1.7, ASID allocation and exhaustion, swgroup and client
// enable bits, and what the SMMU's walk finds in the tables it wrote.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "smmu/core/errno.h"
#include "smmu/hw/page_walk.h"
#include "soc/soc_registry.h"
#include "support/tegra_rig.h"

using namespace socsim;
using namespace socsim::iommu;
using namespace socsim::smmu;

namespace {

// Records every register access between the driver and the register block.
class RecordingPort final : public McRegPort {
public:
    explicit RecordingPort(SmmuRegisters& regs) : regs_(regs) {}
    uint32_t read32(uint32_t off) override {
        log.push_back({false, off, 0});
        return regs_.read32(off);
    }
    void write32(uint32_t off, uint32_t v) override {
        log.push_back({true, off, v});
        regs_.write32(off, v);
    }
    struct Access {
        bool write;
        uint32_t offset, value;
        bool operator==(const Access& o) const { return write == o.write && offset == o.offset && value == o.value; }
    };
    std::vector<Access> log;

private:
    SmmuRegisters& regs_;
};

struct Bench {
    const soc::SocInfo& soc;
    soc::SparseMemory dram{0x80000000, 64ull << 20};
    SmmuRegisters regs{soc};
    RecordingPort port{regs};
    PlainDramPort dram_port{dram};
    TegraSmmu driver{soc, port, dram_port, PagePool(0x80000000 + (60ull << 20), 4ull << 20)};
    explicit Bench(const soc::SocInfo& s) : soc(s) {}

    Domain domain(DomainType type) {
        Domain d;
        d.name = "d";
        d.type = type;
        d.hw = driver.domain_alloc(d);
        return d;
    }
    static Device device(std::vector<std::string> swgroups) {
        Device dev;
        dev.name = "dev";
        dev.swgroups = std::move(swgroups);
        return dev;
    }
    WalkResult walk(const Domain& d, uint64_t iova, bool write) {
        return walk_tables(regs.ptb(*driver.asid_of(d)), smmu_pfn_mask(soc.num_address_bits), iova, write,
                           [&](uint64_t pa) { return dram.read32(pa); });
    }
};

using A = RecordingPort::Access;

}  // namespace

TEST_CASE("tegra-smmu: probe programs PTC, TLB and SMMU_CONFIG as tegra_smmu_probe", "[unit][tegra-smmu]") {
    Bench b(soc::tegra124());
    b.driver.probe();
    std::vector<A> want = {
        {true, SMMU_PTC_CONFIG, SMMU_PTC_CONFIG_ENABLE | 0x3f | (8u << 24)},  // request limit on T124
        {true, SMMU_TLB_CONFIG, SMMU_TLB_CONFIG_HIT_UNDER_MISS | SMMU_TLB_CONFIG_ROUND_ROBIN_ARBITRATION | 32},
        {true, SMMU_PTC_FLUSH, SMMU_PTC_FLUSH_TYPE_ALL},
        {true, SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_VA_MATCH_ALL},
        {true, SMMU_CONFIG, SMMU_CONFIG_ENABLE},
        {false, SMMU_PTB_ASID, 0},
    };
    CHECK(b.port.log == want);
    CHECK(b.regs.smmu_enabled());
}

TEST_CASE("tegra-smmu: first attach takes an ASID, programs PTB and enables swgroup and clients", "[unit][tegra-smmu]") {
    Bench b(soc::tegra124());
    b.driver.probe();
    Domain d = b.domain(DomainType::Paging);
    b.port.log.clear();
    REQUIRE(b.driver.attach_dev(d, Bench::device({"hc"})) == kOk);
    uint64_t pd = *b.driver.pd_of(d);
    // as_prepare: PTC flush at the PD (HI first on a 34-bit MC), TLB flush of
    // the ASID, PTB_ASID then PTB_DATA, read-back.
    std::vector<A> head = {
        {true, SMMU_PTC_FLUSH_HI, 0},
        {true, SMMU_PTC_FLUSH, static_cast<uint32_t>(pd) | SMMU_PTC_FLUSH_TYPE_ADR},
        {true, SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_ASID_MATCH | (0u << 24) | SMMU_TLB_FLUSH_VA_MATCH_ALL},
        {true, SMMU_PTB_ASID, 0},
        {true, SMMU_PTB_DATA, static_cast<uint32_t>(pd >> 12) | SMMU_PTB_ATTR},
        {false, SMMU_PTB_ASID, 0},
    };
    REQUIRE(b.port.log.size() > head.size());
    CHECK(std::vector<A>(b.port.log.begin(), b.port.log.begin() + 6) == head);
    // Then enable: the clients' bits (read-modify-write), the ASID register last.
    CHECK(b.port.log.back() == A{true, 0x250, SMMU_ASID_ENABLE | 0});
    const soc::Swgroup& hc = *b.soc.find_swgroup("hc");
    CHECK(b.regs.swgroup_enabled(hc));
    for (const auto* c : b.soc.clients_of("hc"))
        if (c->smmu) CHECK(b.regs.client_enabled(*c));
    CHECK(route(b.regs, hc, b.soc.clients_of("hc").front()).translate);
    CHECK(b.driver.asids_in_use() == 1);
    // Detach clears the enable bits (bypass) and frees the ASID.
    b.driver.detach_dev(d, Bench::device({"hc"}));
    CHECK_FALSE(b.regs.swgroup_enabled(hc));
    CHECK_FALSE(route(b.regs, hc, b.soc.clients_of("hc").front()).translate);
    CHECK(b.driver.asids_in_use() == 0);
    CHECK_FALSE(b.driver.asid_of(d).has_value());
}

TEST_CASE("tegra-smmu: map writes PDE then PTE, each with its PTC and TLB flush", "[unit][tegra-smmu]") {
    Bench b(soc::tegra30());  // 4 ASIDs: 2-bit ASID field at bit 29; 32-bit MC: no PTC_FLUSH_HI
    b.driver.probe();
    Domain d = b.domain(DomainType::Paging);
    REQUIRE(b.driver.attach_dev(d, Bench::device({"dc"})) == kOk);
    REQUIRE(b.driver.attach_dev(b.domain(DomainType::Paging), Bench::device({"hc"})) == kOk);  // ASID 1
    Domain d2 = b.domain(DomainType::Paging);
    REQUIRE(b.driver.attach_dev(d2, Bench::device({"vde"})) == kOk);                              // ASID 2
    b.port.log.clear();
    const uint64_t iova = 0x12345000;
    REQUIRE(b.driver.map(d2, iova, 0x81000000, 4096, kProtRead | kProtWrite) == kOk);
    uint64_t pd = *b.driver.pd_of(d2);
    uint32_t pde = iova_pd_index(iova);
    uint32_t pde_value = b.dram.read32(pd + pde * 4);
    uint64_t pt = uint64_t(pde_value & 0xfffff) << 12;
    uint32_t pte_off = iova_pt_index(iova) * 4;
    std::vector<A> want = {
        // set_pde: PTC flush at the PDE (offset rounded down to the 16-byte atom), TLB SECTION flush.
        {true, SMMU_PTC_FLUSH, static_cast<uint32_t>(pd + (pde * 4 & ~15u)) | 1},
        {true, SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_ASID_MATCH | (2u << 29) | ((iova & 0xffc00000) >> 12) | 2},
        {false, SMMU_PTB_ASID, 0},
        // set_pte: PTC flush at the PTE, TLB GROUP flush.
        {true, SMMU_PTC_FLUSH, static_cast<uint32_t>(pt + (pte_off & ~15u)) | 1},
        {true, SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_ASID_MATCH | (2u << 29) | ((iova & 0xffffc000) >> 12) | 3},
        {false, SMMU_PTB_ASID, 0},
    };
    CHECK(b.port.log == want);
    CHECK((pde_value & 0xf0000000u) == (SMMU_PDE_ATTR | SMMU_PDE_NEXT));
    CHECK(b.dram.read32(pt + pte_off) == (0x81000u | SMMU_PTE_READABLE | SMMU_PTE_WRITABLE | SMMU_PTE_NONSECURE));
    CHECK(b.walk(d2, iova + 0x10, true).pa == 0x81000010);
    CHECK(b.driver.iova_to_phys(d2, iova + 0x10) == 0x81000010u);
}

TEST_CASE("tegra-smmu: permissions and unmap as the SMMU walk sees them; PT pages are refcounted",
          "[unit][tegra-smmu]") {
    Bench b(soc::tegra124());
    b.driver.probe();
    Domain d = b.domain(DomainType::Paging);
    REQUIRE(b.driver.attach_dev(d, Bench::device({"msenc"})) == kOk);
    size_t pages = b.driver.pool().pages_in_use();  // the PD
    REQUIRE(b.driver.map(d, 0x100000, 0x82000000, 2 * 4096, kProtRead) == kOk);
    CHECK(b.driver.pool().pages_in_use() == pages + 1);  // one PT for both pages
    CHECK(b.walk(d, 0x100000, false).pa == 0x82000000);
    CHECK(b.walk(d, 0x101004, false).pa == 0x82001004);
    CHECK(b.walk(d, 0x100000, true).fault == FaultReason::WriteDenied);
    CHECK(b.walk(d, 0x102000, false).fault == FaultReason::PteInvalid);
    CHECK(b.walk(d, 0x800000, false).fault == FaultReason::PdeInvalid);
    CHECK(b.driver.unmap(d, 0x100000, 4096) == 4096);
    CHECK(b.walk(d, 0x100000, false).fault == FaultReason::PteInvalid);
    CHECK(b.driver.pool().pages_in_use() == pages + 1);
    CHECK(b.driver.unmap(d, 0x100000, 2 * 4096) == 4096);  // only one page was still mapped
    CHECK(b.driver.pool().pages_in_use() == pages);         // the PT went with its last PTE
    CHECK(b.walk(d, 0x101000, false).fault == FaultReason::PdeInvalid);
    CHECK_FALSE(b.driver.iova_to_phys(d, 0x101000).has_value());
}

TEST_CASE("tegra-smmu: ASIDs run out at num_asids (ENOSPC), with nothing changed", "[unit][tegra-smmu]") {
    Bench b(soc::tegra30());
    b.driver.probe();
    const char* sws[] = {"dc", "dcb", "g2", "hc"};
    for (const char* sw : sws) REQUIRE(b.driver.attach_dev(b.domain(DomainType::Paging), Bench::device({sw})) == kOk);
    CHECK(b.driver.asids_in_use() == 4);
    Domain fifth = b.domain(DomainType::Paging);
    // Two swgroups (gr3d: nv, nv2): the first prepare fails, so nothing is enabled.
    CHECK(b.driver.attach_dev(fifth, Bench::device({"nv", "nv2"})) == kENOSPC);
    CHECK(b.driver.stats().asid_exhausted == 1);
    CHECK_FALSE(b.regs.swgroup_enabled(*b.soc.find_swgroup("nv")));
    CHECK_FALSE(b.regs.swgroup_enabled(*b.soc.find_swgroup("nv2")));
    CHECK(b.driver.asids_in_use() == 4);
    // One address space on several swgroups takes one ASID.
    Bench c(soc::tegra30());
    c.driver.probe();
    Domain shared = c.domain(DomainType::Paging);
    REQUIRE(c.driver.attach_dev(shared, Bench::device({"nv", "nv2"})) == kOk);
    REQUIRE(c.driver.attach_dev(shared, Bench::device({"dc"})) == kOk);
    CHECK(c.driver.asids_in_use() == 1);
}

TEST_CASE("tegra-smmu: identity bypasses; a blocked domain translates through a PD that maps nothing",
          "[unit][tegra-smmu]") {
    Bench b(soc::tegra124());
    b.driver.probe();
    const soc::Swgroup& sw = *b.soc.find_swgroup("vic");
    Domain identity = b.domain(DomainType::Identity);
    REQUIRE(b.driver.attach_dev(identity, Bench::device({"vic"})) == kOk);
    CHECK_FALSE(route(b.regs, sw, nullptr).translate);
    CHECK(b.driver.asids_in_use() == 0);
    Domain blocked = b.domain(DomainType::Blocked);
    b.driver.detach_dev(identity, Bench::device({"vic"}));
    REQUIRE(b.driver.attach_dev(blocked, Bench::device({"vic"})) == kOk);
    CHECK(route(b.regs, sw, nullptr).translate);
    for (uint64_t iova : {0x0ull, 0x80000000ull, 0xfffff000ull})
        CHECK(b.walk(blocked, iova, false).fault == FaultReason::PdeInvalid);
}

TEST_CASE("tegra-smmu: a PA beyond the MC's address bits is refused; a full pool is ENOMEM", "[unit][tegra-smmu]") {
    Bench b(soc::tegra30());  // 32 address bits
    b.driver.probe();
    Domain d = b.domain(DomainType::Paging);
    CHECK(b.driver.map(d, 0x0, 0x100000000ull, 4096, kProtRead) == kEINVAL);
    // 1023 pages left in the pool: one PT per 4 MiB section uses them up.
    int rc = kOk;
    uint64_t iova = 0;
    for (; iova < (1ull << 32) && rc == kOk; iova += 4ull << 20) rc = b.driver.map(d, iova, 0x80000000, 4096, kProtRead);
    CHECK(rc == kENOMEM);
    CHECK(iova == 1024 * (4ull << 20));
    CHECK_FALSE(b.driver.iova_to_phys(d, iova - (4ull << 20)).has_value());  // the failed map left nothing
}

TEST_CASE("SMMU registers decode TLB and PTC flush writes for the caches", "[unit][tegra-smmu]") {
    const soc::SocInfo& soc = soc::tegra124();
    SmmuRegisters regs(soc);
    std::vector<TlbFlush> tlb;
    std::vector<PtcFlush> ptc;
    regs.tlb_flush_listeners.push_back([&](const TlbFlush& f) { tlb.push_back(f); });
    regs.ptc_flush_listeners.push_back([&](const PtcFlush& f) { ptc.push_back(f); });
    regs.write32(SMMU_TLB_FLUSH, SMMU_TLB_FLUSH_ASID_MATCH | SMMU_TLB_FLUSH_ASID(77, 128) |
                                     SMMU_TLB_FLUSH_VA_GROUP(0xabcd5000) | SMMU_TLB_FLUSH_VA_MATCH_GROUP);
    REQUIRE(tlb.size() == 1);
    CHECK(tlb[0].asid_match);
    CHECK(tlb[0].asid == 77);
    CHECK(tlb[0].va_match == SMMU_TLB_FLUSH_VA_MATCH_GROUP);
    CHECK(tlb[0].iova == 0xabcd4000);
    regs.write32(SMMU_PTC_FLUSH_HI, 2);
    regs.write32(SMMU_PTC_FLUSH, 0x12345040 | SMMU_PTC_FLUSH_TYPE_ADR);
    REQUIRE(ptc.size() == 1);
    CHECK_FALSE(ptc[0].all);
    CHECK(ptc[0].address == 0x212345040ull);
    regs.write32(SMMU_PTB_ASID, 5);
    regs.write32(SMMU_PTB_DATA, 0xe0012345);
    regs.write32(SMMU_PTB_ASID, 6);
    CHECK(regs.read32(SMMU_PTB_DATA) == 0);
    CHECK(regs.ptb(5) == 0xe0012345);
    CHECK(regs.read32(0xffc) == 0);
    CHECK(regs.unknown_accesses() == 1);
}
