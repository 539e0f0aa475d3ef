// [system] The HTML comparison report in a real browser: `socsim compare
// --html` on the reference scenario under two policies (its reports carry
// the measured time series), loaded in headless Chromium: the page's render
// check must count every chart as drawn, and a screenshot of the page must
// show the variants' colours.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/compare_plots.h"
#include "app/svg_plot.h"
#include "support/chromium.h"
#include "support/png.h"
#include "support/read_text.h"
#include "support/run_command.h"
#include "support/run_report.h"
#include "support/temp_dir.h"

using nlohmann::json;
using socsim::app::CompareRun;

namespace {

// Charts the page must have: per memory client (at most kMaxClientCharts)
// a bandwidth chart and a latency histogram, one TLB chart, and one chart
// per display head window.
size_t expected_plots(const std::vector<CompareRun>& runs) {
    std::set<std::string> clients;
    std::set<std::pair<int, std::string>> windows;
    for (const auto& r : runs) {
        for (const auto& c : r.report["clients"]) clients.insert(c["name"].get<std::string>());
        for (const auto& h : r.report["series"]["display"])
            for (const auto& w : h["windows"]) windows.insert({h["head"].get<int>(), w["window"].get<std::string>()});
    }
    return 2 * std::min(clients.size(), socsim::app::kMaxClientCharts) + 1 + windows.size();
}

// Pixels within `tolerance` per channel of colour "#RRGGBB".
size_t pixels_of(const socsim::test::Image& img, const std::string& hex, int tolerance) {
    int want[3] = {std::stoi(hex.substr(1, 2), nullptr, 16), std::stoi(hex.substr(3, 2), nullptr, 16),
                   std::stoi(hex.substr(5, 2), nullptr, 16)};
    size_t n = 0;
    for (size_t i = 0; i + 2 < img.rgb.size(); i += 3)
        if (std::abs(img.rgb[i] - want[0]) <= tolerance && std::abs(img.rgb[i + 1] - want[1]) <= tolerance &&
            std::abs(img.rgb[i + 2] - want[2]) <= tolerance)
            ++n;
    return n;
}

}  // namespace

TEST_CASE("HTML comparison report: headless Chromium draws every chart, and its screenshot shows the variants",
          "[system][html]") {
    auto chromium = socsim::test::find_chromium();
    if (!chromium)
        FAIL("chromium is not installed: the HTML report is checked in headless Chromium. Install it with "
             "'./build.sh test' (installs missing packages) or 'apt-get install --no-install-recommends chromium'.");

    socsim::test::TempDir dir;
    std::string page = dir / "compare.html", out_json = dir / "compare.json";
    auto r = socsim::test::run_socsim({"compare", socsim::test::source_path("scenarios/tegra124-display-vic.yaml"),
                                       "--policy", "shared-attach", "--policy", "legacy", "--html", page, "--json",
                                       out_json});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::vector<CompareRun> runs;
    const json compared = json::parse(std::ifstream(out_json));
    for (const auto& v : compared["variants"]) {
        REQUIRE(v["report"].contains("series"));   // measured by the runs, not made up
        runs.push_back({v["label"].get<std::string>(), v["report"]});
    }
    REQUIRE(runs.size() == 2);
    size_t want = expected_plots(runs);
    REQUIRE(want > 0);

    auto dom = socsim::test::chromium_dump_dom(*chromium, page, 1280, 900, 60);
    INFO(dom.err.substr(0, 4000));
    REQUIRE_FALSE(dom.timed_out);
    REQUIRE(dom.exit_code == 0);
    std::smatch m;
    std::regex check(R"(<pre id="render-check"[^>]*>plots=(\d+) drawn=(\d+) empty=(\d+) page=(\d+)x(\d+)\n([^<]*)</pre>)");
    size_t at = dom.out.find("<pre id=\"render-check\"");
    REQUIRE(at != std::string::npos);
    std::string pre = dom.out.substr(at, dom.out.find("</pre>", at) + 6 - at);
    REQUIRE(std::regex_search(pre, m, check));
    INFO("render check:\n" << m[6].str());
    CHECK(std::stoul(m[1]) == want);
    CHECK(std::stoul(m[2]) == want);
    CHECK(std::stoul(m[3]) == 0);
    CHECK(m[6].str().find("bandwidth:display0a drawn") != std::string::npos);
    CHECK(m[6].str().find("tlb-hit-rate drawn") != std::string::npos);
    int page_w = std::stoi(m[4]), page_h = std::stoi(m[5]);
    REQUIRE(page_h > 0);

    // The whole page in one screenshot (capped), decoded pixel by pixel.
    std::string png = dir / "compare.png";
    int shot_h = std::min(page_h, 12000);
    auto shot = socsim::test::chromium_screenshot(*chromium, page, png, 1280, shot_h, 60);
    INFO(shot.err.substr(0, 4000));
    REQUIRE_FALSE(shot.timed_out);
    REQUIRE(shot.exit_code == 0);
    socsim::test::Image img = socsim::test::decode_png(socsim::test::read_text(png));
    CHECK(img.width == 1280);
    CHECK(img.height == shot_h);
    CHECK(page_w <= 1280);   // nothing overflows the window sideways
    // Not blank: a good share of pixels differ from the page background
    // (#fafafa) and from the charts' white, and both variants' colours are
    // on screen (lines, bars, legends, the variants table's swatches).
    size_t total = size_t(img.width) * size_t(img.height);
    size_t background = pixels_of(img, "#fafafa", 0) + pixels_of(img, "#ffffff", 0);
    CHECK(total - background > total / 50);
    for (size_t v = 0; v < runs.size(); ++v) {
        INFO("variant " << v << " colour " << socsim::app::plot::variant_colour(v));
        CHECK(pixels_of(img, socsim::app::plot::variant_colour(v), 8) > 200);
    }
}
