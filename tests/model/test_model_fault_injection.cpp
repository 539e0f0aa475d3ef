// [model][fault-injection] Faults injected into a Tegra124 platform
// (dts/examples/tegra124-test-dma.yaml: test DMA engines dma0 on MSENC and
// dma1 on TSEC, 256 MiB of DRAM at 0x80000000) whose SMMU the IOMMU core
// and the tegra-smmu driver program over TLM:
//  - unmap, and detach, while a 256 KiB DMA write is in flight;
//  - a mapping to a physical address outside DRAM (and one beyond the MC's
//    address bits, refused with EINVAL);
//  - a page directory entry, and a page-table base, pointing outside DRAM,
//    written into DRAM / the PTB registers the way a buggy driver would.
// Each case checks that the fault or errno is recorded (MC fault records
// with their reason, MC_INTSTATUS / MC_ERR_STATUS / MC_ERR_ADR), that DRAM
// the faulting traffic must not touch is unchanged (checksums of the test
// area around the buffer; every 64-byte request either landed whole or not
// at all), that the counters add up (per-client MC requests = completed +
// faulted, TLB and PTC lookups = hits + misses, walks = TLB misses), and
// that the simulation goes on (a later transfer completes and lands).
// The last case prints how many faults the executable injected and checks
// that the MC recorded exactly those.
//
// The cases share one platform and run in declaration order; each leaves
// every swgroup in bypass and MC_INTSTATUS clear.
#include <catch2/catch.hpp>

#include <iostream>
#include <memory>
#include <vector>

#include "model/model_harness.h"
#include "smmu/core/errno.h"
#include "smmu/core/iommu_core.h"
#include "smmu/tegra/device_group.h"
#include "smmu/tegra/smmu_regs.h"
#include "smmu/tegra/tegra_smmu.h"
#include "soc/mc/mc_regs.h"

using namespace socsim;
using namespace socsim::iommu;
using socsim::test::dram32;
using socsim::test::platform;

socsim::test::ModelConfig socsim::test::model_config() {
    ModelConfig c;
    c.board = "dts/examples/tegra124-test-dma.yaml";
    return c;
}

namespace {

constexpr uint64_t kArea = 0x88000000, kAreaSize = 4ull << 20;   // the test's data area
constexpr uint64_t kBuf = 0x88100000;
constexpr uint64_t kOutside = 0xa0000000;                        // addressable (34 bits), no DRAM
constexpr uint32_t kBurst = 64;                                  // the engines' request size

struct Ledger {
    uint64_t faults = 0, errnos = 0;
    std::vector<std::pair<std::string, uint64_t>> cases;
    void add(const std::string& name, uint64_t f, uint64_t e = 0) {
        faults += f;
        errnos += e;
        cases.emplace_back(name, f + e);
    }
};
Ledger& ledger() {
    static Ledger l;
    return l;
}

struct Rig {
    smmu::TegraSmmu driver;
    IommuCore core;
    int dma0 = kNone;
    Rig()
        : driver(test::soc_info(), platform().mc_port, platform().dram_port, test::page_table_pool()),
          core(driver, CoreOptions{}) {
        driver.probe();
        for (const auto& g : smmu::tegra::form_groups(test::board()).groups) {
            int gi = core.add_group(g.name);
            for (const dts::DtNode* node : g.devices) {
                int dev = core.add_device(node->display_name(), gi, {g.first_swgroup});
                if (node->display_name() == "dma0") dma0 = dev;
            }
        }
        platform().cpu.sync();
    }
};
Rig& rig() {
    static Rig r;
    return r;
}

uint32_t rd(uint32_t offset) { return platform().cpu.reg_read(offset); }
void wr(uint32_t offset, uint32_t value) { platform().cpu.reg_write(offset, value); }

const soc::MemoryClient& client(const char* name) { return *test::soc_info().find_client(name); }

uint64_t checksum(uint64_t pa, uint64_t len) {
    std::vector<uint8_t> b(len);
    platform().dram.read(pa, b.data(), len);
    uint64_t h = 1469598103934665603ull;
    for (uint8_t v : b) h = (h ^ v) * 1099511628211ull;
    return h;
}
// The test area outside [pa, pa + len).
uint64_t area_checksum(uint64_t pa, uint64_t len) {
    return checksum(kArea, pa - kArea) ^ (checksum(pa + len, kArea + kAreaSize - pa - len) * 31);
}

void fill(uint64_t pa, uint8_t byte, uint64_t len) {
    std::vector<uint8_t> b(len, byte);
    platform().dram.write(pa, b.data(), len);
}

// The counters a case checks, before and after it.
struct Counters {
    soc::McClientStats rd, wr;
    smmu::SmmuStats smmu;
    uint64_t mc_faults = 0;
    static Counters now() {
        return {test::mc_stats("msencsrd"), test::mc_stats("msencswr"), platform().mc.smmu().stats(),
                platform().mc.fault_count()};
    }
};

// MC requests = completed + faulted for the transfers `rs`, on the client they used.
void check_counters(const Counters& before, const std::vector<std::pair<bool, clients::DmaResult>>& rs) {
    Counters after = Counters::now();
    uint64_t faults = 0;
    for (bool write : {false, true}) {
        uint64_t req = 0, flt = 0, bytes = 0;
        for (const auto& [w, r] : rs)
            if (w == write) req += r.requests, flt += r.faults, bytes += r.bytes;
        const soc::McClientStats& a = write ? after.wr : after.rd;
        const soc::McClientStats& b = write ? before.wr : before.rd;
        CAPTURE(write);
        CHECK(a.requests - b.requests == req);
        CHECK(a.faults - b.faults == flt);
        CHECK(a.bytes - b.bytes == bytes);
        CHECK((a.requests - a.faults) - (b.requests - b.faults) == bytes / kBurst);   // completed
        faults += flt;
    }
    CHECK(after.mc_faults - before.mc_faults == faults);
    const smmu::SmmuStats& s = after.smmu;
    CHECK(s.tlb_lookups == s.tlb_hits + s.tlb_misses);
    CHECK(s.ptc_lookups == s.ptc_hits + s.ptc_misses);
    CHECK(s.walks == s.tlb_misses);
    CHECK(s.tlb_lookups == s.translations);
}

// MC_ERR_STATUS / MC_ERR_ADR describe the latest fault; INTSTATUS has its bit.
void check_error_regs(uint32_t type, uint32_t intbit, const char* client_name, bool write, uint64_t iova) {
    uint32_t status = rd(soc::MC_ERR_STATUS);
    CHECK((status & soc::MC_ERR_STATUS_TYPE_MASK) == type);
    CHECK(bool(status & soc::MC_ERR_STATUS_RW) == write);
    uint32_t mask = test::soc_info().client_id_mask.value_or(soc::MC_CLIENT_ID_MASK_DEFAULT);
    CHECK((status & mask) == (client(client_name).id & mask));
    CHECK(rd(soc::MC_ERR_ADR) == uint32_t(iova));
    uint32_t st = rd(soc::MC_INTSTATUS);
    CHECK((st & intbit) != 0);
    wr(soc::MC_INTSTATUS, st);   // handled, as tegra_mc_irq does
    CHECK(rd(soc::MC_INTSTATUS) == 0);
}

clients::DmaResult dma(bool write, uint64_t iova, uint64_t size, uint8_t pattern) {
    return test::run_dma("dma0", clients::DmaJob{write, iova, size, pattern});
}

// A transfer on its own thread, so the test thread can act while it runs.
struct InFlight {
    clients::DmaResult result;
    bool done = false;
    sc_core::sc_event ev;
    void start(const clients::DmaJob& job) {
        platform().cpu.sync();
        sc_core::sc_spawn([this, job] {
            result = test::engine("dma0").run(job);
            done = true;
            ev.notify();
        });
    }
    void join() {
        while (!done) sc_core::wait(ev);
        test::check_sc_reports();
    }
};

// The domain the case attaches to dma0's group.
struct Dom {
    int d;
    explicit Dom(const char* name) {
        d = rig().core.domain_alloc(name, DomainType::Paging, AllocApi::Paging, rig().dma0);
        REQUIRE(d >= 0);
        REQUIRE(rig().core.attach_device(d, rig().dma0) == kOk);
    }
    ~Dom() {
        rig().core.detach_device(d, rig().dma0);   // a warning when already detached
        rig().core.domain_free(d);
        platform().cpu.sync();
    }
    uint64_t pd() const { return *rig().driver.pd_of(rig().core.domains().at(size_t(d))); }
    uint32_t asid() const { return *rig().driver.asid_of(rig().core.domains().at(size_t(d))); }
};

// Every 64-byte request of a transfer landed whole or not at all: the
// buffer holds `pattern` in exactly `bytes` worth of its chunks, `old` elsewhere.
void check_chunks(uint64_t pa, uint64_t size, uint8_t pattern, uint8_t old, uint64_t bytes) {
    std::vector<uint8_t> b(size);
    platform().dram.read(pa, b.data(), size);
    uint64_t landed = 0, torn = 0;
    for (uint64_t off = 0; off < size; off += kBurst) {
        uint64_t n = 0;
        for (uint64_t i = off; i < off + kBurst; ++i) n += b[i] == pattern ? 1 : b[i] == old ? 0 : kBurst + 1;
        if (n == kBurst) ++landed;
        else if (n != 0) ++torn;
    }
    CHECK(torn == 0);
    CHECK(landed * kBurst == bytes);
}

}  // namespace

TEST_CASE("fault injection: unmap while a DMA write is in flight", "[model][fault-injection]") {
    const uint64_t iova = 0x10000000, size = 256 * 1024;
    Dom dom("unmap-in-flight");
    REQUIRE(rig().core.map(dom.d, iova, kBuf, size, kProtRead | kProtWrite) == kOk);
    fill(kBuf, 0, size);
    uint64_t guard = area_checksum(kBuf, size);
    Counters before = Counters::now();

    InFlight f;
    f.start({true, iova, size, 0x5a});
    sc_core::wait(sc_core::sc_time(3, sc_core::SC_US));
    uint64_t unmapped = 0;
    CHECK(rig().core.unmap(dom.d, iova, size, &unmapped) == kOk);
    CHECK(unmapped == size);
    f.join();

    const clients::DmaResult& r = f.result;
    CHECK(r.requests == size / kBurst);
    CHECK(r.bytes > 0);    // some requests completed before the unmap ...
    CHECK(r.faults > 0);   // ... the rest faulted after it
    CHECK(r.bytes + r.faults * kBurst == size);
    check_chunks(kBuf, size, 0x5a, 0, r.bytes);
    CHECK(area_checksum(kBuf, size) == guard);
    check_counters(before, {{true, r}});
    const auto& s = platform().mc.smmu().stats();
    using R = smmu::FaultReason;
    CHECK(s.faults[size_t(R::PteInvalid)] + s.faults[size_t(R::PdeInvalid)] -
              before.smmu.faults[size_t(R::PteInvalid)] - before.smmu.faults[size_t(R::PdeInvalid)] ==
          r.faults);
    check_error_regs(soc::MC_ERR_STATUS_TYPE_INVALID_SMMU_PAGE, soc::MC_INT_INVALID_SMMU_PAGE, "msencswr", true,
                     iova + size - kBurst);
    ledger().add("unmap while a write is in flight", r.faults);

    // The simulation goes on: mapped again, the transfer completes.
    REQUIRE(rig().core.map(dom.d, iova, kBuf, 4096, kProtRead | kProtWrite) == kOk);
    auto again = dma(true, iova, 4096, 0x6b);
    CHECK(again.faults == 0);
    check_chunks(kBuf, 4096, 0x6b, 0x5a, 4096);
    CHECK(rig().core.unmap(dom.d, iova, 4096) == kOk);
}

TEST_CASE("fault injection: detach while a DMA write is in flight", "[model][fault-injection]") {
    // The IOVAs are no DRAM address: once the group is back on its identity
    // default domain, the rest of the transfer bypasses and is a decode error.
    const uint64_t iova = 0x10000000, size = 256 * 1024;
    Dom dom("detach-in-flight");
    REQUIRE(rig().core.map(dom.d, iova, kBuf, size, kProtRead | kProtWrite) == kOk);
    fill(kBuf, 0, size);
    uint64_t guard = area_checksum(kBuf, size);
    Counters before = Counters::now();

    InFlight f;
    f.start({true, iova, size, 0x3c});
    sc_core::wait(sc_core::sc_time(3, sc_core::SC_US));
    rig().core.detach_device(dom.d, rig().dma0);
    CHECK(rig().core.warnings().empty());
    f.join();

    const clients::DmaResult& r = f.result;
    CHECK(r.bytes > 0);
    CHECK(r.faults > 0);
    CHECK(r.bytes + r.faults * kBurst == size);
    check_chunks(kBuf, size, 0x3c, 0, r.bytes);
    CHECK(area_checksum(kBuf, size) == guard);
    check_counters(before, {{true, r}});
    CHECK(platform().mc.smmu().stats().fault_total() == before.smmu.fault_total());   // bypass: not SMMU faults
    CHECK(platform().mc.faults().back().kind == soc::FaultKind::DecodeError);
    CHECK_FALSE(platform().mc.faults().back().translated);
    check_error_regs(soc::MC_ERR_STATUS_TYPE_DECERR_EMEM, soc::MC_INT_DECERR_EMEM, "msencswr", true,
                     iova + size - kBurst);
    // Registers agree with the detach: no ASID held, the swgroup bypasses.
    CHECK(rig().driver.asids_in_use() == 0);
    CHECK(platform().mc.smmu().asids_enabled() == 0);
    ledger().add("detach while a write is in flight", r.faults);

    // Attached again, the same domain translates the same IOVA.
    REQUIRE(rig().core.attach_device(dom.d, rig().dma0) == kOk);
    auto again = dma(true, iova, 4096, 0x4d);
    CHECK(again.faults == 0);
    check_chunks(kBuf, 4096, 0x4d, 0x3c, 4096);
    CHECK(rig().core.unmap(dom.d, iova, size) == kOk);
}

TEST_CASE("fault injection: a mapping to a physical address outside DRAM", "[model][fault-injection]") {
    const uint64_t iova = 0x20000000;
    Dom dom("pa-outside-dram");
    // Addressable by the MC (34 bits) but no DRAM: the driver maps it.
    REQUIRE(rig().core.map(dom.d, iova, kOutside, 4096, kProtRead | kProtWrite) == kOk);
    uint64_t guard = area_checksum(kArea, 0);
    size_t resident = platform().dram.resident_pages();
    Counters before = Counters::now();
    size_t logged = platform().mc.faults().size();

    auto w = dma(true, iova, 4096, 0x77);
    CHECK(w.faults == 4096 / kBurst);
    CHECK(w.bytes == 0);
    check_error_regs(soc::MC_ERR_STATUS_TYPE_DECERR_EMEM, soc::MC_INT_DECERR_EMEM, "msencswr", true,
                     iova + 4096 - kBurst);
    auto r = dma(false, iova, 4096, 0x77);
    CHECK(r.faults == 4096 / kBurst);
    check_error_regs(soc::MC_ERR_STATUS_TYPE_DECERR_EMEM, soc::MC_INT_DECERR_EMEM, "msencsrd", false,
                     iova + 4096 - kBurst);
    // Translated, then refused by DRAM: decode errors, not SMMU faults.
    REQUIRE(platform().mc.faults().size() == logged + 2 * 4096 / kBurst);
    for (size_t i = logged; i < platform().mc.faults().size(); ++i) {
        CHECK(platform().mc.faults()[i].kind == soc::FaultKind::DecodeError);
        CHECK(platform().mc.faults()[i].translated);
    }
    CHECK(platform().mc.smmu().stats().fault_total() == before.smmu.fault_total());
    check_counters(before, {{true, w}, {false, r}});
    CHECK(platform().dram.resident_pages() == resident);   // no DRAM page was touched
    CHECK(area_checksum(kArea, 0) == guard);

    // Beyond the MC's address bits the driver refuses the mapping.
    CHECK(rig().core.map(dom.d, iova + 4096, 1ull << 34, 4096, kProtRead | kProtWrite) == kEINVAL);
    CHECK_FALSE(rig().core.iova_to_phys(dom.d, iova + 4096).has_value());
    ledger().add("PA outside DRAM (decode errors; EINVAL beyond 34 bits)", w.faults + r.faults, 1);

    // Remapped to DRAM, the same IOVA works.
    CHECK(rig().core.unmap(dom.d, iova, 4096) == kOk);
    REQUIRE(rig().core.map(dom.d, iova, kBuf, 4096, kProtRead | kProtWrite) == kOk);
    fill(kBuf, 0, 4096);
    auto ok = dma(true, iova, 4096, 0x78);
    CHECK(ok.faults == 0);
    check_chunks(kBuf, 4096, 0x78, 0, 4096);
    CHECK(rig().core.unmap(dom.d, iova, 4096) == kOk);
}

TEST_CASE("fault injection: a page directory entry pointing outside DRAM", "[model][fault-injection]") {
    const uint64_t iova = 0x30000000;
    Dom dom("pde-outside-dram");
    REQUIRE(rig().core.map(dom.d, iova, kBuf, 4096, kProtRead | kProtWrite) == kOk);
    fill(kBuf, 0x11, 4096);
    CHECK(dma(false, iova, 4096, 0x11).faults == 0);   // walked, cached in TLB and PTC

    // A buggy driver points the PDE at a page table outside DRAM and flushes
    // the way tegra-smmu does after set_pde.
    const uint64_t pde = dom.pd() + (iova >> smmu::SMMU_PDE_SHIFT) * 4;
    const uint32_t good = dram32(pde);
    auto set_pde = [&](uint32_t value) {
        platform().cpu.mem_write32(pde, value);
        wr(smmu::SMMU_PTC_FLUSH_HI, uint32_t(pde >> 32) & smmu::SMMU_PTC_FLUSH_HI_MASK);
        wr(smmu::SMMU_PTC_FLUSH, uint32_t(pde & ~uint64_t(test::soc_info().atom_size - 1)) | smmu::SMMU_PTC_FLUSH_TYPE_ADR);
        wr(smmu::SMMU_TLB_FLUSH, smmu::SMMU_TLB_FLUSH_ASID_MATCH | smmu::SMMU_TLB_FLUSH_ASID(dom.asid(), test::soc_info().num_asids) |
                                     smmu::SMMU_TLB_FLUSH_VA_SECTION(iova) | smmu::SMMU_TLB_FLUSH_VA_MATCH_SECTION);
        rd(smmu::SMMU_PTB_ASID);
    };
    set_pde(uint32_t(kOutside >> 12) | smmu::SMMU_PDE_ATTR | smmu::SMMU_PDE_NEXT);
    uint64_t guard = area_checksum(kBuf, 0);
    Counters before = Counters::now();
    auto r = dma(false, iova, 4096, 0x11);
    auto w = dma(true, iova, 4096, 0x22);
    CHECK(r.faults == 4096 / kBurst);
    CHECK(w.faults == 4096 / kBurst);
    CHECK(platform().mc.smmu().stats().faults[size_t(smmu::FaultReason::TableOutsideDram)] -
              before.smmu.faults[size_t(smmu::FaultReason::TableOutsideDram)] ==
          r.faults + w.faults);
    CHECK(platform().mc.faults().back().reason == smmu::FaultReason::TableOutsideDram);
    check_error_regs(soc::MC_ERR_STATUS_TYPE_INVALID_SMMU_PAGE, soc::MC_INT_INVALID_SMMU_PAGE, "msencswr", true,
                     iova + 4096 - kBurst);
    check_counters(before, {{false, r}, {true, w}});
    CHECK(area_checksum(kBuf, 0) == guard);   // the buffer still holds 0x11
    ledger().add("PDE pointing outside DRAM", r.faults + w.faults);

    set_pde(good);
    auto ok = dma(true, iova, 4096, 0x33);
    CHECK(ok.faults == 0);
    check_chunks(kBuf, 4096, 0x33, 0x11, 4096);
    CHECK(rig().core.unmap(dom.d, iova, 4096) == kOk);
}

TEST_CASE("fault injection: a page-table base pointing outside DRAM", "[model][fault-injection]") {
    const uint64_t iova = 0x30000000;
    Dom dom("ptb-outside-dram");
    REQUIRE(rig().core.map(dom.d, iova, kBuf, 4096, kProtRead | kProtWrite) == kOk);
    fill(kBuf, 0x44, 4096);
    auto set_ptb = [&](uint32_t value) {
        wr(smmu::SMMU_PTB_ASID, dom.asid());
        wr(smmu::SMMU_PTB_DATA, value);
        wr(smmu::SMMU_PTC_FLUSH, smmu::SMMU_PTC_FLUSH_TYPE_ALL);
        wr(smmu::SMMU_TLB_FLUSH, smmu::SMMU_TLB_FLUSH_ASID_MATCH | smmu::SMMU_TLB_FLUSH_ASID(dom.asid(), test::soc_info().num_asids) |
                                     smmu::SMMU_TLB_FLUSH_VA_MATCH_ALL);
        rd(smmu::SMMU_PTB_ASID);
    };
    wr(smmu::SMMU_PTB_ASID, dom.asid());
    const uint32_t good = rd(smmu::SMMU_PTB_DATA);
    set_ptb(uint32_t(kOutside >> 12) | smmu::SMMU_PTB_ATTR);
    uint64_t guard = area_checksum(kBuf, 0);
    Counters before = Counters::now();
    auto w = dma(true, iova, 4096, 0x55);
    CHECK(w.faults == 4096 / kBurst);
    CHECK(platform().mc.faults().back().reason == smmu::FaultReason::TableOutsideDram);
    check_error_regs(soc::MC_ERR_STATUS_TYPE_INVALID_SMMU_PAGE, soc::MC_INT_INVALID_SMMU_PAGE, "msencswr", true,
                     iova + 4096 - kBurst);
    check_counters(before, {{true, w}});
    CHECK(area_checksum(kBuf, 0) == guard);
    ledger().add("page-table base pointing outside DRAM", w.faults);

    set_ptb(good);
    auto ok = dma(false, iova, 4096, 0x44);
    CHECK(ok.faults == 0);
    CHECK_FALSE(ok.mismatch.has_value());
    CHECK(rig().core.unmap(dom.d, iova, 4096) == kOk);
}

TEST_CASE("fault injection: the MC recorded exactly the injected faults; nothing is left attached",
          "[model][fault-injection]") {
    const Ledger& l = ledger();
    std::cout << "fault injection [model]: " << l.cases.size() << " cases, " << l.faults << " faults and " << l.errnos
              << " errno injected:";
    for (const auto& [name, n] : l.cases) std::cout << " " << name << " " << n << ";";
    std::cout << " MC recorded " << platform().mc.fault_count() << " faults\n";
    CHECK(l.cases.size() == 5);
    CHECK(platform().mc.fault_count() == l.faults);
    CHECK(rig().driver.asids_in_use() == 0);
    CHECK(platform().mc.smmu().asids_enabled() == 0);
    CHECK(rd(soc::MC_INTSTATUS) == 0);
}
