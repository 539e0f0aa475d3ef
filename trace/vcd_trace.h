// The waveform view of a run (`socsim run --vcd FILE.vcd`): the TraceSink
// hooks turned into VcdWriter signals, for GTKWave. Scopes and signals:
//
//   soc.mc.irq                  the MC interrupt line (wire)
//   soc.mc.<client>_bytes       bytes the client completed, cumulative
//                               (sampled at each interval's end)
//   soc.smmu.tlb_hits, tlb_misses, ptc_hits, ptc_misses, walks
//                               cumulative (sampled at each interval's end)
//   soc.<dc>.vblank             high during vertical blank (wire)
//   soc.<dc>.underflow          high while an underflowed line is shown,
//                               any window of the head (wire)
//   soc.<dc>.win_<w>_min_fifo_bytes
//                               the interval's smallest FIFO level of the
//                               window (the series' min_fifo_bytes), set at
//                               the interval's start; x when none landed
//   soc.host1x.syncpt_<id>      value, at every increment or load
//
// Signals of clients, windows and syncpoints appear once they have data.
// Events wait in the writer until flush_before() (called by the run once
// per interval with the earliest time a hook may still report).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "trace/trace_sink.h"
#include "trace/trace_topology.h"
#include "trace/vcd_writer.h"

namespace socsim::trace {

class VcdTrace final : public TraceSink {
public:
    explicit VcdTrace(TraceTopology topology);

    bool open(const std::string& path, std::string_view version);
    void flush_before(uint64_t t_ps) { writer_.flush_before(t_ps); }
    bool finish() { return writer_.finish(); }
    uint64_t late_changes() const { return writer_.late_changes(); }

    void mc_irq(bool level, uint64_t t_ps) override;
    void dc_vblank(uint32_t head, uint64_t t_ps, uint64_t blank_end_ps) override;
    void dc_underflow(uint32_t head, int window, uint64_t frame, uint32_t line, uint64_t start_ps,
                      uint64_t end_ps) override;
    void syncpt(uint32_t id, uint32_t value, uint64_t t_ps) override;
    void interval(const IntervalSample& s) override;

private:
    struct HeadSignals {
        int vblank = -1, underflow = -1;
        std::map<int, int> min_fifo;   // by window
        std::string scope;
    };
    HeadSignals* head(uint32_t h);

    TraceTopology topo_;
    VcdWriter writer_;
    int irq_ = -1;
    int tlb_hits_ = -1, tlb_misses_ = -1, ptc_hits_ = -1, ptc_misses_ = -1, walks_ = -1;
    std::map<uint32_t, HeadSignals> heads_;
    std::map<size_t, int> client_bytes_;
    std::map<uint32_t, int> syncpts_;
};

}  // namespace socsim::trace
