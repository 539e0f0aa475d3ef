#include "support/chromium.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace socsim::test {

namespace fs = std::filesystem;

namespace {

// Runs the browser in a process group of its own with its profile and XDG
// directories under `home`; kills the whole group at the deadline.
BrowserRun run_browser(const std::vector<std::string>& argv, const std::string& home, int timeout_s) {
    ProcessOptions o;
    o.env = {"HOME=" + home, "XDG_CONFIG_HOME=" + home + "/config", "XDG_CACHE_HOME=" + home + "/cache"};
    o.timeout_s = timeout_s;
    o.own_group = true;
    return run_process(argv, o);
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
