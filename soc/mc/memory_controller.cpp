#include "soc/mc/memory_controller.h"

#include <algorithm>
#include <string>

#include "smmu/tegra/smmu_regs.h"
#include "soc/mc/mc_regs.h"
#include "soc/tlm/mc_client.h"
#include "soc/tlm/request_batch.h"
#include "util/panic.h"

namespace socsim::soc {

MemoryController::MemoryController(sc_core::sc_module_name name, const SocInfo& soc, const HwParams& params,
                                   Dram& dram, TimingMode mode)
    : sc_module(name),
      reg_socket("reg_socket"),
      irq("irq"),
      soc_(soc),
      dram_(dram),
      mode_(mode),
      reg_access_ps_(params.reg_access_ns * 1000),
      regs_(soc),
      smmu_(soc, params, regs_, *this),
      ingress_(soc.clients.size()),
      la_ps_(soc.clients.size(), 0),
      stats_(soc.clients.size()),
      client_id_mask_(soc.client_id_mask.value_or(MC_CLIENT_ID_MASK_DEFAULT)) {
    reg_socket.register_b_transport(this, &MemoryController::reg_b_transport);
    for (size_t i = 0; i < soc.clients.size(); ++i)
        if (soc.clients[i].la) la_ps_[i] = uint64_t(soc.clients[i].la->def) * soc.mc_tick_ns * 1000;
        else la_ps_[i] = UINT64_MAX;  // no latency allowance: never promoted
    SC_METHOD(drive_irq);
    sensitive << irq_update_;
    dont_initialize();
    if (mode_ == TimingMode::Accurate) SC_THREAD(arbiter);
}

tlm::tlm_base_target_socket_b<>& MemoryController::ingress(uint32_t client_id) {
    for (size_t i = 0; i < soc_.clients.size(); ++i) {
        if (soc_.clients[i].id != client_id) continue;
        if (!ingress_[i]) {
            std::string n = "ingress_" + std::string(soc_.clients[i].name);
            ingress_[i] = std::make_unique<Ingress>(n.c_str(), this, i);
        }
        return ingress_[i]->socket;
    }
    panic("no memory client with ID " + std::to_string(client_id) + " on " + std::string(soc_.name));
}

// --- registers ---

uint32_t MemoryController::reg_value(uint32_t offset) const {
    switch (offset) {
        case MC_INTSTATUS: return intstatus_;
        case MC_INTMASK: return intmask_;
        case MC_ERR_STATUS: return err_status_;
        case MC_ERR_ADR: return err_adr_;
        default: return regs_.value(offset);
    }
}

void MemoryController::reg_b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
    delay += from_ps(reg_access_ps_);
    if (trans.get_data_length() != 4 || (trans.get_address() & 3) != 0) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    uint32_t offset = static_cast<uint32_t>(trans.get_address());
    uint32_t* data = reinterpret_cast<uint32_t*>(trans.get_data_ptr());
    if (trans.is_read()) {
        switch (offset) {
            case MC_INTSTATUS: case MC_INTMASK: case MC_ERR_STATUS: case MC_ERR_ADR: *data = reg_value(offset); break;
            default: *data = regs_.read32(offset);
        }
    } else if (trans.is_write()) {
        switch (offset) {
            case MC_INTSTATUS: intstatus_ &= ~*data; irq_update_.notify(delay); break;
            case MC_INTMASK: intmask_ = *data; irq_update_.notify(delay); break;
            case MC_ERR_STATUS: case MC_ERR_ADR: break;  // read-only
            default: regs_.write32(offset, *data);
        }
        if (trace::on(trace_) && (offset == smmu::SMMU_TLB_FLUSH || offset == smmu::SMMU_PTC_FLUSH))
            trace_->smmu_flush(offset == smmu::SMMU_TLB_FLUSH ? "SMMU_TLB_FLUSH" : "SMMU_PTC_FLUSH", *data,
                               now_ps() + to_ps(delay));
    }
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

void MemoryController::drive_irq() {
    bool level = (intstatus_ & intmask_) != 0;
    if (level && !irq.read()) ++irq_assertions_;
    if (trace::on(trace_) && level != irq.read()) trace_->mc_irq(level, now_ps());
    irq.write(level);
}

// --- faults ---

void MemoryController::fault(size_t ci, uint64_t address, bool write, uint64_t at_ps, FaultKind kind,
                             const smmu::Translation* t) {
    ++fault_count_;
    ++stats_[ci].faults;
    FaultRecord rec;
    rec.time_ps = at_ps;
    rec.client_id = soc_.clients[ci].id;
    rec.client_index = ci;
    rec.address = address;
    rec.write = write;
    rec.kind = kind;
    rec.translated = t && !t->bypass;
    if (t) rec.reason = t->result.fault;
    if (faults_.size() < kFaultLogLimit) faults_.push_back(rec);
    if (trace::on(trace_)) {
        const char* reason = kind == FaultKind::DecodeError ? "decode-error" : smmu::fault_reason_name(rec.reason);
        trace_->mc_fault(ci, address, write, reason, at_ps);
    }

    uint32_t status = (rec.client_id & client_id_mask_) | (write ? MC_ERR_STATUS_RW : 0u);
    status |= uint32_t((address >> 32) & MC_ERR_STATUS_ADR_HI_MASK) << MC_ERR_STATUS_ADR_HI_SHIFT;
    if (kind == FaultKind::SmmuPage) {
        uint32_t leaf = t->result.leaf;
        status |= MC_ERR_STATUS_TYPE_INVALID_SMMU_PAGE;
        if (leaf & smmu::SMMU_PTE_READABLE) status |= MC_ERR_STATUS_READABLE;
        if (leaf & smmu::SMMU_PTE_WRITABLE) status |= MC_ERR_STATUS_WRITABLE;
        if (leaf & smmu::SMMU_PTE_NONSECURE) status |= MC_ERR_STATUS_NONSECURE;
        intstatus_ |= MC_INT_INVALID_SMMU_PAGE;
    } else {
        status |= MC_ERR_STATUS_TYPE_DECERR_EMEM;
        intstatus_ |= MC_INT_DECERR_EMEM;
    }
    err_status_ = status;
    err_adr_ = static_cast<uint32_t>(address);
    uint64_t now = now_ps();
    irq_update_.notify(from_ps(at_ps > now ? at_ps - now : 0));
}

// --- the datapath ---

bool MemoryController::fetch_atom(uint64_t line_pa, uint8_t* out, uint64_t at_ps, uint64_t& done_ps) {
    DramSlot slot;
    if (!dram_.transfer(line_pa, out, soc_.atom_size, false, at_ps, now_ps(), trace::TraceSink::kWalk, slot))
        return false;
    done_ps = slot.done_ps;
    return true;
}

uint64_t MemoryController::arbitrate_accurate(size_t ci) {
    uint64_t arrival = now_ps();
    Pending p{la_ps_[ci] == UINT64_MAX ? UINT64_MAX : arrival + la_ps_[ci], seq_++, {}};
    queue_.push_back(&p);
    arrival_.notify();
    wait(p.granted);
    return now_ps() - arrival;
}

void MemoryController::arbiter() {
    for (;;) {
        while (queue_.empty()) wait(arrival_);
        wait(sc_core::SC_ZERO_TIME);  // let requests of this instant join
        uint64_t now = now_ps(), free = dram_.timing().free_at(now);
        if (free > now) {
            wait(from_ps(free - now));
            continue;
        }
        auto it = std::min_element(queue_.begin(), queue_.end(), [](const Pending* a, const Pending* b) {
            return a->deadline_ps != b->deadline_ps ? a->deadline_ps < b->deadline_ps : a->seq < b->seq;
        });
        Pending* p = *it;
        queue_.erase(it);
        p->granted.notify();
        wait(issued_);  // the granted request has taken its DRAM slot
    }
}

void MemoryController::check_client(size_t ci, const tlm::tlm_generic_payload& trans) const {
    McClientExtension* ext = nullptr;
    trans.get_extension(ext);
    if (ext && ext->client_id != soc_.clients[ci].id)
        panic("request on ingress " + std::string(soc_.clients[ci].name) + " carries client ID " +
              std::to_string(ext->client_id));
}

void MemoryController::client_b_transport(size_t ci, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
    check_client(ci, trans);
    uint64_t addr = trans.get_address(), len = trans.get_data_length();
    if (len == 0) {   // a batch carrier, else an empty request
        RequestBatch* batch = nullptr;
        trans.get_extension(batch);
        if (batch && !batch->items.empty()) return serve_batch(ci, trans, *batch);
    }
    if (!in_one_page(addr, len)) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    bool write = trans.is_write();
    if (mode_ == TimingMode::Accurate) {
        if (delay != sc_core::SC_ZERO_TIME) wait(delay);
        delay = sc_core::SC_ZERO_TIME;
        uint64_t done;
        trans.set_response_status(serve_accurate(ci, addr, trans.get_data_ptr(), len, write, done));
        return;   // done: time has caught up, the delay stays zero
    }
    uint64_t now = now_ps(), done;
    trans.set_response_status(serve(ci, addr, trans.get_data_ptr(), len, write, now + to_ps(delay), now, done));
    delay = from_ps(done - now);
}

void MemoryController::serve_batch(size_t ci, tlm::tlm_generic_payload& trans, RequestBatch& batch) {
    if (mode_ == TimingMode::Accurate) panic("a request batch in the accurate mode");
    bool write = trans.is_write();
    uint64_t now = now_ps();
    smmu::Translation t;
    bool have_prev = false;   // t holds the previous item's translation, of prev_iova
    uint64_t prev_iova = 0;
    for (RequestBatch::Item& it : batch.items) {
        if (!in_one_page(it.address, it.length)) {
            it.status = tlm::TLM_BURST_ERROR_RESPONSE;
            it.done_ps = it.issue_ps;
            have_prev = false;   // refused before the SMMU: the next item translates afresh
            continue;
        }
        arrive(ci, write, it.issue_ps);
        bool same_page = have_prev && ((it.address ^ prev_iova) & ~(smmu::SMMU_PAGE_SIZE - 1)) == 0;
        if (!same_page || !smmu_.translate_again(t, it.address, it.issue_ps, t))
            t = smmu_.translate(ci, it.address, write, it.issue_ps);
        prev_iova = it.address;
        have_prev = true;
        it.status = finish(ci, it.address, it.data, it.length, write, t, it.issue_ps, now, it.done_ps);
    }
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

McClientStats& MemoryController::arrive(size_t ci, bool write, uint64_t at) {
    McClientStats& st = stats_[ci];
    if (st.requests == 0) st.first_ps = at;
    ++st.requests;
    ++(write ? st.writes : st.reads);
    return st;
}

tlm::tlm_response_status MemoryController::refuse(size_t ci, uint64_t addr, uint64_t len, bool write, FaultKind kind,
                                                  const smmu::Translation& t, uint64_t at, uint64_t done) {
    fault(ci, addr, write, at, kind, &t);
    McClientStats& st = stats_[ci];
    st.last_ps = std::max(st.last_ps, done);
    if (trace::on(trace_)) trace_request(ci, addr, len, write, t, at, done, true);
    return tlm::TLM_ADDRESS_ERROR_RESPONSE;
}

template <bool kTraced>
void MemoryController::complete(size_t ci, uint64_t addr, uint64_t len, bool write, const smmu::Translation& t,
                                uint64_t at, uint64_t done, uint64_t la_wait_ps) {
    McClientStats& st = stats_[ci];
    if (la_wait_ps > la_ps_[ci]) ++st.la_exceeded;
    st.bytes += len;
    st.latency_ns.add((done - at) / 1000);
    st.last_ps = std::max(st.last_ps, done);
    if (kTraced && trace::on(trace_)) trace_request(ci, addr, len, write, t, at, done, false);
}

tlm::tlm_response_status MemoryController::serve(size_t ci, uint64_t addr, uint8_t* data, uint64_t len, bool write,
                                                 uint64_t at, uint64_t now, uint64_t& done) {
    arrive(ci, write, at);
    smmu::Translation t = smmu_.translate(ci, addr, write, at);
    return finish(ci, addr, data, len, write, t, at, now, done);
}

tlm::tlm_response_status MemoryController::finish(size_t ci, uint64_t addr, uint8_t* data, uint64_t len, bool write,
                                                  const smmu::Translation& t, uint64_t at, uint64_t now,
                                                  uint64_t& done) {
    // One test for every hook on the way: the untraced datapath has none.
    if (trace::on(trace_) || dram_.tracing()) return finish_traced(ci, addr, data, len, write, t, at, now, done);
    return finish_impl<false>(ci, addr, data, len, write, t, at, now, done);
}

tlm::tlm_response_status MemoryController::finish_traced(size_t ci, uint64_t addr, uint8_t* data, uint64_t len,
                                                         bool write, const smmu::Translation& t, uint64_t at,
                                                         uint64_t now, uint64_t& done) {
    return finish_impl<true>(ci, addr, data, len, write, t, at, now, done);
}

template <bool kTraced>
tlm::tlm_response_status MemoryController::finish_impl(size_t ci, uint64_t addr, uint8_t* data, uint64_t len,
                                                       bool write, const smmu::Translation& t, uint64_t at,
                                                       uint64_t now, uint64_t& done) {
    if (t.result.fault != smmu::FaultReason::None) {
        done = t.done_ps;
        return refuse(ci, addr, len, write, FaultKind::SmmuPage, t, at, done);
    }
    // DRAM alone decides whether it decodes the address.
    DramSlot slot;
    bool decoded = kTraced ? dram_.transfer(t.result.pa, data, len, write, t.done_ps, now, soc_.clients[ci].id, slot)
                           : dram_.transfer_untraced(t.result.pa, data, len, write, t.done_ps, now, slot);
    if (!decoded) {
        done = t.done_ps;
        return refuse(ci, addr, len, write, FaultKind::DecodeError, t, at, done);
    }
    done = slot.done_ps;
    complete<kTraced>(ci, addr, len, write, t, at, done, slot.start_ps - t.done_ps);
    return tlm::TLM_OK_RESPONSE;
}

tlm::tlm_response_status MemoryController::serve_accurate(size_t ci, uint64_t addr, uint8_t* data, uint64_t len,
                                                          bool write, uint64_t& done) {
    uint64_t at = now_ps();
    arrive(ci, write, at);
    smmu::Translation t = smmu_.translate(ci, addr, write, at);
    if (t.done_ps > at) wait(from_ps(t.done_ps - at));
    if (t.result.fault != smmu::FaultReason::None) {
        done = t.done_ps;
        return refuse(ci, addr, len, write, FaultKind::SmmuPage, t, at, done);
    }
    // The grant: the bus is free now and this request has the earliest deadline.
    uint64_t la_wait = arbitrate_accurate(ci);
    uint64_t now = now_ps();
    DramSlot slot;
    bool decoded = dram_.transfer(t.result.pa, data, len, write, now, now, soc_.clients[ci].id, slot);
    issued_.notify();
    if (!decoded) {
        done = now;
        return refuse(ci, addr, len, write, FaultKind::DecodeError, t, at, done);
    }
    done = slot.done_ps;
    wait(from_ps(done - now));
    complete<true>(ci, addr, len, write, t, at, done, la_wait);
    return tlm::TLM_OK_RESPONSE;
}

void MemoryController::trace_request(size_t ci, uint64_t iova, uint64_t len, bool write, const smmu::Translation& t,
                                     uint64_t at, uint64_t done, bool fault) {
    if (!t.bypass && !t.tlb_hit) trace_->smmu_walk(ci, iova, t.asid, at, t.done_ps);
    trace_->mc_request(ci, iova, t.result.pa, uint32_t(len), write, at, done, fault);
}

}  // namespace socsim::soc
