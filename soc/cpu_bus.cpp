#include "soc/cpu_bus.h"

#include <vector>

#include "soc/tlm/request.h"
#include "util/panic.h"

namespace socsim::soc {

CpuBus::CpuBus(sc_core::sc_module_name name, TimingMode mode)
    : sc_module(name), mc_socket("mc_socket"), dram_socket("dram_socket"), host1x_socket("host1x_socket"),
      mode_(mode) {
    keeper_.reset();
}

template <class Socket>
void CpuBus::transport(Socket& s, tlm::tlm_command cmd, uint64_t addr, uint8_t* data, uint32_t len) {
    ++accesses_;
    set_request(trans_, cmd, addr, data, len);
    transport_lt(s, trans_, keeper_, mode_ == TimingMode::Accurate);
    if (trans_.is_response_error())
        panic("CPU access at 0x" + std::to_string(addr) + " failed: " + trans_.get_response_string());
}

uint32_t CpuBus::reg_read(uint32_t offset) {
    uint32_t v = 0;
    transport(mc_socket, tlm::TLM_READ_COMMAND, offset, reinterpret_cast<uint8_t*>(&v), 4);
    return v;
}

void CpuBus::reg_write(uint32_t offset, uint32_t value) {
    transport(mc_socket, tlm::TLM_WRITE_COMMAND, offset, reinterpret_cast<uint8_t*>(&value), 4);
}

uint32_t CpuBus::mem_read32(uint64_t pa) {
    uint32_t v = 0;
    transport(dram_socket, tlm::TLM_READ_COMMAND, pa, reinterpret_cast<uint8_t*>(&v), 4);
    return v;
}

void CpuBus::mem_write32(uint64_t pa, uint32_t value) {
    transport(dram_socket, tlm::TLM_WRITE_COMMAND, pa, reinterpret_cast<uint8_t*>(&value), 4);
}

void CpuBus::mem_fill(uint64_t pa, uint8_t byte, uint64_t len) {
    std::vector<uint8_t> buf(len, byte);
    transport(dram_socket, tlm::TLM_WRITE_COMMAND, pa, buf.data(), static_cast<uint32_t>(len));
}

void CpuBus::mem_write(uint64_t pa, const uint8_t* data, uint32_t len) {
    transport(dram_socket, tlm::TLM_WRITE_COMMAND, pa, const_cast<uint8_t*>(data), len);
}

uint32_t CpuBus::host1x_read(uint32_t offset) {
    keeper_.inc(from_ps(host1x_access_ps_));
    uint32_t v = 0;
    transport(host1x_socket, tlm::TLM_READ_COMMAND, offset, reinterpret_cast<uint8_t*>(&v), 4);
    return v;
}

void CpuBus::host1x_write(uint32_t offset, uint32_t value) {
    keeper_.inc(from_ps(host1x_access_ps_));
    transport(host1x_socket, tlm::TLM_WRITE_COMMAND, offset, reinterpret_cast<uint8_t*>(&value), 4);
}

void CpuBus::sync() { keeper_.sync(); }

}  // namespace socsim::soc
