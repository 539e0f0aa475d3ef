// Method maps of the socsim engine models GR2D, GR3D and VIC: host1x class
// IDs, method (word) offsets, trigger values, and the helpers a driver uses
// to build command streams. Pure C++ (no SystemC): the driver layer and the
// hardware models include the same definitions, so the two cannot drift.
//
// The class IDs are the real host1x ones (HOST1X_CLASS_GR2D 0x51, VIC 0x5d,
// GR3D 0x60). The method layouts below are socsim's own, NOT the hardware's:
// each engine keeps just enough state to move realistic traffic (one
// operation = a rectangle fill/copy, a textured quad, a composite), which the
// real register files (hundreds of methods, FIFOs, shaders, VIC's Falcon
// microcode with its config structs in memory) are not needed for. The full
// maps and their rationale are in clients/engines/README.md.
#pragma once

#include <cstdint>

#include "clients/host1x/host1x_class.h"
#include "clients/host1x/host1x_regs.h"

namespace socsim::clients {

// --- host1x class IDs (one definition: clients/host1x/host1x_regs.h) ---
using host1x::HOST1X_CLASS_GR2D;
using host1x::HOST1X_CLASS_GR3D;
using host1x::HOST1X_CLASS_VIC;

// Method 0 of every class: INCR_SYNCPT, value (cond << 8) | id.
inline constexpr uint32_t INCR_SYNCPT = kClassIncrSyncpt;
inline constexpr uint32_t incr_syncpt(uint32_t cond, uint32_t id) { return (cond & 0xff) << 8 | (id & 0xff); }
inline constexpr uint32_t incr_syncpt_id(uint32_t value) { return value & 0xff; }
inline constexpr uint32_t incr_syncpt_cond(uint32_t value) { return (value >> 8) & 0xff; }

// Rectangle size word shared by every engine: (height << 16) | width, in pixels.
inline constexpr uint32_t size_word(uint32_t width, uint32_t height) {
    return (height & 0xffff) << 16 | (width & 0xffff);
}
inline constexpr uint32_t size_width(uint32_t word) { return word & 0xffff; }
inline constexpr uint32_t size_height(uint32_t word) { return word >> 16; }

// --- GR2D (class 0x51): solid fill and rectangle copy ---
inline constexpr uint32_t G2_DST_ADDR = 0x10;
inline constexpr uint32_t G2_DST_PITCH = 0x11;    // bytes
inline constexpr uint32_t G2_SRC_ADDR = 0x12;
inline constexpr uint32_t G2_SRC_PITCH = 0x13;    // bytes
inline constexpr uint32_t G2_SIZE = 0x14;         // size_word(width, height)
inline constexpr uint32_t G2_BPP = 0x15;          // bytes per pixel: 1, 2 or 4
inline constexpr uint32_t G2_FILL = 0x16;         // fill value: its low BPP bytes, little-endian
inline constexpr uint32_t G2_TRIGGER = 0x17;      // starts an operation; the value selects it
inline constexpr uint32_t G2_TRIGGER_FILL = 0;
inline constexpr uint32_t G2_TRIGGER_COPY = 1;    // overlapping source and destination: undefined

// --- GR3D (class 0x60): screen-aligned textured quad, 32 bpp, 1:1 nearest ---
inline constexpr uint32_t G3_TEX_ADDR = 0x10;
inline constexpr uint32_t G3_TEX_PITCH = 0x11;
inline constexpr uint32_t G3_RT_ADDR = 0x12;
inline constexpr uint32_t G3_RT_PITCH = 0x13;
inline constexpr uint32_t G3_SIZE = 0x14;         // size_word(width, height)
inline constexpr uint32_t G3_TRIGGER = 0x15;
inline constexpr uint32_t G3_TRIGGER_DRAW = 0;
// Rasteriser geometry (part of the modelled access pattern).
inline constexpr uint32_t G3_TILE = 16;           // render-target tile: 16x16 pixels
inline constexpr uint32_t G3_TEX_BLOCK = 4;       // texture fetch: 4x4 texels

// --- VIC (class 0x5d): alpha composite of up to 4 ARGB8888 surfaces ---
inline constexpr uint32_t VIC_OUT_ADDR = 0x10;
inline constexpr uint32_t VIC_OUT_PITCH = 0x11;
inline constexpr uint32_t VIC_SIZE = 0x12;        // size_word(width, height), every surface too
inline constexpr uint32_t VIC_BACKGROUND = 0x13;  // ARGB8888 0xAARRGGBB
inline constexpr uint32_t VIC_NUM_SURFACES = 0x14;
inline constexpr uint32_t VIC_TRIGGER = 0x18;
inline constexpr uint32_t VIC_TRIGGER_COMPOSITE = 0;
inline constexpr uint32_t VIC_MAX_SURFACES = 4;
inline constexpr uint32_t VIC_SURF_ADDR(uint32_t i) { return 0x20 + 2 * i; }
inline constexpr uint32_t VIC_SURF_PITCH(uint32_t i) { return 0x21 + 2 * i; }

// Every engine surface is little-endian with 4-byte ARGB8888 pixels where
// the engine has a fixed format (GR3D, VIC).
inline constexpr uint32_t kBpp32 = 4;

// VIC's "over" operator on ARGB8888 words (0xAARRGGBB), src over dst, with
// a = src alpha and 8-bit rounding:
//   R, G, B: (s * a + d * (255 - a) + 127) / 255
//   alpha:   a + (d_a * (255 - a) + 127) / 255
// Never exceeds 255 per channel, so no clamping is needed.
inline uint32_t vic_over(uint32_t src, uint32_t dst) {
    const uint32_t a = src >> 24;
    const uint32_t inv = 255 - a;
    uint32_t out = (a + ((dst >> 24) * inv + 127) / 255) << 24;
    for (uint32_t shift = 0; shift < 24; shift += 8) {
        uint32_t s = (src >> shift) & 0xff, d = (dst >> shift) & 0xff;
        out |= ((s * a + d * inv + 127) / 255) << shift;
    }
    return out;
}

}  // namespace socsim::clients
