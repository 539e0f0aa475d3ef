// Human-readable figures for summaries and progress lines (reports keep raw
// integers): times with an SI unit, and the real-time factor of a run.
#pragma once

#include <cstdint>
#include <string>

namespace socsim {

// "850 ns", "12.5 us", "60.011 ms", "1.2 s": the largest unit keeping the
// value at or above 1, with up to three decimals (trailing zeros dropped).
std::string format_time_ns(uint64_t ns);

// Simulated seconds per wall-clock second: "0.0578x" (slower than real
// time) or "12.3x"; "-" when no wall time elapsed.
std::string format_realtime_factor(double sim_s, double wall_s);

}  // namespace socsim
