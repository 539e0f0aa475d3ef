#include "clients/drivers/engine_jobs.h"

#include "clients/engines/engine_regs.h"
#include "clients/host1x/host1x_regs.h"

namespace socsim::drivers {

using namespace socsim::clients;
namespace h1x = socsim::clients::host1x;

uint32_t engine_class(ClientKind k) {
    switch (k) {
        case ClientKind::Gr2d: return HOST1X_CLASS_GR2D;
        case ClientKind::Gr3d: return HOST1X_CLASS_GR3D;
        case ClientKind::Vic: return HOST1X_CLASS_VIC;
        case ClientKind::Dc: return 0;
    }
    return 0;
}

const char* engine_ops(ClientKind k) {
    switch (k) {
        case ClientKind::Gr2d: return "fill, copy";
        case ClientKind::Gr3d: return "draw";
        case ClientKind::Vic: return "composite";
        case ClientKind::Dc: return "none (display heads scan out with 'display')";
    }
    return "";
}

bool engine_does(ClientKind k, const std::string& op) {
    switch (k) {
        case ClientKind::Gr2d: return op == "fill" || op == "copy";
        case ClientKind::Gr3d: return op == "draw";
        case ClientKind::Vic: return op == "composite";
        case ClientKind::Dc: return false;
    }
    return false;
}

namespace {

// INCR(first, n) followed by the n values.
void incr(std::vector<uint32_t>& w, uint32_t first, std::initializer_list<uint32_t> values) {
    w.push_back(h1x::opcode_incr(first, static_cast<uint32_t>(values.size())));
    w.insert(w.end(), values.begin(), values.end());
}

uint32_t lo(uint64_t addr) { return static_cast<uint32_t>(addr); }

}  // namespace

std::vector<uint32_t> engine_job_words(ClientKind k, const EngineOp& op, uint32_t syncpt) {
    std::vector<uint32_t> w;
    uint32_t size = size_word(op.width, op.height);
    switch (k) {
        case ClientKind::Gr2d: {
            Surface src = op.src.empty() ? Surface{} : op.src.front();
            incr(w, G2_DST_ADDR, {lo(op.dst.addr), op.dst.pitch, lo(src.addr), src.pitch, size, op.bpp, op.color});
            w.push_back(h1x::opcode_imm(G2_TRIGGER, op.kind == "copy" ? G2_TRIGGER_COPY : G2_TRIGGER_FILL));
            break;
        }
        case ClientKind::Gr3d: {
            Surface tex = op.src.empty() ? Surface{} : op.src.front();
            incr(w, G3_TEX_ADDR, {lo(tex.addr), tex.pitch, lo(op.dst.addr), op.dst.pitch, size});
            w.push_back(h1x::opcode_imm(G3_TRIGGER, G3_TRIGGER_DRAW));
            break;
        }
        case ClientKind::Vic: {
            incr(w, VIC_OUT_ADDR, {lo(op.dst.addr), op.dst.pitch, size, op.color,
                                   static_cast<uint32_t>(op.src.size())});
            for (uint32_t i = 0; i < op.src.size(); ++i)
                incr(w, VIC_SURF_ADDR(i), {lo(op.src[i].addr), op.src[i].pitch});
            w.push_back(h1x::opcode_imm(VIC_TRIGGER, VIC_TRIGGER_COMPOSITE));
            break;
        }
        case ClientKind::Dc: return w;
    }
    w.push_back(h1x::opcode_imm(INCR_SYNCPT, incr_syncpt(kIncrSyncptCondOpDone, syncpt)));
    return w;
}

}  // namespace socsim::drivers
