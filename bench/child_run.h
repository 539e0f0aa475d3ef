// One program run as a child process for the benchmark suite: its wall
// time and its peak resident set size. SystemC elaborates once per
// process, so every whole-scenario figure is a `socsim run` child (and the
// translation figures a `bench_translate` child); the suite runs them one
// at a time, never in parallel, so that they do not compete for the cores.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace socsim::bench {

struct ChildResult {
    bool started = false;
    std::string error;          // why it did not start
    int exit_code = -1;         // when it exited
    int signal = 0;             // when a signal ended it
    double wall_s = 0;          // spawn to exit, steady clock
    uint64_t max_rss_kib = 0;   // peak resident set (wait4's ru_maxrss)
    double cpu_s = 0;           // user + system CPU time (wait4's ru_utime + ru_stime)
};

// Runs `exe args...` with stdin from /dev/null, stdout to `out_path` and
// stderr to `err_path` (created or truncated), and waits for it.
ChildResult run_child(const std::string& exe, const std::vector<std::string>& args, const std::string& out_path,
                      const std::string& err_path);

// "exit 1", "killed by signal 9 (Killed)", "not started: ...".
std::string describe(const ChildResult& r);

// The command as one shell line (for messages and the report).
std::string command_line(const std::string& exe, const std::vector<std::string>& args);

}  // namespace socsim::bench
