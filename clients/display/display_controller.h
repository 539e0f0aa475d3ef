// A Tegra display controller head (DC or DCB) as a memory client: its
// three windows (A, B, C) fetch their framebuffers for scanout on the
// memory clients the SoC table gives them (display0a/0b/0c on head 0,
// display0ab/0bb/0cb on head 1), at the rate the video mode's pixel clock
// consumes them, and report underflows; VBLANK increments a host1x
// syncpoint. Follows the scanout facts of tegra-facts §7 (Linux
// drivers/gpu/drm/tegra/dc.c and plane.c).
//
// Timing model (analytic isochronous fetch; no process per pixel or line):
// - Frames. When an off head is committed a configuration at time T, it
//   starts in vertical blank: frame 0's active line 0 starts at
//   T + (vtotal - vactive) x line time; frame f+1 starts one frame time
//   after frame f. Line L of a frame starts at frame start + L x line time;
//   its active pixels come first, horizontal blank after. Display pixel p of
//   a line is shown at line start + p / pixel clock.
// - Windows. Byte o of window line L (display line y + L) is needed when
//   its pixel x + o / bpp is shown. One SC_THREAD per window (IsoFetcher)
//   walks the window's lines in order in requests (request_bytes, or one
//   per tile for tiled windows: tiled_fetch_bytes in dc_mode.h) and
//   issues request k at
//   max(issue of request k-1, time at which every byte up to
//   (end of k - fifo_bytes) has left the FIFO): fetch runs ahead of the
//   pixel clock by at most the FIFO and requests pipeline (an issue never
//   waits for the previous completion). A byte leaves the FIFO when it is
//   shown, or when it arrives if it arrives later (late data is dropped).
// - Completion comes from the MC/DRAM model (b_transport's returned delay).
//   A request completing after its first byte is needed underflows its line
//   (counted once per line per window; underflow_frames counts frames with
//   at least one). A faulting request counts a fault and no underflow.
// - Commit and VBLANK. At the start of vertical blank of every frame (after
//   its last active line) the head counts a VBLANK, increments
//   vblank_syncpt if set, and latches the pending configuration for the
//   next frame, whose fetch may start from then (the FIFOs fill during
//   vertical blank). Requests of a frame not issued by its vertical blank
//   are abandoned; the lines they would have fed underflow. A frame is
//   completed one frame time after its start (frames, scanout_ps).
// - disable() stops scanout at the end of the current line (the line the
//   head or any window's issue clock is in): no request issues at or after
//   that point. config.frames > 0 stops the head after that many frames.
// - Speed. Fast mode: temporal decoupling, each window's quantum keeper at
//   its issue clock, so a window runs at most one global quantum ahead of
//   kernel time. Accurate mode: every request waits for its issue time in
//   kernel time; up to IsoFetcher::kAccurateSlots are in flight per window.
// Sampling and tracing: the windows' per-interval smallest FIFO level
// (iso_fetch.h); set_trace reports frames, VBLANKs and underflowed lines.
// Latency allowance is the MC's (per-client la.def of the SoC table); the
// DC only reports it (la_ns). The default FIFO size (16 KiB per window) is
// a socsim assumption: the public sources give no per-window FIFO sizes.
// Leaves out: registers (the configuration is committed as a struct), the
// cursor and its memory client, scaling and filters (windows are fetched
// 1:1, so winb-vfilter traffic is absent), planar YUV, block-linear
// surfaces, the per-CRTC ICC peak requests of §7.2 (the plane bandwidth
// estimate is in dc_mode.h), underflow/overflow interrupts, the pixel data
// itself (fetched data is not displayed or checked).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "clients/display/dc_mode.h"
#include "clients/display/iso_fetch.h"
#include "clients/host1x/host1x_class.h"
#include "soc/mc/memory_controller.h"
#include "soc/soc_info.h"
#include "soc/tlm/payload_pool.h"

namespace socsim::clients {

// Per-window FIFO size socsim uses when a configuration does not say:
// not a hardware figure (tegra-facts §7.7).
inline constexpr uint32_t kDcDefaultFifoBytes = 16 * 1024;

struct DcConfig {
    DcMode mode;
    std::array<DcWindowConfig, 3> windows;   // A, B, C
    uint32_t fifo_bytes = kDcDefaultFifoBytes;   // per window
    uint32_t request_bytes = 64;              // linear windows; a power of two, 16..4096
    std::optional<uint32_t> vblank_syncpt;
    uint64_t frames = 0;                      // 0 = until disabled
};

// Empty when a head can scan `cfg` out on `soc`; otherwise what is wrong.
// commit() treats an invalid configuration as a socsim bug: check first.
std::string validate_config(const DcConfig& cfg, const soc::SocInfo& soc);

struct DcStats {
    uint64_t frames = 0, vblanks = 0;   // completed frames, VBLANKs
    std::array<DcWindowStats, 3> windows;
    uint64_t scanout_ps = 0;            // total time of completed frames
    uint64_t latched = 0;               // configurations that took effect

    uint64_t underflows() const;        // underflowed lines, all windows
    double window_bandwidth(int w) const;   // bytes of completed frames / their time, B/s
};

class DisplayController : public sc_core::sc_module, private IsoFrameSource {
public:
    std::array<tlm_utils::simple_initiator_socket<DisplayController>, 3> window_socket;   // windows A, B, C

    SC_HAS_PROCESS(DisplayController);
    // `vblank` may be null (no VBLANK syncpoint). Bind window_socket[w] to
    // mc.ingress(window_client(w).id) from a module constructor.
    DisplayController(sc_core::sc_module_name name, const soc::SocInfo& soc, uint32_t head, soc::PayloadPool& pool,
                      soc::TimingMode mode, SyncpointSink* vblank);
    ~DisplayController() override;

    const soc::MemoryClient& window_client(int w) const { return *clients_[w]; }
    uint32_t head() const { return head_; }

    // Takes effect at the next frame (latched at the current frame's
    // vertical blank), or at once when the head is off. From a thread or not.
    void commit(const DcConfig& cfg);
    // Stops scanout at the end of the current line; drops a pending commit.
    void disable();
    bool active() const { return on_; }
    const DcStats& stats() const;
    // The configuration of the frame being scanned out (the last one when off).
    const DcConfig& config() const { return frames_[cur_].cfg; }
    // Window w's smallest FIFO level since the last call (IsoFetcher).
    std::optional<uint64_t> take_interval_min_fifo_bytes(int w) {
        return fetchers_[size_t(w)]->take_interval_min_fifo_bytes();
    }
    void set_trace(trace::TraceSink* sink);
    uint64_t trace_horizon_ps() const;   // the earliest of its windows'

private:
    struct HeadFrame {
        IsoFrame iso;
        DcConfig cfg;
        uint64_t index_in_config = 0;   // frames since cfg took effect
    };

    const IsoFrame& wait_frame(uint64_t seq) override;
    uint64_t stop_ps() const override { return stop_ps_; }

    void head_thread();
    void latch(size_t slot, const DcConfig& cfg, uint64_t fetch_start_ps, uint64_t frame_start_ps,
               uint64_t index_in_config);
    bool wait_until(uint64_t t);
    uint64_t line_end_after(uint64_t t) const;

    const soc::SocInfo& soc_;
    uint32_t head_;
    SyncpointSink* vblank_;
    std::array<const soc::MemoryClient*, 3> clients_{};
    std::array<std::unique_ptr<IsoFetcher>, 3> fetchers_;

    std::optional<DcConfig> pending_;
    std::array<HeadFrame, 2> frames_;   // the frame shown and the one latched after it
    size_t cur_ = 0, latched_ = 0;
    uint64_t next_seq_ = 0;
    bool on_ = false, any_latched_ = false;
    uint64_t stop_ps_ = 0;              // no request at or after this time
    sc_core::sc_event wake_, latch_ev_;
    mutable DcStats stats_;
    trace::TraceSink* trace_ = nullptr;
};

}  // namespace socsim::clients
