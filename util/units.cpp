#include "util/units.h"

#include <fmt/format.h>

namespace socsim {

namespace {

std::string trimmed(double v) {
    std::string s = fmt::format("{:.3f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

}  // namespace

std::string format_time_ns(uint64_t ns) {
    if (ns >= 1'000'000'000) return trimmed(double(ns) / 1e9) + " s";
    if (ns >= 1'000'000) return trimmed(double(ns) / 1e6) + " ms";
    if (ns >= 1'000) return trimmed(double(ns) / 1e3) + " us";
    return std::to_string(ns) + " ns";
}

std::string format_realtime_factor(double sim_s, double wall_s) {
    if (wall_s <= 0) return "-";
    double f = sim_s / wall_s;
    return f >= 1 ? fmt::format("{:.1f}x", f) : fmt::format("{:.3g}x", f);
}

}  // namespace socsim
