// One TraceSink that hands every hook to several (the JSON trace and the
// VCD of one run).
#pragma once

#include <vector>

#include "trace/trace_sink.h"

namespace socsim::trace {

class TraceHub final : public TraceSink {
public:
    void add(TraceSink* s) { sinks_.push_back(s); }
    size_t size() const { return sinks_.size(); }

    void mc_request(size_t client, uint64_t iova, uint64_t pa, uint32_t bytes, bool write, uint64_t arrive_ps,
                    uint64_t done_ps, bool fault) override {
        for (TraceSink* s : sinks_) s->mc_request(client, iova, pa, bytes, write, arrive_ps, done_ps, fault);
    }
    void mc_fault(size_t client, uint64_t iova, bool write, const char* reason, uint64_t t_ps) override {
        for (TraceSink* s : sinks_) s->mc_fault(client, iova, write, reason, t_ps);
    }
    void mc_irq(bool level, uint64_t t_ps) override {
        for (TraceSink* s : sinks_) s->mc_irq(level, t_ps);
    }
    void smmu_walk(size_t client, uint64_t iova, uint32_t asid, uint64_t start_ps, uint64_t end_ps) override {
        for (TraceSink* s : sinks_) s->smmu_walk(client, iova, asid, start_ps, end_ps);
    }
    void smmu_flush(const char* reg, uint32_t value, uint64_t t_ps) override {
        for (TraceSink* s : sinks_) s->smmu_flush(reg, value, t_ps);
    }
    void dram_slot(uint32_t client_id, uint64_t pa, uint32_t bytes, bool write, uint64_t start_ps,
                   uint64_t end_ps) override {
        for (TraceSink* s : sinks_) s->dram_slot(client_id, pa, bytes, write, start_ps, end_ps);
    }
    void dc_frame(uint32_t head, uint64_t seq, uint64_t start_ps, uint64_t end_ps) override {
        for (TraceSink* s : sinks_) s->dc_frame(head, seq, start_ps, end_ps);
    }
    void dc_vblank(uint32_t head, uint64_t t_ps, uint64_t blank_end_ps) override {
        for (TraceSink* s : sinks_) s->dc_vblank(head, t_ps, blank_end_ps);
    }
    void dc_underflow(uint32_t head, int window, uint64_t frame, uint32_t line, uint64_t start_ps,
                      uint64_t end_ps) override {
        for (TraceSink* s : sinks_) s->dc_underflow(head, window, frame, line, start_ps, end_ps);
    }
    void syncpt(uint32_t id, uint32_t value, uint64_t t_ps) override {
        for (TraceSink* s : sinks_) s->syncpt(id, value, t_ps);
    }
    void channel_event(uint32_t channel, const char* what, uint64_t t_ps) override {
        for (TraceSink* s : sinks_) s->channel_event(channel, what, t_ps);
    }
    void engine_op(const char* engine, const char* op, uint64_t start_ps, uint64_t end_ps, bool completed) override {
        for (TraceSink* s : sinks_) s->engine_op(engine, op, start_ps, end_ps, completed);
    }
    void dma_transfer(const char* engine, bool write, uint64_t iova, uint64_t size, uint64_t faults, uint64_t start_ps,
                      uint64_t end_ps) override {
        for (TraceSink* s : sinks_) s->dma_transfer(engine, write, iova, size, faults, start_ps, end_ps);
    }
    void step(uint32_t index, const char* op, uint32_t line, const std::string& expected, const std::string& actual,
              bool passed, uint64_t start_ps, uint64_t end_ps) override {
        for (TraceSink* s : sinks_) s->step(index, op, line, expected, actual, passed, start_ps, end_ps);
    }
    void driver_span(const char* what, uint64_t start_ps, uint64_t end_ps) override {
        for (TraceSink* s : sinks_) s->driver_span(what, start_ps, end_ps);
    }
    void driver_op(const std::string& what, uint64_t t_ps) override {
        for (TraceSink* s : sinks_) s->driver_op(what, t_ps);
    }
    void job_submit(const std::string& engine, uint32_t channel, uint32_t syncpt, uint32_t threshold,
                    uint64_t t_ps) override {
        for (TraceSink* s : sinks_) s->job_submit(engine, channel, syncpt, threshold, t_ps);
    }
    void interval(const IntervalSample& sample) override {
        for (TraceSink* s : sinks_) s->interval(sample);
    }

private:
    std::vector<TraceSink*> sinks_;
};

}  // namespace socsim::trace
