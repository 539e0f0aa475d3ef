// DRAM as one analytically modelled shared resource: a calendar of the
// data bus's reserved time. A request of N bytes occupies the bus for its
// bursts (the SoC's dram_burst: every burst the request touches, counted
// from the one it starts in, moves whole) at the DRAM bandwidth, in the
// earliest free stretch at or after its arrival that is long enough; its
// data is back `latency` after its bus slot ends. No process wakes per beat
// or per request. Times are picoseconds.
//
// Why a calendar and not one "next free" time: with temporal decoupling,
// initiators call in at local times up to a quantum apart, not in time
// order. With a single next-free time, a request that arrives earlier but
// is called later would queue behind every slot reserved ahead of it, and
// its latency would depend on call order (up to a quantum). The calendar
// lets it take the gap it arrived in, so the bus serves requests first come
// first served by arrival time whatever order they are called in, the same
// order the accurate mode sees (it calls in time order). Reserved stretches
// that touch are merged; stretches that end before the `horizon` the caller
// passes (simulation time: no request can arrive earlier) are dropped, so
// the calendar holds about a quantum of slots.
// Left out: banks, pages, refresh, read/write turnaround (a constant
// latency and a bandwidth summarise them); set mc.dram_bandwidth and
// mc.dram_latency to match a given part.
#pragma once

#include <cstdint>
#include <vector>

#include "soc/bus_calendar.h"
#include "util/panic.h"

namespace socsim::soc {

struct DramStats {
    uint64_t requests = 0, reads = 0, writes = 0;
    uint64_t bytes = 0, bursts = 0;   // bursts: what the bus moved, in dram_burst units
    uint64_t busy_ps = 0;     // data-bus occupancy
    uint64_t wait_ps = 0;     // time requests waited for the bus
};

struct DramSlot {
    uint64_t start_ps;        // bus slot begins
    uint64_t end_ps;          // bus slot ends
    uint64_t done_ps;         // data transferred and latency elapsed
};

class DramTiming {
public:
    DramTiming(uint64_t bandwidth_bytes_per_s, uint64_t latency_ns, uint32_t burst_bytes)
        : bandwidth_(bandwidth_bytes_per_s), latency_ps_(latency_ns * 1000), burst_(burst_bytes),
          burst_shift_(__builtin_ctz(burst_bytes)) {
        if (burst_bytes == 0 || (burst_bytes & (burst_bytes - 1)) != 0)
            panic("the DRAM burst must be a power of two");
        for (uint64_t n = 0; n <= 4096 / burst_; ++n) occupancy_.push_back(occupancy_ps(n));   // up to a page
    }

    uint64_t bursts_of(uint64_t addr, uint64_t len) const {
        return ((addr + len - 1) >> burst_shift_) - (addr >> burst_shift_) + 1;
    }
    uint64_t occupancy_ps(uint64_t bursts) const {
        return (bursts * burst_ * 1'000'000'000'000ull + bandwidth_ / 2) / bandwidth_;
    }
    // Reserves the bus for a request arriving at `at_ps`; no later request
    // will arrive before `horizon_ps` (<= at_ps).
    DramSlot access(uint64_t at_ps, uint64_t addr, uint64_t len, bool write, uint64_t horizon_ps) {
        uint64_t bursts = bursts_of(addr, len);
        uint64_t occ = bursts < occupancy_.size() ? occupancy_[bursts] : occupancy_ps(bursts);
        DramSlot s;
        s.start_ps = bus_.reserve(at_ps, occ, horizon_ps);
        s.end_ps = s.start_ps + occ;
        s.done_ps = s.end_ps + latency_ps_;
        ++stats_.requests;
        ++(write ? stats_.writes : stats_.reads);
        stats_.bytes += len;
        stats_.bursts += bursts;
        stats_.busy_ps += occ;
        stats_.wait_ps += s.start_ps - at_ps;
        return s;
    }
    // The end of the reserved stretch that covers `at_ps` (at_ps when the
    // bus is free then): when a request arriving at `at_ps` could start.
    uint64_t free_at(uint64_t at_ps) const { return bus_.free_at(at_ps); }
    uint64_t bandwidth() const { return bandwidth_; }
    uint32_t burst_bytes() const { return burst_; }
    const DramStats& stats() const { return stats_; }

private:
    uint64_t bandwidth_;
    uint64_t latency_ps_;
    uint32_t burst_;
    int burst_shift_;
    std::vector<uint64_t> occupancy_;   // occupancy_ps(n) for the bursts of up to one 4 KiB page
    BusCalendar bus_;
    DramStats stats_;
};

}  // namespace socsim::soc
