// Axes of the report's SVG charts: the mapping from data to pixels (linear
// or log10) and the ticks with their labels in the quantity's display unit.
#pragma once

#include <string>
#include <vector>

#include "app/html_text.h"

namespace socsim::app::plot {

struct Tick {
    double value = 0;     // in the stored unit
    std::string label;    // in the display unit ("0.5", "100 ns", "10k")
};

// An axis ready to draw: its domain, pixel range, ticks and title.
struct AxisScale {
    double lo = 0, hi = 1;        // domain, stored unit (both > 0 when log)
    double px0 = 0, px1 = 1;      // pixels of lo and hi
    bool log = false;
    std::vector<Tick> ticks;
    std::string title;            // label with its unit: "bandwidth (MB/s)"

    double to_px(double v) const;
    bool accepts(double v) const;  // finite, and positive on a log axis
};

// A linear axis over [0, top]: when `extend`, the end moves up to the next
// nice tick (a y axis); else it stays at `top` (time on x). Ticks step by
// 1, 2 or 5 x 10^k in the display unit of the quantity.
AxisScale linear_axis(double top, html::Quantity q, const std::string& label, bool extend);

// A log10 axis over [lo, hi] (both > 0), ticked at decades (and at 2 and 5
// times a decade when the range spans less than two); labels carry units.
AxisScale log_axis(double lo, double hi, html::Quantity q, const std::string& label);

}  // namespace socsim::app::plot
