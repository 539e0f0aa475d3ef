// Charts of the HTML comparison report as inline SVG, drawn in C++ so they
// display without JavaScript: line charts over time (gaps where a value is
// missing) and grouped bar charts on a log x axis (histograms), with axes,
// ticks, units, a title and a legend. Variant i has colour i of one
// colour-blind-safe palette in every chart.
//
// For the report's render check, every chart's <svg> has class "plot" and
// data-plot="ID"; the geometry that shows data has class "data". A chart with
// nothing to draw has class "plot empty" and says so in its middle.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/html_text.h"

namespace socsim::app::plot {

// The colour of variant `i` (Okabe-Ito: distinguishable with the common
// colour-vision deficiencies); past the palette the colours repeat dashed.
std::string variant_colour(size_t i);
std::string variant_dash(size_t i);   // "" for a solid line, else an SVG dasharray

struct Point {
    double x = 0, y = 0;
};

// One variant's line; a missing value ends a segment, so gaps stay gaps.
struct Line {
    size_t variant = 0;
    std::vector<std::vector<Point>> segments;
};

// One histogram bin [lo, hi] with one bar per variant (0: no bar).
struct BarBin {
    double lo = 0, hi = 0;
    std::vector<double> values;   // indexed like Chart::variants
};

struct Axis {
    std::string label;            // e.g. "time"; the unit is added from `quantity`
    html::Quantity quantity = html::Quantity::Count;
    bool log = false;             // log10 scale (positive values only)
    std::optional<double> max;    // a fixed upper end (hit rates: 1)
};

struct Chart {
    std::string id;               // data-plot, e.g. "bandwidth:display0a"
    std::string title;
    Axis x, y;
    std::vector<std::string> variants;   // legend labels; index = colour
    std::vector<Line> lines;             // a line chart, or
    std::vector<BarBin> bars;            // a bar chart
    std::string empty_text = "no data";  // said instead of drawing nothing
};

std::string render_svg(const Chart& chart);

}  // namespace socsim::app::plot
