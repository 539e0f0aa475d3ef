// Display controller heads for model tests: built at elaboration inside a
// module (so that the MC creates the ingress sockets they bind to as
// children of a module) and bound to their window clients. A test file
// defines its model_config() as `return socsim::test::one_head_config(BOARD);`
// (head 0, no VBLANK syncpoint) or `return socsim::test::both_heads_config(BOARD);`
// (heads 0 and 1, VBLANKs recorded in `sync`); plus the configurations and
// times the tests share.
#pragma once

#include <memory>

#include "clients/display/display_controller.h"
#include "model/model_harness.h"

namespace socsim::test {

inline void bind_windows(clients::DisplayController& dc, soc::Platform& p) {
    for (int w = 0; w < 3; ++w) dc.window_socket[w].bind(p.mc.ingress(dc.window_client(w).id));
}

struct OneHead : sc_core::sc_module {
    soc::PayloadPool pool;
    clients::DisplayController dc;
    OneHead(sc_core::sc_module_name name, soc::Platform& p)
        : sc_module(name), dc("dc", soc_info(), 0, pool, config().mode, nullptr) {
        bind_windows(dc, p);
    }
};

struct BothHeads : sc_core::sc_module {
    soc::PayloadPool pool;
    RecordingSyncpoints sync;
    clients::DisplayController dc, dcb;
    BothHeads(sc_core::sc_module_name name, soc::Platform& p)
        : sc_module(name), dc("dc", soc_info(), 0, pool, config().mode, &sync),
          dcb("dcb", soc_info(), 1, pool, config().mode, &sync) {
        bind_windows(dc, p);
        bind_windows(dcb, p);
    }
};

inline std::unique_ptr<OneHead> g_one_head;
inline std::unique_ptr<BothHeads> g_heads;

inline ModelConfig one_head_config(const char* board) {
    ModelConfig c;
    c.board = board;
    c.elaborate = [](soc::Platform& p) { g_one_head = std::make_unique<OneHead>("display", p); };
    return c;
}

inline ModelConfig both_heads_config(const char* board, soc::TimingMode mode = soc::TimingMode::Fast) {
    ModelConfig c;
    c.board = board;
    c.mode = mode;
    c.elaborate = [](soc::Platform& p) { g_heads = std::make_unique<BothHeads>("display", p); };
    return c;
}

inline clients::DisplayController& head0() { return g_one_head->dc; }

// Window A scanning out the whole mode in ARGB8888 (linear), `frames` frames (0: until disabled).
inline clients::DcConfig one_window(const clients::DcMode& mode, uint64_t base, uint64_t frames) {
    clients::DcConfig c;
    c.mode = mode;
    c.windows[0] = {true, base, mode.hactive, mode.vactive, mode.hactive * 4, 4, false, 0, 0};
    c.frames = frames;
    return c;
}

// Time from an off head's commit to the end of frame `frames` - 1 (the
// vertical blank it starts in, then whole frames).
inline uint64_t run_ps(const clients::DcMode& m, uint64_t frames) {
    return m.pixels_ps(uint64_t(m.vblank_lines()) * m.htotal) + frames * m.frame_ps();
}

}  // namespace socsim::test
