// GR2D model (see gr2d.h): fill and copy, line by line.
#include "clients/engines/gr2d.h"

namespace socsim::clients {

bool Gr2d::supported(const soc::SocInfo& soc) { return !model_unsupported(soc, NodeKind::Gr2d); }

Gr2d::Gr2d(sc_core::sc_module_name name, const soc::SocInfo& soc, soc::PayloadPool& pool, soc::TimingMode mode)
    : Engine(name, soc, pool, mode, HOST1X_CLASS_GR2D, "gr2d", NodeKind::Gr2d) {
    define_reg(G2_DST_ADDR, "G2_DST_ADDR");
    define_reg(G2_DST_PITCH, "G2_DST_PITCH");
    define_reg(G2_SRC_ADDR, "G2_SRC_ADDR");
    define_reg(G2_SRC_PITCH, "G2_SRC_PITCH");
    define_reg(G2_SIZE, "G2_SIZE");
    define_reg(G2_BPP, "G2_BPP", 4);
    define_reg(G2_FILL, "G2_FILL");
    define_trigger(G2_TRIGGER, "G2_TRIGGER", [this](uint32_t v) { trigger(v); });
}

void Gr2d::trigger(uint32_t value) {
    uint32_t width = size_width(reg(G2_SIZE)), height = size_height(reg(G2_SIZE)), bpp = reg(G2_BPP);
    bool copying = value == G2_TRIGGER_COPY;
    uint64_t row = uint64_t(width) * bpp;
    bool ok = (value == G2_TRIGGER_FILL || copying) && width > 0 && height > 0 &&
              (bpp == 1 || bpp == 2 || bpp == 4) && reg(G2_DST_PITCH) >= row &&
              (!copying || reg(G2_SRC_PITCH) >= row);
    if (!ok) return config_error();
    line_.resize(row);
    operate([&] { return copying ? copy(height) : fill(width, height, bpp); });
}

bool Gr2d::fill(uint32_t width, uint32_t height, uint32_t bpp) {
    uint32_t value = reg(G2_FILL);
    for (uint32_t x = 0; x < width; ++x)
        for (uint32_t b = 0; b < bpp; ++b) line_[x * bpp + b] = uint8_t(value >> (8 * b));
    uint64_t dst = reg(G2_DST_ADDR), pitch = reg(G2_DST_PITCH);
    // One pattern line serves every line: a write request leaves its buffer alone.
    for (uint32_t y = 0; y < height; ++y)
        if (!transfer(kDst, dst + y * pitch, line_.data(), uint32_t(line_.size()))) return false;
    return true;
}

bool Gr2d::copy(uint32_t height) {
    uint64_t src = reg(G2_SRC_ADDR), spitch = reg(G2_SRC_PITCH);
    uint64_t dst = reg(G2_DST_ADDR), dpitch = reg(G2_DST_PITCH);
    uint32_t row = uint32_t(line_.size());
    for (uint32_t y = 0; y < height; ++y) {
        if (!transfer(kSrc, src + y * spitch, line_.data(), row)) return false;
        if (!transfer(kDst, dst + y * dpitch, line_.data(), row)) return false;
    }
    return true;
}

}  // namespace socsim::clients
