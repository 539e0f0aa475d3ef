// Shared by the scenario reader's two halves (scenario_parser.cpp: the
// top level; step_parser.cpp: one step).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "run/scenario.h"
#include "util/yaml_doc.h"

namespace socsim::run::detail {

struct ParseContext {
    Diagnostics& diags;
    const Scenario& scenario;                  // board and layout already loaded
    std::map<std::string, size_t> handles;     // domain handle -> step that allocates it
    uint64_t last_at_ns = 0;
    std::map<std::string, size_t> buffers;     // GEM buffer -> step that allocates it
};

// `expect:` of a step or of a run-wide assertion: a scalar, or a mapping
// from policy names to scalars. `allowed` checks one scalar (it reports and
// returns false when the value is not acceptable).
bool read_expect(const yaml::Node& n, Diagnostics& diags, Expect& out, std::string_view what,
                 const std::function<bool(const yaml::Node&)>& allowed);

// The keys of a client step (client_step_parser.cpp); the generic keys
// (device, size, ...) are read by parse_step.
bool read_client_step(const yaml::Node& n, ParseContext& ctx, Step& out);
// mem_check on a buffer: `buffer:` and `offset:`.
bool read_buffer_check(const yaml::Node& n, ParseContext& ctx, Step& out);

// Parses steps[i]; false after reporting what is wrong.
bool parse_step(const yaml::Node& n, size_t index, ParseContext& ctx, Step& out);

}  // namespace socsim::run::detail
