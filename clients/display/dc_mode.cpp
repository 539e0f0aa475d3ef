#include "clients/display/dc_mode.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace socsim::clients {

namespace {

// CEA-861 timings the model knows by name (VIC 4, 16 and 95).
struct CeaMode {
    uint32_t w, h;
    double refresh;
    uint32_t htotal, vtotal;
    uint64_t pixel_clock_hz;
};
constexpr std::array<CeaMode, 3> kCeaModes = {{
    {1280, 720, 60.0, 1650, 750, 74'250'000},
    {1920, 1080, 60.0, 2200, 1125, 148'500'000},
    {3840, 2160, 30.0, 4400, 2250, 297'000'000},
}};

// CVT reduced blanking, approximately: a fixed 160-pixel horizontal blank
// and the fewest blank lines that give at least 460 us of vertical blank.
constexpr uint32_t kCvtRbHblank = 160;
constexpr double kCvtRbMinVblankS = 460e-6;
constexpr uint32_t kCvtRbMinVblankLines = 6;

// Largest total the timing arithmetic accepts (keeps pixel counts of many
// frames far from 64-bit limits).
constexpr uint32_t kMaxTotal = 65535;

}  // namespace

double DcMode::refresh_hz() const {
    uint64_t pixels = uint64_t(htotal) * vtotal;
    return pixels ? double(pixel_clock_hz) / double(pixels) : 0.0;
}

uint64_t DcMode::pixels_ps(uint64_t pixels) const {
    if (pixel_clock_hz == 0) return 0;
    unsigned __int128 num = (unsigned __int128)pixels * 1'000'000'000'000ull + pixel_clock_hz / 2;
    return uint64_t(num / pixel_clock_hz);
}

DcMode make_mode(uint32_t w, uint32_t h, double refresh, std::optional<uint32_t> htotal,
                 std::optional<uint32_t> vtotal, std::optional<uint64_t> pixel_clock_hz) {
    DcMode m;
    m.hactive = w;
    m.vactive = h;
    const CeaMode* cea = nullptr;
    for (const auto& c : kCeaModes)
        if (c.w == w && c.h == h && std::fabs(c.refresh - refresh) < 0.01) cea = &c;

    uint64_t derived_clock = 0;
    if (cea) {
        m.htotal = cea->htotal;
        m.vtotal = cea->vtotal;
        derived_clock = cea->pixel_clock_hz;
    } else {
        m.htotal = w + kCvtRbHblank;
        double k = kCvtRbMinVblankS * refresh;   // fraction of the frame that is vertical blank
        if (refresh > 0 && k < 1) {
            double lines = std::ceil(k * double(h) / (1.0 - k) - 1e-9);
            m.vtotal = h + std::max(kCvtRbMinVblankLines, uint32_t(lines));
        } else {
            m.vtotal = h;   // no such mode: the clock stays 0 and validation says so
        }
    }
    bool totals_overridden = htotal.has_value() || vtotal.has_value();
    if (htotal) m.htotal = *htotal;
    if (vtotal) m.vtotal = *vtotal;
    if (pixel_clock_hz) {
        m.pixel_clock_hz = *pixel_clock_hz;
    } else if (cea && !totals_overridden) {
        m.pixel_clock_hz = derived_clock;
    } else if (refresh > 0 && m.vtotal > h) {
        m.pixel_clock_hz = uint64_t(std::llround(double(m.htotal) * double(m.vtotal) * refresh));
    }
    return m;
}

std::string validate_mode(const DcMode& m, const soc::DcInfo& dc) {
    auto size = [](uint32_t a, uint32_t b) { return std::to_string(a) + "x" + std::to_string(b); };
    if (m.hactive == 0 || m.vactive == 0) return "mode " + size(m.hactive, m.vactive) + " has a zero dimension";
    if (m.hactive > dc.max_mode_size || m.vactive > dc.max_mode_size)
        return "mode " + size(m.hactive, m.vactive) + " exceeds the display controller's maximum of " +
               std::to_string(dc.max_mode_size) + " pixels per side";
    if (m.htotal < m.hactive || m.vtotal < m.vactive)
        return "total " + size(m.htotal, m.vtotal) + " is smaller than the active size " + size(m.hactive, m.vactive);
    if (m.vtotal == m.vactive) return "mode " + size(m.hactive, m.vactive) + " has no vertical blank";
    if (m.htotal > kMaxTotal || m.vtotal > kMaxTotal)
        return "total " + size(m.htotal, m.vtotal) + " exceeds " + std::to_string(kMaxTotal);
    if (m.pixel_clock_hz == 0)
        return "mode " + size(m.hactive, m.vactive) + " has no pixel clock (refresh must be > 0)";
    return {};
}

PlaneBandwidth plane_bandwidth(uint32_t src_w, uint32_t src_h, uint32_t dst_w, uint32_t dst_h, uint32_t vrefresh_hz,
                               uint32_t bits_per_pixel, uint64_t mode_clock_khz, bool tiled, const soc::DcInfo& dc) {
    uint64_t area = uint64_t(std::min(src_w, dst_w)) * std::min(src_h, dst_h);
    uint64_t avg_bits = area * vrefresh_hz * bits_per_pixel;   // bits per second
    uint64_t avg_bytes = (avg_bits + 7) / 8;
    PlaneBandwidth b;
    b.avg_kBps = (avg_bytes + 999) / 1000;
    b.peak_kBps = (mode_clock_khz * bits_per_pixel + 7) / 8;
    if (tiled && dc.tiled_memory_bandwidth_x2) {
        b.avg_kBps *= 2;
        b.peak_kBps *= 2;
    }
    return b;
}

uint32_t tiled_fetch_bytes(const soc::SocInfo& soc) {
    constexpr uint32_t kTileRowBytes = 16;
    return soc.dc.tiled_memory_bandwidth_x2 ? kTileRowBytes : std::max(kTileRowBytes, soc.dram_burst);
}

double window_bytes_per_second(uint32_t w, uint32_t h, uint32_t bytes_per_pixel, double refresh) {
    return double(w) * double(h) * double(bytes_per_pixel) * refresh;
}

}  // namespace socsim::clients
