#include "soc/cpu_bus.h"

#include <vector>

#include "util/panic.h"

namespace socsim::soc {

CpuBus::CpuBus(sc_core::sc_module_name name, TimingMode mode)
    : sc_module(name), mc_socket("mc_socket"), dram_socket("dram_socket"), mode_(mode) {
    keeper_.reset();
}

void CpuBus::transport(tlm_utils::simple_initiator_socket<CpuBus>& s, tlm::tlm_command cmd, uint64_t addr,
                       uint8_t* data, uint32_t len) {
    ++accesses_;
    trans_.set_command(cmd);
    trans_.set_address(addr);
    trans_.set_data_ptr(data);
    trans_.set_data_length(len);
    trans_.set_streaming_width(len);
    trans_.set_byte_enable_ptr(nullptr);
    trans_.set_dmi_allowed(false);
    trans_.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = keeper_.get_local_time();
    s->b_transport(trans_, delay);
    if (trans_.is_response_error())
        panic("CPU access at 0x" + std::to_string(addr) + " failed: " + trans_.get_response_string());
    keeper_.set(delay);
    if (mode_ == TimingMode::Accurate || keeper_.need_sync()) keeper_.sync();
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

void CpuBus::sync() { keeper_.sync(); }

}  // namespace socsim::soc
