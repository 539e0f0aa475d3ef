#include "app/cmd_validate.h"

#include <ostream>

#include <fmt/ostream.h>

#include "app/validate_output.h"
#include "dts/parser/board.h"
#include "smmu/tegra/device_group.h"
#include "smmu/tegra/group_checks.h"

namespace socsim::app {

int run_validate(const ValidateOptions& opts, std::ostream& out, std::ostream& err) {
    Diagnostics diags;
    auto board = dts::load_board(opts.board, diags);
    smmu::tegra::GroupLayout layout;
    if (board) {
        layout = smmu::tegra::form_groups(*board);
        smmu::tegra::check_group_layout(*board, layout, diags);
    }
    diags.print(err);
    if (opts.format == "json") {
        out << validate_json(opts.board, board ? &*board : nullptr, layout, diags).dump(2) << '\n';
    } else if (board && opts.format == "dot") {
        print_validate_dot(out, *board, layout);
    } else if (board) {
        print_validate_text(out, *board, layout, diags);
    }
    return diags.exit_code();
}

void print_board_settings(std::ostream& out) {
    fmt::print(out, "Board settings (the top-level 'socsim:' mapping of a board file):\n");
    for (const auto& d : dts::board_setting_docs())
        fmt::print(out, "  {:<16} {:<26} default {:<10} {}\n", d.key, d.values, d.default_value, d.doc);
    fmt::print(out, "\nHardware parameters (nested: 'socsim: {{mc: {{dram_bandwidth: 6.4GB/s}}}}'):\n");
    for (const auto& p : soc::hw_param_specs())
        fmt::print(out, "  {:<18} {:<9} default {:<10} {}\n", p.key, soc::param_kind_name(p.kind), p.default_text, p.doc);
    fmt::print(out, "\nrun, compare and sweep override any of these by key: --set group_table=display, "
                    "--set mc.dram_bandwidth=6.4GB/s\n");
}

}  // namespace socsim::app
