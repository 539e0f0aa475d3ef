// VIC model (see vic.h): composite, line by line.
#include "clients/engines/vic.h"

#include <algorithm>

namespace socsim::clients {

namespace {

uint32_t load32(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }

void store32(uint8_t* p, uint32_t v) {
    for (int b = 0; b < 4; ++b) p[b] = uint8_t(v >> (8 * b));
}

constexpr const char* kSurfAddrNames[VIC_MAX_SURFACES] = {"VIC_SURF_ADDR(0)", "VIC_SURF_ADDR(1)",
                                                            "VIC_SURF_ADDR(2)", "VIC_SURF_ADDR(3)"};
constexpr const char* kSurfPitchNames[VIC_MAX_SURFACES] = {"VIC_SURF_PITCH(0)", "VIC_SURF_PITCH(1)",
                                                             "VIC_SURF_PITCH(2)", "VIC_SURF_PITCH(3)"};

}  // namespace

bool Vic::supported(const soc::SocInfo& soc) { return !model_unsupported(soc, NodeKind::Vic); }

Vic::Vic(sc_core::sc_module_name name, const soc::SocInfo& soc, soc::PayloadPool& pool, soc::TimingMode mode)
    : Engine(name, soc, pool, mode, HOST1X_CLASS_VIC, "vic", NodeKind::Vic) {
    define_reg(VIC_OUT_ADDR, "VIC_OUT_ADDR");
    define_reg(VIC_OUT_PITCH, "VIC_OUT_PITCH");
    define_reg(VIC_SIZE, "VIC_SIZE");
    define_reg(VIC_BACKGROUND, "VIC_BACKGROUND");
    define_reg(VIC_NUM_SURFACES, "VIC_NUM_SURFACES", 0, [this](uint32_t v) { num_surfaces(v); });
    define_trigger(VIC_TRIGGER, "VIC_TRIGGER", [this](uint32_t v) { trigger(v); });
    for (uint32_t i = 0; i < VIC_MAX_SURFACES; ++i) {
        define_reg(VIC_SURF_ADDR(i), kSurfAddrNames[i]);
        define_reg(VIC_SURF_PITCH(i), kSurfPitchNames[i]);
    }
}

void Vic::num_surfaces(uint32_t value) {
    // Read-back keeps what was written; the composite clamps.
    if (value > VIC_MAX_SURFACES) config_error();
}

void Vic::trigger(uint32_t value) {
    uint32_t width = size_width(reg(VIC_SIZE)), height = size_height(reg(VIC_SIZE));
    uint32_t surfaces = std::min(reg(VIC_NUM_SURFACES), VIC_MAX_SURFACES);
    uint64_t row = uint64_t(width) * kBpp32;
    bool ok = value == VIC_TRIGGER_COMPOSITE && width > 0 && height > 0 && reg(VIC_OUT_PITCH) >= row;
    for (uint32_t i = 0; i < surfaces; ++i) ok = ok && reg(VIC_SURF_PITCH(i)) >= row;
    if (!ok) return config_error();
    Composite c{reg(VIC_OUT_ADDR), reg(VIC_OUT_PITCH), width, height, reg(VIC_BACKGROUND), surfaces, {}, {}};
    for (uint32_t i = 0; i < surfaces; ++i) {
        c.addr[i] = reg(VIC_SURF_ADDR(i));
        c.pitch[i] = reg(VIC_SURF_PITCH(i));
        in_[i].resize(row);
    }
    out_.resize(row);
    operate([&] { return composite(c); });
}

bool Vic::composite(const Composite& c) {
    const uint32_t row = c.width * kBpp32;
    for (uint32_t y = 0; y < c.height; ++y) {
        for (uint32_t i = 0; i < c.surfaces; ++i)
            if (!transfer(kRead, c.addr[i] + y * c.pitch[i], in_[i].data(), row)) return false;
        for (uint32_t x = 0; x < c.width; ++x) {
            uint32_t px = c.background;
            for (uint32_t i = 0; i < c.surfaces; ++i) px = vic_over(load32(&in_[i][x * kBpp32]), px);
            store32(&out_[x * kBpp32], px);
        }
        if (!transfer(kWrite, c.out + y * c.out_pitch, out_.data(), row)) return false;
    }
    return true;
}

}  // namespace socsim::clients
