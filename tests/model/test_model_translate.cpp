// [model] The SMMU datapath of a Tegra124 platform (tegra124-test-dma board:
// test DMA engines dma0 on MSENC, dma1 on TSEC; 256 MiB of DRAM at
// 0x80000000). The tegra-smmu driver and the IOMMU core program it over the
// platform's TLM ports; requests come from the TestDma engines and from raw
// initiators on msencsrd (ID 0x1c) and msencswr (ID 0x2b).
//
// Checked: translation of reads and writes through the PD/PT in DRAM,
// bypass, the blocked domain, permission and unmapped faults with the MC
// error registers and interrupt, DECERR_EMEM, the stale TLB and PTC and the
// flush sequence that ends the staleness (tegra-facts §1.1-1.7), and the
// SMMU model's TLB/PTC/walk counters.
//
// The cases share one platform and run in declaration order. Each attaches
// the domains it needs and unmaps, detaches and frees them when done (the
// MSENC swgroup is back in bypass between cases), and leaves MC_INTSTATUS
// and MC_INTMASK clear.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "model/model_harness.h"
#include "smmu/core/errno.h"
#include "smmu/core/iommu_core.h"
#include "smmu/tegra/smmu_regs.h"
#include "smmu/tegra/tegra_smmu.h"
#include "soc/mc/mc_regs.h"

using namespace socsim;
using namespace socsim::iommu;
using socsim::test::platform;
using socsim::test::dram32;
using socsim::test::raw;
using socsim::test::settle;

socsim::test::ModelConfig socsim::test::model_config() {
    ModelConfig c;
    c.board = "dts/examples/tegra124-test-dma.yaml";
    c.raw_clients = {"msencsrd", "msencswr"};
    return c;
}

namespace {

// Reference values (tegra-facts §1.2, §2.2, §2.3), written out rather than
// taken from the headers under test.
constexpr uint32_t kMsencAsidReg = 0x264;
constexpr uint32_t kMsencsrd = 0x1c;     // bit 28 of 0x228
constexpr uint32_t kMsencswr = 0x2b;     // bit 11 of 0x22c
constexpr uint32_t kAsidEnable = 1u << 31;
constexpr uint32_t kIntInvalidSmmuPage = 1u << 10;
constexpr uint32_t kIntDecerrEmem = 1u << 6;
constexpr uint32_t kTypeInvalidSmmuPage = 6u << 28;
constexpr uint32_t kTypeDecerrEmem = 2u << 28;
constexpr uint32_t kErrRw = 1u << 16;
constexpr uint32_t kErrReadable = 1u << 27, kErrWritable = 1u << 26, kErrNonsecure = 1u << 25;
constexpr uint32_t kPteR = 1u << 31, kPteW = 1u << 30, kPteNs = 1u << 29, kPdeNext = 1u << 28;
constexpr uint64_t kDramEnd = 0x90000000;

uint32_t rd(uint32_t offset) { return platform().cpu.reg_read(offset); }
void wr(uint32_t offset, uint32_t value) { platform().cpu.reg_write(offset, value); }

const smmu::SmmuStats& stats() { return platform().mc.smmu().stats(); }

void fill(uint64_t pa, uint8_t byte, uint64_t len) {
    std::vector<uint8_t> b(len, byte);
    platform().dram.write(pa, b.data(), len);
}

// Whether DRAM holds `byte` throughout [pa, pa+len).
bool holds(uint64_t pa, uint8_t byte, uint64_t len) {
    std::vector<uint8_t> b(len);
    platform().dram.read(pa, b.data(), len);
    for (uint8_t v : b)
        if (v != byte) return false;
    return true;
}

std::vector<uint8_t> raw_read(const char* client, uint64_t iova, uint32_t len, tlm::tlm_response_status* st = nullptr) {
    std::vector<uint8_t> b(len, 0xcd);
    auto r = raw(client).read(iova, b.data(), len);
    if (st) *st = r.status;
    return b;
}

tlm::tlm_response_status raw_write(const char* client, uint64_t iova, uint8_t byte, uint32_t len) {
    std::vector<uint8_t> b(len, byte);
    return raw(client).write(iova, b.data(), len).status;
}

clients::DmaResult dma(const char* engine, bool write, uint64_t iova, uint64_t size, std::optional<uint8_t> pattern) {
    clients::DmaJob job;
    job.write = write;
    job.iova = iova;
    job.size = size;
    job.pattern = pattern;
    return test::run_dma(engine, job);
}

bool irq() {
    settle();
    return platform().mc_irq.read();
}

void clear_intstatus() {
    wr(soc::MC_INTSTATUS, 0xffffffff);
    REQUIRE(rd(soc::MC_INTSTATUS) == 0);
}

// The driver and the IOMMU core over the platform's TLM ports, probed, with
// the board's two engines as devices in groups of their own (on their
// default identity domains, i.e. in bypass).
struct Rig {
    smmu::TegraSmmu driver;
    IommuCore core;
    int g0, g1, dev0, dev1;

    Rig()
        : driver(test::soc_info(), platform().mc_port, platform().dram_port, test::page_table_pool()),
          core(driver, CoreOptions{}) {
        driver.probe();
        g0 = core.add_group("dma0");
        dev0 = core.add_device("/dma@60000000", g0, {"msenc"});
        g1 = core.add_group("dma1");
        dev1 = core.add_device("/dma@60001000", g1, {"tsec"});
        platform().cpu.sync();
    }
};

Rig& rig() {
    static Rig r;
    return r;
}

// A paging domain attached to dma0 (MSENC) for the length of a scope;
// unmaps what it mapped, detaches and frees on the way out.
struct MsencDomain {
    int dom;
    std::vector<std::pair<uint64_t, uint64_t>> maps;

    explicit MsencDomain(const char* name) {
        dom = rig().core.domain_alloc(name, DomainType::Paging, AllocApi::Paging, rig().dev0);
        REQUIRE(dom >= 0);
        REQUIRE(rig().core.attach_device(dom, rig().dev0) == kOk);
    }
    ~MsencDomain() {
        for (auto [iova, size] : maps) rig().core.unmap(dom, iova, size);
        rig().core.detach_device(dom, rig().dev0);
        rig().core.domain_free(dom);
        platform().cpu.sync();
    }
    void map(uint64_t iova, uint64_t pa, uint64_t size, int prot) {
        REQUIRE(rig().core.map(dom, iova, pa, size, prot) == kOk);
        maps.emplace_back(iova, size);
    }
    const Domain& domain() const { return rig().core.domains().at(size_t(dom)); }
    uint32_t asid() const { return *rig().driver.asid_of(domain()); }
    uint64_t pd() const { return *rig().driver.pd_of(domain()); }
    // Where the PTE of `iova` sits, read from the tables in DRAM.
    uint64_t pte_addr(uint64_t iova) const {
        uint32_t pde = dram32(pd() + ((iova >> 22) & 1023) * 4);
        REQUIRE((pde & kPdeNext) != 0);
        return (uint64_t(pde & 0x3fffff) << 12) + ((iova >> 12) & 1023) * 4;
    }
};

}  // namespace

TEST_CASE("translate: an unattached swgroup bypasses the SMMU; an address no DRAM decodes is DECERR_EMEM",
          "[model][translate][bypass]") {
    rig();
    REQUIRE(rd(smmu::SMMU_CONFIG) == 1);
    CHECK((rd(kMsencAsidReg) & kAsidEnable) == 0);
    clear_intstatus();
    fill(0x81000000, 0, 4096);
    auto s0 = stats();
    auto w = dma("dma0", true, 0x81000000, 4096, 0x5a);
    CHECK(w.faults == 0);
    CHECK(w.requests == 64);
    CHECK(w.bytes == 4096);
    CHECK(holds(0x81000000, 0x5a, 4096));  // IOVA == PA
    CHECK(stats().bypassed == s0.bypassed + 64);
    CHECK(stats().translations == s0.translations);
    auto r = dma("dma0", false, 0x81000000, 4096, 0x5a);
    CHECK(r.faults == 0);
    CHECK_FALSE(r.mismatch.has_value());
    auto bad = dma("dma0", false, 0x81000000, 64, 0x5b);  // the read check can fail
    CHECK(bad.mismatch == std::optional<uint64_t>(0x81000000));
    CHECK(bad.mismatch_value == 0x5a);
    CHECK(rd(soc::MC_INTSTATUS) == 0);

    // Bypass to 0x40000000: no DRAM there.
    size_t nfaults = platform().mc.faults().size();
    auto d = dma("dma0", true, 0x40000000, 64, 0x77);
    CHECK(d.faults == 1);
    CHECK(d.first_fault == std::optional<uint64_t>(0x40000000));
    CHECK(rd(soc::MC_INTSTATUS) == kIntDecerrEmem);
    CHECK(rd(soc::MC_ERR_STATUS) == (kTypeDecerrEmem | kErrRw | kMsencswr));
    CHECK(rd(soc::MC_ERR_ADR) == 0x40000000);
    REQUIRE(platform().mc.faults().size() == nfaults + 1);
    CHECK(platform().mc.faults().back().kind == soc::FaultKind::DecodeError);
    CHECK_FALSE(platform().mc.faults().back().translated);
    tlm::tlm_response_status st;
    raw_read("msencsrd", 0x40000040, 64, &st);
    CHECK(st == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK(rd(soc::MC_ERR_STATUS) == (kTypeDecerrEmem | kMsencsrd));
    CHECK(rd(soc::MC_ERR_ADR) == 0x40000040);
    // Just past the end of DRAM, too.
    raw_read("msencsrd", kDramEnd, 4, &st);
    CHECK(st == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK(rd(soc::MC_ERR_ADR) == kDramEnd);
    CHECK(stats().fault_total() == s0.fault_total());  // not SMMU faults
    clear_intstatus();
}

TEST_CASE("translate: reads and writes go through the PD/PT in DRAM to the mapped PA", "[model][translate]") {
    const uint64_t iova = 0x84000000, pa = 0x82000000;  // the IOVA is a DRAM address too
    fill(pa, 0, 8192);
    fill(iova, 0, 8192);
    {
        MsencDomain d("translate");
        // Attach over TLM: the swgroup's ASID register, both clients' enable
        // bits, the page-table base of the ASID (tegra-facts §1.4-1.5).
        CHECK(rd(kMsencAsidReg) == (kAsidEnable | d.asid()));
        CHECK((rd(0x228) >> 28 & 1) == 1);
        CHECK((rd(0x22c) >> 11 & 1) == 1);
        wr(smmu::SMMU_PTB_ASID, d.asid());
        CHECK(rd(smmu::SMMU_PTB_DATA) == (uint32_t(d.pd() >> 12) | 0xe0000000));
        d.map(iova, pa, 8192, kProtRead | kProtWrite);
        // The driver wrote PDE and PTEs the way the reference says.
        CHECK(dram32(d.pte_addr(iova)) == (uint32_t(pa >> 12) | kPteR | kPteW | kPteNs));

        auto s0 = stats();
        auto w = dma("dma0", true, iova, 8192, 0xa5);
        CHECK(w.faults == 0);
        CHECK(w.requests == 128);
        CHECK(holds(pa, 0xa5, 8192));
        CHECK(holds(iova, 0, 8192));  // nothing went to IOVA-as-PA
        CHECK(stats().translations == s0.translations + 128);
        CHECK(stats().bypassed == s0.bypassed);
        // One walk per page, then TLB hits; the second walk finds its PDE
        // and PTE atoms in the PTC the first one filled.
        CHECK(stats().walks == s0.walks + 2);
        CHECK(stats().tlb_misses == s0.tlb_misses + 2);
        CHECK(stats().tlb_hits == s0.tlb_hits + 126);
        CHECK(stats().ptc_misses == s0.ptc_misses + 2);
        CHECK(stats().ptc_hits == s0.ptc_hits + 2);

        // Reads translate too: data placed at the PA comes back at the IOVA.
        std::vector<uint8_t> want(64);
        for (size_t i = 0; i < want.size(); ++i) want[i] = uint8_t(i * 7 + 1);
        platform().dram.write(pa + 0x1040, want.data(), want.size());
        auto s1 = stats();
        tlm::tlm_response_status st;
        CHECK(raw_read("msencsrd", iova + 0x1040, 64, &st) == want);
        CHECK(st == tlm::TLM_OK_RESPONSE);
        CHECK(stats().tlb_hits == s1.tlb_hits + 1);  // the page was walked by the write
        CHECK(stats().walks == s1.walks);
        auto r = dma("dma0", false, iova, 4096, 0xa5);
        CHECK(r.faults == 0);
        CHECK_FALSE(r.mismatch.has_value());
        CHECK(rig().core.iova_to_phys(d.dom, iova + 0x1040) == std::optional<uint64_t>(pa + 0x1040));

        // TSEC is not attached: the same address bypasses and lands at IOVA == PA.
        auto t = dma("dma1", true, iova, 64, 0x3c);
        CHECK(t.faults == 0);
        CHECK(holds(iova, 0x3c, 64));
        CHECK(holds(pa, 0xa5, 64));
        CHECK(rd(soc::MC_INTSTATUS) == 0);
    }
    // Detached: MSENC is back in bypass.
    CHECK((rd(kMsencAsidReg) & kAsidEnable) == 0);
    auto b = dma("dma0", true, iova + 0x40, 64, 0x99);
    CHECK(b.faults == 0);
    CHECK(holds(iova + 0x40, 0x99, 64));
    CHECK(holds(pa + 0x40, 0xa5, 64));
}

TEST_CASE("translate: a write to a read-only page faults with the MC error registers and interrupt",
          "[model][translate][fault]") {
    const uint64_t iova = 0x84010000, pa = 0x82010000;
    fill(pa, 0x11, 4096);
    fill(iova, 0, 4096);
    clear_intstatus();
    wr(soc::MC_INTMASK, 0);
    MsencDomain d("read-only");
    d.map(iova, pa, 4096, kProtRead);
    auto s0 = stats();
    size_t nfaults = platform().mc.faults().size();

    CHECK(raw_write("msencswr", iova + 0x80, 0xee, 64) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK(holds(pa, 0x11, 4096));     // the write never reached DRAM
    CHECK(holds(iova, 0, 4096));
    CHECK(rd(soc::MC_INTSTATUS) == kIntInvalidSmmuPage);
    // The leaf PTE is readable and non-secure, not writable; the request was a write by msencswr.
    CHECK(rd(soc::MC_ERR_STATUS) == (kTypeInvalidSmmuPage | kErrReadable | kErrNonsecure | kErrRw | kMsencswr));
    CHECK(rd(soc::MC_ERR_ADR) == iova + 0x80);
    REQUIRE(platform().mc.faults().size() == nfaults + 1);
    const soc::FaultRecord& f = platform().mc.faults().back();
    CHECK(f.kind == soc::FaultKind::SmmuPage);
    CHECK(f.reason == smmu::FaultReason::WriteDenied);
    CHECK(f.client_id == kMsencswr);
    CHECK(f.write);
    CHECK(f.translated);
    CHECK(f.address == iova + 0x80);
    CHECK(stats().walks == s0.walks + 1);
    CHECK(stats().faults[size_t(smmu::FaultReason::WriteDenied)] == s0.faults[size_t(smmu::FaultReason::WriteDenied)] + 1);

    // Masked, the line stays low; unmasking raises it; clearing lowers it.
    CHECK_FALSE(irq());
    wr(soc::MC_INTMASK, kIntInvalidSmmuPage);
    CHECK(irq());
    wr(soc::MC_INTSTATUS, kIntInvalidSmmuPage);
    CHECK(rd(soc::MC_INTSTATUS) == 0);
    CHECK_FALSE(irq());

    // The leaf stayed in the TLB: the next write hits and is checked again.
    auto s1 = stats();
    auto w = dma("dma0", true, iova, 128, 0xee);
    CHECK(w.faults == 2);
    CHECK(w.first_fault == std::optional<uint64_t>(iova));
    CHECK(stats().tlb_hits == s1.tlb_hits + 2);
    CHECK(stats().walks == s1.walks);
    CHECK(holds(pa, 0x11, 4096));
    CHECK(rd(soc::MC_ERR_STATUS) == (kTypeInvalidSmmuPage | kErrReadable | kErrNonsecure | kErrRw | kMsencswr));
    CHECK(rd(soc::MC_ERR_ADR) == iova + 64);  // the most recent error
    CHECK(irq());                             // unmasked now: the fault raises the line itself
    wr(soc::MC_INTSTATUS, kIntInvalidSmmuPage);
    CHECK_FALSE(irq());

    // Reading the page is allowed.
    tlm::tlm_response_status st;
    CHECK(raw_read("msencsrd", iova + 0x80, 64, &st) == std::vector<uint8_t>(64, 0x11));
    CHECK(st == tlm::TLM_OK_RESPONSE);
    CHECK(rd(soc::MC_INTSTATUS) == 0);
    wr(soc::MC_INTMASK, 0);
}

TEST_CASE("translate: reads of unmapped IOVAs fault (PTE and PDE invalid)", "[model][translate][fault]") {
    const uint64_t iova = 0x84020000, pa = 0x82020000;
    clear_intstatus();
    MsencDomain d("unmapped");
    d.map(iova, pa, 4096, kProtRead | kProtWrite);   // the PT exists, its other PTEs are 0
    wr(soc::MC_INTMASK, kIntInvalidSmmuPage);
    CHECK_FALSE(irq());
    size_t nfaults = platform().mc.faults().size();

    tlm::tlm_response_status st;
    raw_read("msencsrd", iova + 0x1000, 64, &st);
    CHECK(st == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK(rd(soc::MC_INTSTATUS) == kIntInvalidSmmuPage);
    CHECK(rd(soc::MC_ERR_STATUS) == (kTypeInvalidSmmuPage | kMsencsrd));  // read; the PTE is 0: no R/W/NS
    CHECK(rd(soc::MC_ERR_ADR) == iova + 0x1000);
    REQUIRE(platform().mc.faults().size() == nfaults + 1);
    CHECK(platform().mc.faults().back().reason == smmu::FaultReason::PteInvalid);
    CHECK_FALSE(platform().mc.faults().back().write);
    CHECK(irq());
    wr(soc::MC_INTSTATUS, kIntInvalidSmmuPage);
    CHECK_FALSE(irq());

    // No PT at all for this 4 MiB section.
    raw_read("msencsrd", 0x90000100, 16, &st);
    CHECK(st == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK(platform().mc.faults().back().reason == smmu::FaultReason::PdeInvalid);
    CHECK(rd(soc::MC_ERR_STATUS) == (kTypeInvalidSmmuPage | kMsencsrd));
    CHECK(rd(soc::MC_ERR_ADR) == 0x90000100);
    CHECK(irq());

    // An engine's read: every request of the unmapped page faults.
    auto r = dma("dma0", false, iova + 0x1000, 256, 0);
    CHECK(r.faults == 4);
    CHECK(r.bytes == 0);
    // The mapped page next to it still reads.
    fill(pa, 0x21, 64);
    CHECK(raw_read("msencsrd", iova, 64, &st) == std::vector<uint8_t>(64, 0x21));
    CHECK(st == tlm::TLM_OK_RESPONSE);
    wr(soc::MC_INTSTATUS, kIntInvalidSmmuPage);
    CHECK_FALSE(irq());
    wr(soc::MC_INTMASK, 0);
}

TEST_CASE("translate: a PTE rewritten without flushes stays stale in the TLB, then in the PTC, until the "
          "reference flush sequence",
          "[model][translate][stale]") {
    const uint64_t iova = 0x85000000, pa_old = 0x82100000, pa_new = 0x82200000;
    fill(pa_old, 0x01, 4096);
    fill(pa_new, 0x02, 4096);
    MsencDomain d("stale");
    d.map(iova, pa_old, 4096, kProtRead | kProtWrite);
    tlm::tlm_response_status st;
    CHECK(raw_read("msencsrd", iova, 16, &st) == std::vector<uint8_t>(16, 0x01));   // walked: TLB and PTC filled
    REQUIRE(st == tlm::TLM_OK_RESPONSE);

    // The CPU rewrites the PTE in DRAM, and does nothing else.
    const uint64_t pte = d.pte_addr(iova);
    const uint32_t new_pte = uint32_t(pa_new >> 12) | kPteR | kPteW | kPteNs;
    platform().dram.write(pte, &new_pte, 4);
    CHECK(rig().core.iova_to_phys(d.dom, iova) == std::optional<uint64_t>(pa_new));  // the tables say so

    // The TLB still has the old translation: reads and writes go to the old PA.
    auto s0 = stats();
    CHECK(raw_read("msencsrd", iova, 16, &st) == std::vector<uint8_t>(16, 0x01));
    CHECK(raw_write("msencswr", iova + 0x40, 0x33, 64) == tlm::TLM_OK_RESPONSE);
    CHECK(holds(pa_old + 0x40, 0x33, 64));
    CHECK(holds(pa_new + 0x40, 0x02, 64));
    CHECK(stats().tlb_hits == s0.tlb_hits + 2);
    CHECK(stats().walks == s0.walks);

    // A TLB GROUP flush alone: the walk that follows is served by the PTC,
    // which still holds the old PTE's atom.
    const uint32_t asid = d.asid();
    const uint32_t tlb_group = 0x80000000u | (asid & 0x7f) << 24 | uint32_t((iova & 0xffffc000) >> 12) | 3;
    auto s1 = stats();
    wr(smmu::SMMU_TLB_FLUSH, tlb_group);
    rd(smmu::SMMU_PTB_ASID);
    CHECK(stats().tlb_flush_group == s1.tlb_flush_group + 1);
    CHECK(stats().tlb_lines_flushed == s1.tlb_lines_flushed + 1);
    CHECK(raw_read("msencsrd", iova, 16, &st) == std::vector<uint8_t>(16, 0x01));
    CHECK(stats().walks == s1.walks + 1);
    CHECK(stats().ptc_hits == s1.ptc_hits + 2);     // PDE and PTE from the PTC
    CHECK(stats().ptc_misses == s1.ptc_misses);

    // The reference sequence after a PTE write (tegra-facts §1.7, §1.2): PTC
    // flush of the PTE's atom (PTC_FLUSH_HI first on a 34-bit MC; offset
    // rounded down to the 32-byte atom), TLB flush GROUP with ASID_MATCH,
    // PTB_ASID read-back.
    const uint64_t pt = pte & ~uint64_t(4095);
    const uint32_t offset = uint32_t(pte - pt) & ~31u;
    auto s2 = stats();
    wr(smmu::SMMU_PTC_FLUSH_HI, uint32_t(pt >> 32) & 3);
    wr(smmu::SMMU_PTC_FLUSH, uint32_t(pt + offset) | 1);
    wr(smmu::SMMU_TLB_FLUSH, tlb_group);
    rd(smmu::SMMU_PTB_ASID);
    CHECK(stats().ptc_flush_adr == s2.ptc_flush_adr + 1);
    CHECK(stats().ptc_lines_flushed == s2.ptc_lines_flushed + 1);
    CHECK(stats().tlb_flush_group == s2.tlb_flush_group + 1);
    CHECK(raw_read("msencsrd", iova, 16, &st) == std::vector<uint8_t>(16, 0x02));
    CHECK(st == tlm::TLM_OK_RESPONSE);
    CHECK(stats().walks == s2.walks + 1);
    CHECK(stats().ptc_misses == s2.ptc_misses + 1);  // the PTE atom came from DRAM again
    CHECK(stats().ptc_hits == s2.ptc_hits + 1);      // the PDE atom did not change
    auto w = dma("dma0", true, iova, 64, 0x77);
    CHECK(w.faults == 0);
    CHECK(holds(pa_new, 0x77, 64));
    CHECK(holds(pa_old, 0x01, 64));
    CHECK(rd(soc::MC_INTSTATUS) == 0);
}

TEST_CASE("translate: a blocked domain faults every access with an invalid PDE", "[model][translate][blocked]") {
    Rig& r = rig();
    const uint64_t target = 0x81200000;   // a DRAM address: where a bypassed write would land
    fill(target, 0, 4096);
    clear_intstatus();
    // A user owner claims the group: it moves to its blocked domain.
    REQUIRE(r.core.claim_dma_owner(r.g0, "vfio-test", false) == kOk);
    const Domain& blocked = r.core.domains().at(size_t(r.core.groups().at(size_t(r.g0)).domain));
    REQUIRE(blocked.type == DomainType::Blocked);
    auto asid = r.driver.asid_of(blocked);
    REQUIRE(asid.has_value());
    CHECK(rd(kMsencAsidReg) == (kAsidEnable | *asid));
    wr(smmu::SMMU_PTB_ASID, *asid);
    CHECK(rd(smmu::SMMU_PTB_DATA) == (uint32_t(*r.driver.pd_of(blocked) >> 12) | 0xe0000000));

    auto s0 = stats();
    const size_t pde_invalid = size_t(smmu::FaultReason::PdeInvalid);
    size_t nfaults = platform().mc.faults().size();
    tlm::tlm_response_status st;
    for (uint64_t iova : {uint64_t(0), target, uint64_t(0x84000000), uint64_t(0xfffff000)}) {
        CAPTURE(iova);
        raw_read("msencsrd", iova, 64, &st);
        CHECK(st == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(platform().mc.faults().back().reason == smmu::FaultReason::PdeInvalid);
        CHECK(raw_write("msencswr", iova, 0x66, 64) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(platform().mc.faults().back().reason == smmu::FaultReason::PdeInvalid);
        CHECK(rd(soc::MC_ERR_STATUS) == (kTypeInvalidSmmuPage | kErrRw | kMsencswr));
        CHECK(rd(soc::MC_ERR_ADR) == uint32_t(iova));
    }
    CHECK(platform().mc.faults().size() == nfaults + 8);
    auto w = dma("dma0", true, target, 4096, 0x66);
    CHECK(w.faults == 64);
    CHECK(w.bytes == 0);
    CHECK(holds(target, 0, 4096));
    CHECK(stats().faults[pde_invalid] == s0.faults[pde_invalid] + 8 + 64);
    CHECK(rd(soc::MC_INTSTATUS) == kIntInvalidSmmuPage);

    // Released, the group returns to its identity default domain: bypass,
    // and the same write lands at IOVA == PA.
    r.core.release_dma_owner(r.g0, false);
    CHECK((rd(kMsencAsidReg) & kAsidEnable) == 0);
    CHECK_FALSE(r.driver.asid_of(blocked).has_value());
    auto b = dma("dma0", true, target, 4096, 0x66);
    CHECK(b.faults == 0);
    CHECK(holds(target, 0x66, 4096));
    clear_intstatus();
}

TEST_CASE("translate: a freed domain's page tables do not translate for the next domain that gets its pages",
          "[model][translate][recycle]") {
    const uint64_t iova = 0x86000000, pa = 0x83000000;
    fill(pa, 0x42, 4096);
    clear_intstatus();
    uint64_t first_pd;
    {
        // Freed with its mapping in place (the IOMMU core allows it: nothing
        // is attached any more).
        int dom = rig().core.domain_alloc("recycled", DomainType::Paging, AllocApi::Paging, rig().dev0);
        REQUIRE(dom >= 0);
        REQUIRE(rig().core.attach_device(dom, rig().dev0) == kOk);
        REQUIRE(rig().core.map(dom, iova, pa, 4096, kProtRead | kProtWrite) == kOk);
        tlm::tlm_response_status st;
        CHECK(raw_read("msencsrd", iova, 16, &st) == std::vector<uint8_t>(16, 0x42));  // PTC now holds PDE and PTE
        first_pd = *rig().driver.pd_of(rig().core.domains().at(size_t(dom)));
        rig().core.detach_device(dom, rig().dev0);
        REQUIRE(rig().core.domain_free(dom) == kOk);
    }
    MsencDomain d("successor");
    // The pool hands out the lowest free page: the successor's PD is the
    // page the freed domain used (zeroed by the driver).
    REQUIRE(d.pd() == first_pd);
    CHECK(dram32(d.pd() + ((iova >> 22) & 1023) * 4) == 0);
    // Its PD maps nothing, so the access must fault. Taking the ASID flushed
    // the TLB, so the SMMU walks; the PDE must come from DRAM (the zeroed PD),
    // not from a PTC line the freed domain's walk left behind.
    auto s0 = stats();
    tlm::tlm_response_status st;
    auto got = raw_read("msencsrd", iova, 16, &st);
    CHECK(stats().walks == s0.walks + 1);
    CHECK(st == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK(got != std::vector<uint8_t>(16, 0x42));
    CHECK(stats().ptc_misses == s0.ptc_misses + 1);
    CHECK(stats().ptc_hits == s0.ptc_hits);
    clear_intstatus();
}
