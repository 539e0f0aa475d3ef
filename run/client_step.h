// The arguments of the client steps of a scenario (README "Display and
// host1x traffic"): the Tegra DRM device, GEM buffers, display heads and
// host1x job streams.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/diag.h"

namespace socsim::run {

struct ModeSpec {
    uint32_t width = 0, height = 0;
    double refresh = 60;
    std::optional<uint32_t> htotal, vtotal;
    std::optional<uint64_t> pixel_clock_hz;
};

struct WindowSpec {
    std::string buffer;
    uint32_t bpp = 4;                       // format: argb8888 / xrgb8888 4, rgb565 2
    std::optional<uint32_t> width, height, pitch;
    uint32_t x = 0, y = 0;
    uint64_t offset = 0;                    // into the buffer
    bool tiled = false;
    Location loc;
};

struct ClientStep {
    // buffer_alloc / buffer_free / mem_check on a buffer
    std::string buffer;
    std::optional<bool> contiguous;
    bool carveout = false;
    std::optional<uint8_t> fill;            // byte
    std::optional<uint32_t> pixel;          // 32-bit word, little-endian
    uint64_t offset = 0;
    // display
    ModeSpec mode;
    std::vector<WindowSpec> windows;
    uint32_t fifo = 0;                      // bytes per window; 0: the model's default
    uint64_t frames = 0;                    // 0: until display_off
    // submit
    std::string job;                        // fill | copy | draw | composite
    std::string dst;
    std::vector<std::string> sources;       // copy, draw: one; composite: up to 4
    uint32_t width = 0, height = 0, bpp = 4;
    uint32_t color = 0;                     // fill value / VIC background
    uint64_t count = 1;
    bool until_end = false;                 // count: until-end (an open-ended stream)
    uint64_t period_ns = 0;                 // 0: back to back
    uint64_t timeout_ns = 100'000'000;      // 100 ms of simulated time per job
    bool wait = true;                       // submit / display: wait for completion
};

}  // namespace socsim::run
