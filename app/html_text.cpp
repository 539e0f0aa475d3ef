#include "app/html_text.h"

#include <cmath>

#include <fmt/format.h>

namespace socsim::app::html {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\t':
        case '\n':
        case '\r': out += c; break;
        default:
            // XML 1.0 allows no C0 control characters but these three.
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                out += "\xef\xbf\xbd";
            else
                out += c;
        }
    }
    return out;
}

namespace {

struct Step {
    double divisor;
    const char* unit;
};

// Ladders from the smallest prefix up; the largest whose divisor does not
// exceed the magnitude wins.
constexpr Step kTime[] = {{1, "ns"}, {1e3, "µs"}, {1e6, "ms"}, {1e9, "s"}};
constexpr Step kBandwidth[] = {{1e-6, "B/s"}, {1e-3, "kB/s"}, {1, "MB/s"}, {1e3, "GB/s"}};
constexpr Step kBytes[] = {{1, "B"}, {1024, "KiB"}, {1024.0 * 1024, "MiB"}, {1024.0 * 1024 * 1024, "GiB"}};
constexpr Step kCount[] = {{1, ""}, {1e3, "k"}, {1e6, "M"}, {1e9, "G"}};

template <size_t N>
UnitScale pick(const Step (&ladder)[N], double magnitude) {
    const Step* best = &ladder[0];
    for (const Step& s : ladder)
        if (std::isfinite(magnitude) && std::fabs(magnitude) >= s.divisor) best = &s;
    return {best->divisor, best->unit};
}

}  // namespace

UnitScale unit_scale(Quantity q, double magnitude) {
    switch (q) {
    case Quantity::TimeNs: return pick(kTime, magnitude);
    case Quantity::BandwidthMBps: return pick(kBandwidth, magnitude);
    case Quantity::Bytes: return pick(kBytes, magnitude);
    case Quantity::Ratio: return {0.01, "%"};
    case Quantity::Count: {
        UnitScale s = pick(kCount, magnitude);
        s.suffix_only = true;
        return s;
    }
    }
    return {};
}

std::string format_fixed(double value, int decimals) {
    if (!std::isfinite(value)) return "n/a";
    std::string s = fmt::format("{:.{}f}", value, decimals < 0 ? 0 : decimals);
    return s == "-0" ? "0" : s;
}

std::string format_significant(double value, int significant) {
    if (!std::isfinite(value)) return "n/a";
    if (value == 0) return "0";
    int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
    int decimals = significant - 1 - magnitude;
    std::string s = format_fixed(value, decimals);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string format_quantity(double value, Quantity q, int significant) {
    if (!std::isfinite(value)) return "n/a";
    UnitScale s = unit_scale(q, value);
    std::string number = format_significant(value / s.divisor, significant);
    if (s.unit.empty()) return number;
    return s.suffix_only ? number + s.unit : number + " " + s.unit;
}

}  // namespace socsim::app::html
