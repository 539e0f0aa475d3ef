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

// The element of a report array whose `key` equals `value` (a group by
// name, a client by name, an engine by device, a step by index); fails
// the test when there is none.
template <class Value>
const nlohmann::json& find_in(const nlohmann::json& array, const char* key, const Value& value) {
    for (const auto& e : array)
        if (e.contains(key) && e[key] == value) return e;
    FAIL("no element with " << key << " = " << nlohmann::json(value).dump());
    static const nlohmann::json none;
    return none;
}

// A report's memory client by name.
inline const nlohmann::json& report_client(const nlohmann::json& report, const std::string& name) {
    return find_in(report["clients"], "name", name);
}

}  // namespace socsim::test
