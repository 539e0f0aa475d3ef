#include "app/child_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <map>

#include <fmt/format.h>

extern char** environ;

namespace socsim::app {

namespace {

// The executable a child runs: this very binary, whatever its name or cwd.
constexpr const char* kSelf = "/proc/self/exe";

}  // namespace

int spawn_process(const std::string& exe, const std::string& argv0, const std::vector<std::string>& args,
                  const std::string& out_path, const std::string& err_path, pid_t& pid) {
    std::vector<std::string> store{argv0};
    store.insert(store.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : store) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc;
}

std::string describe_status(const ChildStatus& s) {
    if (!s.started) return "not started: " + s.error;
    if (s.signal) return fmt::format("killed by signal {} ({})", s.signal, strsignal(s.signal));
    return fmt::format("exit {}", s.exit_code);
}

std::vector<ChildStatus> run_children(const std::vector<ChildJob>& jobs, unsigned parallel,
                                      const std::function<void(size_t, const PoolState&)>& on_finish,
                                      const std::function<void(const PoolState&)>& on_tick) {
    std::vector<ChildStatus> status(jobs.size());
    std::map<pid_t, size_t> running;
    PoolState state{0, 0, jobs.size()};
    size_t next = 0;
    if (parallel == 0) parallel = 1;
    const timespec poll{0, 100 * 1000 * 1000};
    while (state.done < jobs.size()) {
        while (next < jobs.size() && running.size() < parallel) {
            pid_t pid = 0;
            int rc = spawn_process(kSelf, "socsim", jobs[next].args, "/dev/null", jobs[next].log, pid);
            if (rc != 0) {
                status[next].error = std::strerror(rc);
                ++state.done;
                if (on_finish) on_finish(next, state);
            } else {
                status[next].started = true;
                running[pid] = next;
                state.running = running.size();
            }
            ++next;
        }
        if (running.empty()) continue;
        int wstatus = 0;
        pid_t pid = waitpid(-1, &wstatus, on_tick ? WNOHANG : 0);
        if (pid == 0) {
            on_tick(state);
            nanosleep(&poll, nullptr);
            continue;
        }
        if (pid < 0) {
            if (errno == EINTR) continue;
            // No child left to wait for (ECHILD): record the rest as lost.
            std::string why = std::strerror(errno);
            for (const auto& entry : running) {
                status[entry.second].started = false;
                status[entry.second].error = "lost: " + why;
            }
            state.done += running.size();
            running.clear();
            continue;
        }
        auto it = running.find(pid);
        if (it == running.end()) continue;
        size_t i = it->second;
        running.erase(it);
        if (WIFEXITED(wstatus)) status[i].exit_code = WEXITSTATUS(wstatus);
        if (WIFSIGNALED(wstatus)) status[i].signal = WTERMSIG(wstatus);
        ++state.done;
        state.running = running.size();
        if (on_finish) on_finish(i, state);
    }
    return status;
}

std::string self_exe() {
    char buf[4096];
    ssize_t n = readlink(kSelf, buf, sizeof buf - 1);
    if (n <= 0) return kSelf;
    return std::string(buf, static_cast<size_t>(n));
}

unsigned default_parallelism() {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? static_cast<unsigned>(n) : 1u;
}

std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::string shell_word(const std::string& text) {
    static const std::string safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,@%";
    if (!text.empty() && text.find_first_not_of(safe) == std::string::npos) return text;
    return shell_quote(text);
}

std::string tail_of_file(const std::string& path, size_t max_lines) {
    std::ifstream in(path);
    std::deque<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
        if (lines.size() > max_lines) lines.pop_front();
    }
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

}  // namespace socsim::app
