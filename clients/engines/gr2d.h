// GR2D, the Tegra 2D engine, as a socsim host1x class (0x51): solid fill
// and rectangle copy of 1, 2 or 4 byte-per-pixel pitch-linear surfaces.
//
// Models: the traffic of a blit. A fill writes the destination rectangle
// line by line; a copy reads each source line (client g2sr) and then
// writes it to the destination (g2dw); every line goes out in requests of at
// most 64 bytes split at 64-byte boundaries. Bytes between the end of a line
// and the next pitch are never touched. The method map is socsim's (see
// engine_regs.h and README.md), not the hardware's.
// Leaves out: the real G2 register file (raster operations, colour
// conversion, stretch blits, clipping, fast-rotate, the second "SB"
// surface engine), memmove semantics for overlapping copies (undefined, as
// a plain line-by-line copy gives), engine compute time.
#pragma once

#include <vector>

#include "clients/engines/engine_base.h"

namespace socsim::clients {

class Gr2d : public Engine {
public:
    Gr2d(sc_core::sc_module_name name, const soc::SocInfo& soc, soc::PayloadPool& pool, soc::TimingMode mode);

    // True when the SoC table has GR2D's memory clients (g2sr, g2dw).
    static bool supported(const soc::SocInfo& soc);

private:
    enum Port : size_t { kSrc = 0, kDst = 1 };

    void trigger(uint32_t value);
    bool fill(uint32_t width, uint32_t height, uint32_t bpp);
    bool copy(uint32_t height);

    std::vector<uint8_t> line_;
};

}  // namespace socsim::clients
