// Runs of socsim itself in child processes. SystemC elaborates once per
// process, so `compare` and `sweep` run every variant or point as
// `socsim run ...` in a child (/proc/self/exe), never in-process: a pool of
// at most N children at a time (posix_spawn + waitpid), each child's stderr
// captured to a log file, its stdout discarded.
#pragma once

#include <functional>
#include <sys/types.h>

#include <string>
#include <vector>

namespace socsim::app {

// Starts `exe` with argv[0] = `argv0` and `args`: stdin from /dev/null,
// stdout to `out_path` and stderr to `err_path` (created or truncated).
// Returns posix_spawn's error number (0: started, `pid` set).
int spawn_process(const std::string& exe, const std::string& argv0, const std::vector<std::string>& args,
                  const std::string& out_path, const std::string& err_path, pid_t& pid);

struct ChildJob {
    std::vector<std::string> args;   // socsim's arguments ("run", SCENARIO, ...)
    std::string log;                 // the child's stderr (created or truncated)
};

struct ChildStatus {
    bool started = false;            // false: it could not be started (`error` says why)
    int exit_code = -1;              // when it exited
    int signal = 0;                  // when a signal ended it
    std::string error;
};

// "exit 1", "killed by signal 11 (Segmentation fault)", "not started: ...".
std::string describe_status(const ChildStatus& s);

struct PoolState {
    size_t done = 0;
    size_t running = 0;
    size_t total = 0;
};

// Runs every job with at most `parallel` children at once, in order of
// index. `on_finish(index, state)` is called as each child ends, and
// `on_tick(state)` about every 100 ms while children run (may be empty).
std::vector<ChildStatus> run_children(const std::vector<ChildJob>& jobs, unsigned parallel,
                                      const std::function<void(size_t, const PoolState&)>& on_finish,
                                      const std::function<void(const PoolState&)>& on_tick = {});

// The running socsim binary's absolute path (for commands run elsewhere).
std::string self_exe();
// The number of online cores (at least 1): the default of -j.
unsigned default_parallelism();
// `text` as one POSIX shell word ('...' with embedded quotes escaped).
std::string shell_quote(const std::string& text);
// The same, left as it is when it needs no quotes (letters, digits and
// /._-+=:,@%), so that printed commands stay readable.
std::string shell_word(const std::string& text);
// The last `max_lines` lines of a file (a child's log), for messages.
std::string tail_of_file(const std::string& path, size_t max_lines);

}  // namespace socsim::app
