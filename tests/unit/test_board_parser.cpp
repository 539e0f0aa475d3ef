// [unit] Board parser: nodes, labels, paths, standard properties, iommus.
#include <catch2/catch.hpp>

#include "dts/parser/board.h"

using namespace socsim;

namespace {

const char* kHeader = R"(/:
  compatible: nvidia,tegra124
  memory-controller@70019000:
    label: mc
    compatible: nvidia,tegra124-mc
    reg: [0x70019000, 0x1000]
    "#iommu-cells": 1
)";

struct Parsed {
    std::optional<dts::Board> board;
    Diagnostics diags;
};

// kHeader (7 lines) followed by `rest`: so `rest`'s first line is line 8.
Parsed parse(const std::string& rest, const std::string& header = kHeader) {
    Parsed p;
    p.board = dts::load_board_from_string(header + rest, "b.yaml", p.diags);
    return p;
}

bool has_message(const Diagnostics& d, const std::string& part, int line = 0, int col = 0) {
    for (const auto& x : d.all())
        if (x.message.find(part) != std::string::npos && (line == 0 || x.loc.line == line) &&
            (col == 0 || x.loc.column == col))
            return true;
    return false;
}

std::string dump(const Diagnostics& d) {
    std::string s;
    for (const auto& x : d.all()) s += format_diagnostic(x) + "\n";
    return s;
}

}  // namespace

TEST_CASE("board: nodes, paths, labels, compatible and reg", "[unit][dts]") {
    auto p = parse(R"(  host1x@50000000:
    label: host1x
    compatible: [nvidia,tegra124-host1x, simple-bus]
    reg: [[0x50000000, 0x34000]]
    dc@54200000:
      label: dc0
      compatible: nvidia,tegra124-dc
      reg: [0x54200000, 0x40000, 0x54300000, 0x100]
      nvidia,head: 0
)");
    INFO(dump(p.diags));
    REQUIRE(p.board);
    CHECK(p.diags.all().empty());
    const dts::Board& b = *p.board;
    REQUIRE(b.soc);
    CHECK(b.soc->name == "tegra124");
    CHECK(b.mc == b.resolve("mc"));
    const dts::DtNode* dc = b.resolve("dc0");
    REQUIRE(dc);
    CHECK(dc->path == "/host1x@50000000/dc@54200000");
    CHECK(dc->base_name == "dc");
    CHECK(dc->unit_address == std::string("54200000"));
    CHECK(dc->reg.size() == 2);
    CHECK(dc->reg[1].address == 0x54300000);
    CHECK(dc->prop("nvidia,head"));
    CHECK(b.resolve("/host1x@50000000/dc@54200000") == dc);
    CHECK(b.resolve("/host1x/dc") == dc);        // unit address omitted, unambiguous
    CHECK(b.resolve("/host1x@50000000/nope") == nullptr);
    CHECK(b.resolve("host1x")->is_compatible("simple-bus"));
    // No memory node: 2 GiB at 0x80000000.
    REQUIRE(b.memory.size() == 1);
    CHECK(b.memory[0].base == 0x80000000u);
    CHECK(b.memory[0].size == 0x80000000u);
    CHECK(b.memory[0].node == nullptr);
}

TEST_CASE("board: iommus accept names, TEGRA_SWGROUP_*, numbers, paths and the flat form", "[unit][dts]") {
    auto p = parse(R"(  a@1000:
    reg: [0x1000, 0x10]
    iommus: [[mc, DC]]
  b@2000:
    reg: [0x2000, 0x10]
    iommus: [[mc, dcb], [/memory-controller@70019000, TEGRA_SWGROUP_VIC]]
  c@3000:
    reg: [0x3000, 0x10]
    iommus: [mc, 6, mc, TEGRA124_SWGROUP_GPU]
)");
    INFO(dump(p.diags));
    REQUIRE(p.board);
    CHECK(p.diags.error_count() == 0);
    auto sw = [&](const char* label, size_t i) { return std::string(p.board->resolve(label)->iommus.at(i).swgroup->name); };
    CHECK(sw("/a@1000", 0) == "dc");
    CHECK(sw("/b@2000", 0) == "dcb");
    CHECK(sw("/b@2000", 1) == "vic");
    CHECK(sw("/c@3000", 0) == "hc");
    CHECK(sw("/c@3000", 1) == "gpu");
    CHECK(p.board->resolve("/c@3000")->iommus[1].cells[0] == 19);  // TEGRA_SWGROUP_GPU on tegra124
    CHECK(p.board->iommu_devices().size() == 3);
}

TEST_CASE("board: swgroup errors name the cell and the SoCs that have it", "[unit][dts]") {
    auto p = parse(R"(  a@1000:
    reg: [0x1000, 0x10]
    iommus: [[mc, NV2]]
  b@2000:
    reg: [0x2000, 0x10]
    iommus: [[mc, 99]]
  c@3000:
    reg: [0x3000, 0x10]
    iommus: [[mc, PTC]]
  d@4000:
    reg: [0x4000, 0x10]
    iommus: [[mc, TEGRA30_SWGROUP_DC]]
  e@5000:
    reg: [0x5000, 0x10]
    iommus: [[mc, BOGUS]]
)");
    INFO(dump(p.diags));
    REQUIRE(p.board);
    CHECK(p.diags.exit_code() == 1);
    CHECK(has_message(p.diags, "swgroup 'NV2' does not exist on tegra124 (it exists on tegra30)", 10, 19));
    CHECK(has_message(p.diags, "swgroup number 99 does not exist on tegra124", 13, 19));
    CHECK(has_message(p.diags, "swgroup 'ptc' has no SMMU ASID register", 16, 19));
    CHECK(has_message(p.diags, "names tegra30 swgroups but the board's SoC is tegra124", 19, 19));
    CHECK(has_message(p.diags, "unknown swgroup 'BOGUS' on tegra124", 22, 19));
    CHECK(p.board->iommu_devices().empty());
}

TEST_CASE("board: iommus references must be the memory controller with one cell", "[unit][dts]") {
    auto p = parse(R"(  other@1000:
    label: other
    reg: [0x1000, 0x10]
  fake@2000:
    label: fake
    reg: [0x2000, 0x10]
    "#iommu-cells": 1
  a@3000:
    reg: [0x3000, 0x10]
    iommus: [[nosuch, DC]]
  b@4000:
    reg: [0x4000, 0x10]
    iommus: [[other, DC]]
  c@5000:
    reg: [0x5000, 0x10]
    iommus: [[fake, DC]]
  d@6000:
    reg: [0x6000, 0x10]
    iommus: [[mc, DC, DCB]]
  e@7000:
    reg: [0x7000, 0x10]
    iommus: [[mc]]
)");
    INFO(dump(p.diags));
    REQUIRE(p.board);
    CHECK(p.diags.exit_code() == 1);
    CHECK(has_message(p.diags, "'nosuch' is neither a label nor a node path", 17, 15));
    CHECK(has_message(p.diags, "is not an IOMMU: it has no '#iommu-cells'", 20, 15));
    CHECK(has_message(p.diags, "'fake' is not the memory controller", 23, 15));
    CHECK(has_message(p.diags, "needs 1 cell (its #iommu-cells), got 2", 26, 14));
    CHECK(has_message(p.diags, "needs 1 cell (its #iommu-cells), got 0", 29, 14));
}

TEST_CASE("board: status is inherited by children", "[unit][dts]") {
    auto p = parse(R"(  host1x@50000000:
    reg: [0x50000000, 0x34000]
    status: disabled
    iommus: [[mc, HC]]
    dc@54200000:
      label: dc0
      reg: [0x54200000, 0x40000]
      iommus: [[mc, DC]]
  vic@54340000:
    reg: [0x54340000, 0x40000]
    status: okay
    iommus: [[mc, VIC]]
)");
    INFO(dump(p.diags));
    REQUIRE(p.board);
    CHECK_FALSE(p.board->resolve("dc0")->enabled);
    CHECK(p.board->resolve("dc0")->status_okay);
    auto devs = p.board->iommu_devices();
    REQUIRE(devs.size() == 1);
    CHECK(devs[0]->name == "vic@54340000");
}

TEST_CASE("board: names, unit addresses and labels are checked", "[unit][dts]") {
    auto p = parse(R"(  dc@xyz:
    reg: [0x1000, 0x10]
  dc@0x2000:
    reg: [0x2000, 0x10]
  "9lives@3000":
    reg: [0x3000, 0x10]
  ok@4000:
    label: 1bad
    reg: [0x5000, 0x10]
  twin@6000:
    label: mc
    reg: [0x6000, 0x10]
)");
    INFO(dump(p.diags));
    REQUIRE(p.board);
    CHECK(p.diags.exit_code() == 1);
    CHECK(has_message(p.diags, "bad unit address 'xyz'", 8, 3));
    CHECK(has_message(p.diags, "write it in hex without '0x'", 10, 3));
    CHECK(has_message(p.diags, "invalid node name '9lives'", 12, 3));
    CHECK(has_message(p.diags, "invalid label '1bad'", 15, 12));
    CHECK(has_message(p.diags, "does not match its first 'reg' address 0x5000", 14, 3));
    CHECK(has_message(p.diags, "duplicate label 'mc'", 18, 12));
    CHECK(has_message(p.diags, "'mc' first defined here", 4, 12));
}

TEST_CASE("board: wrong property types are malformed (exit 2)", "[unit][dts]") {
    SECTION("reg as a string") {
        auto p = parse("  a@1000:\n    reg: 0x1000\n");
        CHECK_FALSE(p.board);
        CHECK(has_message(p.diags, "'reg' must be [address, size]", 9, 10));
    }
    SECTION("odd reg") {
        auto p = parse("  a@1000:\n    reg: [0x1000, 0x10, 0x2000]\n");
        CHECK_FALSE(p.board);
        CHECK(has_message(p.diags, "address/size pairs, got 3", 9, 10));
    }
    SECTION("status") {
        auto p = parse("  a@1000:\n    reg: [0x1000, 0x10]\n    status: maybe\n");
        CHECK_FALSE(p.board);
        CHECK(has_message(p.diags, "'status' must be one of okay | ok | disabled", 10, 13));
    }
    SECTION("compatible as a mapping") {
        auto p = parse("  a@1000:\n    compatible: {x: 1}\n");
        CHECK_FALSE(p.board);
        CHECK(has_message(p.diags, "'compatible' must be a string or a non-empty list of strings", 9, 17));
    }
    SECTION("iommus not a list") {
        auto p = parse("  a@1000:\n    iommus: mc\n");
        CHECK_FALSE(p.board);
        CHECK(has_message(p.diags, "'iommus' must be a list of specifiers", 9, 13));
    }
    SECTION("unknown settings key") {
        auto p = parse("", std::string("socsim:\n  tlb: 3\n") + kHeader);
        CHECK_FALSE(p.board);
        CHECK(has_message(p.diags, "unknown setting 'socsim.tlb'", 2, 3));
    }
    SECTION("unknown top-level key") {
        auto p = parse("", std::string("board: x\n") + kHeader);
        CHECK_FALSE(p.board);
        CHECK(has_message(p.diags, "unknown top-level key 'board'", 1, 1));
    }
    SECTION("no root") {
        auto p = parse("", "socsim: {}\n");
        CHECK_FALSE(p.board);
        CHECK(has_message(p.diags, "board has no root node '/'"));
    }
}

TEST_CASE("board: settings select the group table and default domain", "[unit][dts]") {
    auto p = parse("", std::string("socsim:\n  group_table: display\n  default_domain: dma\n") + kHeader);
    REQUIRE(p.board);
    CHECK(p.board->settings.group_table == dts::GroupTableChoice::Display);
    CHECK(p.board->settings.default_domain == dts::DefaultDomainType::Dma);
}

TEST_CASE("board: memory controller problems are located", "[unit][dts]") {
    SECTION("missing") {
        auto p = parse("", "/:\n  compatible: nvidia,tegra124\n");
        REQUIRE(p.board);
        CHECK(has_message(p.diags, "no memory controller", 1, 1));
        CHECK(p.diags.exit_code() == 1);
    }
    SECTION("unknown compatible") {
        auto p = parse("", "/:\n  memory-controller@7000f000:\n    compatible: nvidia,tegra20-mc\n");
        REQUIRE(p.board);
        CHECK(has_message(p.diags, "unknown memory controller '/memory-controller@7000f000'", 3, 17));
    }
    SECTION("wrong #iommu-cells") {
        auto p = parse("", "/:\n  mc@1:\n    compatible: nvidia,tegra30-mc\n    reg: [1, 1]\n    \"#iommu-cells\": 2\n");
        REQUIRE(p.board);
        CHECK(has_message(p.diags, "must be 1 (the swgroup), not 2", 5, 21));
    }
    SECTION("root compatible of another SoC") {
        auto p = parse("", std::string(kHeader).replace(std::string(kHeader).find("tegra124"), 8, "tegra30"));
        REQUIRE(p.board);
        CHECK(has_message(p.diags, "root compatible 'nvidia,tegra30' does not name tegra124"));
        CHECK(p.diags.exit_code() == 0);
    }
}

TEST_CASE("board: memory nodes are checked against the SoC's address space", "[unit][dts]") {
    auto p = parse(R"(  memory@80000000:
    device_type: memory
    reg: [[0x80000000, 0x40000000], [0xa0000000, 0x1000]]
  memory@300000000:
    device_type: memory
    reg: [0x300000000, 0x200000000]
)");
    INFO(dump(p.diags));
    REQUIRE(p.board);
    CHECK(has_message(p.diags, "overlaps [0x80000000, 0xc0000000)", 10, 38));
    CHECK(has_message(p.diags, "beyond the 34-bit physical address space of tegra124", 13, 11));
}

TEST_CASE("board: DRAM must not cover a top-level node's registers", "[unit][dts]") {
    auto p = parse(R"(  memory@70000000:
    device_type: memory
    reg: [0x70000000, 0x20000000]
)");
    REQUIRE(p.board);
    CHECK(has_message(p.diags, "overlaps the registers of '/memory-controller@70019000' at 0x70019000", 10, 11));
    CHECK(p.board->memory.size() == 1);
    CHECK(p.board->memory[0].node == nullptr);  // the bad range is not used; the default DRAM is
}

TEST_CASE("board: a plain number is not a string", "[unit][dts]") {
    auto p = parse("  a@1000:\n    compatible: 42\n");
    CHECK_FALSE(p.board);
    CHECK(has_message(p.diags, "'compatible' must be a non-empty string, not the number 42", 9, 17));
}

TEST_CASE("board: status reserved and fail disable a node", "[unit][dts]") {
    auto p = parse("  a@1000:\n    reg: [0x1000, 1]\n    status: reserved\n  b@2000:\n    reg: [0x2000, 1]\n    status: fail\n");
    REQUIRE(p.board);
    CHECK_FALSE(p.board->resolve("/a@1000")->enabled);
    CHECK_FALSE(p.board->resolve("/b@2000")->enabled);
}

TEST_CASE("board: hardware parameters under socsim mc/smmu, with defaults for the rest", "[unit][board]") {
    Parsed p = parse("", std::string("socsim:\n  mc: {dram_bandwidth: 6.4GB/s, dram_latency: 80ns}\n"
                                     "  smmu: {tlb_lines: 16, ptc_hit: 3ns}\n") + kHeader);
    INFO(dump(p.diags));
    REQUIRE(p.board);
    CHECK_FALSE(p.diags.has_errors());
    const soc::HwParams& hw = p.board->settings.hw;
    CHECK(hw.dram_bandwidth == 6'400'000'000ull);
    CHECK(hw.dram_latency_ns == 80);
    CHECK(hw.tlb_lines == 16);
    CHECK(hw.ptc_hit_ns == 3);
    soc::HwParams defaults;
    CHECK(hw.reg_access_ns == defaults.reg_access_ns);
    CHECK(hw.ptc_lines == defaults.ptc_lines);
    CHECK(defaults.tlb_lines == 0);  // the SoC's count
    CHECK(parse("").board->settings.hw.dram_bandwidth == 12'800'000'000ull);
}
