// Shared by the malformed-input corpora (tests/boards/bad, tests/scenarios/bad):
// each corpus file states on its first line (or, for binary files, in
// FILE.expect) what socsim must report for it:
//   # expect: exit=2 line=7 col=5 message="duplicate key"
// An optional `file=PATH` after the exit code names the file the error is
// located in, relative to the corpus file, when that is another file (a
// scenario whose board is broken reports the error in the board):
//   # expect: exit=2 file=boards/broken.yaml line=3 col=1 message="..."
// An optional `errors=N` after the column says that the input gives exactly
// N errors (no follow-on errors from one mistake):
//   # expect: exit=1 line=7 col=31 errors=1 message="..."
#pragma once

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/parallel_runs.h"
#include "support/run_command.h"

namespace socsim::test {

struct Expectation {
    int exit_code = -1;
    std::string file;   // where the error is located, relative to the corpus file; empty = the corpus file
    int line = 0;
    int col = 0;
    int errors = -1;      // how many errors the input gives; -1 = not stated
    std::string message;  // a substring of the diagnostic's message
};

inline bool parse_expectation(const std::string& text, Expectation& e) {
    static const std::regex re(
        R"(# expect: exit=(\d)(?: file=(\S+))? line=(\d+) col=(\d+)(?: errors=(\d+))? message="([^"]*)\")");
    std::smatch m;
    if (!std::regex_search(text, m, re)) return false;
    e.exit_code = std::stoi(m[1]);
    e.file = m[2];
    e.line = std::stoi(m[3]);
    e.col = std::stoi(m[4]);
    e.errors = m[5].matched ? std::stoi(m[5]) : -1;
    e.message = m[6];
    return true;
}

inline std::string first_line(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::getline(in, line);
    return line;
}

// The *.yaml files directly in the source-tree directory `relative`, as
// absolute paths, sorted (subdirectories hold helper files, not cases).
inline std::vector<std::string> list_corpus(const std::string& relative) {
    std::vector<std::string> files;
    std::string dir = source_path(relative);
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

// One diagnostic in the compiler format editors understand.
inline bool is_diagnostic_line(const std::string& line) {
    static const std::regex diag_line(R"(^.+:\d+:\d+: (error|warning|note): .+$)");
    return std::regex_match(line, diag_line);
}

// "FILE:LINE:COL: error: " for the error `e` expects of `corpus_file`.
inline std::string expected_error_prefix(const std::string& corpus_file, const Expectation& e) {
    std::string file = corpus_file;
    if (!e.file.empty()) file = corpus_file.substr(0, corpus_file.rfind('/') + 1) + e.file;
    return file + ":" + std::to_string(e.line) + ":" + std::to_string(e.col) + ": error: ";
}

// Runs `socsim COMMAND FILE` on every file of the corpus in `relative` (two
// at a time) and checks what its expectation line says: no signal, the exit
// code, the located error with its message, every stderr line a
// diagnostic, the number of errors when stated, and nothing on stdout when
// the input stopped the command (exit 2). Prints how many files it checked,
// by exit code.
inline void check_corpus(const std::string& relative, const std::string& command, size_t min_files) {
    auto files = list_corpus(relative);
    REQUIRE(files.size() >= min_files);
    std::vector<std::vector<std::string>> runs;
    for (const auto& file : files) runs.push_back({command, file});
    auto results = run_socsim_parallel(runs);
    std::map<int, size_t> by_exit;
    size_t counted = 0;
    for (size_t i = 0; i < files.size(); ++i) {
        const std::string& file = files[i];
        const CommandResult& r = results[i];
        Expectation e;
        std::ifstream sidecar(file + ".expect");
        INFO(file);
        REQUIRE(parse_expectation(sidecar ? first_line(file + ".expect") : first_line(file), e));
        ++by_exit[e.exit_code];
        INFO(r.err);
        CHECK(r.signal == 0);
        CHECK(r.exit_code == e.exit_code);
        std::string want = expected_error_prefix(file, e);
        bool found = false;
        int errors = 0;
        std::istringstream lines(r.err);
        for (std::string line; std::getline(lines, line);) {
            CHECK(is_diagnostic_line(line));
            if (line.find(": error: ") != std::string::npos) ++errors;
            if (line.rfind(want, 0) == 0 && line.find(e.message) != std::string::npos) found = true;
        }
        INFO("wanted: " << want << "..." << e.message);
        CHECK(found);
        if (e.errors >= 0) {
            ++counted;
            CHECK(errors == e.errors);
        }
        if (e.exit_code == 2) CHECK(r.out.empty());
    }
    std::cout << relative << ": " << files.size() << " files checked with `socsim " << command << "`";
    for (const auto& [code, n] : by_exit) std::cout << ", exit " << code << ": " << n;
    std::cout << " (" << counted << " with their exact error count)\n";
}

}  // namespace socsim::test
