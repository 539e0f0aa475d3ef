// Runs the socsim binary as a user would and captures what it printed.
#pragma once

#include <string>
#include <vector>

namespace socsim::test {

struct CommandResult {
    int exit_code = -1;     // -1 when killed by a signal
    int signal = 0;
    std::string out;
    std::string err;
};

// Runs SOCSIM_BIN with `args` (no shell involved).
CommandResult run_socsim(const std::vector<std::string>& args);

// Absolute path of a file in the source tree.
inline std::string source_path(const std::string& relative) {
    return std::string(SOCSIM_SOURCE_DIR) + "/" + relative;
}

}  // namespace socsim::test
