#include "bench/child_run.h"

#include <sys/resource.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <fmt/format.h>

#include "app/child_process.h"

namespace socsim::bench {

ChildResult run_child(const std::string& exe, const std::vector<std::string>& args, const std::string& out_path,
                      const std::string& err_path) {
    ChildResult r;
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid = 0;
    int rc = app::spawn_process(exe, exe, args, out_path, err_path, pid);
    if (rc != 0) {
        r.error = std::strerror(rc);
        return r;
    }
    r.started = true;
    int status = 0;
    rusage usage{};
    pid_t got;
    do {
        got = wait4(pid, &status, 0, &usage);
    } while (got < 0 && errno == EINTR);
    r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (got < 0) {
        r.started = false;
        r.error = std::string("lost: ") + std::strerror(errno);
        return r;
    }
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    r.max_rss_kib = uint64_t(usage.ru_maxrss);   // Linux: KiB
    auto secs = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    r.cpu_s = secs(usage.ru_utime) + secs(usage.ru_stime);
    return r;
}

std::string describe(const ChildResult& r) {
    if (!r.started) return "not started: " + r.error;
    if (r.signal) return fmt::format("killed by signal {} ({})", r.signal, strsignal(r.signal));
    return fmt::format("exit {}", r.exit_code);
}

std::string command_line(const std::string& exe, const std::vector<std::string>& args) {
    std::string line = app::shell_word(exe);
    for (const auto& a : args) line += " " + app::shell_word(a);
    return line;
}

}  // namespace socsim::bench
