// The `socsim:` block of a board file: simulator settings that are not part
// of the device tree. Every key has its values, a default and a one-line
// description in board_setting_docs(); `socsim validate --list-settings`
// prints that table. Unknown keys are errors.
#pragma once

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

}  // namespace socsim::dts
