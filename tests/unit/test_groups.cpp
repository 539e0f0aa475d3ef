// [unit] IOMMU group formation (current tegra-smmu device_group) on the
// shipped boards, checked against the reference sheet §4.6, and the
// co-design warnings.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "dts/parser/board.h"
#include "smmu/tegra/device_group.h"
#include "smmu/tegra/group_checks.h"
#include "support/read_text.h"
#include "support/run_command.h"

using namespace socsim;
using Groups = std::map<std::string, std::set<std::string>>;  // group -> device labels

namespace {

std::string read(const std::string& rel) { return test::read_text(test::source_path(rel)); }

struct Formed {
    std::optional<dts::Board> board;
    smmu::tegra::GroupLayout layout;
    Diagnostics diags;
    Groups groups;
};

// Loads a shipped board, optionally selecting a group table.
Formed form(const std::string& rel, const std::string& table = "") {
    Formed f;
    std::string text = read(rel);
    REQUIRE_FALSE(text.empty());
    if (!table.empty()) text = "socsim:\n  group_table: " + table + "\n" + text;
    f.board = dts::load_board_from_string(text, rel, f.diags);
    REQUIRE(f.board);
    REQUIRE(f.diags.error_count() == 0);
    f.layout = smmu::tegra::form_groups(*f.board);
    smmu::tegra::check_group_layout(*f.board, f.layout, f.diags);
    for (const auto& g : f.layout.groups)
        for (const auto* d : g.devices) f.groups[g.name].insert(d->display_name());
    return f;
}

bool warned(const Diagnostics& d, const std::string& part) {
    for (const auto& x : d.all())
        if (x.severity == Severity::Warning && x.message.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("groups: Tegra30 current table puts DC, DCB, gr2d and gr3d in drm", "[unit][groups]") {
    auto f = form("dts/tegra30.yaml");
    CHECK(f.groups == Groups{{"drm", {"dc0", "dc1", "gr2d", "gr3d"}}, {"hc", {"host1x"}}, {"vde", {"vde"}}});
    const auto* drm = f.layout.find("drm");
    REQUIRE(drm);
    CHECK(drm->swgroups == std::vector<std::string>{"g2", "nv", "nv2", "dc", "dcb"});
    CHECK(smmu::tegra::needs_shared_attach(*drm));
    CHECK_FALSE(smmu::tegra::needs_shared_attach(*f.layout.find("hc")));
}

TEST_CASE("groups: Tegra30 old display table shares only the two DCs", "[unit][groups]") {
    auto f = form("dts/tegra30.yaml", "display");
    CHECK(f.groups == Groups{{"display", {"dc0", "dc1"}}, {"g2", {"gr2d"}}, {"nv", {"gr3d"}}, {"hc", {"host1x"}},
                             {"vde", {"vde"}}});
    // gr3d's second swgroup (NV2) would form its own group by itself.
    CHECK(warned(f.diags, "'gr3d' has swgroup 'nv2' in group 'nv'"));
}

TEST_CASE("groups: Tegra114 current table is drm = DC, DCB, gr2d, gr3d", "[unit][groups]") {
    auto f = form("dts/tegra114.yaml");
    CHECK(f.groups == Groups{{"drm", {"dc0", "dc1", "gr2d", "gr3d"}}, {"hc", {"host1x"}}, {"vde", {"vde"}}});
}

TEST_CASE("groups: Tegra114 without a table gives every device its own group", "[unit][groups]") {
    auto f = form("dts/tegra114.yaml", "none");
    CHECK(f.groups == Groups{{"dc", {"dc0"}}, {"dcb", {"dc1"}}, {"g2", {"gr2d"}}, {"nv", {"gr3d"}},
                             {"hc", {"host1x"}}, {"vde", {"vde"}}});
    CHECK_FALSE(warned(f.diags, "holds"));
    // Six groups against Tegra114's 4 ASIDs.
    CHECK(warned(f.diags, "6 IOMMU groups but tegra114 has 4 ASIDs"));
}

TEST_CASE("groups: Tegra124 drm = DC, DCB, VIC, with host1x and GPU separate", "[unit][groups]") {
    auto f = form("dts/tegra124.yaml");
    CHECK(f.groups == Groups{{"drm", {"dc0", "dc1", "vic"}}, {"hc", {"host1x"}}, {"gpu", {"gpu"}}});
    CHECK(f.layout.find("drm")->swgroups == std::vector<std::string>{"dc", "dcb", "vic"});
    CHECK(warned(f.diags, "group 'drm' holds 3 devices (dc0, dc1, vic)"));
    CHECK_FALSE(warned(f.diags, "ASIDs"));
}

TEST_CASE("groups: Tegra124 old display table leaves VIC alone", "[unit][groups]") {
    auto f = form("dts/tegra124.yaml", "display");
    CHECK(f.groups == Groups{{"display", {"dc0", "dc1"}}, {"vic", {"vic"}}, {"hc", {"host1x"}}, {"gpu", {"gpu"}}});
}

TEST_CASE("groups: Tegra210 shares only the two DCs (display)", "[unit][groups]") {
    auto f = form("dts/tegra210.yaml");
    CHECK(f.groups == Groups{{"display", {"dc0", "dc1"}}, {"vic", {"vic"}}, {"hc", {"host1x"}}, {"gpu", {"gpu"}}});
}

TEST_CASE("groups: devices with the same first swgroup share a group", "[unit][groups]") {
    auto f = form("dts/examples/shared-swgroup.yaml");
    CHECK(f.groups == Groups{{"msenc", {"dma0", "dma1"}}, {"isp2", {"dma2"}}});  // dma3 is disabled
    CHECK(warned(f.diags, "'dma2' has swgroup 'tsec' in group 'isp2'"));
}

TEST_CASE("groups: disabled nodes and children of disabled nodes are not grouped", "[unit][groups]") {
    auto f = form("dts/tegra30.yaml");
    for (const char* label : {"vi", "epp", "isp", "mpe"}) {
        const auto* n = f.board->resolve(label);
        REQUIRE(n);
        CHECK_FALSE(n->enabled);
        CHECK(f.layout.of(n) == nullptr);
    }
}

TEST_CASE("groups: the ASID budget counts groups against the SoC's ASIDs", "[unit][groups]") {
    auto f = form("dts/examples/tegra30-asid-pressure.yaml");
    CHECK(f.layout.groups.size() == 6);
    CHECK(warned(f.diags, "6 IOMMU groups but tegra30 has 4 ASIDs: if every group attaches its own translating "
                          "domain, attach number 5 fails with ENOSPC"));
}

TEST_CASE("groups: a swgroup used by two groups is flagged", "[unit][groups]") {
    Diagnostics diags;
    auto board = dts::load_board_from_string(R"(/:
  mc@7000f000:
    label: mc
    compatible: nvidia,tegra30-mc
    reg: [0x7000f000, 0x400]
    "#iommu-cells": 1
  a@1000:
    reg: [0x1000, 0x10]
    iommus: [[mc, VI], [mc, EPP]]
  b@2000:
    reg: [0x2000, 0x10]
    iommus: [[mc, EPP]]
)", "x.yaml", diags);
    REQUIRE(board);
    auto layout = smmu::tegra::form_groups(*board);
    smmu::tegra::check_group_layout(*board, layout, diags);
    CHECK(layout.groups.size() == 2);
    CHECK(warned(diags, "swgroup 'epp' is used by groups 'vi' and 'epp'"));
}

TEST_CASE("groups: a disabled memory controller forms no groups", "[unit][groups]") {
    std::string text = read("dts/examples/tegra124-test-dma.yaml");
    auto pos = text.find("    \"#iommu-cells\": 1\n");
    REQUIRE(pos != std::string::npos);
    text.insert(pos, "    status: disabled\n");
    Diagnostics diags;
    auto board = dts::load_board_from_string(text, "x.yaml", diags);
    REQUIRE(board);
    CHECK(smmu::tegra::form_groups(*board).groups.empty());
    CHECK(warned(diags, "the memory controller is disabled"));
}
