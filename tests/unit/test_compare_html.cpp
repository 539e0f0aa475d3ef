// [unit] The HTML comparison report on synthetic reports: escaping of every
// string from a report, the charts it draws, gaps, the notes for reports
// without time series, highlighted differing rows, no external resources,
// and reports of the wrong shape.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/compare_html.h"
#include "app/html_text.h"
#include "app/svg_plot.h"

using nlohmann::json;
using socsim::app::CompareRun;
using socsim::app::CompareTable;
using socsim::app::render_compare_html;
namespace html = socsim::app::html;

namespace {

constexpr const char* kHostile = "<script>&\"";

json client(const std::string& name, double bytes) {
    return {{"name", name}, {"swgroup", "dc"}, {"bytes", bytes}, {"requests", bytes / 64},
            {"latency_ns", {{"count", 3}, {"buckets", json::array({json::array({107, 2}), json::array({2100, 1})})}}}};
}

// A report as `socsim run --report` writes it, abridged; with a `series` of
// four 100 us intervals when `with_series`.
json report(const std::string& policy, bool passed, bool with_series) {
    json r = {{"scenario", "s<1>"}, {"board", "dts/b&c.yaml"}, {"soc", "tegra124"}, {"policy", policy},
              {"timing", {{"mode", "fast"}}}, {"sim_time_ns", 400000}, {"passed", passed},
              {"clients", json::array({client("display0a", 1e6), client("vic<srd>", 5e5)})}};
    r["expectations"] = json::array({{{"step", 1}, {"op", "bind"}, {"line", 3}, {"expected", "ok"}, {"actual", "ok"}, {"passed", true}}});
    if (!passed)
        r["expectations"].push_back({{"step", 2}, {"op", "check"}, {"line", 9}, {"expected", "ok"}, {"actual", "mismatch"},
                                     {"passed", false}, {"mismatches", json::array({"owner_cnt of <drm> is 1, expected 2"})}});
    if (with_series)
        r["series"] = {{"interval_ns", 100000},
                       {"t_ns", {100000, 200000, 300000, 400000}},
                       {"clients", json::array({{{"name", "display0a"}, {"swgroup", "dc"}, {"MBps", {497.7, 497.7, 0, 0}}},
                                                {{"name", "vic<srd>"}, {"swgroup", "vic"}, {"MBps", {100, 0, 200, 0}}}})},
                       {"smmu", {{"tlb_hit_rate", {0.9, nullptr, 0.95, 0.97}}, {"ptc_hit_rate", {0.5, nullptr, 0.5, 0.5}},
                                 {"walks", {10, 0, 4, 2}}}},
                       {"display", json::array({{{"head", 0}, {"device", "dc0"},
                                                 {"windows", json::array({{{"window", "A"}, {"min_fifo_bytes", {16384, 8192, nullptr, nullptr}}},
                                                                          {{"window", "B"}, {"min_fifo_bytes", {nullptr, nullptr, nullptr, nullptr}}}})}}})}};
    return r;
}

CompareTable table() {
    CompareTable t;
    t.columns = {kHostile, "legacy"};
    t.rows.push_back({"clients", "display0a MB/s", {"497.7", "480.2"}, true});
    t.rows.push_back({"smmu", "faults", {"0", "0"}, false});
    return t;
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// The <svg> of chart `id`.
std::string chart(const std::string& page, const std::string& id) {
    size_t at = page.find("data-plot=\"" + id + "\"");
    REQUIRE(at != std::string::npos);
    size_t start = page.rfind("<svg", at);
    return page.substr(start, page.find("</svg>", at) + 6 - start);
}

}  // namespace

TEST_CASE("html: escape covers HTML and XML specials and control characters", "[unit][html]") {
    CHECK(html::escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
    CHECK(html::escape(std::string("x\x01y", 3)) == "x\xef\xbf\xbdy");
    CHECK(html::escape("tab\tnewline\n") == "tab\tnewline\n");
}

TEST_CASE("html: numbers carry units at a readable prefix", "[unit][html]") {
    using Q = html::Quantity;
    CHECK(html::format_quantity(497.664, Q::BandwidthMBps) == "497.7 MB/s");
    CHECK(html::format_quantity(12800, Q::BandwidthMBps) == "12.8 GB/s");
    CHECK(html::format_quantity(1087, Q::TimeNs) == "1.087 µs");
    CHECK(html::format_quantity(60010643, Q::TimeNs) == "60.01 ms");
    CHECK(html::format_quantity(100, Q::TimeNs) == "100 ns");
    CHECK(html::format_quantity(17775, Q::Bytes) == "17.36 KiB");
    CHECK(html::format_quantity(0.98436, Q::Ratio) == "98.44 %");
    CHECK(html::format_quantity(1200, Q::Count) == "1.2k");
    CHECK(html::format_quantity(std::nan(""), Q::TimeNs) == "n/a");
}

TEST_CASE("html: every string from the reports and the table is escaped", "[unit][html]") {
    std::vector<CompareRun> runs = {{kHostile, report("shared-attach", false, true)}, {"legacy", report("legacy", true, true)}};
    std::string page = render_compare_html(runs, table());
    CHECK(page.find(kHostile) == std::string::npos);
    CHECK(count(page, "&lt;script&gt;&amp;&quot;") >= 3);   // variants table, metrics header, chart legends
    CHECK(count(page, "<script") == 1);                      // the render check's own
    CHECK(page.find("s&lt;1&gt;") != std::string::npos);
    CHECK(page.find("dts/b&amp;c.yaml") != std::string::npos);
    CHECK(page.find("data-plot=\"bandwidth:vic&lt;srd&gt;\"") != std::string::npos);
    CHECK(page.find("vic<srd>") == std::string::npos);
    // The failed expectation is listed, escaped.
    CHECK(page.find("step 2 (check, line 9): expected ok, got mismatch; owner_cnt of &lt;drm&gt; is 1, expected 2") !=
          std::string::npos);
    CHECK(page.find("failed (1 expectation)") != std::string::npos);
}

TEST_CASE("html: one chart per client, histogram, TLB and head window; gaps split lines; empty charts say so",
          "[unit][html]") {
    std::vector<CompareRun> runs = {{"a", report("shared-attach", true, true)}, {"b", report("legacy", true, true)}};
    std::string page = render_compare_html(runs, table());
    // 2 bandwidth + 2 latency + 1 TLB + 2 head windows.
    CHECK(count(page, "<svg class=\"plot") == 7);
    CHECK(count(page, "<svg class=\"plot empty\"") == 1);
    for (const char* id : {"bandwidth:display0a", "bandwidth:vic&lt;srd&gt;", "latency:display0a", "latency:vic&lt;srd&gt;",
                           "tlb-hit-rate", "fifo:head0:A"})
        CHECK(count(chart(page, id), "class=\"data\"") > 0);
    // Busiest client first.
    CHECK(page.find("bandwidth:display0a") < page.find("bandwidth:vic&lt;srd&gt;"));
    // The TLB hit rate's null splits each variant's line in two: a lone
    // first value (a dot) and a line through the last two.
    std::string tlb = chart(page, "tlb-hit-rate");
    CHECK(count(tlb, "<circle class=\"data\"") == 2);
    CHECK(count(tlb, "<polyline class=\"data\"") == 2);
    // Window B is null throughout: it says so instead of drawing nothing.
    std::string b = chart(page, "fifo:head0:B");
    CHECK(b.find("class=\"plot empty\"") != std::string::npos);
    CHECK(b.find("no data") != std::string::npos);
    CHECK(b.find("class=\"data\"") == std::string::npos);
    // Variant colours are the same in every chart and in the variants table.
    std::string second = socsim::app::plot::variant_colour(1);
    CHECK(second != socsim::app::plot::variant_colour(0));
    CHECK(page.find("background:" + second) != std::string::npos);
    CHECK(chart(page, "latency:display0a").find("data-variant=\"1\" fill=\"" + second + "\"") != std::string::npos);
    CHECK(chart(page, "bandwidth:display0a").find("stroke=\"" + second + "\"") != std::string::npos);
    // Axes with units.
    CHECK(chart(page, "bandwidth:display0a").find("bandwidth (MB/s)") != std::string::npos);
    CHECK(chart(page, "bandwidth:display0a").find("time (µs)") != std::string::npos);
    CHECK(chart(page, "fifo:head0:A").find("smallest FIFO level (KiB)") != std::string::npos);
    CHECK(chart(page, "latency:display0a").find("latency (log scale)") != std::string::npos);
}

TEST_CASE("html: the page is self-contained", "[unit][html]") {
    std::vector<CompareRun> runs = {{"a", report("shared-attach", true, true)}, {"b", report("legacy", false, false)}};
    std::string page = render_compare_html(runs, table());
    CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
    for (const char* external : {"http://", "https://", "//cdn", "url(", "@import", "<link", "<img", "<iframe", "href="})
        CHECK(page.find(external) == std::string::npos);
    // Any src= may only hold inline data.
    std::regex src(R"(src\s*=\s*["']?(?!data:))");
    CHECK_FALSE(std::regex_search(page, src));
    // The render check is hidden: the page looks the same without script.
    CHECK(page.find("<pre id=\"render-check\" hidden>") != std::string::npos);
}

TEST_CASE("html: reports without a series still render, with a note in each time-series section", "[unit][html]") {
    std::vector<CompareRun> runs = {{"old", report("shared-attach", true, false)}, {"new", report("legacy", true, true)}};
    std::string page = render_compare_html(runs, table());
    CHECK(count(page, "old: no time series in this report") == 3);   // bandwidth, TLB, FIFO
    CHECK(count(page, "<svg class=\"plot") == 7);                    // the other variant's series still drawn
    CHECK(chart(page, "tlb-hit-rate").find("old (no data)") != std::string::npos);

    std::vector<CompareRun> old = {{"x", report("shared-attach", true, false)}, {"y", report("legacy", true, false)}};
    std::string none = render_compare_html(old, table());
    CHECK(count(none, "no time series in this report") == 6);
    CHECK(count(none, "<svg class=\"plot") == 2);                    // the latency histograms only
    CHECK(none.find("data-plot=\"bandwidth:") == std::string::npos);
}

TEST_CASE("html: differing table rows carry the highlight class", "[unit][html]") {
    std::vector<CompareRun> runs = {{"a", report("shared-attach", true, true)}, {"b", report("legacy", true, true)}};
    std::string page = render_compare_html(runs, table());
    CHECK(page.find("<tr class=\"differs\"><td class=\"metric\">display0a MB/s</td>") != std::string::npos);
    CHECK(page.find("<tr><td class=\"metric\">faults</td>") != std::string::npos);
    CHECK(page.find("tr.differs td {") != std::string::npos);   // and the class is styled
}

TEST_CASE("html: more clients than the cap are named, not drawn", "[unit][html]") {
    json r = report("shared-attach", true, true);
    for (int i = 0; i < 10; ++i) {
        std::string name = "client" + std::to_string(i);
        r["clients"].push_back(client(name, 1000.0 * (i + 1)));
        r["series"]["clients"].push_back({{"name", name}, {"MBps", {1.0 * i, 1, 1, 1}}});
    }
    std::string page = render_compare_html({{"a", r}}, CompareTable{});
    CHECK(count(page, "data-plot=\"bandwidth:") == 8);
    CHECK(count(page, "data-plot=\"latency:") == 8);
    CHECK(page.find("4 clients with fewer bytes not plotted") != std::string::npos);
    CHECK(page.find("no metrics") != std::string::npos);
}

TEST_CASE("html: reports of the wrong shape render without throwing", "[unit][html]") {
    json odd = {{"scenario", 5}, {"clients", "none"}, {"passed", "yes"},
                {"series", {{"t_ns", {{"a", 1}}}, {"clients", 3}, {"smmu", {{"tlb_hit_rate", "x"}}}}},
                {"expectations", json::array({1, "two", {{"passed", false}}})}};
    json buckets = report("legacy", true, true);
    buckets["clients"][0]["latency_ns"]["buckets"] = json::array({"x", json::array({1}), json::array({-5, 3}), json::array({nullptr, 2})});
    buckets["series"]["t_ns"] = {100000, "late", nullptr, 400000};
    std::vector<CompareRun> runs = {{"odd", odd}, {"array", json::array({1, 2})}, {"buckets", buckets}};
    std::string page;
    REQUIRE_NOTHROW(page = render_compare_html(runs, table()));
    CHECK(page.find("</html>") != std::string::npos);
    CHECK(page.find("<td>unknown</td>") != std::string::npos);
}
