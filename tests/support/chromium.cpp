#include "support/chromium.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace socsim::test {

namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs argv in its own process group with a private profile and XDG
// directories under `home`; kills the whole group at the deadline, and
// whatever it left running when it returns.
BrowserRun run_browser(std::vector<std::string> argv, const std::string& home, int timeout_s) {
    std::string out_path = home + "/stdout", err_path = home + "/stderr";
    int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out_fd < 0 || err_fd < 0) throw std::runtime_error("cannot create " + out_path);

    std::vector<std::string> env_store;
    for (char** e = environ; *e; ++e) {
        std::string v = *e;
        if (v.rfind("HOME=", 0) && v.rfind("XDG_CONFIG_HOME=", 0) && v.rfind("XDG_CACHE_HOME=", 0)) env_store.push_back(v);
    }
    env_store.push_back("HOME=" + home);
    env_store.push_back("XDG_CONFIG_HOME=" + home + "/config");
    env_store.push_back("XDG_CACHE_HOME=" + home + "/cache");
    std::vector<char*> envp, args;
    for (auto& v : env_store) envp.push_back(v.data());
    envp.push_back(nullptr);
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
    posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid;
    int rc = posix_spawn(&pid, args[0], &actions, &attr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(out_fd);
    close(err_fd);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);

    BrowserRun r;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid) break;
        if (std::chrono::steady_clock::now() > deadline) {
            r.timed_out = true;
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(-pid, SIGKILL);   // helpers of the browser still in its group (none when it exited cleanly)
    if (!r.timed_out && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    r.out = slurp(out_path);
    r.err = slurp(err_path);
    return r;
}

std::vector<std::string> base_args(const std::string& chromium, const std::string& profile) {
    return {chromium,
            "--headless=new",
            "--no-sandbox",             // tests may run as root, where the sandbox refuses to start
            "--disable-gpu",
            "--disable-dev-shm-usage",  // containers often have a tiny /dev/shm
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--host-resolver-rules=MAP * ~NOTFOUND",   // a page that needs the network breaks visibly
            "--hide-scrollbars",
            "--user-data-dir=" + profile};
}

// A temporary directory removed when the run is over.
struct TempHome {
    std::string path;
    TempHome() {
        char tmpl[] = "/tmp/socsim-chromium-XXXXXX";
        if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
        path = tmpl;
    }
    ~TempHome() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string file_url(const std::string& path) { return "file://" + fs::absolute(path).string(); }

}  // namespace

std::optional<std::string> find_chromium() {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        std::string candidate = dir + "/chromium";
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

BrowserRun chromium_dump_dom(const std::string& chromium, const std::string& html_path, int width, int height,
                             int timeout_s) {
    TempHome home;
    auto args = base_args(chromium, home.path + "/profile");
    args.push_back("--window-size=" + std::to_string(width) + "," + std::to_string(height));
    args.push_back("--dump-dom");
    args.push_back(file_url(html_path));
    return run_browser(args, home.path, timeout_s);
}

BrowserRun chromium_screenshot(const std::string& chromium, const std::string& html_path, const std::string& png_path,
                               int width, int height, int timeout_s) {
    TempHome home;
    auto args = base_args(chromium, home.path + "/profile");
    args.push_back("--screenshot=" + fs::absolute(png_path).string());
    args.push_back("--window-size=" + std::to_string(width) + "," + std::to_string(height));
    args.push_back(file_url(html_path));
    return run_browser(args, home.path, timeout_s);
}

}  // namespace socsim::test
