// The DRAM target: the board's memory ranges (each a sparse store, zero at
// start, host memory only for pages touched), behind one data bus timed by
// DramTiming. Initiators (the memory controller, the CPU) reach it over
// TLM `b_transport`; an access outside every range gets
// TLM_ADDRESS_ERROR_RESPONSE. Backdoor reads and writes (mem_check, tests,
// preloading buffers) take no simulated time and are not counted.
// Tracing (set_trace): every bus slot a transport takes, with the MC
// client ID of the request when it carries one.
#pragma once

#include <cstdint>
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
    SparseMemory* find(uint64_t pa, uint64_t len);
    const SparseMemory* find(uint64_t pa, uint64_t len) const;
    void read(uint64_t pa, void* out, uint64_t len) const;     // panics outside DRAM: check find()
    void write(uint64_t pa, const void* data, uint64_t len);
    const std::vector<SparseMemory>& ranges() const { return ranges_; }
    size_t resident_pages() const;

    DramTiming& timing() { return timing_; }
    const DramTiming& timing() const { return timing_; }
    void set_trace(trace::TraceSink* sink) { trace_ = sink; }

private:
    void b_transport(int id, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    [[gnu::cold]] [[gnu::noinline]] void trace_slot(const tlm::tlm_generic_payload& trans, uint64_t start_ps,
                                                    uint64_t end_ps);

    std::vector<SparseMemory> ranges_;
    DramTiming timing_;
    trace::TraceSink* trace_ = nullptr;
};

// Picoseconds of simulated time (SystemC's default resolution is 1 ps).
inline uint64_t to_ps(const sc_core::sc_time& t) { return t.value(); }
inline sc_core::sc_time from_ps(uint64_t ps) { return sc_core::sc_time::from_value(ps); }
inline uint64_t now_ps() { return sc_core::sc_time_stamp().value(); }

}  // namespace socsim::soc
