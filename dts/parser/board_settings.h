// The `socsim:` block of a board file: simulator settings that are not part
// of the device tree. Every key has its values, a default and a one-line
// description in board_setting_docs(); `socsim validate --list-settings`
// prints that table. Unknown keys are errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soc/hw_params.h"
#include "util/diag.h"
#include "util/yaml_doc.h"

namespace socsim::dts {

enum class GroupTableChoice { Current, Display, None };
enum class DefaultDomainType { Identity, Dma };

struct BoardSettings {
    GroupTableChoice group_table = GroupTableChoice::Current;
    DefaultDomainType default_domain = DefaultDomainType::Identity;
    soc::HwParams hw;                    // `mc:` and `smmu:` blocks
};

struct SettingDoc {
    std::string_view key;
    std::string_view values;
    std::string_view default_value;
    std::string_view doc;
};

const std::vector<SettingDoc>& board_setting_docs();
std::string_view group_table_name(GroupTableChoice c);
std::string_view default_domain_name(DefaultDomainType t);

// Reads the `socsim:` mapping into `out`; reports malformed values and
// unknown keys. Returns false when anything was wrong.
bool read_board_settings(const yaml::Node& block, Diagnostics& diags, BoardSettings& out);

// Every setting by its flat key, as `--set` and sweeps name it:
// "group_table", "default_domain", then the hardware parameters
// ("mc.dram_bandwidth", ...; soc/hw_params.h), in that order.
std::vector<std::string> board_setting_keys();
// "group_table (current | display | none), ..., mc.dram_bandwidth (bandwidth), ...":
// the keys and the kind of value each takes, for messages.
std::string board_setting_keys_help();
bool is_board_setting(std::string_view key);

// One setting by its flat key, read from `value` exactly as the `socsim:`
// block reads it (the same units and checks: this is the block's reader);
// a bad value is reported at value.loc. False when the key is unknown or
// the value bad.
bool read_board_setting(std::string_view key, const yaml::Node& value, Diagnostics& diags, BoardSettings& out);

// `--set KEY=VALUE`: one setting overriding the board's, kept as the text
// the user wrote (reports show it so).
struct SettingOverride {
    std::string key;
    std::string value;
};

// Splits "KEY=VALUE" and checks both with read_board_setting; on error
// returns nullopt with `error` saying what is wrong (the valid keys, or the
// units the value needs), without the `--set` prefix.
std::optional<SettingOverride> parse_setting_override(std::string_view text, std::string& error);
// Checks VALUE for KEY the same way.
std::optional<SettingOverride> check_setting_override(std::string key, std::string value, std::string& error);

// Applies overrides (already checked) in order; a later one wins.
void apply_setting_overrides(const std::vector<SettingOverride>& overrides, BoardSettings& settings);

}  // namespace socsim::dts
