// [system] The malformed-board corpus (tests/boards/bad): every file makes
// `socsim validate` print a located error at the expected line and column
// with the expected exit code, and never crash or print anything but
// diagnostics on stderr. Expectations are the first line of each file,
//   # expect: exit=2 line=7 col=5 message="duplicate key"
// or, for binary files, the same line in FILE.expect.
#include <catch2/catch.hpp>

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/run_command.h"

using socsim::test::run_socsim;
using socsim::test::source_path;

namespace {

struct Expectation {
    int exit_code = -1;
    int line = 0;
    int col = 0;
    std::string message;
};

bool parse_expectation(const std::string& text, Expectation& e) {
    static const std::regex re(R"(# expect: exit=(\d) line=(\d+) col=(\d+) message="([^"]*)\")");
    std::smatch m;
    if (!std::regex_search(text, m, re)) return false;
    e.exit_code = std::stoi(m[1]);
    e.line = std::stoi(m[2]);
    e.col = std::stoi(m[3]);
    e.message = m[4];
    return true;
}

std::string first_line(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::getline(in, line);
    return line;
}

std::vector<std::string> corpus() {
    std::vector<std::string> files;
    std::string dir = source_path("tests/boards/bad");
    if (DIR* d = opendir(dir.c_str())) {
        while (dirent* e = readdir(d)) {
            std::string name = e->d_name;
            if (name.size() > 5 && name.compare(name.size() - 5, 5, ".yaml") == 0) files.push_back(dir + "/" + name);
        }
        closedir(d);
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("malformed boards: located error, right exit code, no crash", "[system][validate][corpus]") {
    auto files = corpus();
    REQUIRE(files.size() >= 25);
    static const std::regex diag_line(R"(^.+:\d+:\d+: (error|warning|note): .+$)");
    for (const auto& file : files) {
        Expectation e;
        std::ifstream sidecar(file + ".expect");
        std::string spec = sidecar ? first_line(file + ".expect") : first_line(file);
        INFO(file);
        REQUIRE(parse_expectation(spec, e));
        auto r = run_socsim({"validate", file});
        INFO(r.err);
        CHECK(r.signal == 0);
        CHECK(r.exit_code == e.exit_code);
        std::string want = file + ":" + std::to_string(e.line) + ":" + std::to_string(e.col) + ": error: ";
        bool found = false;
        std::istringstream lines(r.err);
        for (std::string line; std::getline(lines, line);) {
            CHECK(std::regex_match(line, diag_line));
            if (line.rfind(want, 0) == 0 && line.find(e.message) != std::string::npos) found = true;
        }
        CHECK(found);
        if (e.exit_code == 2) CHECK(r.out.empty());
    }
}
