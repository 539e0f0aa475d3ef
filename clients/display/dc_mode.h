// Display timings and plane bandwidth arithmetic, pure C++ (no SystemC), so
// that configuration can be checked before anything is simulated.
//
// Models: a video mode as active size, total size (active + blanking) and
// pixel clock; the CEA-861 timings of 1280x720@60, 1920x1080@60 and
// 3840x2160@30; a CVT reduced-blanking approximation for any other size
// (htotal = width + 160, at least 460 us and 6 lines of vertical blank,
// pixel clock = htotal x vtotal x refresh); the plane bandwidth estimate of
// Linux drivers/gpu/drm/tegra/plane.c as the reference sheet gives it
// (tegra-facts §7.1: average and peak kB/s, x2 for tiled framebuffers on
// SoCs with `tiled_memory_bandwidth_x2`).
// Leaves out: sync widths and porches (only their sums matter to memory
// fetch), interlaced and doublescan modes, CVT's exact pixel-clock
// granularity (0.25 MHz steps), the per-CRTC overlap sum of §7.2.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "soc/soc_info.h"

namespace socsim::clients {

struct DcMode {
    uint32_t hactive = 0, vactive = 0;   // visible pixels per line, visible lines
    uint32_t htotal = 0, vtotal = 0;     // including horizontal / vertical blanking
    uint64_t pixel_clock_hz = 0;

    double refresh_hz() const;
    uint64_t pixel_clock_khz() const { return (pixel_clock_hz + 500) / 1000; }   // Linux mode->clock
    // Time of `pixels` pixel clocks, rounded to the picosecond (exact
    // arithmetic from the pixel count: no drift over long runs).
    uint64_t pixels_ps(uint64_t pixels) const;
    uint64_t line_ps() const { return pixels_ps(htotal); }
    uint64_t frame_ps() const { return pixels_ps(uint64_t(htotal) * vtotal); }
    uint32_t vblank_lines() const { return vtotal - vactive; }
    // Time from frame start (first active line) to the start of vertical blank.
    uint64_t active_ps() const { return pixels_ps(uint64_t(htotal) * vactive); }
    // pixels_ps(origin + d) for small d (under 1.8e7 pixels), exactly, with
    // one 128-bit division per origin instead of one per call: the
    // fetcher asks for every request's pixels along a line.
    class PixelTimes {
    public:
        PixelTimes(const DcMode& m, uint64_t origin) : clk_(m.pixel_clock_hz) {
            if (!clk_) return;
            unsigned __int128 num = (unsigned __int128)origin * 1'000'000'000'000ull + clk_ / 2;
            q_ = uint64_t(num / clk_);
            r_ = uint64_t(num % clk_);
        }
        uint64_t at(uint64_t d) const { return clk_ ? q_ + (r_ + d * 1'000'000'000'000ull) / clk_ : 0; }

    private:
        uint64_t clk_, q_ = 0, r_ = 0;
    };
    bool operator==(const DcMode& o) const {
        return hactive == o.hactive && vactive == o.vactive && htotal == o.htotal && vtotal == o.vtotal &&
               pixel_clock_hz == o.pixel_clock_hz;
    }
};

// A mode of w x h at `refresh` Hz: CEA-861 timings where the size and
// refresh (within 0.01 Hz) match a known mode, otherwise the CVT-RB
// approximation above. Explicit totals replace the derived ones (the pixel
// clock then follows as htotal x vtotal x refresh); an explicit pixel clock
// replaces everything derived from refresh. An impossible request (refresh
// <= 0, or too high for 460 us of blank) gives a mode that
// validate_mode() rejects.
DcMode make_mode(uint32_t w, uint32_t h, double refresh, std::optional<uint32_t> htotal = std::nullopt,
                 std::optional<uint32_t> vtotal = std::nullopt, std::optional<uint64_t> pixel_clock_hz = std::nullopt);

// Empty when the head can scan the mode out; otherwise what is wrong.
std::string validate_mode(const DcMode& m, const soc::DcInfo& dc);

// §7.1: the bandwidth Linux asks the interconnect for, per plane.
struct PlaneBandwidth {
    uint64_t avg_kBps = 0;    // ceil(min(src,dst) area x vrefresh x bpp / 8) bytes/s, rounded up to kB/s
    uint64_t peak_kBps = 0;   // ceil(mode clock [kHz] x bpp / 8)
};
// `bits_per_pixel` is the sum over the framebuffer's planes of cpp x 8
// (chroma planes divided by their horizontal subsampling only).
PlaneBandwidth plane_bandwidth(uint32_t src_w, uint32_t src_h, uint32_t dst_w, uint32_t dst_h, uint32_t vrefresh_hz,
                               uint32_t bits_per_pixel, uint64_t mode_clock_khz, bool tiled, const soc::DcInfo& dc);

// Bytes one tiled-window request fetches: a 16x16-byte tile's rows are 16
// bytes. On SoCs with `tiled_memory_bandwidth_x2` (T30, T114) the DC's
// atom is 16 bytes, so each request is one tile row and the 32-byte DRAM
// burst moves twice that (§7.1). Elsewhere the flag is off, which socsim
// reads as a DC atom of one DRAM burst: a request covers dram_burst / 16
// consecutive rows of one tile (lines L..L+n-1), the rows after the first
// held for their lines (see iso_fetch.h). The public sources give the T124
// and T210 DC atom only through that flag.
uint32_t tiled_fetch_bytes(const soc::SocInfo& soc);

// What a window of w x h pixels of `bytes_per_pixel` fetches per second at
// `refresh` Hz: every pixel once per frame (1920x1080x4 at 60 Hz is
// 497,664,000 B/s).
double window_bytes_per_second(uint32_t w, uint32_t h, uint32_t bytes_per_pixel, double refresh);

}  // namespace socsim::clients
