// host1x syncpoints: 32-bit counters (count from Host1xInfo::syncpoints)
// that clients, the host class and the CPU increment, with the wrap-safe
// expiry test Linux uses (host1x_syncpt_is_expired), one sc_event per
// syncpoint for whoever waits on a threshold, and the wait bases
// (Host1xInfo::bases) the host class loads and waits against.
//
// An increment or a CPU load changes the value at once and notifies the
// syncpoint's event `delay_ps` later (the caller's local time offset under
// temporal decoupling); the timestamp of the last increment is that later
// time. Ids outside the table never index it: increments are counted as
// invalid and dropped, values read 0, waits fail.
// Tracing (set_trace): every increment and load, with the new value.
// Left out: threshold interrupts (waiters sleep on the event instead), the
// min/max shadow the kernel keeps (the driver layer's business), syncpoint
// protection and VM ownership (HW6+).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <systemc>

#include "trace/trace_sink.h"

namespace socsim::clients {

class Syncpoints {
public:
    static constexpr uint64_t kForever = UINT64_MAX;   // wait timeout: no limit

    Syncpoints(uint32_t count, uint32_t bases);

    uint32_t count() const { return count_; }
    bool valid(uint32_t id) const { return id < count_; }

    // Linux host1x_syncpt_is_expired: `value` has reached `thresh`, modulo 2^32.
    static bool expired(uint32_t value, uint32_t thresh) { return ((value - thresh) & 0x80000000u) == 0; }

    uint32_t value(uint32_t id) const { return valid(id) ? value_[id] : 0; }
    // A hardware or CPU increment. False (and counted) for an invalid id.
    bool incr(uint32_t id, uint64_t delay_ps = 0);
    // A CPU write of SYNCPT(id): loads the counter (not an increment).
    bool load(uint32_t id, uint32_t value, uint64_t delay_ps = 0);

    // Notified on every change of syncpoint `id` (valid ids only).
    const sc_core::sc_event& event(uint32_t id) const { return events_[id]; }

    uint64_t last_incr_ps(uint32_t id) const { return valid(id) ? last_incr_ps_[id] : 0; }
    uint64_t increments(uint32_t id) const { return valid(id) ? increments_[id] : 0; }
    const std::vector<uint64_t>& increments() const { return increments_; }
    uint64_t invalid_increments() const { return invalid_incrs_; }

    // Blocks the calling SC_THREAD until syncpoint `id` expires `thresh` or
    // `timeout_ps` has passed (0: poll, kForever: no limit). Returns whether
    // it expired; false at once for an invalid id.
    bool wait(uint32_t id, uint32_t thresh, uint64_t timeout_ps);

    // Wait bases (SYNCPT_BASE): 24-bit values the host class loads.
    uint32_t num_bases() const { return uint32_t(bases_.size()); }
    bool valid_base(uint32_t b) const { return b < bases_.size(); }
    uint32_t base(uint32_t b) const { return valid_base(b) ? bases_[b] : 0; }
    void load_base(uint32_t b, uint32_t value) {
        if (valid_base(b)) bases_[b] = value & 0xffffff;
    }
    void set_trace(trace::TraceSink* sink) { trace_ = sink; }

private:
    void changed(uint32_t id, uint64_t delay_ps);

    uint32_t count_;
    std::vector<uint32_t> value_;
    std::vector<uint64_t> last_incr_ps_;
    std::vector<uint64_t> increments_;
    std::unique_ptr<sc_core::sc_event[]> events_;
    std::vector<uint32_t> bases_;
    uint64_t invalid_incrs_ = 0;
    trace::TraceSink* trace_ = nullptr;
};

}  // namespace socsim::clients
