// DRAM as one analytically modelled shared resource: it knows when it is
// next free. A request of N bytes occupies the data bus for its bursts
// (the SoC's dram_burst: every burst the request touches, counted from the
// one it starts in, moves whole) at the DRAM bandwidth, starting when both the request has arrived and
// the bus is free; its data is back `latency` after its bus slot ends.
// No process wakes per beat or per request. Times are picoseconds.
// Left out: banks, pages, refresh, read/write turnaround (a constant
// latency and a bandwidth summarise them); set mc.dram_bandwidth and
// mc.dram_latency to match a given part.
#pragma once

#include <cstdint>

namespace socsim::soc {

struct DramStats {
    uint64_t requests = 0, reads = 0, writes = 0;
    uint64_t bytes = 0, bursts = 0;   // bursts: what the bus moved, in dram_burst units
    uint64_t busy_ps = 0;     // data-bus occupancy
    uint64_t wait_ps = 0;     // time requests waited for the bus
};

struct DramSlot {
    uint64_t start_ps;        // bus slot begins
    uint64_t end_ps;          // bus slot ends (the next request may start)
    uint64_t done_ps;         // data transferred and latency elapsed
};

class DramTiming {
public:
    DramTiming(uint64_t bandwidth_bytes_per_s, uint64_t latency_ns, uint32_t burst_bytes)
        : bandwidth_(bandwidth_bytes_per_s), latency_ps_(latency_ns * 1000), burst_(burst_bytes) {}

    uint64_t bursts_of(uint64_t addr, uint64_t len) const {
        uint64_t first = addr / burst_, last = (addr + len - 1) / burst_;
        return last - first + 1;
    }
    uint64_t occupancy_ps(uint64_t bursts) const {
        return (bursts * burst_ * 1'000'000'000'000ull + bandwidth_ / 2) / bandwidth_;
    }
    // Reserves the bus for a request arriving at `at_ps`.
    DramSlot access(uint64_t at_ps, uint64_t addr, uint64_t len, bool write) {
        uint64_t bursts = bursts_of(addr, len);
        DramSlot s;
        s.start_ps = at_ps > next_free_ps_ ? at_ps : next_free_ps_;
        s.end_ps = s.start_ps + occupancy_ps(bursts);
        s.done_ps = s.end_ps + latency_ps_;
        next_free_ps_ = s.end_ps;
        ++stats_.requests;
        ++(write ? stats_.writes : stats_.reads);
        stats_.bytes += len;
        stats_.bursts += bursts;
        stats_.busy_ps += s.end_ps - s.start_ps;
        stats_.wait_ps += s.start_ps - at_ps;
        return s;
    }
    uint64_t next_free_ps() const { return next_free_ps_; }
    uint64_t bandwidth() const { return bandwidth_; }
    uint32_t burst_bytes() const { return burst_; }
    const DramStats& stats() const { return stats_; }

private:
    uint64_t bandwidth_;
    uint64_t latency_ps_;
    uint32_t burst_;
    uint64_t next_free_ps_ = 0;
    DramStats stats_;
};

}  // namespace socsim::soc
