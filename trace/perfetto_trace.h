// The trace-event view of a run (`socsim run --trace FILE.json`): the
// TraceSink hooks turned into PerfettoWriter events, one process per
// component, tracks named after what they show.
//
//   pid  process               tracks (tid) and events
//   1    driver                cpu (1): X per scenario step (name: op; args:
//                              step, line, expected, actual, passed), X
//                              "boot"; instants for driver operations that
//                              are not steps (commits, job submissions, MC
//                              interrupts handled)
//   2    mc                    async b/e per request, named after its memory
//                              client, cat "mc", id (client + 1) << 24 |
//                              lane (a lane per request in flight; args:
//                              iova, pa when translated, bytes, dir,
//                              fault); a track per
//                              client (100 + client index) with fault
//                              instants (client, iova, dir, reason);
//                              interrupt (1): line raised / cleared;
//                              counters "<client> bandwidth" (MBps)
//   3    smmu                  async "walk" per page-table walk, id: its
//                              lane (client, iova, asid); flush (1): TLB/PTC flush
//                              writes; counters "TLB hit rate", "PTC hit
//                              rate" (intervals with lookups), "walks"
//   4    dram                  bus (1): X per bus slot, named after the
//                              requesting client, "cpu" or "walk";
//                              counters "utilisation", "bandwidth" (MBps)
//   5    host1x                syncpoints (1): instants (id, value);
//                              channel N (10 + N): halts, teardowns;
//                              channel N jobs (10000 + 1000 N + slot): X per
//                              job from submission to its syncpoint
//                              threshold (one slot track per job in flight)
//   10+h display <dc> (head h) frames (1): X per frame; vblank (2):
//                              instants; window A..C (10 + w): underflowed
//                              lines; counters "window A min FIFO" (bytes)
//   20+k engine <name>         operations / transfers (1): X per operation
//
// Counters are stamped at the start of the interval they describe.
// Metadata (process_name, process_sort_index, thread_name) is written the
// first time a process or track gets an event. Filters: components not
// listed are not written; events tied to memory clients (requests,
// faults, walks, DRAM slots, bandwidth counters, display heads by their
// windows, engines and their jobs by their clients) only for listed
// clients. No complete event overlaps another on its track: steps, frames
// and operations are sequential, DRAM slots are serial, and jobs get slot
// tracks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "trace/perfetto_writer.h"
#include "trace/trace_options.h"
#include "trace/trace_sink.h"
#include "trace/trace_topology.h"

namespace socsim::trace {

class PerfettoTrace final : public TraceSink {
public:
    PerfettoTrace(TraceTopology topology, TraceFilter filter);

    bool open(const std::string& path, std::optional<TraceWindow> window);
    // Jobs still in flight end at `end_ps` (args threshold_reached: false); closes the file.
    bool finish(uint64_t end_ps);
    uint64_t events() const { return writer_.events(); }

    void mc_request(size_t client, uint64_t iova, uint64_t pa, uint32_t bytes, bool write, uint64_t arrive_ps,
                    uint64_t done_ps, bool fault) override;
    void mc_fault(size_t client, uint64_t iova, bool write, const char* reason, uint64_t t_ps) override;
    void mc_irq(bool level, uint64_t t_ps) override;
    void smmu_walk(size_t client, uint64_t iova, uint32_t asid, uint64_t start_ps, uint64_t end_ps) override;
    void smmu_flush(const char* reg, uint32_t value, uint64_t t_ps) override;
    void dram_slot(uint32_t client_id, uint64_t pa, uint32_t bytes, bool write, uint64_t start_ps,
                   uint64_t end_ps) override;
    void dc_frame(uint32_t head, uint64_t seq, uint64_t start_ps, uint64_t end_ps) override;
    void dc_vblank(uint32_t head, uint64_t t_ps, uint64_t blank_end_ps) override;
    void dc_underflow(uint32_t head, int window, uint64_t frame, uint32_t line, uint64_t start_ps,
                      uint64_t end_ps) override;
    void syncpt(uint32_t id, uint32_t value, uint64_t t_ps) override;
    void channel_event(uint32_t channel, const char* what, uint64_t t_ps) override;
    void engine_op(const char* engine, const char* op, uint64_t start_ps, uint64_t end_ps, bool completed) override;
    void dma_transfer(const char* engine, bool write, uint64_t iova, uint64_t size, uint64_t faults, uint64_t start_ps,
                      uint64_t end_ps) override;
    void step(uint32_t index, const char* op, uint32_t line, const std::string& expected, const std::string& actual,
              bool passed, uint64_t start_ps, uint64_t end_ps) override;
    void driver_span(const char* what, uint64_t start_ps, uint64_t end_ps) override;
    void driver_op(const std::string& what, uint64_t t_ps) override;
    void job_submit(const std::string& engine, uint32_t channel, uint32_t syncpt, uint32_t threshold,
                    uint64_t t_ps) override;
    void interval(const IntervalSample& s) override;

private:
    struct Job {
        std::string engine;
        uint32_t channel, syncpt, threshold, slot;
        uint64_t submit_ps;
        bool on;   // passes the filter
    };

    bool on(int pid) const;
    int track(int pid, int tid);            // writes the metadata on first use; returns tid
    std::string process_label(int pid) const;
    std::string thread_label(int pid, int tid) const;
    int head_pid(uint32_t head) const;      // 0 when the head is not in the topology
    bool head_on(uint32_t head) const;      // one of its windows' clients passes the filter
    int engine_pid(std::string_view name, bool by_device) const;
    bool clients_on(const std::vector<size_t>& clients) const;
    void end_job(const Job& j, uint64_t end_ps, bool completed);
    // The async id lane of a span: spans of one (cat, id) share a Perfetto
    // track, so a span takes the first lane whose spans end by its start.
    static uint64_t lane(std::vector<uint64_t>& ends, uint64_t start_ps, uint64_t end_ps);

    TraceTopology topo_;
    TraceFilter filter_;
    PerfettoWriter writer_;
    std::unordered_set<uint64_t> announced_;
    std::vector<Job> jobs_;
    std::vector<std::vector<uint64_t>> slot_free_;   // per channel, per slot: free from (UINT64_MAX: busy)
    std::vector<std::vector<uint64_t>> mc_lanes_;    // per client, per lane: end of its last span
    std::vector<uint64_t> walk_lanes_;
};

}  // namespace socsim::trace
