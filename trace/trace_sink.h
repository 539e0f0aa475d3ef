// What the models tell a trace: one hook per traced happening, called by
// the memory controller, DRAM, display heads, host1x, the engines, the
// test DMA engines, the client drivers and the kernel thread when they hold
// a non-null TraceSink pointer. With tracing off the pointer is null and a
// hook costs that one check: no formatting, no allocation.
//
// Times are picoseconds of simulated time, the models' own (a request's
// arrival and completion under temporal decoupling may lie up to a quantum
// ahead of kernel time; none lies behind the kernel time of the call,
// except a display line's underflow, which lies within the frame its
// window is fetching: see IsoFetcher::trace_horizon_ps). Memory clients
// are indexes into the SoC table (SocInfo::clients).
//
// Every hook has an empty default: a sink overrides what it records
// (trace/perfetto_trace.h: everything; trace/vcd_trace.h: signals).
// Pure C++: no SystemC here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace socsim::trace {

// One sampling interval of the run (trace/sampler.h), handed to sinks as
// counters: what happened in (start_ps, end_ps] and totals at end_ps.
struct IntervalSample {
    uint64_t start_ps = 0, end_ps = 0;
    struct Client {
        size_t index = 0;            // SoC client index
        uint64_t bytes = 0;          // completed in the interval
        uint64_t total_bytes = 0;    // completed up to end_ps
    };
    std::vector<Client> clients;     // clients with any request so far
    uint64_t tlb_lookups = 0, tlb_hits = 0, ptc_lookups = 0, ptc_hits = 0, walks = 0;   // in the interval
    uint64_t tlb_hits_total = 0, tlb_misses_total = 0, ptc_hits_total = 0, ptc_misses_total = 0, walks_total = 0;
    uint64_t dram_busy_ps = 0, dram_bytes = 0;   // in the interval
    struct Window {
        uint32_t head = 0;
        int window = 0;                              // 0..2: A, B, C
        size_t client = 0;                           // its memory client
        std::optional<uint64_t> min_fifo_bytes;      // none landed: nullopt
    };
    std::vector<Window> windows;     // windows with any request so far
};

// The defaults ignore their arguments.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
class TraceSink {
public:
    virtual ~TraceSink() = default;

    // --- memory controller and SMMU ---
    // One client request from its arrival at the MC to its completion (or
    // its fault); `pa` is the translated address (== iova in bypass).
    virtual void mc_request(size_t client, uint64_t iova, uint64_t pa, uint32_t bytes, bool write,
                            uint64_t arrive_ps, uint64_t done_ps, bool fault) {}
    virtual void mc_fault(size_t client, uint64_t iova, bool write, const char* reason, uint64_t t_ps) {}
    // The MC interrupt line changed level.
    virtual void mc_irq(bool level, uint64_t t_ps) {}
    // A page-table walk after a TLB miss.
    virtual void smmu_walk(size_t client, uint64_t iova, uint32_t asid, uint64_t start_ps, uint64_t end_ps) {}
    // A write of SMMU_TLB_FLUSH or SMMU_PTC_FLUSH.
    virtual void smmu_flush(const char* reg, uint32_t value, uint64_t t_ps) {}

    // --- DRAM: one bus slot; `client_id` is the requesting memory client's
    // MC client ID, or kCpu / kWalk for the CPU's accesses and page-table
    // walk fetches.
    static constexpr uint32_t kCpu = UINT32_MAX, kWalk = UINT32_MAX - 1;
    virtual void dram_slot(uint32_t client_id, uint64_t pa, uint32_t bytes, bool write, uint64_t start_ps,
                           uint64_t end_ps) {}

    // --- display heads ---
    virtual void dc_frame(uint32_t head, uint64_t seq, uint64_t start_ps, uint64_t end_ps) {}
    // VBLANK at `t_ps`; vertical blank lasts until `blank_end_ps`.
    virtual void dc_vblank(uint32_t head, uint64_t t_ps, uint64_t blank_end_ps) {}
    // Line `line` of `window` underflowed; it is shown over [start_ps, end_ps).
    virtual void dc_underflow(uint32_t head, int window, uint64_t frame, uint32_t line, uint64_t start_ps,
                              uint64_t end_ps) {}

    // --- host1x ---
    virtual void syncpt(uint32_t id, uint32_t value, uint64_t t_ps) {}
    virtual void channel_event(uint32_t channel, const char* what, uint64_t t_ps) {}

    // --- engines (GR2D, GR3D, VIC) and test DMA engines, by module name ---
    virtual void engine_op(const char* engine, const char* op, uint64_t start_ps, uint64_t end_ps, bool completed) {}
    virtual void dma_transfer(const char* engine, bool write, uint64_t iova, uint64_t size, uint64_t faults,
                              uint64_t start_ps, uint64_t end_ps) {}

    // --- the CPU (kernel thread and drivers) ---
    virtual void step(uint32_t index, const char* op, uint32_t line, const std::string& expected,
                      const std::string& actual, bool passed, uint64_t start_ps, uint64_t end_ps) {}
    virtual void driver_span(const char* what, uint64_t start_ps, uint64_t end_ps) {}
    virtual void driver_op(const std::string& what, uint64_t t_ps) {}
    // A host1x job queued on `channel` (by the engine `engine`'s driver); it is
    // done when syncpoint `syncpt` reaches `threshold`.
    virtual void job_submit(const std::string& engine, uint32_t channel, uint32_t syncpt, uint32_t threshold,
                            uint64_t t_ps) {}

    // --- sampling (trace/sampler.h), once per interval ---
    virtual void interval(const IntervalSample& s) {}
};
#pragma GCC diagnostic pop

// Whether the hooks are compiled in: CMake's SOCSIM_TRACE_HOOKS (default
// ON). OFF makes on() a constant false, so every `if (trace::on(...))`
// and the call behind it vanish: a build to measure what the hooks cost
// (`./build.sh bench`), in which `run --trace` and `--vcd` are refused.
#ifndef SOCSIM_TRACE_HOOKS
#define SOCSIM_TRACE_HOOKS 1
#endif
inline constexpr bool kHooksBuilt = SOCSIM_TRACE_HOOKS != 0;

// The hooks' test: tracing is off in the common case, so the calls stay
// out of the hot path's straight line.
#if SOCSIM_TRACE_HOOKS
inline bool on(const TraceSink* sink) { return __builtin_expect(sink != nullptr, 0); }
#else
constexpr bool on(const TraceSink*) { return false; }
#endif

}  // namespace socsim::trace
