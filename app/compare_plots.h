// The charts of the HTML comparison report, built from the variants'
// reports: what to plot and in which order (app/svg_plot draws them).
//   bandwidth  series.clients[].MBps over series.t_ns, one chart per client
//   latency    clients[].latency_ns.buckets, one histogram per client
//   tlb        series.smmu.tlb_hit_rate over time, one chart
//   fifo       series.display[].windows[].min_fifo_bytes, one chart per head window
// Every chart has one line (or bar set) per variant in the variant's colour.
#pragma once

#include <string>
#include <vector>

#include "app/compare_html.h"
#include "app/svg_plot.h"

namespace socsim::app {

// Charts of per-client plots beyond this many would bury the busy clients;
// the rest are named in a note.
inline constexpr size_t kMaxClientCharts = 8;

struct PlotSection {
    std::string id;                   // "bandwidth", "latency", "tlb", "fifo"
    std::string title;
    std::string description;          // what is plotted, from which report keys
    std::vector<std::string> notes;   // e.g. "legacy: no time series in this report"
    std::vector<plot::Chart> charts;
};

std::vector<PlotSection> compare_plot_sections(const std::vector<CompareRun>& runs);

}  // namespace socsim::app
