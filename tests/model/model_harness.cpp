// [model] test harness: sc_main, the platform of the executable, and the
// Catch2 session run inside an SC_THREAD (see model_harness.h).
#define CATCH_CONFIG_RUNNER
// A crash must end the process: Catch's signal handlers, running on a
// SystemC coroutine stack, leave it hanging instead.
#define CATCH_CONFIG_NO_POSIX_SIGNALS
#include <catch2/catch.hpp>

#include "model/model_harness.h"
#include "soc/tlm/request.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string_view>

#include "clients/test_dma_config.h"
#include "soc/tlm/mc_client.h"
#include "util/diag.h"

namespace socsim::test {

namespace {

struct Harness {
    ModelConfig cfg;
    std::optional<dts::Board> board;
    std::map<const dts::DtNode*, clients::TestDmaConfig> engines;
    std::unique_ptr<soc::Platform> platform;
    std::map<std::string, std::unique_ptr<RawInitiator>, std::less<>> raws;
    sc_core::sc_process_handle runner;
    size_t strays = 0;
    std::vector<std::string> unattributed;   // stray reports since the last test case ended
    bool session_done = false;
    int result = 0;
};

Harness* g_harness = nullptr;

Harness& h() {
    if (!g_harness) {
        std::cerr << "model harness: used before sc_main set it up\n";
        std::abort();
    }
    return *g_harness;
}

const char* severity_name(sc_core::sc_severity s) {
    switch (s) {
        case sc_core::SC_INFO: return "info";
        case sc_core::SC_WARNING: return "warning";
        case sc_core::SC_ERROR: return "error";
        case sc_core::SC_FATAL: return "fatal";
        default: return "report";
    }
}

// Warnings and errors: thrown in the test thread (Catch fails the running
// test case with the message), recorded and printed anywhere else.
void report_handler(const sc_core::sc_report& rep, const sc_core::sc_actions& actions) {
    sc_core::sc_severity sev = rep.get_severity();
    if (sev == sc_core::SC_INFO && std::string_view(rep.get_msg()).find("stopped by user") != std::string_view::npos)
        return;  // the harness's own sc_stop()
    if (sev == sc_core::SC_INFO || sev == sc_core::SC_FATAL || !g_harness) {
        sc_core::sc_report_handler::default_handler(rep, actions);
        return;
    }
    if (!sc_core::sc_is_running()) {
        // Elaboration or clean-up: SystemC's own actions (errors throw out of sc_main).
        ++g_harness->strays;
        sc_core::sc_report_handler::default_handler(rep, actions);
        return;
    }
    Harness& hs = *g_harness;
    if (hs.runner.valid() && sc_core::sc_get_current_process_handle() == hs.runner) throw rep;
    std::ostringstream msg;
    msg << "SystemC " << severity_name(sev) << " (" << rep.get_msg_type() << "): " << rep.get_msg();
    if (const char* p = rep.get_process_name()) msg << " [process " << p << "]";
    ++hs.strays;
    hs.unattributed.push_back(msg.str());
    std::cerr << "model harness: " << msg.str() << "\n";
}

// Names the test case during which a stray report happened; the exit code
// of the executable then says failure (see sc_main).
struct ScReportListener : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testCaseEnded(Catch::TestCaseStats const& stats) override {
        if (!g_harness || g_harness->unattributed.empty()) return;
        std::cerr << "model harness: error: test case \"" << stats.testInfo.name << "\" raised "
                  << g_harness->unattributed.size() << " SystemC report(s) outside the test thread:\n";
        for (const auto& m : g_harness->unattributed) std::cerr << "  " << m << "\n";
        g_harness->unattributed.clear();
    }
};

class CatchRunner : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(CatchRunner);
    CatchRunner(sc_core::sc_module_name name, Catch::Session& session) : sc_module(name), session_(session) {
        SC_THREAD(run);
        set_stack_size(16 * 1024 * 1024);  // Catch, its reporters and the test cases run on this stack
    }

private:
    void run() {
        Harness& hs = h();
        hs.runner = sc_core::sc_get_current_process_handle();
        try {
            hs.result = session_.run();
        } catch (const std::exception& e) {
            std::cerr << "model harness: the Catch session threw: " << e.what() << "\n";
            hs.result = 1;
        }
        hs.session_done = true;
        hs.runner = sc_core::sc_process_handle();
        sc_core::sc_stop();
    }

    Catch::Session& session_;
};

}  // namespace

CATCH_REGISTER_LISTENER(ScReportListener)

// --- RawInitiator ---

RawInitiator::RawInitiator(sc_core::sc_module_name name, soc::MemoryController& mc, const soc::MemoryClient& client)
    : sc_module(name), socket("socket"), client_(client) {
    // The MC creates a client's ingress on first use, as a child of the module
    // under construction: that must be a module, so it happens here.
    socket.bind(mc.ingress(client.id));
}

RawInitiator::Result RawInitiator::transport(tlm::tlm_command cmd, uint64_t address, uint8_t* data, uint32_t len) {
    platform().cpu.sync();  // what the CPU did before this request has happened
    tlm::tlm_generic_payload trans;
    trans.set_extension(new soc::McClientExtension(client_.id));  // the payload frees it
    soc::set_request(trans, cmd, address, data, len);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(trans, delay);
    wait(delay);
    Result r;
    r.status = trans.get_response_status();
    r.latency_ps = soc::to_ps(delay);
    check_sc_reports();
    return r;
}

RawInitiator::Result RawInitiator::read(uint64_t address, void* data, uint32_t len) {
    return transport(tlm::TLM_READ_COMMAND, address, static_cast<uint8_t*>(data), len);
}

RawInitiator::Result RawInitiator::write(uint64_t address, const void* data, uint32_t len) {
    // The target only reads the buffer of a write.
    return transport(tlm::TLM_WRITE_COMMAND, address, static_cast<uint8_t*>(const_cast<void*>(data)), len);
}

// --- accessors ---

const ModelConfig& config() { return h().cfg; }
const dts::Board& board() { return *h().board; }
const soc::SocInfo& soc_info() { return *h().board->soc; }
soc::Platform& platform() { return *h().platform; }

clients::TestDma& engine(std::string_view label) {
    auto it = board().labels.find(label);
    clients::TestDma* e = it == board().labels.end() ? nullptr : platform().engine(it->second);
    if (!e) throw std::runtime_error("no test DMA engine labelled '" + std::string(label) + "' on the board");
    return *e;
}

RawInitiator& raw(std::string_view client) {
    auto it = h().raws.find(client);
    if (it == h().raws.end())
        throw std::runtime_error("no raw initiator on client '" + std::string(client) + "': list it in model_config()");
    return *it->second;
}

smmu::PagePool page_table_pool() {
    const dts::MemoryRegion& r = board().memory.front();
    return smmu::PagePool::top_of_dram(r.base, r.size, soc_info().num_address_bits);
}

size_t stray_sc_reports() { return h().strays; }

void check_sc_reports() {
    Harness& hs = h();
    if (hs.unattributed.empty() || !hs.runner.valid() || sc_core::sc_get_current_process_handle() != hs.runner)
        return;
    std::string all;
    for (const auto& m : hs.unattributed) all += "\n  " + m;
    hs.unattributed.clear();
    FAIL_CHECK("SystemC reported outside the test thread:" << all);
}

clients::DmaResult run_dma(std::string_view label, const clients::DmaJob& job) {
    clients::TestDma& e = engine(label);
    platform().cpu.sync();
    clients::DmaResult r = e.run(job);
    check_sc_reports();
    return r;
}

void settle() {
    platform().cpu.sync();
    sc_core::wait(sc_core::SC_ZERO_TIME);
    sc_core::wait(sc_core::SC_ZERO_TIME);
    check_sc_reports();
}

const soc::McClientStats& mc_stats(std::string_view client) {
    const soc::MemoryClient* c = soc_info().find_client(client);
    REQUIRE(c != nullptr);
    return platform().mc.client_stats().at(size_t(c - soc_info().clients.data()));
}

uint32_t dram32(uint64_t pa) {
    uint8_t b[4];
    platform().dram.read(pa, b, 4);
    return uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
}

}  // namespace socsim::test

using namespace socsim;

extern "C" int sc_main(int argc, char** argv) {
    test::Harness hs;
    test::g_harness = &hs;
    struct Unset {
        ~Unset() { test::g_harness = nullptr; }  // SystemC may report after sc_main returns
    } unset;
    sc_core::sc_report_handler::set_handler(test::report_handler);

    hs.cfg = test::model_config();
    Diagnostics diags;
    std::string path = std::string(SOCSIM_SOURCE_DIR) + "/" + hs.cfg.board;
    hs.board = dts::load_board(path, diags);
    if (!hs.board || diags.has_errors() || !hs.board->soc) {
        diags.print(std::cerr);
        std::cerr << "model harness: cannot use board " << path << "\n";
        return 2;
    }
    dts::for_each_node(*hs.board->root, [&](const dts::DtNode& node) {
        if (!node.enabled || !node.is_compatible(clients::kTestDmaCompatible)) return;
        if (auto cfg = clients::test_dma_config(*hs.board, node, diags)) hs.engines[&node] = *cfg;
    });
    if (diags.has_errors()) {
        diags.print(std::cerr);
        return 2;
    }

    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(double(hs.cfg.quantum_ns), sc_core::SC_NS));
    hs.platform = std::make_unique<soc::Platform>("soc", *hs.board, hs.engines, hs.cfg.mode);
    for (const std::string& name : hs.cfg.raw_clients) {
        const soc::MemoryClient* c = hs.board->soc->find_client(name);
        if (!c) {
            std::cerr << "model harness: " << hs.board->soc->name << " has no memory client " << name << "\n";
            return 2;
        }
        hs.raws[name] = std::make_unique<test::RawInitiator>(("raw_" + name).c_str(), hs.platform->mc, *c);
    }

    if (hs.cfg.elaborate) hs.cfg.elaborate(*hs.platform);

    Catch::Session session;
    int rc = session.applyCommandLine(argc, argv);
    if (rc != 0) return rc;
    // The test cases share one platform and build on each other's state.
    session.configData().runOrder = Catch::RunTests::InDeclarationOrder;
    test::CatchRunner runner("catch", session);

    sc_core::sc_start();
    if (!hs.session_done) {
        std::cerr << "model harness: the simulation stopped (at " << sc_core::sc_time_stamp()
                  << ") before the test session finished\n";
        return 1;
    }
    if (hs.strays > 0) {
        std::cerr << "model harness: " << hs.strays << " SystemC warning(s)/error(s) outside the test thread\n";
        return hs.result != 0 ? hs.result : 1;
    }
    return hs.result;
}

extern "C" int sc_elab_and_sim(int argc, char* argv[]);  // SystemC's entry (sysc/kernel/sc_externs.h)

int main(int argc, char** argv) {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    return sc_elab_and_sim(argc, argv);
}
