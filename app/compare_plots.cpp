#include "app/compare_plots.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "app/report_access.h"

namespace socsim::app {

using html::Quantity;
using nlohmann::json;
using plot::Chart;
using plot::Line;
using plot::Point;
using report::array;
using report::member;
using report::number;
using report::text;

namespace {

constexpr const char* kNoSeries = "no time series in this report";

// The report's time series, when it has one with a time base.
const json* series_of(const CompareRun& run) {
    const json* s = member(run.report, "series");
    return s && member(s, "t_ns") && member(s, "t_ns")->is_array() ? s : nullptr;
}

std::vector<std::string> labels(const std::vector<CompareRun>& runs) {
    std::vector<std::string> out;
    for (const auto& r : runs) out.push_back(r.label);
    return out;
}

// values[i] at t_ns[i]; a null (or anything not a number) ends a segment.
std::vector<std::vector<Point>> segments(const json& t_ns, const json* values) {
    std::vector<std::vector<Point>> out(1);
    const json& v = array(values);
    size_t n = std::min(t_ns.size(), v.size());
    for (size_t i = 0; i < n; ++i) {
        auto t = number(&t_ns[i]), y = number(&v[i]);
        if (t && y && std::isfinite(*t) && std::isfinite(*y)) {
            out.back().push_back({*t, *y});
        } else if (!out.back().empty()) {
            out.emplace_back();
        }
    }
    if (out.back().empty()) out.pop_back();
    return out;
}

Chart time_chart(const std::vector<CompareRun>& runs, std::string id, std::string title, const std::string& y_label,
                 Quantity q) {
    Chart c;
    c.id = std::move(id);
    c.title = std::move(title);
    c.x.label = "time";
    c.x.quantity = Quantity::TimeNs;
    c.y.label = y_label;
    c.y.quantity = q;
    c.variants = labels(runs);
    // Every time chart spans the longest series, so charts line up in time
    // even where one ends in a gap.
    double end = 0;
    for (const auto& r : runs)
        for (const auto& t : array(member(series_of(r), "t_ns"))) end = std::max(end, number(&t).value_or(0));
    if (end > 0) c.x.max = end;
    return c;
}

// Notes for the variants whose report has no time series.
std::vector<std::string> missing_series(const std::vector<CompareRun>& runs) {
    std::vector<std::string> notes;
    for (const auto& r : runs)
        if (!series_of(r)) notes.push_back(r.label + ": " + kNoSeries);
    return notes;
}

// Client names busiest first (bytes summed over the variants); ties by name.
std::vector<std::string> busiest_first(const std::map<std::string, double>& bytes) {
    std::vector<std::pair<std::string, double>> order(bytes.begin(), bytes.end());
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> out;
    for (const auto& [name, b] : order) out.push_back(name);
    return out;
}

// The clients of the time series, by the bytes their MB/s x interval add up to.
std::vector<std::string> series_clients(const std::vector<CompareRun>& runs) {
    std::map<std::string, double> bytes;
    for (const auto& r : runs) {
        const json* s = series_of(r);
        double interval_s = number(member(s, "interval_ns")).value_or(0) * 1e-9;
        for (const auto& c : array(member(s, "clients"))) {
            std::string name = text(member(c, "name"));
            if (name.empty()) continue;
            double sum = 0;
            for (const auto& v : array(member(c, "MBps"))) sum += number(&v).value_or(0);
            bytes[name] += sum * 1e6 * interval_s;
        }
    }
    return busiest_first(bytes);
}

// The clients with a latency histogram, by the bytes of their report entry.
std::vector<std::string> histogram_clients(const std::vector<CompareRun>& runs) {
    std::map<std::string, double> bytes;
    for (const auto& r : runs)
        for (const auto& c : array(member(r.report, "clients"))) {
            std::string name = text(member(c, "name"));
            if (!name.empty() && !array(member(member(c, "latency_ns"), "buckets")).empty())
                bytes[name] += number(member(c, "bytes")).value_or(0);
        }
    return busiest_first(bytes);
}

// Drops clients past kMaxClientCharts, naming them in a note.
void cap_clients(std::vector<std::string>& names, std::vector<std::string>& notes) {
    if (names.size() <= kMaxClientCharts) return;
    std::string rest;
    for (size_t i = kMaxClientCharts; i < names.size(); ++i) rest += (rest.empty() ? "" : ", ") + names[i];
    notes.push_back(fmt::format("{} clients with fewer bytes not plotted: {}", names.size() - kMaxClientCharts, rest));
    names.resize(kMaxClientCharts);
}

// One chart per client rather than one per variant: a reviewer asks "what
// did variant B do to display0a", which reads best with both variants'
// lines on the same axes; one chart per variant would put them in
// different charts with different y scales.
PlotSection bandwidth_section(const std::vector<CompareRun>& runs) {
    PlotSection s{"bandwidth", "Bandwidth over time",
                  "MB/s each memory client moved per interval of the time series (series.clients[].MBps), one chart "
                  "per client, busiest client first (bytes over all variants), one line per variant.",
                  missing_series(runs), {}};
    std::vector<std::string> names = series_clients(runs);
    cap_clients(names, s.notes);
    for (const auto& name : names) {
        Chart c = time_chart(runs, "bandwidth:" + name, name + ": bandwidth", "bandwidth", Quantity::BandwidthMBps);
        for (size_t v = 0; v < runs.size(); ++v) {
            const json* series = series_of(runs[v]);
            for (const auto& client : array(member(series, "clients")))
                if (text(member(client, "name")) == name)
                    c.lines.push_back({v, segments(*member(series, "t_ns"), member(client, "MBps"))});
        }
        s.charts.push_back(std::move(c));
    }
    return s;
}

// The report's histogram bins are 1 ns wide below 1 us, too narrow to see on
// a log axis: each [upper_ns, count] pair is counted in the quarter-octave
// display bin its upper bound falls in.
PlotSection latency_section(const std::vector<CompareRun>& runs) {
    PlotSection s{"latency", "Latency histograms",
                  "Requests per latency (memory-controller arrival to completion) of each memory client, from "
                  "clients[].latency_ns.buckets, in quarter-octave bins; one bar per variant; both axes log scale.",
                  {}, {}};
    std::vector<std::string> names = histogram_clients(runs);
    cap_clients(names, s.notes);
    for (const auto& name : names) {
        Chart c;
        c.id = "latency:" + name;
        c.title = name + ": request latency";
        c.x.label = "latency";
        c.x.quantity = Quantity::TimeNs;
        c.x.log = true;
        c.y.label = "requests";
        c.y.quantity = Quantity::Count;
        c.y.log = true;
        c.variants = labels(runs);
        std::map<int, std::vector<double>> bins;   // quarter-octave index -> count per variant
        for (size_t v = 0; v < runs.size(); ++v)
            for (const auto& client : array(member(runs[v].report, "clients"))) {
                if (text(member(client, "name")) != name) continue;
                for (const auto& b : array(member(member(client, "latency_ns"), "buckets"))) {
                    const json& pair = array(&b);
                    if (pair.size() != 2) continue;
                    auto upper = number(&pair[0]), count = number(&pair[1]);
                    if (!upper || !count || !std::isfinite(*upper) || !(*count > 0)) continue;
                    int k = static_cast<int>(std::floor(std::log2(std::max(*upper, 1.0)) * 4));
                    auto& counts = bins[k];
                    counts.resize(runs.size(), 0.0);
                    counts[v] += *count;
                }
            }
        for (auto& [k, counts] : bins) c.bars.push_back({std::exp2(k / 4.0), std::exp2((k + 1) / 4.0), counts});
        s.charts.push_back(std::move(c));
    }
    return s;
}

PlotSection tlb_section(const std::vector<CompareRun>& runs) {
    PlotSection s{"tlb", "SMMU TLB hit rate over time",
                  "TLB hits per lookup in each interval (series.smmu.tlb_hit_rate), one line per variant; a gap is an "
                  "interval without translations.",
                  missing_series(runs), {}};
    if (s.notes.size() == runs.size()) return s;
    Chart c = time_chart(runs, "tlb-hit-rate", "SMMU TLB hit rate", "TLB hit rate", Quantity::Ratio);
    c.y.max = 1.0;
    c.empty_text = "no data: no translations in any interval";
    for (size_t v = 0; v < runs.size(); ++v)
        if (const json* series = series_of(runs[v]))
            c.lines.push_back({v, segments(*member(series, "t_ns"), member(member(series, "smmu"), "tlb_hit_rate"))});
    s.charts.push_back(std::move(c));
    return s;
}

PlotSection fifo_section(const std::vector<CompareRun>& runs) {
    PlotSection s{"fifo", "Display FIFO level over time",
                  "The smallest FIFO level of each display head window in each interval "
                  "(series.display[].windows[].min_fifo_bytes), one chart per head window, one line per variant; "
                  "a gap is an interval without a value.",
                  missing_series(runs), {}};
    // Head windows in head, then window order; the device is the first seen.
    std::map<std::tuple<double, std::string>, std::string> windows;
    for (const auto& r : runs)
        for (const auto& head : array(member(series_of(r), "display")))
            for (const auto& w : array(member(head, "windows")))
                windows.emplace(std::make_tuple(number(member(head, "head")).value_or(-1), text(member(w, "window"))),
                                text(member(head, "device")));
    for (const auto& [key, device] : windows) {
        const auto& [head, window] = key;
        std::string head_name = head >= 0 ? fmt::format("head {}", head) : std::string("head ?");
        std::string id = fmt::format("fifo:head{}:{}", head >= 0 ? fmt::format("{}", head) : "?", window);
        std::string title = head_name + (device.empty() ? "" : " (" + device + ")") + " window " + window + ": FIFO level";
        Chart c = time_chart(runs, id, title, "smallest FIFO level",
                             Quantity::Bytes);
        for (size_t v = 0; v < runs.size(); ++v) {
            const json* series = series_of(runs[v]);
            for (const auto& h : array(member(series, "display")))
                if (number(member(h, "head")).value_or(-1) == head)
                    for (const auto& w : array(member(h, "windows")))
                        if (text(member(w, "window")) == window)
                            c.lines.push_back({v, segments(*member(series, "t_ns"), member(w, "min_fifo_bytes"))});
        }
        s.charts.push_back(std::move(c));
    }
    return s;
}

}  // namespace

std::vector<PlotSection> compare_plot_sections(const std::vector<CompareRun>& runs) {
    return {bandwidth_section(runs), latency_section(runs), tlb_section(runs), fifo_section(runs)};
}

}  // namespace socsim::app
