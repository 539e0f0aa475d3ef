// [model] The MC/SMMU register aperture of a Tegra124 platform, driven over
// TLM by the CPU bus: reset values, read-back, the PTB_DATA window, the
// write-1-to-clear interrupt status with the interrupt line, the simulated
// time of a register access, and what tegra_smmu_probe leaves behind
// (tegra-facts §1.2-1.3, §2.1-2.2).
//
// The cases share one platform and run in declaration order; each leaves
// the registers it touched at their reset values, except the last (probe).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <vector>

#include "model/model_harness.h"
#include "smmu/tegra/smmu_regs.h"
#include "smmu/tegra/tegra_smmu.h"
#include "soc/mc/mc_regs.h"

using namespace socsim;
using namespace socsim::smmu;
using namespace socsim::soc;
using socsim::test::platform;
using socsim::test::raw;
using socsim::test::settle;

socsim::test::ModelConfig socsim::test::model_config() {
    ModelConfig c;
    c.board = "dts/tegra124.yaml";
    c.raw_clients = {"msencsrd"};
    return c;
}

namespace {

uint32_t rd(uint32_t offset) { return platform().cpu.reg_read(offset); }
void wr(uint32_t offset, uint32_t value) { platform().cpu.reg_write(offset, value); }
uint64_t unknown() { return platform().mc.smmu_registers().unknown_accesses(); }

// Every SMMU register the SoC tables give: the fixed ones, one ASID register
// per translatable swgroup, the client enable banks.
std::vector<uint32_t> asid_regs() {
    std::vector<uint32_t> out;
    for (const auto& sw : test::soc_info().swgroups)
        if (sw.asid_reg) out.push_back(*sw.asid_reg);
    return out;
}

std::vector<uint32_t> client_enable_regs() {
    std::vector<uint32_t> out;
    for (const auto& bank : test::soc_info().smmu_enable_banks) out.push_back(bank.reg);
    return out;
}

}  // namespace

TEST_CASE("model harness: a SystemC warning in a test case fails it", "[model][harness]") {
    // The harness throws reports raised in the test thread, so Catch fails the case.
    CHECK_THROWS_AS(SC_REPORT_WARNING("socsim/model-test", "deliberate warning"), sc_core::sc_report);
    CHECK(test::stray_sc_reports() == 0);
}

TEST_CASE("registers: every MC/SMMU register reads 0 at reset over TLM", "[model][registers]") {
    REQUIRE(test::soc_info().name == "tegra124");
    // The register block decodes what the tables list (tegra-facts §2.1: 23
    // swgroups with an ASID register on Tegra124; §1.2: enable banks 0x228-0x234).
    CHECK(asid_regs().size() == 23);
    CHECK(client_enable_regs() == std::vector<uint32_t>{0x228, 0x22c, 0x230, 0x234});
    const auto regs = asid_regs();
    std::set<uint32_t> sw(regs.begin(), regs.end());
    for (uint32_t off : {0x238u, 0x23cu, 0x240u, 0x244u, 0x250u, 0x254u, 0x258u, 0x264u, 0x270u, 0x274u, 0x27cu,
                         0x280u, 0x284u, 0x288u, 0x28cu, 0x290u, 0x294u, 0xa94u, 0xa98u, 0xa9cu, 0xaa0u, 0xaa4u,
                         0xaacu})
        CHECK(sw.count(off) == 1);

    uint64_t unknown0 = unknown();
    CHECK(rd(SMMU_CONFIG) == 0);
    CHECK(rd(SMMU_TLB_CONFIG) == 0);
    CHECK(rd(SMMU_PTC_CONFIG) == 0);
    CHECK(rd(SMMU_PTB_ASID) == 0);
    CHECK(rd(SMMU_PTB_DATA) == 0);
    for (uint32_t off : asid_regs()) {
        CAPTURE(off);
        CHECK(rd(off) == 0);
    }
    for (uint32_t off : client_enable_regs()) {
        CAPTURE(off);
        CHECK(rd(off) == 0);
    }
    // A read of an offset the block does not decode also returns 0 but is
    // counted: none of the reads above was one.
    CHECK(unknown() == unknown0);
    CHECK(rd(MC_INTSTATUS) == 0);
    CHECK(rd(MC_INTMASK) == 0);
    CHECK(rd(MC_ERR_STATUS) == 0);
    CHECK(rd(MC_ERR_ADR) == 0);
    settle();
    CHECK_FALSE(platform().mc_irq.read());
    CHECK_FALSE(platform().mc.smmu_registers().smmu_enabled());
}

TEST_CASE("registers: PTB_ASID keeps its 7 ASID bits", "[model][registers]") {
    wr(SMMU_PTB_ASID, 0xffffffff);
    CHECK(rd(SMMU_PTB_ASID) == 0x7f);
    wr(SMMU_PTB_ASID, 0x85);
    CHECK(rd(SMMU_PTB_ASID) == 0x05);
    wr(SMMU_PTB_ASID, 0x2a);
    CHECK(rd(SMMU_PTB_ASID) == 0x2a);
    wr(SMMU_PTB_ASID, 0);
    CHECK(rd(SMMU_PTB_ASID) == 0);
}

TEST_CASE("registers: PTB_DATA is a window onto the page-table base of the ASID PTB_ASID selects",
          "[model][registers]") {
    wr(SMMU_PTB_ASID, 3);
    wr(SMMU_PTB_DATA, 0xe0012345);
    CHECK(rd(SMMU_PTB_DATA) == 0xe0012345);
    wr(SMMU_PTB_ASID, 5);
    CHECK(rd(SMMU_PTB_DATA) == 0);            // ASID 5 has its own, still at reset
    wr(SMMU_PTB_DATA, 0xc0054321);
    wr(SMMU_PTB_ASID, 3);
    CHECK(rd(SMMU_PTB_DATA) == 0xe0012345);   // ASID 3 kept its value
    wr(SMMU_PTB_ASID, 3 + 0x80);              // bit 7 is not part of the ASID
    CHECK(rd(SMMU_PTB_DATA) == 0xe0012345);
    wr(SMMU_PTB_ASID, 5);
    CHECK(rd(SMMU_PTB_DATA) == 0xc0054321);
    CHECK(platform().mc.smmu_registers().ptb(3) == 0xe0012345);
    CHECK(platform().mc.smmu_registers().ptb(5) == 0xc0054321);
    // The last ASID of Tegra124 (128 ASIDs) has a window too.
    wr(SMMU_PTB_ASID, 127);
    wr(SMMU_PTB_DATA, 0xe00fffff);
    CHECK(rd(SMMU_PTB_DATA) == 0xe00fffff);
    // Back to reset.
    for (uint32_t asid : {3u, 5u, 127u}) {
        wr(SMMU_PTB_ASID, asid);
        wr(SMMU_PTB_DATA, 0);
        CHECK(rd(SMMU_PTB_DATA) == 0);
    }
    wr(SMMU_PTB_ASID, 0);
}

TEST_CASE("registers: swgroup ASID and client enable registers read back what was written, each its own",
          "[model][registers]") {
    const auto regs = asid_regs();
    // Distinct values everywhere first, then read all: no two registers alias.
    for (size_t i = 0; i < regs.size(); ++i) wr(regs[i], SMMU_ASID_ENABLE | uint32_t(i + 1));
    for (size_t i = 0; i < regs.size(); ++i) {
        CAPTURE(regs[i]);
        CHECK(rd(regs[i]) == (SMMU_ASID_ENABLE | uint32_t(i + 1)));
    }
    // The decoded view the datapath routes by agrees.
    const auto& sregs = platform().mc.smmu_registers();
    for (const auto& sw : test::soc_info().swgroups) {
        if (!sw.asid_reg) continue;
        CHECK(sregs.swgroup_enabled(sw));
        CHECK(sregs.swgroup_asid(sw) == (rd(*sw.asid_reg) & 0x7f));
    }
    const auto banks = client_enable_regs();
    for (size_t i = 0; i < banks.size(); ++i) wr(banks[i], 0x11111111u << i);
    for (size_t i = 0; i < banks.size(); ++i) {
        CAPTURE(banks[i]);
        CHECK(rd(banks[i]) == 0x11111111u << i);
    }
    // msencswr (ID 0x2b) has bit 11 of 0x22c (tegra-facts §2.3).
    wr(0x22c, 1u << 11);
    CHECK(sregs.client_enabled(*test::soc_info().find_client("msencswr")));
    wr(0x22c, ~(1u << 11));
    CHECK_FALSE(sregs.client_enabled(*test::soc_info().find_client("msencswr")));
    for (uint32_t off : regs) wr(off, 0);
    for (uint32_t off : banks) wr(off, 0);
    for (uint32_t off : regs) CHECK(rd(off) == 0);
    for (uint32_t off : banks) CHECK(rd(off) == 0);
}

TEST_CASE("registers: each register access takes mc.reg_access of simulated time", "[model][registers][timing]") {
    const uint64_t access_ps = test::board().settings.hw.reg_access_ns * 1000;
    CHECK(access_ps == 50'000);  // the board sets no mc.reg_access: the 50 ns default
    platform().cpu.sync();
    for (int i = 0; i < 4; ++i) {
        uint64_t t0 = now_ps();
        if (i % 2) rd(SMMU_PTB_ASID);
        else wr(SMMU_PTB_ASID, 0);
        platform().cpu.sync();
        CHECK(now_ps() - t0 == access_ps);
    }
    // Accesses inside the quantum accumulate as local time; sync waits it out.
    uint64_t t0 = now_ps();
    for (int i = 0; i < 10; ++i) rd(SMMU_CONFIG);
    CHECK(now_ps() - t0 <= 10 * access_ps);
    platform().cpu.sync();
    CHECK(now_ps() - t0 == 10 * access_ps);
    // The backdoor view takes none.
    t0 = now_ps();
    CHECK(platform().mc.reg_value(SMMU_CONFIG) == 0);
    platform().cpu.sync();
    CHECK(now_ps() == t0);
}

TEST_CASE("registers: a client is translated only with SMMU_CONFIG, its swgroup's ASID ENABLE and its enable bit",
          "[model][registers][route]") {
    test::RawInitiator& msenc = raw("msencsrd");
    const auto& stats = platform().mc.smmu().stats();
    // ASID 9's page directory: an empty page, so any translated access faults.
    const uint64_t pd = 0x80000000, buf_pa = 0x81000000;
    std::vector<uint8_t> zero(4096, 0), want(64, 0x5e), got(64);
    platform().dram.write(pd, zero.data(), zero.size());
    platform().dram.write(buf_pa, want.data(), want.size());
    wr(SMMU_PTB_ASID, 9);
    wr(SMMU_PTB_DATA, uint32_t(pd >> 12) | 0xe0000000);
    struct Config {
        uint32_t smmu_config, asid_reg, client_bits;
        bool translated;
    };
    const Config configs[] = {
        {0, 0, 0, false},
        {1, SMMU_ASID_ENABLE | 9, 0, false},           // msencsrd's own enable bit clear
        {1, 9, 1u << 0x1c, false},                      // swgroup ASID register without ENABLE
        {0, SMMU_ASID_ENABLE | 9, 1u << 0x1c, false},   // SMMU disabled
        {1, SMMU_ASID_ENABLE | 9, 1u << 0x1c, true},
    };
    for (const Config& c : configs) {
        CAPTURE(c.smmu_config, c.asid_reg, c.client_bits);
        wr(SMMU_CONFIG, c.smmu_config);
        wr(0x264, c.asid_reg);    // SMMU_MSENC_ASID
        wr(0x228, c.client_bits);
        uint64_t bypassed = stats.bypassed, translations = stats.translations;
        std::fill(got.begin(), got.end(), 0);
        auto r = msenc.read(buf_pa, got.data(), uint32_t(got.size()));
        if (c.translated) {
            CHECK(r.status == tlm::TLM_ADDRESS_ERROR_RESPONSE);
            CHECK(stats.translations == translations + 1);
            CHECK(platform().mc.faults().back().reason == FaultReason::PdeInvalid);
        } else {
            CHECK(r.status == tlm::TLM_OK_RESPONSE);
            CHECK(got == want);   // IOVA == PA
            CHECK(stats.bypassed == bypassed + 1);
        }
    }
    // Back to reset.
    wr(SMMU_CONFIG, 0);
    wr(0x264, 0);
    wr(0x228, 0);
    wr(SMMU_PTB_DATA, 0);
    wr(SMMU_PTB_ASID, 0);
    wr(MC_INTSTATUS, 0xffffffff);
    CHECK(rd(MC_INTSTATUS) == 0);
}

TEST_CASE("registers: MC_INTSTATUS is write-1-to-clear; the interrupt follows INTSTATUS & INTMASK",
          "[model][registers][irq]") {
    auto& mc = platform().mc;
    test::RawInitiator& msenc = raw("msencsrd");
    uint8_t buf[64] = {};
    // A bypassed read of an address no DRAM decodes: DECERR_EMEM (bit 6).
    REQUIRE(rd(SMMU_CONFIG) == 0);
    auto r = msenc.read(0x40000000, buf, sizeof buf);
    CHECK(r.status == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK(rd(MC_INTSTATUS) == 0x40);
    CHECK(rd(MC_ERR_STATUS) == (0x2u << 28 | 0x1c));
    CHECK(rd(MC_ERR_ADR) == 0x40000000);
    // An SMMU page fault (bit 10): MSENC translated by ASID 9 through an
    // empty page directory, all set up by register writes.
    const uint64_t pd = 0x80000000;
    std::vector<uint8_t> zero(4096, 0);
    platform().dram.write(pd, zero.data(), zero.size());
    wr(SMMU_PTB_ASID, 9);
    wr(SMMU_PTB_DATA, uint32_t(pd >> 12) | 0xe0000000);
    wr(0x264, SMMU_ASID_ENABLE | 9);   // SMMU_MSENC_ASID
    wr(0x228, 1u << 0x1c);             // msencsrd's enable bit
    wr(SMMU_CONFIG, 1);
    r = msenc.read(0x1000, buf, sizeof buf);
    CHECK(r.status == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    REQUIRE(!mc.faults().empty());
    CHECK(mc.faults().back().kind == FaultKind::SmmuPage);
    CHECK(mc.faults().back().reason == FaultReason::PdeInvalid);
    CHECK(rd(MC_INTSTATUS) == 0x440);
    CHECK(rd(MC_ERR_STATUS) == (0x6u << 28 | 0x1c));
    CHECK(rd(MC_ERR_ADR) == 0x1000);
    // ERR_STATUS and ERR_ADR are read-only.
    wr(MC_ERR_STATUS, 0);
    wr(MC_ERR_ADR, 0);
    CHECK(rd(MC_ERR_STATUS) == (0x6u << 28 | 0x1c));
    CHECK(rd(MC_ERR_ADR) == 0x1000);

    // Masked: the line stays low.
    settle();
    CHECK_FALSE(platform().mc_irq.read());
    wr(MC_INTMASK, 0x440);
    CHECK(rd(MC_INTMASK) == 0x440);
    settle();
    CHECK(platform().mc_irq.read());
    // Writing 0 or bits that are not set clears nothing.
    wr(MC_INTSTATUS, 0);
    CHECK(rd(MC_INTSTATUS) == 0x440);
    wr(MC_INTSTATUS, ~0x440u);
    CHECK(rd(MC_INTSTATUS) == 0x440);
    // Each written 1 clears its bit only.
    wr(MC_INTSTATUS, 0x400);
    CHECK(rd(MC_INTSTATUS) == 0x40);
    settle();
    CHECK(platform().mc_irq.read());   // bit 6 is still pending and unmasked
    wr(MC_INTMASK, 0x400);
    settle();
    CHECK_FALSE(platform().mc_irq.read());   // bit 6 pending but masked
    wr(MC_INTMASK, 0x440);
    settle();
    CHECK(platform().mc_irq.read());
    wr(MC_INTSTATUS, 0x40);
    CHECK(rd(MC_INTSTATUS) == 0);
    settle();
    CHECK_FALSE(platform().mc_irq.read());
    // Clearing leaves the latched error registers alone.
    CHECK(rd(MC_ERR_ADR) == 0x1000);

    // Back to reset (the error latches stay: nothing clears them).
    wr(SMMU_CONFIG, 0);
    wr(0x228, 0);
    wr(0x264, 0);
    wr(SMMU_PTB_DATA, 0);
    wr(SMMU_PTB_ASID, 0);
    wr(MC_INTMASK, 0);
    CHECK(rd(MC_INTMASK) == 0);
}

TEST_CASE("registers: tegra_smmu_probe over TLM enables the SMMU with Tegra124's PTC and TLB configuration",
          "[model][registers][probe]") {
    auto& sregs = platform().mc.smmu_registers();
    const auto& stats = platform().mc.smmu().stats();
    uint64_t tlb_all0 = stats.tlb_flush_all, ptc_all0 = stats.ptc_flush_all;
    REQUIRE(rd(SMMU_CONFIG) == 0);
    TegraSmmu driver(test::soc_info(), platform().mc_port, platform().dram_port, test::page_table_pool());
    platform().cpu.sync();
    uint64_t t0 = now_ps();
    driver.probe();
    platform().cpu.sync();
    // 5 writes and the PTB_ASID read-back (tegra-facts §1.3), 50 ns each.
    CHECK(driver.stats().reg_writes == 5);
    CHECK(driver.stats().reg_reads == 1);
    CHECK(now_ps() - t0 == 6 * test::board().settings.hw.reg_access_ns * 1000);
    CHECK(rd(SMMU_CONFIG) == 0x1);
    // PTC: ENABLE (bit 29) | REQ_LIMIT(8) (Tegra124 supports a request limit) | INDEX_MAP(0x3f).
    CHECK(rd(SMMU_PTC_CONFIG) == 0x2800003f);
    // TLB: HIT_UNDER_MISS (bit 29) | ROUND_ROBIN (bit 28, supported) | 32 active lines.
    CHECK(rd(SMMU_TLB_CONFIG) == 0x30000020);
    // The flushes reached the TLB and PTC of the model, once each.
    CHECK(stats.tlb_flush_all == tlb_all0 + 1);
    CHECK(stats.ptc_flush_all == ptc_all0 + 1);
    CHECK(sregs.smmu_enabled());
    // Enabling the SMMU translates nothing yet: no swgroup is enabled.
    CHECK(platform().mc.smmu().asids_enabled() == 0);
    for (uint32_t off : asid_regs()) CHECK(rd(off) == 0);
}
