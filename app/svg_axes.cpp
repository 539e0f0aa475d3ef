#include "app/svg_axes.h"

#include <algorithm>
#include <cmath>

namespace socsim::app::plot {

using html::Quantity;
using html::UnitScale;

double AxisScale::to_px(double v) const {
    double a = log ? std::log10(lo) : lo;
    double b = log ? std::log10(hi) : hi;
    double t = log ? std::log10(v) : v;
    if (b <= a) return px0;
    return px0 + (t - a) / (b - a) * (px1 - px0);
}

bool AxisScale::accepts(double v) const { return std::isfinite(v) && (!log || v > 0); }

namespace {

// The smallest of 1, 2, 5 x 10^k not below `raw`.
double nice_step(double raw) {
    double p = std::pow(10.0, std::floor(std::log10(raw)));
    double m = raw / p;
    double nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
    return nice * p;
}

std::string with_unit(const std::string& label, const UnitScale& s) {
    if (s.unit.empty() || s.suffix_only) return label;
    return label + " (" + s.unit + ")";
}

}  // namespace

AxisScale linear_axis(double top, Quantity q, const std::string& label, bool extend) {
    if (!std::isfinite(top) || top <= 0) top = 1.0;
    UnitScale s = html::unit_scale(q, top);
    double shown = top / s.divisor;
    double step = nice_step(shown / 5);
    int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    double n = extend ? std::ceil(shown / step - 1e-9) : std::floor(shown / step + 1e-9);
    AxisScale a;
    a.lo = 0;
    a.hi = extend ? n * step * s.divisor : top;
    for (int i = 0; i <= static_cast<int>(n); ++i) {
        std::string text = html::format_fixed(i * step, decimals);
        if (s.suffix_only && i > 0) text += s.unit;
        a.ticks.push_back({i * step * s.divisor, text});
    }
    a.title = with_unit(label, s);
    return a;
}

AxisScale log_axis(double lo, double hi, Quantity q, const std::string& label) {
    AxisScale a;
    a.log = true;
    if (!(lo > 0) || !std::isfinite(lo)) lo = 1;
    if (!(hi > lo) || !std::isfinite(hi)) hi = lo * 10;
    a.lo = lo;
    a.hi = hi;
    int d0 = static_cast<int>(std::floor(std::log10(lo)));
    int d1 = static_cast<int>(std::ceil(std::log10(hi)));
    bool fine = std::log10(hi) - std::log10(lo) < 2;
    int stride = std::max(1, (d1 - d0) / 10);   // at most about ten decade ticks
    for (int d = d0; d <= d1; d += stride)
        for (double m : {1.0, 2.0, 5.0}) {
            if (m != 1.0 && !fine) continue;
            double v = m * std::pow(10.0, d);
            if (q == Quantity::Count && v < 1) continue;   // no fractional counts
            if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) a.ticks.push_back({v, html::format_quantity(v, q, 3)});
        }
    a.title = label + " (log scale)";
    return a;
}

}  // namespace socsim::app::plot
