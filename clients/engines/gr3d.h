// GR3D, the Tegra 3D engine, as a socsim host1x class (0x60): one draw
// operation, a screen-aligned textured quad with 1:1 nearest sampling of a
// 32 bpp texture into a 32 bpp render target (RT[x,y] = TEX[x,y]).
//
// Models: the access pattern of a tiled rasteriser with a texture cache,
// which is what a TLB sees from 3D work. The rasteriser walks the render
// target in 16x16-pixel tiles, tile rows top to bottom, tiles left to right.
// For each tile it fetches the texels it needs as 4x4-texel blocks (block
// rows in order, blocks left to right), each block 4 reads of 16 bytes on 4
// different texture rows, on the texture read client (texsrd on Tegra30,
// texl2srd on Tegra114); then it writes the tile's rows (up to 16 of up to
// 64 bytes) on fdcdwr. With a pitch of 4 KiB or more, consecutive texture
// reads land on different pages, and a tile touches 16 texture pages and
// 16 render-target pages. Partial tiles at the right and bottom edges
// fetch and write only the pixels inside the quad. The method map is
// socsim's (engine_regs.h, README.md), not the hardware's.
// Leaves out: vertex processing, shaders, filtering, texture formats other
// than 32 bpp linear, block-linear/tiled surface layouts, depth/stencil,
// the texture cache's reuse across tiles (texels of a tile are used once),
// the second pipe (texsrd2/fdcdwr2 on Tegra30), engine compute time.
#pragma once

#include <array>

#include "clients/engines/engine_base.h"

namespace socsim::clients {

class Gr3d : public Engine {
public:
    Gr3d(sc_core::sc_module_name name, const soc::SocInfo& soc, soc::PayloadPool& pool, soc::TimingMode mode);

    // True when the SoC table has a texture read client (texsrd or
    // texl2srd) and the render-target write client fdcdwr.
    static bool supported(const soc::SocInfo& soc);

private:
    enum Port : size_t { kTex = 0, kRt = 1 };

    // The draw's configuration, taken when it is triggered.
    struct Draw {
        uint64_t tex, tex_pitch, rt, rt_pitch;
        uint32_t width, height;
    };

    void trigger(uint32_t value);
    bool draw(const Draw& d);
    bool tile(const Draw& d, uint32_t x0, uint32_t y0, uint32_t tw, uint32_t th);

    // One tile of ARGB8888 pixels, row stride G3_TILE pixels.
    std::array<uint8_t, G3_TILE * G3_TILE * kBpp32> tile_{};
};

}  // namespace socsim::clients
