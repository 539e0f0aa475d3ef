// The CPU's two paths into the hardware, used by the kernel thread (the
// drivers): 32-bit accesses to the MC register aperture and to DRAM (page
// tables, buffers). Each access is a TLM b_transport that costs simulated
// time (mc.reg_access for registers, the DRAM model for memory), kept as a
// local offset by a quantum keeper and waited out at sync() or when the
// quantum is used up; the accurate mode waits after every access.
// The tegra-smmu driver reaches them through TlmMcPort / TlmDramPort.
// Must be used from a SystemC thread.
#pragma once

#include <cstdint>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "smmu/tegra/ports.h"
#include "soc/mc/memory_controller.h"

namespace socsim::soc {

class CpuBus : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<CpuBus> mc_socket;
    tlm_utils::simple_initiator_socket<CpuBus> dram_socket;
    // The host1x register aperture (unbound on boards without host1x).
    tlm_utils::simple_initiator_socket_optional<CpuBus> host1x_socket;

    CpuBus(sc_core::sc_module_name name, TimingMode mode);

    uint32_t reg_read(uint32_t offset);
    void reg_write(uint32_t offset, uint32_t value);
    uint32_t mem_read32(uint64_t pa);
    void mem_write32(uint64_t pa, uint32_t value);
    void mem_fill(uint64_t pa, uint8_t byte, uint64_t len);
    void mem_write(uint64_t pa, const uint8_t* data, uint32_t len);
    // host1x registers; each access costs `reg_access_ps` (mc.reg_access).
    uint32_t host1x_read(uint32_t offset);
    void host1x_write(uint32_t offset, uint32_t value);
    void set_host1x_access_ps(uint64_t ps) { host1x_access_ps_ = ps; }
    // Waits out the local time offset: simulated time catches up with the CPU.
    void sync();
    // The CPU's time: kernel time plus its local offset (no waiting).
    uint64_t local_ps() const { return now_ps() + to_ps(keeper_.get_local_time()); }
    uint64_t accesses() const { return accesses_; }

private:
    template <class Socket>
    void transport(Socket& s, tlm::tlm_command cmd, uint64_t addr, uint8_t* data, uint32_t len);

    TimingMode mode_;
    tlm_utils::tlm_quantumkeeper keeper_;
    tlm::tlm_generic_payload trans_;
    uint64_t accesses_ = 0;
    uint64_t host1x_access_ps_ = 0;
};

class TlmMcPort final : public smmu::McRegPort {
public:
    explicit TlmMcPort(CpuBus& bus) : bus_(bus) {}
    uint32_t read32(uint32_t offset) override { return bus_.reg_read(offset); }
    void write32(uint32_t offset, uint32_t value) override { bus_.reg_write(offset, value); }

private:
    CpuBus& bus_;
};

class TlmDramPort final : public smmu::DramPort {
public:
    explicit TlmDramPort(CpuBus& bus) : bus_(bus) {}
    uint32_t read32(uint64_t pa) override { return bus_.mem_read32(pa); }
    void write32(uint64_t pa, uint32_t value) override { bus_.mem_write32(pa, value); }
    void zero(uint64_t pa, uint64_t size) override { bus_.mem_fill(pa, 0, size); }

private:
    CpuBus& bus_;
};

}  // namespace socsim::soc
