#include "app/compare_html.h"

#include <set>

#include <fmt/format.h>

#include "app/compare_plots.h"
#include "app/html_text.h"
#include "app/report_access.h"
#include "app/svg_plot.h"
#include "app/version.h"

namespace socsim::app {

using html::escape;
using nlohmann::json;
using report::array;
using report::member;
using report::number;
using report::text;

namespace {

// Inline, system fonts only: the page must not fetch anything.
constexpr const char* kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 1.5em 2em;
       color: #222; background: #fafafa; max-width: 1800px; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
p.meta, p.description { color: #555; margin-top: 0.2em; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid #d4d4d4; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
table.metrics td.value { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.metrics tr.section th { background: #e4e9ef; text-align: left; }
table.metrics tr.differs td { background: #fff3c4; }
table.metrics tr.differs td.metric { font-weight: bold; }
td.passed { color: #006d40; font-weight: bold; }
td.failed { color: #b00020; font-weight: bold; }
ul.failures { margin: 0.3em 0 0 0; padding-left: 1.2em; color: #8a0018; font-weight: normal; }
table.variants td.name { white-space: nowrap; }
span.swatch { display: inline-block; width: 1.6em; height: 0.8em; border-radius: 2px; vertical-align: middle; }
ul.notes { color: #7a4b00; }
div.charts { display: flex; flex-wrap: wrap; gap: 12px; }
svg.plot { display: block; }
)";

// Verification only (the page looks the same without it): after load, each
// chart counts as drawn when one of its data elements has a non-empty box
// that overlaps the chart. The result goes into the hidden <pre>.
constexpr const char* kRenderCheck = R"(
window.addEventListener('load', function () {
  var plots = document.querySelectorAll('svg.plot'), drawn = 0, empty = 0, lines = [];
  plots.forEach(function (svg) {
    var name = svg.getAttribute('data-plot');
    if (svg.classList.contains('empty')) { empty++; lines.push(name + ' empty'); return; }
    var box = svg.getBoundingClientRect(), ok = false;
    svg.querySelectorAll('.data').forEach(function (e) {
      var r = e.getBoundingClientRect();
      if ((r.width > 0 || r.height > 0) && r.right >= box.left && r.left <= box.right &&
          r.bottom >= box.top && r.top <= box.bottom) ok = true;
    });
    if (ok) drawn++;
    lines.push(name + (ok ? ' drawn' : ' NOT DRAWN'));
  });
  var doc = document.documentElement;
  document.getElementById('render-check').textContent =
    'plots=' + plots.length + ' drawn=' + drawn + ' empty=' + empty +
    ' page=' + doc.scrollWidth + 'x' + doc.scrollHeight + '\n' + lines.join('\n');
});
)";

// The distinct values of a report key over the variants, joined.
std::string distinct(const std::vector<CompareRun>& runs, const char* key) {
    std::set<std::string> seen;
    std::string out;
    for (const auto& r : runs) {
        std::string v = text(member(r.report, key));
        if (!v.empty() && seen.insert(v).second) out += (out.empty() ? "" : ", ") + v;
    }
    return out;
}

// Failed expectations as `socsim run` words them on stderr.
std::vector<std::string> failures(const json& report) {
    std::vector<std::string> out;
    for (const auto& e : array(member(report, "expectations"))) {
        const json* passed = member(e, "passed");
        if (!passed || !passed->is_boolean() || passed->get<bool>()) continue;
        std::string what;
        if (member(e, "run"))
            what = "run: " + text(member(e, "run"));
        else
            what = fmt::format("step {} ({}, line {})", text(member(e, "step")), text(member(e, "op")), text(member(e, "line")));
        what += ": expected " + text(member(e, "expected")) + ", got " + text(member(e, "actual"));
        for (const auto& m : array(member(e, "mismatches"))) what += "; " + text(&m);
        out.push_back(what);
    }
    return out;
}

void variants_section(std::string& o, const std::vector<CompareRun>& runs) {
    o += "<h2>Variants</h2>\n<table class=\"variants\"><tr><th></th><th>variant</th><th>policy</th><th>timing</th>"
         "<th>simulated</th><th>result</th></tr>\n";
    for (size_t v = 0; v < runs.size(); ++v) {
        const json& r = runs[v].report;
        auto sim = number(member(r, "sim_time_ns"));
        const json* passed = member(r, "passed");
        std::vector<std::string> failed = failures(r);
        bool ok = passed && passed->is_boolean() && passed->get<bool>();
        o += fmt::format(R"(<tr data-variant="{}"><td><span class="swatch" style="background:{}"></span></td>)", v,
                         plot::variant_colour(v));
        o += "<td class=\"name\">" + escape(runs[v].label) + "</td><td class=\"name\">" +
             escape(text(member(r, "policy"))) + "</td><td>" + escape(text(member(member(r, "timing"), "mode"))) +
             "</td><td class=\"name\">" + (sim ? escape(html::format_quantity(*sim, html::Quantity::TimeNs)) : "") +
             "</td>";
        if (!passed || !passed->is_boolean()) {
            o += "<td>unknown</td></tr>\n";
            continue;
        }
        o += ok ? "<td class=\"passed\">passed" : fmt::format("<td class=\"failed\">failed ({} expectation{})", failed.size(),
                                                           failed.size() == 1 ? "" : "s");
        if (!failed.empty()) {
            o += "<ul class=\"failures\">";
            for (const auto& f : failed) o += "<li>" + escape(f) + "</li>";
            o += "</ul>";
        }
        o += "</td></tr>\n";
    }
    o += "</table>\n";
}

void metrics_section(std::string& o, const CompareTable& table) {
    o += "<h2>Metrics</h2>\n<p class=\"description\">One column per variant; rows whose values differ are "
         "highlighted.</p>\n<table class=\"metrics\"><thead><tr><th>metric</th>";
    for (const auto& c : table.columns) o += "<th>" + escape(c) + "</th>";
    o += "</tr></thead><tbody>\n";
    std::string section;
    bool first = true;
    for (const auto& row : table.rows) {
        if (first || row.section != section) {
            o += fmt::format("<tr class=\"section\"><th colspan=\"{}\">{}</th></tr>\n", table.columns.size() + 1,
                             escape(row.section));
            section = row.section;
            first = false;
        }
        o += row.differs ? "<tr class=\"differs\">" : "<tr>";
        o += "<td class=\"metric\">" + escape(row.metric) + "</td>";
        for (size_t i = 0; i < table.columns.size(); ++i)
            o += "<td class=\"value\">" + (i < row.cells.size() ? escape(row.cells[i]) : std::string()) + "</td>";
        o += "</tr>\n";
    }
    if (table.rows.empty()) o += fmt::format("<tr><td colspan=\"{}\">no metrics</td></tr>\n", table.columns.size() + 1);
    o += "</tbody></table>\n";
}

void plot_section(std::string& o, const PlotSection& s) {
    o += fmt::format("<h2 id=\"{}\">{}</h2>\n<p class=\"description\">{}</p>\n", escape(s.id), escape(s.title),
                     escape(s.description));
    if (!s.notes.empty()) {
        o += "<ul class=\"notes\">";
        for (const auto& n : s.notes) o += "<li>" + escape(n) + "</li>";
        o += "</ul>\n";
    }
    if (s.charts.empty()) return;
    o += "<div class=\"charts\">\n";
    for (const auto& c : s.charts) o += plot::render_svg(c) + "\n";
    o += "</div>\n";
}

}  // namespace

std::string render_compare_html(const std::vector<CompareRun>& runs, const CompareTable& table) {
    std::string scenario = distinct(runs, "scenario"), board = distinct(runs, "board"), soc = distinct(runs, "soc");
    std::string title = "socsim compare: " + (scenario.empty() ? std::string("(no scenario)") : scenario);
    std::string o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    o += "<title>" + escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    o += "<h1>" + escape(title) + "</h1>\n";
    o += "<p class=\"meta\">board " + escape(board.empty() ? "(unknown)" : board) +
         (soc.empty() ? "" : " (" + escape(soc) + ")") + fmt::format(" &middot; {} variants &middot; socsim {}</p>\n",
                                                                   runs.size(), kVersion);
    variants_section(o, runs);
    metrics_section(o, table);
    for (const auto& s : compare_plot_sections(runs)) plot_section(o, s);
    o += "<pre id=\"render-check\" hidden>render check not run</pre>\n<script>";
    o += kRenderCheck;
    o += "</script>\n</body>\n</html>\n";
    return o;
}

}  // namespace socsim::app
