// Display controller head (see display_controller.h): the frame timeline,
// configuration latching, VBLANK, disable and statistics. The windows'
// request streams are in iso_fetch.cpp.
#include "clients/display/display_controller.h"

#include <algorithm>

#include "clients/client_nodes.h"
#include "soc/dram.h"
#include "util/panic.h"

namespace socsim::clients {

namespace {

// Window memory clients per head, by their SoC-table names (tegra-facts
// §2.3: the DC swgroup's windows on head 0, DCB's on head 1).
bool power_of_two(uint32_t v) { return v && (v & (v - 1)) == 0; }

}  // namespace

std::string validate_config(const DcConfig& cfg, const soc::SocInfo& soc) {
    if (std::string e = validate_mode(cfg.mode, soc.dc); !e.empty()) return e;
    if (!power_of_two(cfg.request_bytes) || cfg.request_bytes < 16 || cfg.request_bytes > 4096)
        return "request_bytes " + std::to_string(cfg.request_bytes) + " is not a power of two from 16 to 4096";
    if (cfg.fifo_bytes < cfg.request_bytes)
        return "fifo_bytes " + std::to_string(cfg.fifo_bytes) + " is smaller than one request";
    for (size_t i = 0; i < cfg.windows.size(); ++i) {
        const DcWindowConfig& w = cfg.windows[i];
        if (!w.enabled) continue;
        std::string win = std::string("window ") + char('A' + i) + ": ";
        if (w.width == 0 || w.height == 0) return win + "zero size";
        if (w.bpp != 1 && w.bpp != 2 && w.bpp != 4 && w.bpp != 8) return win + "bpp must be 1, 2, 4 or 8 bytes";
        if (uint64_t(w.x) + w.width > cfg.mode.hactive || uint64_t(w.y) + w.height > cfg.mode.vactive)
            return win + "does not fit the mode's active area";
        if (w.pitch < uint64_t(w.width) * w.bpp) return win + "pitch is smaller than a line";
        if (w.pitch % soc.dc.pitch_align != 0)
            return win + "pitch must be a multiple of " + std::to_string(soc.dc.pitch_align) + " on " +
                   std::string(soc.name);
        if (w.tiled && (w.pitch % 16 != 0 || w.base % 256 != 0))
            return win + "tiled surfaces need a pitch multiple of 16 and a 256-byte aligned base";
    }
    return {};
}

uint64_t DcStats::underflows() const {
    uint64_t n = 0;
    for (const auto& w : windows) n += w.underflow_lines;
    return n;
}

double DcStats::window_bandwidth(int w) const {
    if (scanout_ps == 0) return 0.0;
    return double(windows[w].frame_bytes) * 1e12 / double(scanout_ps);
}

DisplayController::DisplayController(sc_core::sc_module_name name, const soc::SocInfo& soc, uint32_t head,
                                     soc::PayloadPool& pool, soc::TimingMode mode, SyncpointSink* vblank)
    : sc_module(name), soc_(soc), head_(head), vblank_(vblank) {
    if (!dc_window_client(head, 0)) panic(std::string(this->name()) + ": no display head " + std::to_string(head));
    for (size_t w = 0; w < 3; ++w) {
        clients_[w] = soc.find_client(dc_window_client(head, uint32_t(w)));
        if (!clients_[w])
            panic(std::string(this->name()) + ": " + std::string(soc.name) + " has no memory client " +
                  dc_window_client(head, uint32_t(w)));
        uint64_t la_ns = clients_[w]->la ? uint64_t(clients_[w]->la->def) * soc.mc_tick_ns : 0;
        std::string n = std::string("win") + char('a' + w);
        IsoFrameSource& source = *this;
        fetchers_[w] = std::make_unique<IsoFetcher>(n.c_str(), source, int(w), window_socket[w], clients_[w]->id,
                                                    la_ns, tiled_fetch_bytes(soc), pool, mode);
    }
    SC_THREAD(head_thread);
}

DisplayController::~DisplayController() = default;

void DisplayController::commit(const DcConfig& cfg) {
    std::string err = validate_config(cfg, soc_);
    if (!err.empty()) panic(std::string(name()) + ": commit of an invalid configuration: " + err);
    pending_ = cfg;
    if (sc_core::sc_is_running()) wake_.notify(sc_core::SC_ZERO_TIME);
}

void DisplayController::disable() {
    pending_.reset();
    if (!on_) return;
    // The windows may already have issued requests up to a quantum ahead:
    // the stop is the end of the line the latest of them is in.
    uint64_t t = soc::now_ps();
    for (const auto& f : fetchers_) t = std::max(t, f->issue_clock_ps());
    stop_ps_ = std::min(stop_ps_, line_end_after(t));
    if (sc_core::sc_is_running()) wake_.notify(sc_core::SC_ZERO_TIME);
}

void DisplayController::set_trace(trace::TraceSink* sink) {
    trace_ = sink;
    for (auto& f : fetchers_) f->set_trace(sink, head_);
}

uint64_t DisplayController::trace_horizon_ps() const {
    uint64_t t = UINT64_MAX;
    for (const auto& f : fetchers_) t = std::min(t, f->trace_horizon_ps());
    return t;
}

const DcStats& DisplayController::stats() const {
    for (size_t w = 0; w < 3; ++w) stats_.windows[w] = fetchers_[w]->stats();
    return stats_;
}

uint64_t DisplayController::line_end_after(uint64_t t) const {
    const IsoFrame& f = frames_[cur_].iso;
    const DcMode& m = f.mode;
    const unsigned __int128 line_den = (unsigned __int128)m.htotal * 1'000'000'000'000ull;
    if (t >= f.frame_start_ps) {
        uint64_t n = uint64_t((unsigned __int128)(t - f.frame_start_ps) * m.pixel_clock_hz / line_den) + 1;
        return f.frame_start_ps + m.pixels_ps(n * m.htotal);
    }
    // Vertical blank before the frame: lines end on the frame's line grid.
    uint64_t n = uint64_t((unsigned __int128)(f.frame_start_ps - t) * m.pixel_clock_hz / line_den);
    return f.frame_start_ps - m.pixels_ps(n * m.htotal);
}

const IsoFrame& DisplayController::wait_frame(uint64_t seq) {
    while (!(on_ && any_latched_ && frames_[latched_].iso.seq >= seq)) wait(latch_ev_);
    return frames_[latched_].iso;
}

void DisplayController::latch(size_t slot, const DcConfig& cfg, uint64_t fetch_start_ps, uint64_t frame_start_ps,
                              uint64_t index_in_config) {
    HeadFrame& hf = frames_[slot];
    hf.cfg = cfg;
    hf.index_in_config = index_in_config;
    hf.iso.seq = next_seq_++;
    hf.iso.fetch_start_ps = fetch_start_ps;
    hf.iso.frame_start_ps = frame_start_ps;
    hf.iso.vblank_ps = frame_start_ps + cfg.mode.active_ps();
    hf.iso.mode = cfg.mode;
    hf.iso.windows = cfg.windows;
    hf.iso.request_bytes = cfg.request_bytes;
    hf.iso.fifo_bytes = cfg.fifo_bytes;
    latched_ = slot;
    any_latched_ = true;
    if (index_in_config == 0) ++stats_.latched;
    latch_ev_.notify();
}

bool DisplayController::wait_until(uint64_t t) {
    for (;;) {
        uint64_t now = soc::now_ps();
        if (stop_ps_ < t && now >= stop_ps_) return false;
        if (now >= t) return true;
        wait(soc::from_ps(std::min(t, stop_ps_) - now), wake_);
    }
}

void DisplayController::head_thread() {
    for (;;) {
        while (!pending_) wait(wake_);
        // An off head starts in vertical blank, so the windows' FIFOs fill
        // before active line 0.
        DcConfig cfg = std::move(*pending_);
        pending_.reset();
        uint64_t now = soc::now_ps();
        uint64_t blank = cfg.mode.pixels_ps(uint64_t(cfg.mode.vblank_lines()) * cfg.mode.htotal);
        stop_ps_ = UINT64_MAX;
        on_ = true;
        latch(cur_, cfg, now, now + blank, 0);
        for (;;) {
            HeadFrame& f = frames_[cur_];
            const uint64_t v = f.iso.vblank_ps, e = f.iso.frame_start_ps + f.cfg.mode.frame_ps();
            if (!wait_until(v)) break;
            ++stats_.vblanks;
            if (trace::on(trace_)) trace_->dc_vblank(head_, v, e);
            if (f.cfg.vblank_syncpt && vblank_) vblank_->syncpt_incr(*f.cfg.vblank_syncpt);
            bool last = !pending_ && f.cfg.frames && f.index_in_config + 1 >= f.cfg.frames;
            if (last) {
                stop_ps_ = std::min(stop_ps_, e);   // nothing to fetch for a frame that will not be shown
            } else if (pending_) {
                DcConfig next = std::move(*pending_);
                pending_.reset();
                latch(1 - cur_, next, v, e, 0);
            } else {
                latch(1 - cur_, f.cfg, v, e, f.index_in_config + 1);
            }
            if (!wait_until(e)) break;
            ++stats_.frames;
            stats_.scanout_ps += e - f.iso.frame_start_ps;
            if (trace::on(trace_)) trace_->dc_frame(head_, f.iso.seq, f.iso.frame_start_ps, e);
            for (auto& fetcher : fetchers_) fetcher->close_frame(f.iso.seq);
            if (last) break;
            cur_ = latched_;
        }
        on_ = false;
        stop_ps_ = 0;
    }
}

}  // namespace socsim::clients
