// libFuzzer harness for the board parser and group formation: any byte
// string must give a board or located diagnostics, never a crash, a hang,
// an uncaught exception or a sanitizer report. Build with
//   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++-14 -DSOCSIM_FUZZ=ON
// or run `./build.sh fuzz [SECONDS]`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dts/parser/board.h"
#include "smmu/tegra/device_group.h"
#include "smmu/tegra/group_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    socsim::Diagnostics diags;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto board = socsim::dts::load_board_from_string(text, "fuzz.yaml", diags);
    if (board) {
        auto layout = socsim::smmu::tegra::form_groups(*board);
        socsim::smmu::tegra::check_group_layout(*board, layout, diags);
    }
    // Every diagnostic must be located.
    for (const auto& d : diags.all())
        if (d.loc.line < 1 || d.loc.column < 1) __builtin_trap();
    return 0;
}
