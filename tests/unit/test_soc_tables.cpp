// Cross-checks the SoC data tables (soc/data/*.cpp) against the reference
// sheet (../shared/reference/tegra-facts.md). Expected values below are
// copied from the sheet (section noted on each test), not from the tables.

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soc/soc_registry.h"

using namespace socsim::soc;

namespace {

const Swgroup& swgroup_of(const SocInfo& soc, std::string_view name) {
    INFO(std::string(soc.name) << " swgroup " << std::string(name));
    const Swgroup* s = soc.find_swgroup(name);
    REQUIRE(s != nullptr);
    return *s;
}

const MemoryClient& client_of(const SocInfo& soc, std::string_view name) {
    INFO(std::string(soc.name) << " client " << std::string(name));
    const MemoryClient* c = soc.find_client(name);
    REQUIRE(c != nullptr);
    return *c;
}

std::vector<std::string> names(const std::vector<std::string_view>& v) {
    return std::vector<std::string>(v.begin(), v.end());
}

struct SwgroupFact {
    const SocInfo& soc;
    const char* name;
    uint32_t dt_id;
    std::optional<uint32_t> asid_reg;
};

void check_swgroup(const SwgroupFact& f) {
    INFO(std::string(f.soc.name) << " swgroup " << f.name);
    const Swgroup& s = swgroup_of(f.soc, f.name);
    CHECK(s.dt_id == f.dt_id);
    REQUIRE(s.asid_reg.has_value() == f.asid_reg.has_value());
    if (f.asid_reg) CHECK(*s.asid_reg == *f.asid_reg);
    // The dt-bindings number leads back to the same swgroup (the iommus cell).
    const Swgroup* by_id = f.soc.find_swgroup_by_id(f.dt_id);
    REQUIRE(by_id != nullptr);
    CHECK(by_id->name == std::string_view(f.name));
}

struct ClientFact {
    const SocInfo& soc;
    uint32_t id;
    const char* name;
    const char* swgroup;
    std::optional<uint32_t> la_reg;  // only where the sheet gives the register
    uint8_t la_shift;
    std::optional<uint8_t> la_def;   // only where the sheet gives the default
};

void check_client(const ClientFact& f) {
    INFO(std::string(f.soc.name) << " client " << f.name);
    const MemoryClient* c = f.soc.find_client(f.id);
    REQUIRE(c != nullptr);
    CHECK(c->name == std::string_view(f.name));
    CHECK(c->swgroup == std::string_view(f.swgroup));
    CHECK(c->smmu);
    if (f.la_def) {
        REQUIRE(c->la.has_value());
        CHECK(c->la->def == *f.la_def);
    }
    if (f.la_reg) {
        REQUIRE(c->la.has_value());
        REQUIRE(c->la->reg.has_value());
        CHECK(*c->la->reg == *f.la_reg);
        CHECK(c->la->shift == f.la_shift);
    }
}

}  // namespace

TEST_CASE("SoC registry lists the four SoCs and finds them by MC compatible", "[unit][soc]") {
    const auto& socs = all_socs();
    REQUIRE(socs.size() == 4u);
    CHECK(socs[0]->name == "tegra30");
    CHECK(socs[1]->name == "tegra114");
    CHECK(socs[2]->name == "tegra124");
    CHECK(socs[3]->name == "tegra210");

    // §4.1: mc node compatibles.
    CHECK(find_soc_by_mc_compatible("nvidia,tegra30-mc") == &tegra30());
    CHECK(find_soc_by_mc_compatible("nvidia,tegra114-mc") == &tegra114());
    CHECK(find_soc_by_mc_compatible("nvidia,tegra124-mc") == &tegra124());
    CHECK(find_soc_by_mc_compatible("nvidia,tegra210-mc") == &tegra210());
    CHECK(find_soc_by_mc_compatible("nvidia,tegra20-mc") == nullptr);
    CHECK(find_soc_by_mc_compatible("nvidia,tegra124") == nullptr);

    CHECK(find_soc("tegra124") == &tegra124());
    CHECK(find_soc("tegra132") == nullptr);

    // T124 table also describes T132 (§2.1 "T124/T132").
    const auto& compat = tegra124().soc_compatibles;
    CHECK(names(compat) == std::vector<std::string>{"nvidia,tegra124", "nvidia,tegra132"});
    CHECK(names(tegra30().soc_compatibles) == std::vector<std::string>{"nvidia,tegra30"});
}

TEST_CASE("SoC MC/SMMU parameters match §2.1", "[unit][soc]") {
    struct Row {
        const SocInfo& soc;
        uint32_t asids, tlb_lines, atom, address_bits;
        std::optional<uint32_t> client_id_mask;
        bool round_robin, request_limit;
    };
    const Row rows[] = {
        {tegra30(), 4, 16, 16, 32, 0x7f, false, false},
        {tegra114(), 4, 32, 32, 32, std::nullopt, false, false},
        {tegra124(), 128, 32, 32, 34, 0x7f, true, true},
        {tegra210(), 128, 48, 64, 34, 0xff, true, true},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.soc.name));
        CHECK(r.soc.num_asids == r.asids);
        CHECK(r.soc.num_tlb_lines == r.tlb_lines);
        CHECK(r.soc.atom_size == r.atom);
        CHECK(r.soc.num_address_bits == r.address_bits);
        CHECK(r.soc.client_id_mask.has_value() == r.client_id_mask.has_value());
        if (r.client_id_mask) CHECK(*r.soc.client_id_mask == *r.client_id_mask);
        CHECK(r.soc.supports_round_robin_arbitration == r.round_robin);
        CHECK(r.soc.supports_request_limit == r.request_limit);
        CHECK(r.soc.mc_tick_ns == 30u);
    }
}

TEST_CASE("Translatable swgroup counts match §2.1", "[unit][soc]") {
    CHECK(tegra30().translatable_swgroup_count() == 16u);
    CHECK(tegra114().translatable_swgroup_count() == 16u);
    CHECK(tegra124().translatable_swgroup_count() == 23u);
    CHECK(tegra210().translatable_swgroup_count() == 29u);
}

TEST_CASE("Every dt-bindings swgroup is present (§3)", "[unit][soc]") {
    // Number of TEGRA_SWGROUP_* rows per SoC in §3.
    CHECK(tegra30().swgroups.size() == 19u);
    CHECK(tegra114().swgroups.size() == 20u);
    CHECK(tegra124().swgroups.size() == 26u);
    CHECK(tegra210().swgroups.size() == 31u);
}

TEST_CASE("Swgroup dt-binding numbers and ASID registers match §2.2 and §3", "[unit][soc]") {
    const SwgroupFact facts[] = {
        // Tegra30
        {tegra30(), "ptc", 0, std::nullopt},
        {tegra30(), "dc", 1, 0x240},
        {tegra30(), "dcb", 2, 0x244},
        {tegra30(), "mpe", 5, 0x264},
        {tegra30(), "vi", 6, 0x280},
        {tegra30(), "afi", 7, 0x238},
        {tegra30(), "nv", 9, 0x268},
        {tegra30(), "nv2", 10, 0x26c},
        {tegra30(), "hc", 12, 0x250},
        {tegra30(), "sata", 14, 0x278},
        {tegra30(), "mpcorelp", 16, std::nullopt},
        {tegra30(), "mpcore", 17, std::nullopt},
        {tegra30(), "isp", 18, 0x258},
        // Tegra114
        {tegra114(), "avpc", 5, 0x23c},
        {tegra114(), "msenc", 9, 0x264},
        {tegra114(), "vi", 14, 0x280},
        {tegra114(), "isp", 15, 0x258},
        {tegra114(), "xusb_host", 16, 0x288},
        {tegra114(), "xusb_dev", 17, 0x28c},
        {tegra114(), "emucif", 18, std::nullopt},
        {tegra114(), "tsec", 19, 0x294},
        // Tegra124
        {tegra124(), "afi", 3, 0x238},
        {tegra124(), "hc", 6, 0x250},
        {tegra124(), "sata", 9, 0x274},
        {tegra124(), "mpcore", 12, std::nullopt},
        {tegra124(), "isp2", 13, 0x258},
        {tegra124(), "isp2b", 16, 0xaa4},
        {tegra124(), "a9avp", 18, 0x290},
        {tegra124(), "gpu", 19, 0xaac},
        {tegra124(), "sdmmc1a", 20, 0xa94},
        {tegra124(), "sdmmc4a", 23, 0xaa0},
        {tegra124(), "vic", 24, 0x284},
        {tegra124(), "vi", 25, 0x280},
        // Tegra210
        {tegra210(), "nvenc", 7, 0x264},
        {tegra210(), "mpcore", 10, std::nullopt},
        {tegra210(), "isp2", 11, 0x258},
        {tegra210(), "xusb_host", 12, 0x288},
        {tegra210(), "tsec", 15, 0x294},
        {tegra210(), "gpu", 17, 0xaac},
        {tegra210(), "sdmmc3a", 20, 0xa9c},
        {tegra210(), "vic", 22, 0x284},
        {tegra210(), "vi", 23, 0x280},
        {tegra210(), "nvdec", 24, 0xab4},
        {tegra210(), "ape", 25, 0xab8},
        {tegra210(), "nvjpg", 26, 0xac0},
        {tegra210(), "se", 27, 0xabc},
        {tegra210(), "axiap", 28, 0xacc},
        {tegra210(), "etr", 29, 0xad0},
        {tegra210(), "tsecb", 30, 0xad4},
    };
    for (const auto& f : facts) check_swgroup(f);
}

TEST_CASE("Swgroups that exist on one SoC but not another", "[unit][soc]") {
    // vic: T124/T210 only.
    CHECK(tegra124().find_swgroup("vic") != nullptr);
    CHECK(tegra30().find_swgroup("vic") == nullptr);
    CHECK(tegra114().find_swgroup("vic") == nullptr);
    // nv2: T30 only.
    CHECK(tegra30().find_swgroup("nv2") != nullptr);
    CHECK(tegra114().find_swgroup("nv2") == nullptr);
    CHECK(tegra124().find_swgroup("nv2") == nullptr);
    CHECK(tegra210().find_swgroup("nv2") == nullptr);
    // g2/nv/epp: T30/T114 only.
    CHECK(tegra114().find_swgroup("g2") != nullptr);
    CHECK(tegra124().find_swgroup("g2") == nullptr);
    CHECK(tegra124().find_swgroup("epp") == nullptr);
    // isp vs isp2, mpe/msenc/nvenc renames.
    CHECK(tegra30().find_swgroup("isp2") == nullptr);
    CHECK(tegra124().find_swgroup("isp") == nullptr);
    CHECK(tegra30().find_swgroup("msenc") == nullptr);
    CHECK(tegra210().find_swgroup("msenc") == nullptr);
    CHECK(tegra124().find_swgroup("nvenc") == nullptr);
    // T210: no VDE and no MPCORELP; emucif only on T114.
    CHECK(tegra210().find_swgroup("vde") == nullptr);
    CHECK(tegra210().find_swgroup("mpcorelp") == nullptr);
    CHECK(tegra124().find_swgroup("emucif") == nullptr);
    // T114 has no afi/sata swgroup.
    CHECK(tegra114().find_swgroup("afi") == nullptr);
    CHECK(tegra114().find_swgroup("sata") == nullptr);
    // dt id 10 is NV2 on T30 but PPCS on T114.
    CHECK(tegra114().find_swgroup_by_id(10)->name == "ppcs");
}

TEST_CASE("Memory clients match §2.3", "[unit][soc]") {
    const ClientFact facts[] = {
        // Tegra30
        {tegra30(), 0x01, "display0a", "dc", 0x2e8, 0, 0x4e},
        {tegra30(), 0x07, "display1b", "dc", 0x2ec, 16, 0x4e},
        {tegra30(), 0x10, "displayhc", "dc", 0x2f0, 0, 0xff},
        {tegra30(), 0x08, "display1bb", "dcb", 0x2f8, 16, 0x4e},
        {tegra30(), 0x11, "displayhcb", "dcb", 0x2fc, 0, 0xff},
        {tegra30(), 0x16, "host1xdmar", "hc", 0x310, 0, 0x05},
        {tegra30(), 0x36, "host1xw", "hc", 0x314, 0, 0x10},
        {tegra30(), 0x30, "g2dw", "g2", 0x30c, 16, 0x09},
        {tegra30(), 0x20, "texsrd", "nv", 0x338, 0, 0x13},
        {tegra30(), 0x34, "fdcwr2", "nv2", 0x340, 16, 0x0a},
        {tegra30(), 0x23, "vdember", "vde", std::nullopt, 0, 0xd0},
        {tegra30(), 0x0d, "viruv", "vi", 0x364, 0, 0x2c},
        {tegra30(), 0x37, "ispw", "isp", 0x31c, 0, 0xff},
        {tegra30(), 0x1a, "mpe_ipred", "mpe", std::nullopt, 0, 0x80},
        {tegra30(), 0x09, "eppup", "epp", std::nullopt, 0, 0x17},
        // Tegra114
        {tegra114(), 0x10, "displayhc", "dc", std::nullopt, 0, 0x68},
        {tegra114(), 0x17, "host1xr", "hc", std::nullopt, 0, 0xa5},
        {tegra114(), 0x13, "fdcdrd2", "nv", std::nullopt, 0, 0x0c},
        {tegra114(), 0x20, "texl2srd", "nv", std::nullopt, 0, 0x0c},
        {tegra114(), 0x51, "fdcrd4", "nv", std::nullopt, 0, 0x0c},
        {tegra114(), 0x2b, "msencswr", "msenc", 0x328, 16, 0x80},
        {tegra114(), 0x54, "tsecsrd", "tsec", 0x390, 0, 0x50},
        {tegra114(), 0x2c, "viwsb", "vi", std::nullopt, 0, 0x47},
        {tegra114(), 0x28, "eppu", "epp", std::nullopt, 0, 0x33},
        // Tegra124
        {tegra124(), 0x01, "display0a", "dc", 0x2e8, 0, 0xc2},
        {tegra124(), 0x02, "display0ab", "dcb", std::nullopt, 0, 0xc6},
        {tegra124(), 0x5a, "displayt", "dc", 0x2f0, 16, 0x50},
        {tegra124(), 0x73, "displayd", "dc", 0x3c8, 0, 0x50},
        {tegra124(), 0x16, "host1xdmar", "hc", std::nullopt, 0, 0x1e},
        {tegra124(), 0x6c, "vicsrd", "vic", 0x394, 0, 0x1a},
        {tegra124(), 0x6d, "vicswr", "vic", 0x394, 16, 0x80},
        {tegra124(), 0x1c, "msencsrd", "msenc", std::nullopt, 0, 0x23},
        {tegra124(), 0x72, "viw", "vi", 0x398, 0, 0x80},
        {tegra124(), 0x47, "ispwb", "isp2", 0x374, 16, 0x80},
        {tegra124(), 0x50, "ispwab", "isp2b", 0x388, 0, 0x80},
        {tegra124(), 0x54, "tsecsrd", "tsec", std::nullopt, 0, 0x9b},
        {tegra124(), 0x58, "gpusrd", "gpu", 0x3c8, 0, 0x1a},
        {tegra124(), 0x59, "gpuswr", "gpu", 0x3c8, 16, 0x80},
        // Tegra210
        {tegra210(), 0x01, "display0a", "dc", std::nullopt, 0, 0xc2},
        {tegra210(), 0x02, "display0ab", "dcb", std::nullopt, 0, 0xc6},
        {tegra210(), 0x73, "displayd", "dc", std::nullopt, 0, 0x50},
        {tegra210(), 0x36, "host1xw", "hc", std::nullopt, 0, 0x80},
        {tegra210(), 0x1c, "nvencsrd", "nvenc", 0x328, 0, 0x23},
        {tegra210(), 0x79, "nvdecswr", "nvdec", 0x3d8, 16, 0x80},
        {tegra210(), 0x7e, "nvjpgsrd", "nvjpg", 0x3e4, 0, 0x23},
        {tegra210(), 0x86, "tsecsrdb", "tsecb", 0x3f0, 0, 0x9b},
        {tegra210(), 0x87, "tsecswrb", "tsecb", std::nullopt, 0, 0x80},
        {tegra210(), 0x6c, "vicsrd", "vic", std::nullopt, 0, 0x1a},
        {tegra210(), 0x72, "viw", "vi", std::nullopt, 0, 0x80},
        {tegra210(), 0x88, "gpusrd2", "gpu", std::nullopt, 0, std::nullopt},
        {tegra210(), 0x89, "gpuswr2", "gpu", std::nullopt, 0, std::nullopt},
    };
    for (const auto& f : facts) check_client(f);
}

TEST_CASE("Client presence and SMMU flags differ per SoC as in §2.3", "[unit][soc]") {
    // T30 ptcr: no SMMU bit, no LA.
    const MemoryClient& ptcr = client_of(tegra30(), "ptcr");
    CHECK(ptcr.id == 0x00u);
    CHECK_FALSE(ptcr.smmu);
    CHECK_FALSE(ptcr.la.has_value());
    // T114 has no display1b/display1bb.
    CHECK(tegra30().find_client("display1b") != nullptr);
    CHECK(tegra114().find_client("display1b") == nullptr);
    CHECK(tegra114().find_client("display1bb") == nullptr);
    // T124 has no G2/NV clients.
    CHECK(tegra124().clients_of("g2").empty());
    CHECK(tegra124().find_client("texsrd") == nullptr);
    // T210 has no VDE clients; gpusrd2 only on T210.
    CHECK(tegra210().find_client(0x22) == nullptr);
    CHECK(tegra124().find_client("gpusrd2") == nullptr);
    // Swgroup membership.
    CHECK(tegra30().clients_of("dc").size() == 5u);
    CHECK(tegra30().clients_of("nv2").size() == 4u);
    CHECK(tegra114().clients_of("nv").size() == 10u);
    CHECK(tegra124().clients_of("dc").size() == 6u);
    CHECK(tegra124().clients_of("dcb").size() == 4u);
    CHECK(tegra210().clients_of("gpu").size() == 4u);
}

TEST_CASE("Derived SMMU client-enable register and bit", "[unit][soc]") {
    struct Row {
        const SocInfo& soc;
        const char* client;
        uint32_t reg, bit;
    };
    // §2.3: 0x228 for 0x00-0x1f, 0x22c for 0x20-0x3f, 0x230 for 0x40-0x5f,
    // 0x234 for 0x60-0x7f, T210 0xb98 for 0x80-0x89; bit = id - bank base.
    const Row rows[] = {
        {tegra30(), "display0a", 0x228, 1},    // 0x01
        {tegra30(), "displayhcb", 0x228, 17},  // 0x11
        {tegra30(), "host1xw", 0x22c, 22},     // 0x36
        {tegra30(), "vdetpmw", 0x230, 1},      // 0x41
        {tegra114(), "fdcrd4", 0x230, 17},     // 0x51
        {tegra114(), "tsecswr", 0x230, 21},    // 0x55
        {tegra124(), "vicsrd", 0x234, 12},     // 0x6c (bank 0x60-0x7f)
        {tegra124(), "displayd", 0x234, 19},   // 0x73
        {tegra124(), "viw", 0x234, 18},        // 0x72
        {tegra124(), "ispra", 0x230, 4},       // 0x44
        {tegra210(), "nvjpgswr", 0x234, 31},   // 0x7f
        {tegra210(), "tsecsrdb", 0xb98, 6},    // 0x86
        {tegra210(), "gpusrd2", 0xb98, 8},     // 0x88
        {tegra210(), "gpuswr2", 0xb98, 9},     // 0x89
    };
    for (const auto& r : rows) {
        INFO(std::string(r.soc.name) << " " << r.client);
        const MemoryClient& c = client_of(r.soc, r.client);
        CHECK(c.smmu);
        CHECK(c.smmu_reg == r.reg);
        CHECK(c.smmu_bit == r.bit);
    }
}

TEST_CASE("Group tables: socsim defaults and the display variant", "[unit][soc]") {
    using Names = std::vector<std::string>;
    struct Row {
        const SocInfo& soc;
        const char* current_name;
        Names current_members;
    };
    // INTERFACES.md §1 / reference §1.6.
    const Row rows[] = {
        {tegra30(), "drm", {"dc", "dcb", "g2", "nv", "nv2"}},
        {tegra114(), "drm", {"dc", "dcb", "g2", "nv"}},
        {tegra124(), "drm", {"dc", "dcb", "vic"}},
        {tegra210(), "display", {"dc", "dcb"}},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.soc.name));
        REQUIRE(r.soc.groups.current.size() == 1u);
        CHECK(r.soc.groups.current[0].name == std::string_view(r.current_name));
        CHECK(names(r.soc.groups.current[0].swgroups) == r.current_members);
        REQUIRE(r.soc.groups.display.size() == 1u);
        CHECK(r.soc.groups.display[0].name == "display");
        CHECK(names(r.soc.groups.display[0].swgroups) == Names{"dc", "dcb"});
    }
}

TEST_CASE("host1x generation parameters match §6.1", "[unit][soc]") {
    struct Row {
        const SocInfo& soc;
        const char* generation;
        uint32_t channels, syncpoints, mlocks, bases, dma_bits, sync_offset;
        bool reserve_vblank;
    };
    const Row rows[] = {
        {tegra30(), "host1x01", 8, 32, 16, 8, 32, 0x3000, true},
        {tegra114(), "host1x02", 9, 32, 16, 12, 32, 0x3000, true},
        {tegra124(), "host1x04", 12, 192, 16, 64, 34, 0x2100, false},
        {tegra210(), "host1x05", 14, 192, 16, 64, 34, 0x2100, false},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.soc.name));
        const Host1xInfo& h = r.soc.host1x;
        CHECK(h.generation == std::string_view(r.generation));
        CHECK(h.channels == r.channels);
        CHECK(h.syncpoints == r.syncpoints);
        CHECK(h.mlocks == r.mlocks);
        CHECK(h.bases == r.bases);
        CHECK(h.dma_mask_bits == r.dma_bits);
        CHECK(h.sync_offset == r.sync_offset);
        CHECK(h.reserve_vblank_syncpts == r.reserve_vblank);
        CHECK_FALSE(h.wide_gather);              // wide GATHER is HW6+
        CHECK(h.channel_stride == 0x4000u);      // §6.2, before HW6
    }
}

TEST_CASE("Display controller flags match §7.6", "[unit][soc]") {
    struct Row {
        const SocInfo& soc;
        uint32_t pitch_align;
        bool cursor, block_linear, powergate, winb_vfilter, tiled_x2;
    };
    const Row rows[] = {
        {tegra30(), 8, false, false, false, true, true},
        {tegra114(), 64, false, false, true, false, true},
        {tegra124(), 64, true, true, true, false, false},
        {tegra210(), 64, true, true, true, false, false},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.soc.name));
        const DcInfo& dc = r.soc.dc;
        CHECK(dc.pitch_align == r.pitch_align);
        CHECK(dc.has_cursor_plane == r.cursor);
        CHECK(dc.supports_block_linear == r.block_linear);
        CHECK(dc.has_powergate == r.powergate);
        CHECK(dc.has_win_b_vfilter_mem_client == r.winb_vfilter);
        CHECK(dc.tiled_memory_bandwidth_x2 == r.tiled_x2);
        CHECK(dc.max_mode_size == 4096u);        // §5, pre-nvdisplay
    }
}

TEST_CASE("Tables are internally consistent", "[unit][soc]") {
    for (const SocInfo* soc : all_socs()) {
        INFO(std::string(soc->name));
        for (const auto& c : soc->clients) {
            INFO(std::string(c.name));
            if (!c.swgroup.empty()) CHECK(soc->find_swgroup(c.swgroup) != nullptr);
            if (c.smmu) {
                // Every SMMU client belongs to a translatable swgroup.
                const Swgroup* s = soc->find_swgroup(c.swgroup);
                REQUIRE(s != nullptr);
                CHECK(s->asid_reg.has_value());
                CHECK(c.smmu_bit < 32u);
            }
            if (soc->client_id_mask) CHECK((c.id & ~*soc->client_id_mask) == 0u);
        }
        // Lookup by id and by name agree.
        for (const auto& c : soc->clients) CHECK(soc->find_client(c.id) == soc->find_client(c.name));
    }
}
