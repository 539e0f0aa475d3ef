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

SparseMemory* Dram::find_other(uint64_t pa, uint64_t len) {
    for (size_t i = 1; i < ranges_.size(); ++i)
        if (ranges_[i].contains(pa, len)) return &ranges_[i];
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
    if (trans.get_byte_enable_ptr() || trans.get_streaming_width() < len) {
        trans.set_response_status(len && find(pa, len) ? tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE
                                                       : tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    McClientExtension* ext = nullptr;
    if (trace::on(trace_)) trans.get_extension(ext);
    uint64_t now = now_ps();
    DramSlot slot;
    if (!transfer(pa, trans.get_data_ptr(), len, trans.is_write(), now + to_ps(delay), now,
                  ext ? ext->client_id : trace::TraceSink::kCpu, slot)) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    delay = from_ps(slot.done_ps - now);
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

void Dram::trace_slot(uint32_t client, uint64_t pa, uint64_t len, bool write, const DramSlot& slot) {
    trace_->dram_slot(client, pa, uint32_t(len), write, slot.start_ps, slot.end_ps);
}

}  // namespace socsim::soc
