// The host1x block of a pre-HW6 Tegra (host1x01/02/04/05): channels
// (clients/host1x/channel.h), syncpoints (syncpoints.h) and the register
// aperture the CPU programs them through, with the counts and layout of the
// SoC's Host1xInfo (tegra-facts §6; drivers/gpu/host1x/dev.c and the
// hw_host1x0N_*.h headers).
//
// Registers (host1x_regs.h), 32-bit accesses at offsets from the host1x
// base: per channel DMASTART, DMAPUT, DMAGET (read-only), DMAEND, DMACTRL;
// in the sync block SYNCPT(i) (read: value; write: load), SYNCPT_CPU_INCR(r)
// (a 1 bit increments syncpoint 32r+b), CMDPROC_STOP (a bit per channel,
// reads back) and CH_TEARDOWN (a 1 bit tears the channel down; reads 0).
// Other offsets read 0 and ignore writes (counted); an access that is not
// one aligned 32-bit word gets TLM_BURST_ERROR_RESPONSE. The target adds no
// delay: the CPU's bus charges register accesses. A write takes effect when
// it arrives and wakes channels and waiters at the CPU's local time
// (now + the transaction's delay).
//
// CDMA fetches go out on dma_socket as the SoC's host1xdmar memory client.
// Engines (GR2D, GR3D, VIC) attach as Host1xClass objects; they and the
// display increment syncpoints through the SyncpointSink interface.
// Left out: interrupts (syncpoint thresholds, channel errors), mlocks,
// indirect register access, the command-FIFO peek/debug registers, power
// and clock gating, HW6+ (stream IDs, hypervisor and VM registers).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "clients/host1x/channel.h"
#include "clients/host1x/host1x_class.h"
#include "clients/host1x/host1x_regs.h"
#include "clients/host1x/syncpoints.h"
#include "soc/mc/memory_controller.h"
#include "soc/soc_info.h"
#include "soc/tlm/payload_pool.h"

namespace socsim::clients {

struct Host1xStats {
    std::vector<ChannelStats> channels;
    std::vector<uint64_t> syncpt_increments;    // per syncpoint
    uint64_t invalid_syncpt_increments = 0;      // SyncpointSink increments of ids outside the table
    uint64_t unknown_reg_accesses = 0;
};

// One register of the aperture (the VCML reg<> pattern): its name and what
// a read returns and a write does.
struct Host1xRegister {
    std::string name;
    std::function<uint32_t()> read;
    std::function<void(uint32_t value, uint64_t delay_ps)> write;   // empty: read-only
};

class Host1x : public sc_core::sc_module, public SyncpointSink {
public:
    tlm_utils::simple_target_socket<Host1x> reg_socket;     // CPU register aperture
    tlm_utils::simple_initiator_socket<Host1x> dma_socket;  // CDMA fetches, on the host1xdmar memory client

    Host1x(sc_core::sc_module_name name, const soc::SocInfo& soc, soc::PayloadPool& pool, soc::TimingMode mode);

    const soc::MemoryClient& cdma_client() const { return cdma_client_; }
    // At elaboration: the engine serves SETCLASS to its class_id() (or to
    // `class_id`, e.g. GR2D_SB for the GR2D engine); sets its syncpoint sink.
    void attach_class(Host1xClass& c);
    void attach_class(Host1xClass& c, uint32_t class_id);

    void syncpt_incr(uint32_t id) override;   // hardware increment, time in step; bad ids are counted
    uint32_t syncpt_value(uint32_t id) const { return sp_.value(id); }
    // CPU sleep on a threshold, from an SC_THREAD (Syncpoints::wait).
    bool syncpt_wait(uint32_t id, uint32_t thresh, uint64_t timeout_ps) { return sp_.wait(id, thresh, timeout_ps); }
    uint64_t syncpt_last_incr_ps(uint32_t id) const { return sp_.last_incr_ps(id); }
    uint32_t num_channels() const { return uint32_t(channels_.size()); }
    uint32_t num_syncpoints() const { return sp_.count(); }
    const Host1xStats& stats() const;

    const Channel& channel(uint32_t c) const { return *channels_.at(c); }
    const Syncpoints& syncpoints() const { return sp_; }
    const host1x::SyncLayout& sync_layout() const { return layout_; }
    const soc::SocInfo& soc() const { return soc_; }
    // Register value without side effects or time (tests, reports); 0 for
    // an offset that decodes to nothing.
    uint32_t reg_value(uint32_t offset) const;
    const std::map<uint32_t, Host1xRegister>& registers() const { return regs_; }
    // Syncpoint changes and channel halts and teardowns go to `sink`.
    void set_trace(trace::TraceSink* sink);

private:
    void reg_b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    void add(uint32_t offset, std::string name, std::function<uint32_t()> read,
             std::function<void(uint32_t, uint64_t)> write);
    void build_registers();

    const soc::SocInfo& soc_;
    const soc::MemoryClient& cdma_client_;
    const host1x::SyncLayout& layout_;
    Syncpoints sp_;
    std::map<uint32_t, Host1xClass*> classes_;
    mutable Host1xStats stats_;
    std::vector<std::unique_ptr<Channel>> channels_;
    std::map<uint32_t, Host1xRegister> regs_;
    uint32_t cmdproc_stop_ = 0;
};

}  // namespace socsim::clients
