// The command-line options of `socsim run` that shape its trace outputs
// and its sampling, parsed and checked against the scenario's SoC before
// anything is simulated:
//
//   --trace-filter KEY=V1,V2   (repeatable; the same key again adds values)
//       client=    memory-client names (display0a) or swgroup names (dc);
//                  keeps, of the events tied to memory clients, those of
//                  the listed ones (TraceFilter::client_on)
//       component= driver, mc, smmu, dram, host1x, display, engine
//   --trace-window START:END   times with a unit (10ms:20ms)
//   --sample TIME              the sampling interval (50us)
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soc/soc_info.h"

namespace socsim::trace {

// The components of a trace, one process (or one per instance) each.
inline constexpr std::array<std::string_view, 7> kComponents = {"driver", "mc",      "smmu",  "dram",
                                                                "host1x", "display", "engine"};

struct TraceFilter {
    std::vector<bool> clients;              // by SoC client index; empty: every client
    std::vector<std::string> components;    // empty: every component

    bool client_on(size_t index) const { return clients.empty() || (index < clients.size() && clients[index]); }
    bool component_on(std::string_view c) const;
};

struct TraceWindow {
    uint64_t from_ps = 0, to_ps = 0;
};

// What `socsim run` asked to trace.
struct TraceRequest {
    std::string json_path;                  // --trace; empty: none
    std::string vcd_path;                   // --vcd; empty: none
    TraceFilter filter;                     // --trace-filter (the JSON trace)
    std::optional<TraceWindow> window;      // --trace-window (the JSON trace)
    bool any() const { return !json_path.empty() || !vcd_path.empty(); }
};

// Parses `--trace-filter` values for `soc`; nullopt and `error` set on a
// bad key or value.
std::optional<TraceFilter> parse_trace_filters(const std::vector<std::string>& specs, const soc::SocInfo& soc,
                                               std::string& error);
// Parses `--trace-window START:END` (START < END).
std::optional<TraceWindow> parse_trace_window(std::string_view text, std::string& error);

// Sampling: at most kMaxIntervals intervals over a run's duration.
inline constexpr uint64_t kDefaultMaxIntervals = 500;
inline constexpr uint64_t kMaxIntervals = 100'000;
// The smallest 1-2-5 value from 1 us up that gives at most
// kDefaultMaxIntervals intervals over `duration_ns`.
uint64_t default_sample_interval_ns(uint64_t duration_ns);
// Parses `--sample TIME`; it must be positive and give at most
// kMaxIntervals intervals over `duration_ns`.
std::optional<uint64_t> parse_sample_interval(std::string_view text, uint64_t duration_ns, std::string& error);

}  // namespace socsim::trace
