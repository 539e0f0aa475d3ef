// Command-line settings shared by `run`, `compare` and `sweep`: `--set
// KEY=VALUE` (one board setting overridden) and `--vary KEY=V1,V2,...` (one
// setting taking several values, one variant each). Values are checked by
// the board reader's own code (dts::read_board_setting); errors go to `err`
// as `socsim: error: --set KEY=VALUE: ...` and the caller exits 2.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "dts/parser/board_settings.h"

namespace socsim::app {

// Every `--set` argument checked; nullopt after printing what is wrong
// (a bad key or value, or a key given twice).
std::optional<std::vector<dts::SettingOverride>> parse_set_args(const std::vector<std::string>& args,
                                                                std::ostream& err);

// One `--vary` axis: a key and its values, in the order given.
struct VaryAxis {
    std::string key;
    std::vector<std::string> values;
};

std::optional<std::vector<VaryAxis>> parse_vary_args(const std::vector<std::string>& args, std::ostream& err);

}  // namespace socsim::app
