// The time series of a run (the report's `series`), always collected: the
// run stops the simulation at the end of every interval (run/kernel_thread
// runs sc_start one interval at a time) and the sampler reads the models'
// cumulative counters and differences them, so it costs one read of a few
// counters per interval and wakes no process. Per interval:
//   - per memory client with requests: bytes completed in the interval
//     (McClientStats::bytes differenced), reported as MB/s over the
//     interval's length;
//   - SMMU TLB and PTC hit rates (SmmuStats lookups and hits differenced;
//     null when there was no lookup) and the number of page-table walks;
//   - per display window with requests: the smallest FIFO level a request
//     landed with (IsoFetcher::take_interval_min_fifo_bytes; null when
//     none landed).
// Under temporal decoupling a model may have completed work up to a
// quantum ahead of the interval's end when it is read: that work counts in
// the interval read, so the sum over intervals is exact while an interval
// boundary is as sharp as the quantum. The last interval ends at the run's
// end. Each interval also goes to the trace sinks as an IntervalSample.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "soc/platform.h"
#include "trace/trace_sink.h"

namespace socsim::trace {

class Sampler {
public:
    Sampler(soc::Platform& p, uint64_t interval_ns);

    uint64_t interval_ns() const { return interval_ns_; }
    // Closes the interval ending at `t_ps` (kernel time, between sc_start
    // calls); `sink` (may be null) gets it as an IntervalSample.
    void sample(uint64_t t_ps, TraceSink* sink);
    size_t intervals() const { return t_ns_.size(); }
    uint64_t last_ps() const { return last_ps_; }
    // No trace hook will report an event before this time (VcdWriter flush).
    uint64_t trace_horizon_ps() const;

    // {"interval_ns", "t_ns", "clients", "smmu", "display"} (README, Report).
    nlohmann::ordered_json json() const;

private:
    using WindowKey = std::pair<uint32_t, int>;   // head, window

    soc::Platform& p_;
    uint64_t interval_ns_;
    uint64_t last_ps_ = 0;
    std::vector<uint64_t> t_ns_;
    std::vector<uint64_t> last_bytes_;                          // by client index
    std::map<size_t, std::vector<uint64_t>> client_bytes_;      // per interval, clients with requests
    smmu::SmmuStats last_smmu_;
    std::vector<uint64_t> tlb_lookups_, tlb_hits_, ptc_lookups_, ptc_hits_, walks_;
    uint64_t last_dram_busy_ps_ = 0, last_dram_bytes_ = 0;
    std::map<WindowKey, std::vector<std::optional<uint64_t>>> min_fifo_;   // windows with requests
};

}  // namespace socsim::trace
