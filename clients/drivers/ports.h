// How the client drivers reach the hardware: the host1x register aperture
// (CPU accesses that take simulated time), the CPU sleeping on a syncpoint
// threshold, and the display heads. Implemented over TLM in a run
// (run/client_ports.h); the drivers stay pure C++.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clients/display/dc_mode.h"

namespace socsim::drivers {

class Host1xPort {
public:
    virtual uint32_t read32(uint32_t offset) = 0;
    virtual void write32(uint32_t offset, uint32_t value) = 0;
    // Sleeps until syncpoint `id` has passed `thresh` (wrap-safe) or
    // `timeout_ns` has gone by; true when it passed.
    virtual bool wait_syncpt(uint32_t id, uint32_t thresh, uint64_t timeout_ns) = 0;
    // Lets simulated time catch up with the CPU and returns it.
    virtual uint64_t now_ns() = 0;
    virtual void sleep_until_ns(uint64_t t) = 0;

protected:
    ~Host1xPort() = default;
};

// CPU writes of buffer contents into DRAM (they take simulated time).
class MemPort {
public:
    virtual void write(uint64_t pa, const uint8_t* data, uint64_t len) = 0;

protected:
    ~MemPort() = default;
};

// What the DC driver programs into a head (the state a modeset commits).
struct HeadWindow {
    uint64_t base = 0;            // device address the head fetches from
    uint32_t width = 0, height = 0, pitch = 0, bpp = 4;
    bool tiled = false;
    uint32_t x = 0, y = 0;
};
struct HeadSetup {
    clients::DcMode mode;
    std::vector<HeadWindow> windows;   // A, B, C in order (at most 3)
    uint32_t fifo_bytes = 0;           // 0: the model's default
    std::optional<uint32_t> vblank_syncpt;
    uint64_t frames = 0;               // 0: until disabled
};

class DisplayPort {
public:
    virtual bool has_head(uint32_t head) const = 0;
    // Empty when the head took the setup; else why the hardware cannot scan it out.
    virtual std::string commit(uint32_t head, const HeadSetup& setup) = 0;
    // Stops the head at the end of its current line and returns once it has
    // stopped fetching (tegra_dc waits for the head to go idle before its
    // buffers are released), so the driver may unpin and detach right after.
    virtual void disable(uint32_t head) = 0;
    // Blocks until the head has completed `frames` frames since its commit.
    virtual void wait_frames(uint32_t head, uint64_t frames) = 0;

protected:
    ~DisplayPort() = default;
};

}  // namespace socsim::drivers
