// `socsim run ARGS --report FILE` from a system test: the exit code must be
// `want_exit`; returns the parsed report (the file is removed).
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run_command.h"

namespace socsim::test {

inline nlohmann::json run_with_report(const std::vector<std::string>& args, int want_exit) {
    std::string key;
    for (const auto& a : args) key += a + " ";
    std::string report = "socsim-test-report-" + std::to_string(std::hash<std::string>{}(key)) + ".json";
    std::vector<std::string> full = {"run"};
    full.insert(full.end(), args.begin(), args.end());
    full.insert(full.end(), {"--report", report});
    auto r = run_socsim(full);
    INFO(r.out << r.err);
    REQUIRE(r.signal == 0);
    REQUIRE(r.exit_code == want_exit);
    std::ifstream in(report);
    REQUIRE(in);
    nlohmann::json j = nlohmann::json::parse(in);
    std::remove(report.c_str());
    return j;
}

}  // namespace socsim::test
