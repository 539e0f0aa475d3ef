// What a trace needs to know of the simulated SoC to name its tracks and
// signals: the memory clients, the display heads and the engines, built
// from the platform of a run (trace/run_trace.h). Pure data.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace socsim::trace {

struct TraceTopology {
    struct Head {
        uint32_t head = 0;
        std::string device;                  // the DC node's label ("dc0")
        std::array<size_t, 3> clients{};     // windows A, B, C: SoC client indexes
    };
    struct Engine {
        std::string module;                  // the model's name ("vic", "test_dma0")
        std::string device;                  // its node's label ("vic", "dma0")
        std::vector<size_t> clients;         // its memory clients
        bool test_dma = false;
    };

    std::vector<std::string> clients;        // SoC memory-client names by index
    std::map<uint32_t, size_t> client_by_id; // MC client ID -> index
    std::vector<Head> heads;
    std::vector<Engine> engines;
};

}  // namespace socsim::trace
