// Head 0 of the display controller model for model tests that need one
// head on a board of their own: built at elaboration inside a module (so
// that the MC creates the ingress sockets it binds to as children of a
// module), no VBLANK syncpoint. A test file defines its model_config() as
// `return socsim::test::one_head_config("tests/model/boards/....yaml");`.
#pragma once

#include <memory>

#include "clients/display/display_controller.h"
#include "model/model_harness.h"

namespace socsim::test {

struct OneHead : sc_core::sc_module {
    soc::PayloadPool pool;
    clients::DisplayController dc;
    OneHead(sc_core::sc_module_name name, soc::Platform& p)
        : sc_module(name), dc("dc", soc_info(), 0, pool, config().mode, nullptr) {
        for (int w = 0; w < 3; ++w) dc.window_socket[w].bind(p.mc.ingress(dc.window_client(w).id));
    }
};

inline std::unique_ptr<OneHead> g_one_head;

inline ModelConfig one_head_config(const char* board) {
    ModelConfig c;
    c.board = board;
    c.elaborate = [](soc::Platform& p) { g_one_head = std::make_unique<OneHead>("display", p); };
    return c;
}

inline clients::DisplayController& head0() { return g_one_head->dc; }

}  // namespace socsim::test
