#include "soc/dram.h"

#include "soc/tlm/mc_client.h"
#include "util/panic.h"

namespace socsim::soc {

Dram::Dram(sc_core::sc_module_name name, const std::vector<DramRange>& ranges, uint64_t bandwidth,
           uint64_t latency_ns, uint32_t burst_bytes)
    : sc_module(name), socket("socket"), timing_(bandwidth, latency_ns, burst_bytes) {
    if (sc_core::sc_get_time_resolution() != sc_core::sc_time(1, sc_core::SC_PS))
        panic("socsim times are picoseconds: the SystemC time resolution must stay at 1 ps");
    for (const auto& r : ranges) ranges_.emplace_back(r.base, r.size);
    socket.register_b_transport(this, &Dram::b_transport);
}

SparseMemory* Dram::find(uint64_t pa, uint64_t len) {
    for (auto& r : ranges_)
        if (r.contains(pa, len)) return &r;
    return nullptr;
}

const SparseMemory* Dram::find(uint64_t pa, uint64_t len) const {
    for (const auto& r : ranges_)
        if (r.contains(pa, len)) return &r;
    return nullptr;
}

void Dram::read(uint64_t pa, void* out, uint64_t len) const {
    const SparseMemory* m = find(pa, len);
    if (!m) panic("DRAM backdoor read outside DRAM");
    m->read(pa, out, len);
}

void Dram::write(uint64_t pa, const void* data, uint64_t len) {
    SparseMemory* m = find(pa, len);
    if (!m) panic("DRAM backdoor write outside DRAM");
    m->write(pa, data, len);
}

size_t Dram::resident_pages() const {
    size_t n = 0;
    for (const auto& r : ranges_) n += r.resident_pages();
    return n;
}

void Dram::b_transport(int, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
    uint64_t pa = trans.get_address();
    uint64_t len = trans.get_data_length();
    SparseMemory* m = len ? find(pa, len) : nullptr;
    if (!m || trans.get_byte_enable_ptr() || trans.get_streaming_width() < len) {
        trans.set_response_status(m ? tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    bool write = trans.is_write();
    if (write) m->write(pa, trans.get_data_ptr(), len);
    else if (trans.is_read()) m->read(pa, trans.get_data_ptr(), len);
    uint64_t now = now_ps();
    DramSlot slot = timing_.access(now + to_ps(delay), pa, len, write);
    delay = from_ps(slot.done_ps - now);
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
    if (trace::on(trace_)) trace_slot(trans, slot.start_ps, slot.end_ps);
}

void Dram::trace_slot(const tlm::tlm_generic_payload& trans, uint64_t start_ps, uint64_t end_ps) {
    McClientExtension* ext = nullptr;
    trans.get_extension(ext);
    trace_->dram_slot(ext ? ext->client_id : trace::TraceSink::kCpu, trans.get_address(),
                      uint32_t(trans.get_data_length()), trans.is_write(), start_ps, end_ps);
}

}  // namespace socsim::soc
