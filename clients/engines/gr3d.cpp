// GR3D model (see gr3d.h): a textured quad, tile by tile.
#include "clients/engines/gr3d.h"

#include <algorithm>

namespace socsim::clients {

bool Gr3d::supported(const soc::SocInfo& soc) { return !model_unsupported(soc, NodeKind::Gr3d); }

Gr3d::Gr3d(sc_core::sc_module_name name, const soc::SocInfo& soc, soc::PayloadPool& pool, soc::TimingMode mode)
    : Engine(name, soc, pool, mode, HOST1X_CLASS_GR3D, "gr3d", NodeKind::Gr3d) {
    define_reg(G3_TEX_ADDR, "G3_TEX_ADDR");
    define_reg(G3_TEX_PITCH, "G3_TEX_PITCH");
    define_reg(G3_RT_ADDR, "G3_RT_ADDR");
    define_reg(G3_RT_PITCH, "G3_RT_PITCH");
    define_reg(G3_SIZE, "G3_SIZE");
    define_trigger(G3_TRIGGER, "G3_TRIGGER", [this](uint32_t v) { trigger(v); });
}

void Gr3d::trigger(uint32_t value) {
    uint32_t width = size_width(reg(G3_SIZE)), height = size_height(reg(G3_SIZE));
    uint64_t row = uint64_t(width) * kBpp32;
    bool ok = value == G3_TRIGGER_DRAW && width > 0 && height > 0 && reg(G3_TEX_PITCH) >= row &&
              reg(G3_RT_PITCH) >= row;
    if (!ok) return config_error();
    const Draw d{reg(G3_TEX_ADDR), reg(G3_TEX_PITCH), reg(G3_RT_ADDR), reg(G3_RT_PITCH), width, height};
    operate([&] { return draw(d); });
}

bool Gr3d::draw(const Draw& d) {
    for (uint32_t y0 = 0; y0 < d.height; y0 += G3_TILE)
        for (uint32_t x0 = 0; x0 < d.width; x0 += G3_TILE)
            if (!tile(d, x0, y0, std::min(G3_TILE, d.width - x0), std::min(G3_TILE, d.height - y0))) return false;
    return true;
}

bool Gr3d::tile(const Draw& d, uint32_t x0, uint32_t y0, uint32_t tw, uint32_t th) {
    const uint32_t stride = G3_TILE * kBpp32;
    // Texture fetch: 4x4 blocks; within a block, one read per texel row.
    for (uint32_t by = 0; by < th; by += G3_TEX_BLOCK)
        for (uint32_t bx = 0; bx < tw; bx += G3_TEX_BLOCK) {
            uint32_t bw = std::min(G3_TEX_BLOCK, tw - bx), bh = std::min(G3_TEX_BLOCK, th - by);
            for (uint32_t r = 0; r < bh; ++r) {
                uint64_t addr = d.tex + (y0 + by + r) * d.tex_pitch + uint64_t(x0 + bx) * kBpp32;
                if (!transfer(kTex, addr, &tile_[(by + r) * stride + bx * kBpp32], bw * kBpp32)) return false;
            }
        }
    // 1:1 nearest sampling: the shaded tile is the fetched texels. Write it back row by row.
    for (uint32_t r = 0; r < th; ++r) {
        uint64_t addr = d.rt + (y0 + r) * d.rt_pitch + uint64_t(x0) * kBpp32;
        if (!transfer(kRt, addr, &tile_[r * stride], tw * kBpp32)) return false;
    }
    return true;
}

}  // namespace socsim::clients
