#include "app/compare_output.h"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace socsim::app {

namespace {

constexpr const char* kHighlight = "\033[1;33m";   // bold yellow
constexpr const char* kReset = "\033[0m";

}  // namespace

void print_compare_text(std::ostream& out, const std::string& title, const std::vector<CompareHeaderLine>& header,
                        const CompareTable& table, bool terminal) {
    fmt::print(out, "{}\n", title);
    size_t label_w = 0, with_w = 0;
    for (const auto& h : header) {
        label_w = std::max(label_w, h.label.size());
        with_w = std::max(with_w, h.runs_with.size());
    }
    for (const auto& h : header)
        fmt::print(out, "  {:<{}}  {:<{}}  {}\n", h.label, label_w, h.runs_with, with_w, h.verdict);
    fmt::print(out, "\n");

    size_t metric_w = std::string("metric").size();
    for (const auto& r : table.rows) metric_w = std::max(metric_w, r.metric.size() + 2);
    std::vector<size_t> widths;
    for (size_t c = 0; c < table.columns.size(); ++c) {
        size_t w = table.columns[c].size();
        for (const auto& r : table.rows)
            if (c < r.cells.size()) w = std::max(w, r.cells[c].size());
        widths.push_back(w);
    }
    // Without a terminal the marker column carries the highlight, so the
    // table survives pipes, files and diffs.
    const std::string pad = terminal ? "" : "  ";
    std::string line = pad + fmt::format("{:<{}}", "metric", metric_w);
    for (size_t c = 0; c < table.columns.size(); ++c) line += fmt::format("  {:>{}}", table.columns[c], widths[c]);
    fmt::print(out, "{}\n", line);
    std::string section;
    size_t differing = 0;
    for (const auto& r : table.rows) {
        if (r.section != section) {
            section = r.section;
            fmt::print(out, "{}{}\n", pad, section);
        }
        std::string row = fmt::format("  {:<{}}", r.metric, metric_w - 2);
        for (size_t c = 0; c < table.columns.size(); ++c)
            row += fmt::format("  {:>{}}", c < r.cells.size() ? r.cells[c] : "", widths[c]);
        if (r.differs) ++differing;
        if (terminal) fmt::print(out, "{}{}{}\n", r.differs ? kHighlight : "", row, r.differs ? kReset : "");
        else fmt::print(out, "{} {}\n", r.differs ? "*" : " ", row);
    }
    fmt::print(out, "\n{} of {} metrics differ between the variants{}\n", differing, table.rows.size(),
               terminal ? " (highlighted)" : " (marked *)");
}

nlohmann::ordered_json compare_table_json(const CompareTable& table) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& r : table.rows)
        rows.push_back({{"section", r.section}, {"metric", r.metric}, {"cells", r.cells}, {"differs", r.differs}});
    return {{"columns", table.columns}, {"rows", rows}};
}

}  // namespace socsim::app
