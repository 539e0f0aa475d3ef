#include "app/setting_args.h"

#include <algorithm>
#include <ostream>

#include <fmt/ostream.h>

#include "util/diag.h"

namespace socsim::app {

std::optional<std::vector<dts::SettingOverride>> parse_set_args(const std::vector<std::string>& args,
                                                                std::ostream& err) {
    std::vector<dts::SettingOverride> out;
    bool ok = true;
    for (const auto& a : args) {
        std::string error;
        auto o = dts::parse_setting_override(a, error);
        if (!o) {
            fmt::print(err, "socsim: error: --set {}: {}\n", escape_control(a), error);
            ok = false;
            continue;
        }
        bool twice = std::any_of(out.begin(), out.end(), [&](const auto& prev) { return prev.key == o->key; });
        if (twice) {
            fmt::print(err, "socsim: error: --set {}: '{}' is set twice\n", escape_control(a), o->key);
            ok = false;
            continue;
        }
        out.push_back(*o);
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<std::vector<VaryAxis>> parse_vary_args(const std::vector<std::string>& args, std::ostream& err) {
    std::vector<VaryAxis> out;
    bool ok = true;
    for (const auto& a : args) {
        size_t eq = a.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == a.size()) {
            fmt::print(err, "socsim: error: --vary {}: expected KEY=V1,V2,... (settings: {})\n", escape_control(a),
                       dts::board_setting_keys_help());
            ok = false;
            continue;
        }
        VaryAxis axis{a.substr(0, eq), {}};
        if (!dts::is_board_setting(axis.key)) {
            fmt::print(err, "socsim: error: --vary {}: unknown setting '{}' (settings: {})\n", escape_control(a),
                       escape_control(axis.key), dts::board_setting_keys_help());
            ok = false;
            continue;
        }
        std::string values = a.substr(eq + 1);
        for (size_t pos = 0;;) {
            size_t comma = values.find(',', pos);
            std::string v = values.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
            std::string error;
            if (!dts::check_setting_override(axis.key, v, error)) {
                fmt::print(err, "socsim: error: --vary {}: {}\n", escape_control(a), error);
                ok = false;
            } else if (std::find(axis.values.begin(), axis.values.end(), v) != axis.values.end()) {
                fmt::print(err, "socsim: error: --vary {}: value '{}' is listed twice\n", escape_control(a),
                           escape_control(v));
                ok = false;
            } else {
                axis.values.push_back(v);
            }
            if (comma == std::string::npos) break;
            pos = comma + 1;
        }
        if (std::any_of(out.begin(), out.end(), [&](const VaryAxis& prev) { return prev.key == axis.key; })) {
            fmt::print(err, "socsim: error: --vary {}: '{}' is varied twice\n", escape_control(a), axis.key);
            ok = false;
        }
        out.push_back(std::move(axis));
    }
    if (!ok) return std::nullopt;
    return out;
}

}  // namespace socsim::app
