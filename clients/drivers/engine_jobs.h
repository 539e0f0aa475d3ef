// Command buffers for the engine jobs a scenario submits: the method writes
// of one GR2D fill or copy, GR3D textured quad or VIC composite (register
// maps of clients/engines/engine_regs.h) followed by the job's syncpoint
// increment on OP_DONE, as a user-space driver writes them into a gather.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clients/drivers/tegra_drm.h"

namespace socsim::drivers {

struct Surface {
    uint64_t addr = 0;    // device address of the first pixel
    uint32_t pitch = 0;   // bytes
};

struct EngineOp {
    std::string kind;                // fill | copy (GR2D), draw (GR3D), composite (VIC)
    uint32_t width = 0, height = 0;
    uint32_t bpp = 4;                // GR2D only; GR3D and VIC are 32 bpp
    uint32_t color = 0;              // fill value / VIC background
    Surface dst;
    std::vector<Surface> src;        // copy: 1; draw: the texture; composite: up to 4
};

// The class of the engine behind a client kind (0 for the DC).
uint32_t engine_class(ClientKind k);
// Which ops each engine performs, for messages ("fill, copy").
const char* engine_ops(ClientKind k);
bool engine_does(ClientKind k, const std::string& op);

// The gathered words of one job; syncpoint `syncpt` is incremented once.
std::vector<uint32_t> engine_job_words(ClientKind k, const EngineOp& op, uint32_t syncpt);

}  // namespace socsim::drivers
