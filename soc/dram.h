// The DRAM target: the board's memory ranges (each a sparse store, zero at
// start, host memory only for pages touched), behind one data bus timed by
// DramTiming. The CPU reaches it over TLM `b_transport`; the memory
// controller, which sits in front of it on the same die, calls transfer()
// directly (the same accounting without a second TLM hop per request). An
// access outside every range gets TLM_ADDRESS_ERROR_RESPONSE (transfer:
// false). Backdoor reads and writes (mem_check, tests,
// preloading buffers) take no simulated time and are not counted.
// Tracing (set_trace): every bus slot a transport takes, with the MC
// client ID of the request when it carries one.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include "soc/dram_timing.h"
#include "soc/sparse_memory.h"
#include "trace/trace_sink.h"

namespace socsim::soc {

struct DramRange {
    uint64_t base, size;
};

class Dram : public sc_core::sc_module {
public:
    tlm_utils::multi_passthrough_target_socket<Dram> socket;

    Dram(sc_core::sc_module_name name, const std::vector<DramRange>& ranges, uint64_t bandwidth, uint64_t latency_ns,
         uint32_t burst_bytes);

    // --- backdoor ---
    SparseMemory* find(uint64_t pa, uint64_t len) {
        return !ranges_.empty() && ranges_.front().contains(pa, len) ? &ranges_.front() : find_other(pa, len);
    }
    const SparseMemory* find(uint64_t pa, uint64_t len) const { return const_cast<Dram*>(this)->find(pa, len); }
    void read(uint64_t pa, void* out, uint64_t len) const;     // panics outside DRAM: check find()
    void write(uint64_t pa, const void* data, uint64_t len);
    const std::vector<SparseMemory>& ranges() const { return ranges_; }
    size_t resident_pages() const;

    // One timed access arriving at `at_ps` (kernel time `now_ps`): moves the
    // data and reserves the bus. False (nothing moved, no time) when no
    // range decodes [pa, pa+len). `client` tags the trace (McClientExtension ID).
    bool transfer(uint64_t pa, uint8_t* data, uint64_t len, bool write, uint64_t at_ps, uint64_t now_ps,
                  uint32_t client, DramSlot& slot) {
        if (!transfer_untraced(pa, data, len, write, at_ps, now_ps, slot)) return false;
        if (trace::on(trace_)) trace_slot(client, pa, len, write, slot);
        return true;
    }
    // transfer() for callers that checked tracing() is off.
    bool transfer_untraced(uint64_t pa, uint8_t* data, uint64_t len, bool write, uint64_t at_ps, uint64_t now_ps,
                           DramSlot& slot) {
        SparseMemory* m = len ? find(pa, len) : nullptr;
        if (!m) return false;
        if (write) m->write(pa, data, len);
        else m->read(pa, data, len);
        slot = timing_.access(at_ps, pa, len, write, now_ps);
        return true;
    }
    bool tracing() const { return trace::on(trace_); }

    DramTiming& timing() { return timing_; }
    const DramTiming& timing() const { return timing_; }
    void set_trace(trace::TraceSink* sink) { trace_ = sink; }

private:
    SparseMemory* find_other(uint64_t pa, uint64_t len);
    void b_transport(int id, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    [[gnu::cold]] [[gnu::noinline]] void trace_slot(uint32_t client, uint64_t pa, uint64_t len, bool write,
                                                    const DramSlot& slot);

    std::vector<SparseMemory> ranges_;
    DramTiming timing_;
    trace::TraceSink* trace_ = nullptr;
};

// Picoseconds of simulated time (SystemC's default resolution is 1 ps).
inline uint64_t to_ps(const sc_core::sc_time& t) { return t.value(); }
// sc_time::from_value is out of line and checks the time resolution on
// every call (a hot-path cost per request); the resolution is fixed at 1 ps
// (checked once, in Dram's constructor), so the value is the picosecond
// count itself. sc_time is a standard-layout class holding exactly that
// value (checked here), which its own copy constructor copies.
inline sc_core::sc_time from_ps(uint64_t ps) {
    static_assert(sizeof(sc_core::sc_time) == sizeof(uint64_t) && std::is_standard_layout_v<sc_core::sc_time>);
    sc_core::sc_time t;
    std::memcpy(static_cast<void*>(&t), &ps, sizeof ps);
    return t;
}
inline uint64_t now_ps() { return sc_core::sc_time_stamp().value(); }

}  // namespace socsim::soc
