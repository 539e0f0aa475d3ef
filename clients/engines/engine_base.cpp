// The engine base (see engine_base.h): method register file, INCR_SYNCPT,
// abort, and the request path shared by GR2D, GR3D and VIC.
#include "clients/engines/engine_base.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "soc/dram.h"
#include "util/panic.h"

namespace socsim::clients {

Engine::Engine(sc_core::sc_module_name name, const soc::SocInfo& soc, soc::PayloadPool& pool, soc::TimingMode mode,
               uint32_t class_id, const char* class_name, NodeKind kind)
    : sc_module(name), class_id_(class_id), class_name_(class_name), master_(pool, mode) {
    for (const ModelPort& p : model_ports(kind)) {
        const soc::MemoryClient* c = port_client(soc, p);
        if (!c) {
            std::string want;
            for (std::string_view n : p.clients) want += (want.empty() ? "" : " or ") + std::string(n);
            panic(std::string(class_name) + " engine on " + std::string(soc.name) + ": no memory client " + want +
                  " (check model_unsupported() first)");
        }
        // Sockets are named after their memory client; created here so
        // SystemC places them in this module.
        sockets_.push_back(std::make_unique<tlm_utils::simple_initiator_socket<Engine>>(std::string(c->name).c_str()));
        ports_.push_back(EnginePort{c, sockets_.back().get()});
        port_write_.push_back(p.write);
    }
    define_reg(INCR_SYNCPT, "INCR_SYNCPT", 0, [this](uint32_t v) { incr_syncpt(v); });
}

void Engine::define_reg(uint32_t offset, const char* name, uint32_t reset, WriteHandler on_write) {
    if (!defs_.emplace(offset, RegDef{name, reset, std::move(on_write)}).second)
        panic(std::string(class_name_) + ": method " + std::to_string(offset) + " defined twice");
    values_[offset] = reset;
}

void Engine::define_trigger(uint32_t offset, const char* name, WriteHandler start) {
    define_reg(offset, name, 0, [this, name, start = std::move(start)](uint32_t v) {
        if (busy_) return config_error();
        trigger_ = name;
        start(v);
    });
}

uint32_t Engine::reg(uint32_t offset) const {
    auto it = values_.find(offset);
    return it == values_.end() ? 0 : it->second;
}

const char* Engine::reg_name(uint32_t offset) const {
    auto it = defs_.find(offset);
    return it == defs_.end() ? nullptr : it->second.name;
}

void Engine::method_write(uint32_t offset, uint32_t value) {
    values_[offset] = value;   // unknown offsets too: stored, otherwise ignored
    auto it = defs_.find(offset);
    if (it != defs_.end() && it->second.on_write) it->second.on_write(value);
}

void Engine::abort() {
    // Only the running operation is abandoned; an idle engine has nothing to stop.
    if (busy_) abort_ = true;
}

void Engine::incr_syncpt(uint32_t value) {
    // Every condition (immediate, op_done, rd_done, reg_wr_safe) holds once
    // the previous method has returned: operations complete inside their
    // trigger write. The master's local time must be in step first, so the
    // increment is never seen before the last request completed.
    master_.sync();
    ++stats_.syncpt_incrs;
    if (sync_) sync_->syncpt_incr(incr_syncpt_id(value));
}

void Engine::operate(const std::function<bool()>& body) {
    master_.sync();
    busy_ = true;
    abort_ = false;
    window_fill_ = 0;   // page windows do not span operations
    ++stats_.operations;
    uint64_t start = soc::now_ps();
    bool done = body();
    master_.sync();     // return with simulated time in step
    stats_.busy_ps += soc::now_ps() - start;
    ++(done ? stats_.completed : stats_.aborted);
    if (trace::on(trace_)) trace_->engine_op(basename(), trigger_, start, soc::now_ps(), done);
    busy_ = false;
    abort_ = false;
}

bool Engine::transfer(size_t port, uint64_t addr, uint8_t* data, uint32_t len) {
    uint64_t end = addr + len;
    while (addr < end) {
        uint32_t n = split_page(addr, end, kMaxRequest - uint32_t(addr % kMaxRequest));
        if (!request(port, addr, data, n)) return false;
        addr += n;
        data += n;
    }
    return true;
}

bool Engine::request(size_t port, uint64_t addr, uint8_t* data, uint32_t len) {
    if (abort_) return false;
    bool write = port_write_[port];
    if (stats_.requests == 0) stats_.first_request_ps = master_.local_ps();
    note_page(addr);
    bool ok = master_.transfer(*ports_[port].socket, ports_[port].client->id, write, addr, data, len);
    ++stats_.requests;
    ++(write ? stats_.write_requests : stats_.read_requests);
    stats_.last_request_ps = std::max(stats_.last_request_ps, master_.local_ps());
    if (!ok) {
        ++stats_.faults;
        if (!write) std::memset(data, 0, len);
    } else {
        (write ? stats_.bytes_written : stats_.bytes_read) += len;
    }
    return true;
}

void Engine::note_page(uint64_t addr) {
    uint64_t page = addr >> 12;
    if (stats_.requests > 0 && page != last_page_) ++stats_.page_switches;
    last_page_ = page;
    window_[window_fill_++] = page;
    if (window_fill_ == kPageWindow) {
        std::sort(window_.begin(), window_.end());
        stats_.window_pages += size_t(std::unique(window_.begin(), window_.end()) - window_.begin());
        ++stats_.page_windows;
        window_fill_ = 0;
    }
}

}  // namespace socsim::clients
