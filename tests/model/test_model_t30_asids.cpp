// [model] ASID exhaustion on a Tegra30 platform (tests/model/boards/
// tegra30-asids.yaml: HC, VDE, VI, EPP, MPE and ISP devices, each in an IOMMU
// group of its own). Tegra30's SMMU has 4 ASIDs (tegra-facts §1.4, §2.1): the
// tegra-smmu driver, programming the SMMU over TLM, gives one to each of
// four attached paging domains and refuses a fifth with ENOSPC; detaching
// one frees its ASID for the attach that failed. The swgroup ASID registers
// are read over TLM, and raw initiators on one read client per swgroup show
// what the SMMU does with each ASID.
//
// The cases share one platform and run in declaration order: the second
// continues from the four attached domains of the first.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
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
using socsim::test::raw;

socsim::test::ModelConfig socsim::test::model_config() {
    ModelConfig c;
    c.board = "tests/model/boards/tegra30-asids.yaml";
    c.raw_clients = {"host1xr", "vdebsevr", "viruv", "eppup", "mpeunifbr"};
    return c;
}

namespace {

constexpr uint32_t kAsidEnable = 1u << 31;
constexpr uint64_t kIova = 0x10000000;   // the same IOVA in every domain; not a DRAM address

uint32_t rd(uint32_t offset) { return platform().cpu.reg_read(offset); }
void wr(uint32_t offset, uint32_t value) { platform().cpu.reg_write(offset, value); }

void fill(uint64_t pa, uint8_t byte, uint64_t len) {
    std::vector<uint8_t> b(len, byte);
    platform().dram.write(pa, b.data(), len);
}

std::vector<uint8_t> raw_read(const std::string& client, uint64_t iova, uint32_t len,
                              tlm::tlm_response_status& st) {
    std::vector<uint8_t> b(len, 0xcd);
    st = raw(client).read(iova, b.data(), len).status;
    return b;
}

// Tegra30's swgroup ASID registers (tegra-facts §2.2), by swgroup.
const std::map<std::string, uint32_t> kAsidReg = {
    {"afi", 0x238}, {"avpc", 0x23c}, {"dc", 0x240}, {"dcb", 0x244}, {"epp", 0x248}, {"g2", 0x24c},
    {"hc", 0x250},  {"hda", 0x254},  {"isp", 0x258}, {"mpe", 0x264}, {"nv", 0x268}, {"nv2", 0x26c},
    {"ppcs", 0x270}, {"sata", 0x278}, {"vde", 0x27c}, {"vi", 0x280},
};

struct Dev {
    std::string label, swgroup, reader;   // reader: a read client of the swgroup ("" = none)
    int group = kNone, dev = kNone, dom = kNone;
    uint64_t pa = 0;                      // where its domain maps kIova
    uint8_t byte = 0;                     // what DRAM holds there
};

struct Rig {
    smmu::TegraSmmu driver;
    IommuCore core;
    std::vector<Dev> devs;   // board order: host1x, vde, vi, epp, mpe, isp

    Rig()
        : driver(test::soc_info(), platform().mc_port, platform().dram_port, test::page_table_pool()),
          core(driver, CoreOptions{}) {
        driver.probe();
        const std::map<std::string, std::string> readers = {
            {"hc", "host1xr"}, {"vde", "vdebsevr"}, {"vi", "viruv"}, {"epp", "eppup"}, {"mpe", "mpeunifbr"}};
        for (const dts::DtNode* node : test::board().iommu_devices()) {
            Dev d;
            d.label = node->display_name();
            for (const auto& spec : node->iommus)
                if (spec.swgroup) d.swgroup = std::string(spec.swgroup->name);
            auto it = readers.find(d.swgroup);
            if (it != readers.end()) d.reader = it->second;
            d.group = core.add_group(d.label);
            d.dev = core.add_device(node->path, d.group, {d.swgroup});
            devs.push_back(d);
        }
        platform().cpu.sync();
    }

    Dev& by_swgroup(const std::string& sw) {
        for (Dev& d : devs)
            if (d.swgroup == sw) return d;
        throw std::runtime_error("no device on swgroup " + sw);
    }
    const Domain& domain(const Dev& d) const { return core.domains().at(size_t(d.dom)); }
    std::optional<uint32_t> asid(const Dev& d) const { return driver.asid_of(domain(d)); }
};

Rig& rig() {
    static Rig r;
    return r;
}

// Swgroup ASID registers read over TLM: swgroup -> value, for those with ENABLE.
std::map<std::string, uint32_t> enabled_asid_regs() {
    std::map<std::string, uint32_t> out;
    for (const auto& [sw, off] : kAsidReg) {
        uint32_t v = rd(off);
        if (v & kAsidEnable) out[sw] = v;
    }
    return out;
}

uint32_t ptb_data(uint32_t asid) {
    wr(smmu::SMMU_PTB_ASID, asid);
    return rd(smmu::SMMU_PTB_DATA);
}

}  // namespace

TEST_CASE("t30 asids: four paging domains take the four ASIDs; a fifth attach is ENOSPC",
          "[model][asids]") {
    Rig& r = rig();
    REQUIRE(test::soc_info().num_asids == 4);
    REQUIRE(r.devs.size() == 6);
    const char* order[] = {"hc", "vde", "vi", "epp", "mpe", "isp"};
    for (size_t i = 0; i < 6; ++i) CHECK(r.devs[i].swgroup == order[i]);
    // The table's ASID registers are the reference's (every translatable swgroup).
    for (const auto& sw : test::soc_info().swgroups)
        if (sw.asid_reg) CHECK(kAsidReg.at(std::string(sw.name)) == *sw.asid_reg);
    // After probe every device is on its identity default domain: nothing enabled.
    CHECK(rd(smmu::SMMU_CONFIG) == 1);
    CHECK(enabled_asid_regs().empty());

    for (size_t k = 0; k < 4; ++k) {
        Dev& d = r.devs[k];
        CAPTURE(d.swgroup);
        d.dom = r.core.domain_alloc(d.label + ".paging", DomainType::Paging, AllocApi::Paging, d.dev);
        REQUIRE(d.dom >= 0);
        REQUIRE(r.core.attach_device(d.dom, d.dev) == kOk);
        d.pa = 0x81000000 + k * 0x1000;
        d.byte = uint8_t(0x10 + k);
        fill(d.pa, d.byte, 4096);
        REQUIRE(r.core.map(d.dom, kIova, d.pa, 4096, kProtRead | kProtWrite) == kOk);
    }
    CHECK(r.driver.asids_in_use() == 4);

    // Over TLM: four swgroups enabled, four distinct ASIDs, each the one the
    // driver gave the swgroup's domain, each with its own page directory.
    auto enabled = enabled_asid_regs();
    CHECK(enabled.size() == 4);
    std::set<uint32_t> asids;
    for (size_t k = 0; k < 4; ++k) {
        const Dev& d = r.devs[k];
        CAPTURE(d.swgroup);
        REQUIRE(enabled.count(d.swgroup) == 1);
        uint32_t asid = enabled[d.swgroup] & 0x7f;
        asids.insert(asid);
        CHECK(asid < 4);
        CHECK(r.asid(d) == std::optional<uint32_t>(asid));
        CHECK(ptb_data(asid) == (uint32_t(*r.driver.pd_of(r.domain(d)) >> 12) | 0xe0000000));
    }
    CHECK(asids == std::set<uint32_t>{0, 1, 2, 3});
    CHECK(platform().mc.smmu().asids_enabled() == 4);

    // The fifth and sixth: a paging domain allocates (no ASID needed yet),
    // attaching it finds no ASID left.
    for (const char* sw : {"mpe", "isp"}) {
        CAPTURE(sw);
        Dev& d = r.by_swgroup(sw);
        d.dom = r.core.domain_alloc(d.label + ".paging", DomainType::Paging, AllocApi::Paging, d.dev);
        REQUIRE(d.dom >= 0);
        CHECK(r.core.attach_device(d.dom, d.dev) == kENOSPC);
        CHECK_FALSE(r.asid(d).has_value());
        CHECK((rd(kAsidReg.at(sw)) & kAsidEnable) == 0);
        const Group& g = r.core.groups().at(size_t(d.group));
        CHECK(g.domain == g.default_domain);
    }
    CHECK(r.driver.stats().asid_exhausted == 2);
    CHECK(r.driver.asids_in_use() == 4);
    CHECK(enabled_asid_regs() == enabled);

    // The four ASIDs translate the same IOVA each to their own page.
    auto s0 = platform().mc.smmu().stats();
    for (size_t k = 0; k < 4; ++k) {
        const Dev& d = r.devs[k];
        CAPTURE(d.reader);
        tlm::tlm_response_status st;
        CHECK(raw_read(d.reader, kIova, 32, st) == std::vector<uint8_t>(32, d.byte));
        CHECK(st == tlm::TLM_OK_RESPONSE);
    }
    CHECK(platform().mc.smmu().stats().walks == s0.walks + 4);
    // MPE, left without an ASID, bypasses: its IOVA is no DRAM address.
    tlm::tlm_response_status st;
    raw_read("mpeunifbr", kIova, 32, st);
    CHECK(st == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK(platform().mc.faults().back().kind == soc::FaultKind::DecodeError);
    CHECK(rd(soc::MC_INTSTATUS) == soc::MC_INT_DECERR_EMEM);
    wr(soc::MC_INTSTATUS, soc::MC_INT_DECERR_EMEM);
    CHECK(rd(soc::MC_INTSTATUS) == 0);
}

TEST_CASE("t30 asids: detaching a domain frees its ASID; the attach that failed then succeeds with it",
          "[model][asids]") {
    Rig& r = rig();
    Dev& vde = r.by_swgroup("vde");
    Dev& mpe = r.by_swgroup("mpe");
    REQUIRE(r.driver.asids_in_use() == 4);
    REQUIRE(mpe.dom != kNone);
    auto freed = r.asid(vde);
    REQUIRE(freed.has_value());

    r.core.detach_device(vde.dom, vde.dev);
    CHECK_FALSE(r.asid(vde).has_value());
    CHECK(r.driver.asids_in_use() == 3);
    CHECK((rd(kAsidReg.at("vde")) & kAsidEnable) == 0);
    CHECK(enabled_asid_regs().size() == 3);
    CHECK(platform().mc.smmu().asids_enabled() == 3);
    // VDE bypasses now: its old PA, used as an IOVA, reads its own data.
    tlm::tlm_response_status st;
    CHECK(raw_read("vdebsevr", vde.pa, 32, st) == std::vector<uint8_t>(32, vde.byte));
    CHECK(st == tlm::TLM_OK_RESPONSE);

    auto s0 = platform().mc.smmu().stats();
    REQUIRE(r.core.attach_device(mpe.dom, mpe.dev) == kOk);
    CHECK(r.asid(mpe) == freed);
    CHECK(rd(kAsidReg.at("mpe")) == (kAsidEnable | *freed));
    CHECK(r.driver.asids_in_use() == 4);
    auto enabled = enabled_asid_regs();
    CHECK(enabled.size() == 4);
    std::set<uint32_t> asids;
    for (const auto& [sw, v] : enabled) asids.insert(v & 0x7f);
    CHECK(asids == std::set<uint32_t>{0, 1, 2, 3});
    CHECK(enabled.count("vde") == 0);
    CHECK(ptb_data(*freed) == (uint32_t(*r.driver.pd_of(r.domain(mpe)) >> 12) | 0xe0000000));
    // Taking the ASID flushed its TLB entries (TLB_FLUSH with the 2-bit ASID
    // field of a 4-ASID SoC): what VDE's translation of kIova left in the TLB
    // under this ASID is gone.
    CHECK(platform().mc.smmu().stats().tlb_flush_asid == s0.tlb_flush_asid + 1);
    CHECK(platform().mc.smmu().stats().tlb_lines_flushed == s0.tlb_lines_flushed + 1);
    mpe.pa = 0x81010000;
    mpe.byte = 0x55;
    fill(mpe.pa, mpe.byte, 4096);
    REQUIRE(r.core.map(mpe.dom, kIova, mpe.pa, 4096, kProtRead | kProtWrite) == kOk);
    CHECK(raw_read("mpeunifbr", kIova, 32, st) == std::vector<uint8_t>(32, 0x55));
    CHECK(st == tlm::TLM_OK_RESPONSE);
    // The others still translate kIova each to their own page.
    for (const char* sw : {"hc", "vi", "epp"}) {
        const Dev& d = r.by_swgroup(sw);
        CAPTURE(sw);
        CHECK(raw_read(d.reader, kIova, 32, st) == std::vector<uint8_t>(32, d.byte));
    }
    CHECK(rd(soc::MC_INTSTATUS) == 0);
}
