#include "trace/vcd_trace.h"

#include <cctype>

#include <fmt/format.h>

namespace socsim::trace {

namespace {

// VCD names and scopes: letters, digits and '_' only.
std::string identifier(std::string_view s) {
    std::string out;
    for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out.empty() ? "_" : out;
}

}  // namespace

VcdTrace::VcdTrace(TraceTopology topology) : topo_(std::move(topology)) {}

bool VcdTrace::open(const std::string& path, std::string_view version) {
    if (!writer_.open(path, version)) return false;
    irq_ = writer_.declare("soc.mc", "irq", 1, 0);
    tlb_hits_ = writer_.declare("soc.smmu", "tlb_hits", 64, 0);
    tlb_misses_ = writer_.declare("soc.smmu", "tlb_misses", 64, 0);
    ptc_hits_ = writer_.declare("soc.smmu", "ptc_hits", 64, 0);
    ptc_misses_ = writer_.declare("soc.smmu", "ptc_misses", 64, 0);
    walks_ = writer_.declare("soc.smmu", "walks", 64, 0);
    for (const auto& h : topo_.heads) {
        HeadSignals& hs = heads_[h.head];
        hs.scope = "soc." + identifier(h.device);
        hs.vblank = writer_.declare(hs.scope, "vblank", 1, 0);
        hs.underflow = writer_.declare(hs.scope, "underflow", 1, 0);
    }
    return true;
}

VcdTrace::HeadSignals* VcdTrace::head(uint32_t h) {
    auto it = heads_.find(h);
    return it == heads_.end() ? nullptr : &it->second;
}

void VcdTrace::mc_irq(bool level, uint64_t t_ps) { writer_.set(irq_, t_ps, level); }

void VcdTrace::dc_vblank(uint32_t h, uint64_t t_ps, uint64_t blank_end_ps) {
    if (HeadSignals* hs = head(h)) writer_.pulse(hs->vblank, t_ps, blank_end_ps);
}

void VcdTrace::dc_underflow(uint32_t h, int, uint64_t, uint32_t, uint64_t start_ps, uint64_t end_ps) {
    if (HeadSignals* hs = head(h)) writer_.pulse(hs->underflow, start_ps, end_ps);
}

void VcdTrace::syncpt(uint32_t id, uint32_t value, uint64_t t_ps) {
    auto it = syncpts_.find(id);
    if (it == syncpts_.end())
        it = syncpts_.emplace(id, writer_.declare("soc.host1x", fmt::format("syncpt_{}", id), 32, 0)).first;
    writer_.set(it->second, t_ps, value);
}

void VcdTrace::interval(const IntervalSample& s) {
    for (const auto& c : s.clients) {
        auto it = client_bytes_.find(c.index);
        if (it == client_bytes_.end()) {
            std::string name = identifier(topo_.clients.at(c.index)) + "_bytes";
            it = client_bytes_.emplace(c.index, writer_.declare("soc.mc", name, 64, 0)).first;
        }
        writer_.set(it->second, s.end_ps, c.total_bytes);
    }
    writer_.set(tlb_hits_, s.end_ps, s.tlb_hits_total);
    writer_.set(tlb_misses_, s.end_ps, s.tlb_misses_total);
    writer_.set(ptc_hits_, s.end_ps, s.ptc_hits_total);
    writer_.set(ptc_misses_, s.end_ps, s.ptc_misses_total);
    writer_.set(walks_, s.end_ps, s.walks_total);
    for (const auto& w : s.windows) {
        HeadSignals* hs = head(w.head);
        if (!hs || s.end_ps == s.start_ps) continue;
        auto it = hs->min_fifo.find(w.window);
        if (it == hs->min_fifo.end()) {
            std::string name = fmt::format("win_{}_min_fifo_bytes", char('a' + w.window));
            it = hs->min_fifo.emplace(w.window, writer_.declare(hs->scope, name, 32, std::nullopt)).first;
        }
        if (w.min_fifo_bytes) writer_.set(it->second, s.start_ps, *w.min_fifo_bytes);
        else writer_.set_unknown(it->second, s.start_ps);
    }
}

}  // namespace socsim::trace
