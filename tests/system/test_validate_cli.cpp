// [system] `socsim validate` as a user runs it: output formats, exit codes,
// diagnostics on stderr, and the groups of every shipped board.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "support/run_command.h"

using socsim::test::run_socsim;
using socsim::test::source_path;
using nlohmann::json;

namespace {

json validate_json(const std::string& board, int expect_exit = 0) {
    auto r = run_socsim({"validate", source_path(board), "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == expect_exit);
    return json::parse(r.out);
}

std::map<std::string, std::set<std::string>> groups_of(const json& j) {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& g : j.at("groups"))
        for (const auto& d : g.at("devices")) out[g.at("name").get<std::string>()].insert(d.get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("validate --format json lists each shipped board's groups", "[system][validate]") {
    using G = std::map<std::string, std::set<std::string>>;
    const std::string h = "/host1x@50000000";
    SECTION("tegra30") {
        auto j = validate_json("dts/tegra30.yaml");
        CHECK(j["soc"] == "tegra30");
        CHECK(groups_of(j) == G{{"drm", {h + "/gr2d@54140000", h + "/gr3d@54180000", h + "/dc@54200000",
                                         h + "/dc@54240000"}},
                                {"hc", {h}},
                                {"vde", {"/vde@6001a000"}}});
        CHECK(j["asids"]["available"] == 4);
    }
    SECTION("tegra114") {
        auto j = validate_json("dts/tegra114.yaml");
        CHECK(groups_of(j) == G{{"drm", {h + "/gr2d@54140000", h + "/gr3d@54180000", h + "/dc@54200000",
                                         h + "/dc@54240000"}},
                                {"hc", {h}},
                                {"vde", {"/vde@6001a000"}}});
    }
    SECTION("tegra124") {
        auto j = validate_json("dts/tegra124.yaml");
        CHECK(groups_of(j) == G{{"drm", {h + "/dc@54200000", h + "/dc@54240000", h + "/vic@54340000"}},
                                {"hc", {h}},
                                {"gpu", {"/gpu@57000000"}}});
        const json& drm = j["groups"][1];
        CHECK(drm["name"] == "drm");
        CHECK(drm["swgroups"] == json({"dc", "dcb", "vic"}));
        CHECK(drm["shared_attach"] == true);
    }
    SECTION("tegra210") {
        auto j = validate_json("dts/tegra210.yaml");
        CHECK(groups_of(j) == G{{"display", {h + "/dc@54200000", h + "/dc@54240000"}},
                                {"vic", {h + "/vic@54340000"}},
                                {"hc", {h}},
                                {"gpu", {"/gpu@57000000"}}});
    }
}

TEST_CASE("validate --format json: every device is in exactly one group", "[system][validate]") {
    for (const char* board : {"dts/tegra30.yaml", "dts/tegra114.yaml", "dts/tegra124.yaml", "dts/tegra210.yaml"}) {
        auto j = validate_json(board);
        std::map<std::string, int> seen;
        for (const auto& g : j["groups"])
            for (const auto& d : g["devices"]) ++seen[d.get<std::string>()];
        REQUIRE(j["devices"].size() == seen.size());
        for (const auto& d : j["devices"]) {
            CHECK(seen[d["path"].get<std::string>()] == 1);
            CHECK_FALSE(d["group"].is_null());
        }
    }
}

TEST_CASE("validate: warnings are in the JSON and on stderr, exit 0", "[system][validate]") {
    auto r = run_socsim({"validate", source_path("dts/examples/tegra30-asid-pressure.yaml"), "--format", "json"});
    CHECK(r.exit_code == 0);
    auto j = json::parse(r.out);
    REQUIRE(j["diagnostics"].size() == 1);
    const auto& d = j["diagnostics"][0];
    CHECK(d["severity"] == "warning");
    CHECK(d["line"] == 6);
    CHECK(d["column"] == 3);
    CHECK(d["message"].get<std::string>().find("tegra30 has 4 ASIDs") != std::string::npos);
    CHECK(r.err.find("tegra30-asid-pressure.yaml:6:3: warning: 6 IOMMU groups") != std::string::npos);
}

TEST_CASE("validate --format text prints the group table and a summary", "[system][validate]") {
    auto r = run_socsim({"validate", source_path("dts/tegra124.yaml")});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("tegra124, group table 'current'") != std::string::npos);
    CHECK(std::regex_search(r.out, std::regex(R"(\n  drm +yes +dc, dcb, vic +/host1x@50000000/dc@54200000 \(dc0\)\n)")));
    CHECK(r.out.find("0 errors, 1 warning") != std::string::npos);
}

TEST_CASE("validate --format dot is accepted by Graphviz", "[system][validate]") {
    auto r = run_socsim({"validate", source_path("dts/tegra30.yaml"), "--format", "dot"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("subgraph cluster_1") != std::string::npos);
    CHECK(r.out.find("label=\"group drm (shared attach)\"") != std::string::npos);
    CHECK(r.out.find("\"/host1x@50000000/gr3d@54180000\" -> mc [label=\"nv2\"]") != std::string::npos);
    std::string dot_file = "/tmp/socsim_validate_test.dot";
    std::ofstream(dot_file) << r.out;
    std::string svg_file = dot_file + ".svg";
    int rc = std::system(("dot -Tsvg " + dot_file + " -o " + svg_file + " 2>/dev/null").c_str());
    CHECK(rc == 0);
    std::ifstream svg(svg_file);
    std::string svg_text((std::istreambuf_iterator<char>(svg)), std::istreambuf_iterator<char>());
    CHECK(svg_text.find("group drm (shared attach)") != std::string::npos);
}

TEST_CASE("validate exit codes: 0 ok, 1 checked errors, 2 malformed", "[system][validate]") {
    CHECK(run_socsim({"validate", source_path("dts/tegra210.yaml")}).exit_code == 0);

    std::string bad = "/tmp/socsim_exit1.yaml";
    std::ofstream(bad) << "/:\n  mc@1:\n    label: mc\n    compatible: nvidia,tegra30-mc\n    reg: [1, 1]\n"
                          "    \"#iommu-cells\": 1\n  x@2:\n    reg: [2, 1]\n    iommus: [[mc, VIC]]\n";
    auto r1 = run_socsim({"validate", bad, "--format", "json"});
    CHECK(r1.exit_code == 1);
    auto j = json::parse(r1.out);
    CHECK(j["soc"] == "tegra30");
    CHECK(j["diagnostics"][0]["line"] == 9);
    CHECK(j["diagnostics"][0]["column"] == 19);
    CHECK(r1.err.find(bad + ":9:19: error: swgroup 'VIC' does not exist on tegra30") != std::string::npos);

    auto r2 = run_socsim({"validate", "/nonexistent/board.yaml"});
    CHECK(r2.exit_code == 2);
    CHECK(r2.err == "/nonexistent/board.yaml:1:1: error: cannot open file\n");
    CHECK(r2.out.empty());
}

TEST_CASE("socsim command line: help, version, usage errors", "[system][cli]") {
    auto help = run_socsim({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("validate") != std::string::npos);
    auto vhelp = run_socsim({"validate", "--help"});
    CHECK(vhelp.exit_code == 0);
    CHECK(vhelp.out.find("--format") != std::string::npos);
    auto version = run_socsim({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.rfind("socsim ", 0) == 0);
    CHECK(run_socsim({}).exit_code == 2);
    CHECK(run_socsim({"frobnicate"}).exit_code == 2);
    auto bad_format = run_socsim({"validate", source_path("dts/tegra124.yaml"), "--format", "svg"});
    CHECK(bad_format.exit_code == 2);
    CHECK(bad_format.err.find("socsim: error:") == 0);
    auto settings = run_socsim({"validate", "--list-settings"});
    CHECK(settings.exit_code == 0);
    CHECK(settings.out.find("group_table") != std::string::npos);
}
