#include "support/run_command.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "support/read_text.h"

namespace socsim::test {

CommandResult run_process(const std::vector<std::string>& argv, const ProcessOptions& o) {
    char out_tmpl[] = "/tmp/socsim_out_XXXXXX";
    char err_tmpl[] = "/tmp/socsim_err_XXXXXX";
    int out_fd = mkstemp(out_tmpl);
    int err_fd = mkstemp(err_tmpl);
    if (out_fd < 0 || err_fd < 0) throw std::runtime_error("mkstemp failed");

    std::vector<std::string> env_store;
    auto replaced = [&](const std::string& entry) {
        for (const auto& e : o.env)
            if (entry.compare(0, e.find('=') + 1, e, 0, e.find('=') + 1) == 0) return true;
        return false;
    };
    for (char** e = environ; *e; ++e)
        if (!replaced(*e)) env_store.push_back(*e);
    env_store.insert(env_store.end(), o.env.begin(), o.env.end());
    std::vector<std::string> argv_store = argv;
    std::vector<char*> args, envp;
    for (auto& a : argv_store) args.push_back(a.data());
    args.push_back(nullptr);
    for (auto& v : env_store) envp.push_back(v.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
    posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    if (o.own_group) {
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attr, 0);
    }
    pid_t pid;
    int rc = posix_spawn(&pid, args[0], &actions, &attr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(out_fd);
    close(err_fd);
    if (rc != 0) throw std::runtime_error("cannot start " + argv.at(0));

    CommandResult r;
    int status = 0;
    const pid_t target = o.own_group ? -pid : pid;
    if (o.timeout_s == 0) {
        waitpid(pid, &status, 0);
    } else {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(o.timeout_s);
        while (waitpid(pid, &status, WNOHANG) != pid) {
            if (std::chrono::steady_clock::now() > deadline) {
                r.timed_out = true;
                kill(target, SIGKILL);
                waitpid(pid, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    if (o.own_group) kill(-pid, SIGKILL);   // whatever it left running in its group
    if (!r.timed_out && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (!r.timed_out && WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    r.out = read_text(out_tmpl);
    r.err = read_text(err_tmpl);
    std::remove(out_tmpl);
    std::remove(err_tmpl);
    return r;
}

CommandResult run_socsim(const std::vector<std::string>& args) {
    std::vector<std::string> argv{SOCSIM_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
}

}  // namespace socsim::test
