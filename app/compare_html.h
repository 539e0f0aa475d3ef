// The HTML comparison report of `socsim compare --html FILE`: one
// self-contained HTML5 page (inline CSS, charts as inline SVG, no external
// resource of any kind, readable with JavaScript off) that a reviewer can
// attach to a mail thread. It shows the scenario and board, each variant
// (label, policy, passed or failed with the failed expectations), the
// side-by-side metrics table with differing rows highlighted, and charts:
// bandwidth over time per memory client, latency histograms per client, the
// SMMU TLB hit rate over time and each display window's FIFO level over time.
//
// The page carries one small script, for verification only: after load it
// checks that every chart's data geometry has a visible bounding box and
// writes "plots=N drawn=M empty=K" plus one line per chart into the hidden
// <pre id="render-check">; it changes nothing visible.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/compare_table.h"

namespace socsim::app {

struct CompareRun { std::string label; nlohmann::json report; };   // one variant: its label and its `socsim run --report` JSON

std::string render_compare_html(const std::vector<CompareRun>& runs, const CompareTable& table);

}  // namespace socsim::app
