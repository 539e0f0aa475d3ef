// The generic test DMA engine (`socsim,test-dma`): a bus master that runs
// one transfer at a time, as the scenario's `dma` steps ask. A transfer is
// split into requests of `burst` bytes that never cross a 4 KiB page, issued
// back to back on the engine's memory clients (reads and writes may use
// different clients) with loosely-timed b_transport and a quantum keeper;
// the accurate mode synchronises after every request. Writes carry a
// pattern byte; reads may check the data against one. A faulting request
// does not stop the transfer: the engine counts it and goes on, as a DMA
// engine that ignores error responses would. Tracing (set_trace): each
// transfer from its start to its end.
#pragma once

#include <cstdint>
#include <optional>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "clients/dma_master.h"
#include "clients/test_dma_config.h"
#include "soc/mc/memory_controller.h"
#include "soc/tlm/payload_pool.h"
#include "trace/trace_sink.h"

namespace socsim::clients {

struct DmaJob {
    bool write = false;
    uint64_t iova = 0, size = 0;
    std::optional<uint8_t> pattern;   // written, or checked on reads
};

struct DmaResult {
    uint64_t requests = 0, faults = 0, bytes = 0;   // bytes of requests that completed
    std::optional<uint64_t> first_fault;            // IOVA of the first faulting request
    std::optional<uint64_t> mismatch;               // first IOVA whose read data differed
    uint8_t mismatch_value = 0;
    uint64_t start_ps = 0, end_ps = 0;
};

class TestDma : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<TestDma> read_socket;
    tlm_utils::simple_initiator_socket<TestDma> write_socket;

    SC_HAS_PROCESS(TestDma);
    TestDma(sc_core::sc_module_name name, const TestDmaConfig& cfg, soc::PayloadPool& pool, soc::TimingMode mode);

    // Runs a transfer on the engine's thread and returns when it is done
    // (simulated time has advanced by its duration). Call from a thread.
    DmaResult run(const DmaJob& job);
    const TestDmaConfig& config() const { return cfg_; }
    void set_trace(trace::TraceSink* sink) { trace_ = sink; }

private:
    void engine();
    void request(const DmaJob& job, uint64_t iova, uint32_t len);

    TestDmaConfig cfg_;
    DmaMaster master_;
    std::vector<uint8_t> buf_;
    const DmaJob* job_ = nullptr;
    DmaResult result_;
    sc_core::sc_event start_, done_;
    trace::TraceSink* trace_ = nullptr;
};

}  // namespace socsim::clients
