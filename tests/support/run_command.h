// Runs the socsim binary as a user would and captures what it printed.
#pragma once

#include <string>
#include <vector>

namespace socsim::test {

struct CommandResult {
    int exit_code = -1;     // -1 when killed by a signal
    int signal = 0;
    bool timed_out = false;
    std::string out;
    std::string err;
};

struct ProcessOptions {
    std::vector<std::string> env;   // NAME=VALUE entries replacing (or adding to) the environment
    int timeout_s = 0;              // 0: wait for it; else kill it (and its process group) then
    bool own_group = false;         // start it in a process group of its own, killed when it returns
};

// Runs argv[0] (an absolute path) with stdin from /dev/null, capturing
// stdout and stderr (no shell involved). A timeout leaves exit_code -1 and
// sets timed_out.
CommandResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// Runs SOCSIM_BIN with `args`.
CommandResult run_socsim(const std::vector<std::string>& args);

// Absolute path of a file in the source tree.
inline std::string source_path(const std::string& relative) {
    return std::string(SOCSIM_SOURCE_DIR) + "/" + relative;
}

}  // namespace socsim::test
