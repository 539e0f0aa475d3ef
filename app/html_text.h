// Text of the HTML comparison report: escaping for HTML and inline SVG, and
// numbers with units (the quantities the report's plots show), scaled to a
// readable prefix: "497.7 MB/s", "1.087 µs", "17.36 KiB", "98.4 %".
#pragma once

#include <string>
#include <string_view>

namespace socsim::app::html {

// Escapes & < > " ' so the result is safe as HTML or XML text and inside a
// quoted attribute; control characters that XML does not allow become U+FFFD.
std::string escape(std::string_view text);

// What a number measures, in the unit the report stores it in.
enum class Quantity {
    TimeNs,          // nanoseconds: ns, µs, ms, s
    BandwidthMBps,   // MB/s (10^6 B/s): B/s, kB/s, MB/s, GB/s
    Bytes,           // bytes: B, KiB, MiB, GiB
    Ratio,           // 0..1, shown in %
    Count,           // a plain count: 1200 -> 1.2k
};

// The prefix a value of `magnitude` (in the stored unit) is shown with:
// shown number = value / divisor, followed by `unit`.
struct UnitScale {
    double divisor = 1.0;
    std::string unit;         // "MB/s", "µs", "%", "k" ...
    bool suffix_only = false;  // a count's "k": written right after the number, no space, not an axis unit
};
UnitScale unit_scale(Quantity q, double magnitude);

// `value` with `significant` digits (trailing zeros dropped), no unit.
std::string format_significant(double value, int significant);
// `value` with exactly `decimals` decimals.
std::string format_fixed(double value, int decimals);
// `value` scaled by unit_scale, e.g. "497.7 MB/s"; "n/a" when not finite.
std::string format_quantity(double value, Quantity q, int significant = 4);

}  // namespace socsim::app::html
