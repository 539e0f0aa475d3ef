// VIC, the Tegra video image compositor, as a socsim host1x class (0x5d):
// alpha composition of up to 4 ARGB8888 surfaces over a background colour
// into an output surface of the same size.
//
// Models: per output pixel, out = VIC_BACKGROUND, then for each surface i
// in order, out = vic_over(surface_i pixel, out) (engine_regs.h defines the
// blend); surface 0 is at the bottom. The traffic goes line by line: each
// surface's line is read (client vicsrd) in requests of at most 64 bytes,
// then the output line is written (vicswr). VIC_NUM_SURFACES above 4 is
// clamped to 4 and counted as an error when written. The method map is
// socsim's (engine_regs.h, README.md), not the hardware's.
// Leaves out: the Falcon microcontroller and its firmware, configuration
// structures fetched from memory, scaling, colour-space conversion, YUV
// and block-linear formats, per-surface placement/cropping, deinterlacing,
// engine compute time.
#pragma once

#include <array>
#include <vector>

#include "clients/engines/engine_base.h"

namespace socsim::clients {

class Vic : public Engine {
public:
    Vic(sc_core::sc_module_name name, const soc::SocInfo& soc, soc::PayloadPool& pool, soc::TimingMode mode);

    // True when the SoC table has VIC's memory clients (vicsrd, vicswr).
    static bool supported(const soc::SocInfo& soc);

private:
    enum Port : size_t { kRead = 0, kWrite = 1 };

    // The composite's configuration, taken when it is triggered.
    struct Composite {
        uint64_t out, out_pitch;
        uint32_t width, height, background, surfaces;
        std::array<uint64_t, VIC_MAX_SURFACES> addr, pitch;
    };

    void num_surfaces(uint32_t value);
    void trigger(uint32_t value);
    bool composite(const Composite& c);

    std::array<std::vector<uint8_t>, VIC_MAX_SURFACES> in_;
    std::vector<uint8_t> out_;
};

}  // namespace socsim::clients
