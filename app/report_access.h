// Reading `socsim run --report` JSON without trusting its shape: a missing
// key or a value of another type reads as absent, never as an exception, so
// an older or damaged report still renders what it has.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace socsim::app::report {

using nlohmann::json;

// j[key] when j is an object that has it, else null.
inline const json* member(const json* j, std::string_view key) {
    if (!j || !j->is_object()) return nullptr;
    auto it = j->find(key);
    return it == j->end() ? nullptr : &*it;
}
inline const json* member(const json& j, std::string_view key) { return member(&j, key); }

inline std::optional<double> number(const json* j) {
    if (j && j->is_number()) return j->get<double>();
    return std::nullopt;
}

// A string as it is; a number or boolean as JSON writes it; else "".
inline std::string text(const json* j) {
    if (!j) return "";
    if (j->is_string()) return j->get<std::string>();
    if (j->is_number() || j->is_boolean()) return j->dump();
    return "";
}

// The array at j, or an empty one.
inline const json& array(const json* j) {
    static const json empty = json::array();
    return j && j->is_array() ? *j : empty;
}

}  // namespace socsim::app::report
