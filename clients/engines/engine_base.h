// What the socsim engine models (GR2D, GR3D, VIC) share: a host1x class
// with a method register file, INCR_SYNCPT, abort, and DMA through their
// memory clients.
//
// Models: methods as named registers (offset, name, reset value, write
// handler) with read-back of every offset, known or not; INCR_SYNCPT at
// offset 0; one operation at a time that runs to completion inside the
// method write that triggers it (the channel stalls meanwhile, as on a full
// class FIFO), so every INCR_SYNCPT condition is already met when the
// method arrives and increments at once, after the engine's local time has
// caught up with its last request; one request in flight at a time on a
// DmaMaster (loosely timed, temporal decoupling), requests of at most 64
// bytes that never cross a 64-byte boundary (so never a 4 KiB page); an
// abort flag checked before each request; statistics, including how the
// request stream moves between 4 KiB pages (what a TLB sees).
// Tracing (set_trace): each operation, from its trigger to its end.
// Leaves out: class FIFOs and command buffering, several outstanding
// requests, engine-internal compute time (an engine is as fast as its
// memory traffic), clock gating and power, register reads over host1x
// (reg() is a model-side read-back only), interrupts.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "clients/dma_master.h"
#include "clients/engines/engine_regs.h"
#include "clients/client_nodes.h"
#include "clients/host1x/host1x_class.h"
#include "soc/mc/memory_controller.h"
#include "soc/soc_info.h"
#include "soc/tlm/payload_pool.h"
#include "trace/trace_sink.h"

namespace socsim::clients {

class Engine;

// One memory-client port: the platform binds `socket` to mc.ingress(client->id).
struct EnginePort {
    const soc::MemoryClient* client;
    tlm_utils::simple_initiator_socket<Engine>* socket;
};

struct EngineStats {
    uint64_t operations = 0;       // operations started (valid configuration)
    uint64_t completed = 0;        // ... that ran to the end
    uint64_t aborted = 0;          // ... abandoned by abort()
    uint64_t errors = 0;           // bad configurations, clamped values, unknown trigger values
    uint64_t requests = 0, read_requests = 0, write_requests = 0;
    uint64_t bytes_read = 0, bytes_written = 0;   // of requests that completed without a fault
    uint64_t faults = 0;           // requests answered with a TLM error
    uint64_t syncpt_incrs = 0;     // INCR_SYNCPT methods executed
    uint64_t busy_ps = 0;          // summed duration of operations
    uint64_t first_request_ps = 0; // issue time of the first request
    uint64_t last_request_ps = 0;  // completion time of the latest request
    // What a TLB sees: requests on a different 4 KiB page than the request
    // before, and, over each full window of kPageWindow consecutive requests
    // of one operation, the number of distinct pages touched (summed).
    uint64_t page_switches = 0;
    uint64_t page_windows = 0, window_pages = 0;
    double pages_per_window() const { return page_windows ? double(window_pages) / double(page_windows) : 0.0; }
};

class Engine : public sc_core::sc_module, public Host1xClass {
public:
    static constexpr uint32_t kMaxRequest = 64;   // bytes; an atom multiple
    static constexpr size_t kPageWindow = 64;     // requests per page window (EngineStats)

    // A memory client the engine needs: the first name the SoC has, read or write.

    const std::vector<EnginePort>& ports() const { return ports_; }
    const EngineStats& stats() const { return stats_; }
    // Method register file read-back (no side effects, no time); 0 for an
    // offset never written and without a reset value.
    uint32_t reg(uint32_t offset) const;
    // The name of a defined method, or nullptr.
    const char* reg_name(uint32_t offset) const;
    bool busy() const { return busy_; }

    uint32_t class_id() const override { return class_id_; }
    const char* class_name() const override { return class_name_; }
    void method_write(uint32_t offset, uint32_t value) override;
    void abort() override;
    void set_trace(trace::TraceSink* sink) { trace_ = sink; }

protected:
    using WriteHandler = std::function<void(uint32_t value)>;

    // Panics (a socsim bug) when the SoC lacks a port's client: callers check supported().
    Engine(sc_core::sc_module_name name, const soc::SocInfo& soc, soc::PayloadPool& pool, soc::TimingMode mode,
           uint32_t class_id, const char* class_name, NodeKind kind);

    void define_reg(uint32_t offset, const char* name, uint32_t reset = 0, WriteHandler on_write = nullptr);
    // A method that starts an operation. Written while an operation runs
    // (a second channel driving the class meanwhile), it is stored, counted
    // as an error and otherwise ignored, so the running operation's
    // configuration and buffers stay as they were.
    void define_trigger(uint32_t offset, const char* name, WriteHandler start);

    // Runs one operation with time in step at entry and at return; `body`
    // answers false when it stopped on an abort.
    void operate(const std::function<bool()>& body);
    // A bad configuration: counted, nothing is done.
    void config_error() { ++stats_.errors; }

    // [addr, addr+len) in requests on `port` (<= kMaxRequest bytes, split at
    // 64-byte boundaries). A faulting read leaves zeros in `data`. Answers
    // false when aborted (before a request); faults do not stop it.
    bool transfer(size_t port, uint64_t addr, uint8_t* data, uint32_t len);

private:
    struct RegDef {
        const char* name;
        uint32_t reset;
        WriteHandler on_write;
    };

    bool request(size_t port, uint64_t addr, uint8_t* data, uint32_t len);
    void note_page(uint64_t addr);
    void incr_syncpt(uint32_t value);

    uint32_t class_id_;
    const char* class_name_;
    DmaMaster master_;
    std::vector<std::unique_ptr<tlm_utils::simple_initiator_socket<Engine>>> sockets_;
    std::vector<EnginePort> ports_;
    std::vector<bool> port_write_;
    std::map<uint32_t, RegDef> defs_;
    std::map<uint32_t, uint32_t> values_;
    EngineStats stats_;
    bool busy_ = false, abort_ = false;
    const char* trigger_ = "";      // the method that started the running operation
    trace::TraceSink* trace_ = nullptr;
    // page tracking
    uint64_t last_page_ = ~uint64_t(0);
    std::array<uint64_t, kPageWindow> window_{};
    size_t window_fill_ = 0;
};

}  // namespace socsim::clients
