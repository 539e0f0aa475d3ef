// Headless Chromium for tests of the HTML report: load a local page, dump
// its DOM after the load event (scripts have run), or take a screenshot.
// Each call uses a fresh temporary profile, resolves no host names (the page
// must not need the network) and is killed, with every process it started,
// after `timeout_s` seconds.
#pragma once

#include <optional>
#include <string>

#include "support/run_command.h"

namespace socsim::test {

// The chromium executable on PATH (Debian's package `chromium`), if any.
std::optional<std::string> find_chromium();

// What the browser printed (stdout: the DOM for dump_dom) and how it ended.
using BrowserRun = CommandResult;

// `chromium --headless=new ... --window-size=W,H --dump-dom file://ABS_PATH`.
BrowserRun chromium_dump_dom(const std::string& chromium, const std::string& html_path, int width, int height,
                             int timeout_s);

// `chromium --headless=new ... --screenshot=PNG --window-size=W,H file://ABS_PATH`.
BrowserRun chromium_screenshot(const std::string& chromium, const std::string& html_path,
                               const std::string& png_path, int width, int height, int timeout_s);

}  // namespace socsim::test
