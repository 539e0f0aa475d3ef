// The Tegra memory controller: one TLM ingress per memory client, the SMMU
// datapath (smmu/hw/smmu_model.h) per request, arbitration for the DRAM
// bus, the MC register aperture (SMMU block and error reporting) and the
// MC interrupt line.
//
// Requests: each arrives on its client's ingress carrying the client ID
// (McClientExtension). The client's swgroup (SoC table) decides bypass or
// translation; faults set INTSTATUS (INVALID_SMMU_PAGE, or DECERR_EMEM for
// an address no DRAM decodes), latch ERR_STATUS (type, entry R/W/NS bits,
// read/write, client ID) and ERR_ADR (the address the client used), raise
// the interrupt when unmasked, and answer TLM_ADDRESS_ERROR_RESPONSE; a
// faulting write never reaches DRAM. Every fault is also kept in a log.
// ERR_STATUS/ERR_ADR hold the most recent error.
//
// Arbitration: fast mode (loosely timed) serves each request at its
// arrival time against DRAM's bus calendar (soc/dram_timing.h): first come
// first served by arrival time, whatever order the decoupled initiators
// call in; it counts, per client, requests that waited longer than their
// latency allowance (la.def x MC tick). A fast-mode initiator may carry a
// run of requests in one transaction (soc/tlm/request_batch.h); they are
// served exactly as the same requests called one by one. The accurate mode
// synchronises every request and grants the bus by earliest deadline
// (arrival + latency allowance), the way an LA arbiter promotes waiting
// requests. Page-table walk fetches take the bus as they come.
// DRAM is reached by a direct call (Dram::transfer), not a second TLM hop.
// Left out: PTSA/ring arbitration details, per-client request limits,
// outstanding-request queues (a client waits for its own b_transport).
// Tracing (set_trace): each request from arrival to completion, faults,
// walks, the interrupt line, SMMU flush writes and walk DRAM fetches.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "smmu/hw/smmu_model.h"
#include "smmu/hw/smmu_registers.h"
#include "soc/dram.h"
#include "soc/hw_params.h"
#include "soc/soc_info.h"
#include "soc/tlm/request_batch.h"
#include "trace/trace_sink.h"
#include "util/histogram.h"

namespace socsim::soc {

struct McClientStats {
    uint64_t requests = 0, reads = 0, writes = 0, bytes = 0;
    uint64_t faults = 0;
    uint64_t la_exceeded = 0;    // waited longer than the latency allowance
    Histogram latency_ns;        // arrival at the MC to completion
    uint64_t first_ps = 0, last_ps = 0;
    // Achieved bandwidth: bytes over the time from the first request to the
    // last completion (0 before two distinct times).
    double bandwidth_Bps() const {
        return last_ps > first_ps ? double(bytes) * 1e12 / double(last_ps - first_ps) : 0.0;
    }
};

enum class FaultKind { SmmuPage, DecodeError };

struct FaultRecord {
    uint64_t time_ps = 0;
    uint32_t client_id = 0;
    size_t client_index = 0;
    uint64_t address = 0;        // what the client sent (IOVA when translated)
    bool write = false;
    FaultKind kind = FaultKind::SmmuPage;
    smmu::FaultReason reason = smmu::FaultReason::None;   // for SmmuPage
    bool translated = false;
};

enum class TimingMode { Fast, Accurate };

class MemoryController : public sc_core::sc_module, private smmu::WalkMemory {
public:
    tlm_utils::simple_target_socket<MemoryController> reg_socket;     // the CPU's view of the MC aperture
    sc_core::sc_out<bool> irq;

    SC_HAS_PROCESS(MemoryController);
    MemoryController(sc_core::sc_module_name name, const SocInfo& soc, const HwParams& params, Dram& dram,
                     TimingMode mode);

    // The ingress of a memory client (by MC client ID); created on first
    // use, so call it from a module constructor (SystemC places the socket
    // in the module being constructed). Several initiators may bind one
    // client's ingress. Panics for an ID not in the SoC.
    tlm::tlm_base_target_socket_b<>& ingress(uint32_t client_id);

    smmu::SmmuRegisters& smmu_registers() { return regs_; }
    const smmu::SmmuRegisters& smmu_registers() const { return regs_; }
    const smmu::SmmuModel& smmu() const { return smmu_; }
    const std::vector<McClientStats>& client_stats() const { return stats_; }
    const std::vector<FaultRecord>& faults() const { return faults_; }
    uint64_t fault_count() const { return fault_count_; }
    uint64_t irq_assertions() const { return irq_assertions_; }   // rising edges of the interrupt line
    uint32_t reg_value(uint32_t offset) const;   // no side effects, no time
    TimingMode mode() const { return mode_; }
    const SocInfo& soc() const { return soc_; }
    void set_trace(trace::TraceSink* sink) { trace_ = sink; }

    static constexpr size_t kFaultLogLimit = 10000;

private:
    struct Ingress {
        tlm_utils::multi_passthrough_target_socket<Ingress> socket;
        MemoryController* mc;
        size_t client_index;
        Ingress(const char* name, MemoryController* m, size_t ci) : socket(name), mc(m), client_index(ci) {
            socket.register_b_transport(this, &Ingress::b_transport);
        }
        void b_transport(int, tlm::tlm_generic_payload& t, sc_core::sc_time& d) { mc->client_b_transport(client_index, t, d); }
    };
    struct Pending {
        uint64_t deadline_ps;
        uint64_t seq;
        sc_core::sc_event granted;
    };

    void client_b_transport(size_t client_index, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    void serve_batch(size_t client_index, tlm::tlm_generic_payload& trans, RequestBatch& batch);
    void check_client(size_t ci, const tlm::tlm_generic_payload& trans) const;   // panics on a wrong client ID
    // Requests are not empty and stay within one 4 KiB page.
    static bool in_one_page(uint64_t addr, uint64_t len) {
        return len != 0 && (addr ^ (addr + len - 1)) < smmu::SMMU_PAGE_SIZE;
    }
    // One request arriving at `at` (fast mode; `now` is kernel time):
    // translation, DRAM, statistics; `done` is when it completes.
    tlm::tlm_response_status serve(size_t ci, uint64_t addr, uint8_t* data, uint64_t len, bool write, uint64_t at,
                                   uint64_t now, uint64_t& done);
    // serve() after the arrival and the translation; finish_impl<false>
    // when nothing traces, the rest of the time finish_traced.
    tlm::tlm_response_status finish(size_t ci, uint64_t addr, uint8_t* data, uint64_t len, bool write,
                                    const smmu::Translation& t, uint64_t at, uint64_t now, uint64_t& done);
    [[gnu::cold]] [[gnu::noinline]] tlm::tlm_response_status finish_traced(size_t ci, uint64_t addr, uint8_t* data,
                                                                           uint64_t len, bool write,
                                                                           const smmu::Translation& t, uint64_t at,
                                                                           uint64_t now, uint64_t& done);
    template <bool kTraced>
    tlm::tlm_response_status finish_impl(size_t ci, uint64_t addr, uint8_t* data, uint64_t len, bool write,
                                         const smmu::Translation& t, uint64_t at, uint64_t now, uint64_t& done);
    // The same in the accurate mode, arriving now: waits for the
    // translation, the arbiter's grant and the data.
    tlm::tlm_response_status serve_accurate(size_t ci, uint64_t addr, uint8_t* data, uint64_t len, bool write,
                                            uint64_t& done);
    McClientStats& arrive(size_t ci, bool write, uint64_t at);
    tlm::tlm_response_status refuse(size_t ci, uint64_t addr, uint64_t len, bool write, FaultKind kind,
                                    const smmu::Translation& t, uint64_t at, uint64_t done);
    template <bool kTraced>
    void complete(size_t ci, uint64_t addr, uint64_t len, bool write, const smmu::Translation& t, uint64_t at,
                  uint64_t done, uint64_t la_wait_ps);
    void reg_b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    bool fetch_atom(uint64_t line_pa, uint8_t* out, uint64_t at_ps, uint64_t& done_ps) override;
    void fault(size_t client_index, uint64_t address, bool write, uint64_t at_ps, FaultKind kind,
               const smmu::Translation* t);
    void drive_irq();
    // Off the hot path: a request's walk (after a TLB miss) and its span.
    [[gnu::cold]] [[gnu::noinline]] void trace_request(size_t ci, uint64_t iova, uint64_t len, bool write,
                                                       const smmu::Translation& t, uint64_t at, uint64_t done,
                                                       bool fault);
    void arbiter();
    uint64_t arbitrate_accurate(size_t client_index);  // waits for the grant; returns the request's LA wait

    const SocInfo& soc_;
    Dram& dram_;
    TimingMode mode_;
    uint64_t reg_access_ps_;
    smmu::SmmuRegisters regs_;
    smmu::SmmuModel smmu_;
    std::vector<std::unique_ptr<Ingress>> ingress_;
    std::vector<uint64_t> la_ps_;
    std::vector<McClientStats> stats_;
    std::vector<FaultRecord> faults_;
    uint64_t fault_count_ = 0;
    uint32_t client_id_mask_;
    uint32_t intstatus_ = 0, intmask_ = 0, err_status_ = 0, err_adr_ = 0;
    uint64_t irq_assertions_ = 0;
    sc_core::sc_event irq_update_;
    trace::TraceSink* trace_ = nullptr;

    // accurate mode
    std::vector<Pending*> queue_;
    uint64_t seq_ = 0;
    sc_core::sc_event arrival_, issued_;
};

}  // namespace socsim::soc
