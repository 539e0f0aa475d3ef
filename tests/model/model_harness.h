// [model] test harness: one small simulated platform per test executable,
// driven over TLM from the test cases themselves.
//
// The harness owns sc_main. It loads the board the executable names
// (model_config(), defined once by each test executable), builds the
// Platform of soc/platform.h with one TestDma engine per `socsim,test-dma`
// node, binds a RawInitiator to the MC ingress of every memory client the
// config lists, and then runs the Catch2 session inside an SC_THREAD, so
// that test cases may call b_transport paths that wait(). When the session
// is done it calls sc_stop(); Catch's result is the exit code.
//
// SystemC warnings and errors fail the run: raised from the test thread
// they throw (the current test case fails with the report's message);
// raised by any other process (the DMA engines, the MC) they are printed,
// fail the running test case at its next harness wait (check_sc_reports),
// and make the exit code non-zero in any case. Raised during elaboration
// they take SystemC's own actions (errors end sc_main).
//
// SystemC elaborates once per process, so all test cases of an executable
// share one platform: the harness forces declaration order, and each test
// case sets up and resets the state it uses.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "clients/host1x/host1x_class.h"
#include "clients/test_dma.h"
#include "dts/parser/board.h"
#include "smmu/tegra/page_pool.h"
#include "soc/platform.h"

namespace socsim::test {

struct ModelConfig {
    std::string board;                      // board file, relative to the source tree
    std::vector<std::string> raw_clients;   // memory clients that get a RawInitiator
    soc::TimingMode mode = soc::TimingMode::Fast;
    uint64_t quantum_ns = 1000;             // TLM global quantum (runs use 1 us)
    // Called at elaboration, after the platform is built: a test executable
    // builds and binds the extra modules it tests (they must outlive the run).
    std::function<void(soc::Platform&)> elaborate;
};

// Defined by each model test executable.
ModelConfig model_config();

// A bare bus master on one memory client's MC ingress: one request at a
// time, carrying the client's ID, with the whole delay waited out before
// it returns (simulated time is in step with the request).
class RawInitiator : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<RawInitiator> socket;

    // Binds itself to the client's ingress of `mc`.
    RawInitiator(sc_core::sc_module_name name, soc::MemoryController& mc, const soc::MemoryClient& client);

    struct Result {
        tlm::tlm_response_status status = tlm::TLM_INCOMPLETE_RESPONSE;
        uint64_t latency_ps = 0;            // from issue to completion
        bool ok() const { return status == tlm::TLM_OK_RESPONSE; }
    };
    // Must be called from a SystemC thread (the test cases run in one).
    Result read(uint64_t address, void* data, uint32_t len);
    Result write(uint64_t address, const void* data, uint32_t len);

    const soc::MemoryClient& client() const { return client_; }

private:
    Result transport(tlm::tlm_command cmd, uint64_t address, uint8_t* data, uint32_t len);

    const soc::MemoryClient& client_;
};

// --- what the test cases reach (valid while the session runs) ---
const ModelConfig& config();
const dts::Board& board();
const soc::SocInfo& soc_info();
soc::Platform& platform();
// The engine of the `socsim,test-dma` node with this DT label.
clients::TestDma& engine(std::string_view label);
// The raw initiator of a client named in ModelConfig::raw_clients.
RawInitiator& raw(std::string_view client);
// The page-table pool runs use: the top 4 MiB of the first DRAM range the
// SMMU can address (PagePool::top_of_dram).
smmu::PagePool page_table_pool();

// The MC's statistics of a memory client (the test fails when the SoC has none).
const soc::McClientStats& mc_stats(std::string_view client);
// A little-endian word of DRAM, read through the backdoor.
uint32_t dram32(uint64_t pa);

// A syncpoint sink that records every increment with its simulated time.
struct RecordingSyncpoints : clients::SyncpointSink {
    struct Incr {
        uint32_t id;
        uint64_t ps;
    };
    std::vector<Incr> incrs;
    void syncpt_incr(uint32_t id) override { incrs.push_back({id, soc::now_ps()}); }
};

// Runs a transfer on the engine labelled `label`, after the CPU's pending
// accesses (cpu.sync()); returns when the transfer is done.
clients::DmaResult run_dma(std::string_view label, const clients::DmaJob& job);

// SystemC warnings/errors raised outside the test thread so far.
size_t stray_sc_reports();
// Fails the running test case (FAIL_CHECK) with the reports raised outside
// the test thread since the last call; RawInitiator transports, run_dma and
// settle call it after waiting. Reports no test case claimed are named when
// their test case ends, and any such report makes the exit code non-zero.
void check_sc_reports();

// Lets simulated time catch up with the CPU (cpu.sync()) and then runs two
// delta cycles, so that methods notified for "now" (the MC's irq driver)
// have run and their signal writes are visible.
void settle();

}  // namespace socsim::test
