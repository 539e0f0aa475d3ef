#include "fuzz/fuzz_targets.h"

#include <cstdio>
#include <filesystem>
#include <map>

#include "dts/parser/board.h"
#include "run/scenario.h"
#include "smmu/tegra/device_group.h"
#include "smmu/tegra/group_checks.h"
#include "support/core_ops.h"
#include "support/read_text.h"

namespace socsim::fuzz {

namespace {

// Every diagnostic points into a file (1-based) and prints as one line.
std::string check_diagnostics(const Diagnostics& diags) {
    for (const auto& d : diags.all()) {
        std::string line = format_diagnostic(d);
        if (d.loc.line < 1 || d.loc.column < 1) return "unlocated diagnostic: " + line;
        if (line.find_first_of("\r\n") != std::string::npos) return "diagnostic of several lines: " + line;
    }
    return "";
}

struct BoardText {
    std::string path, text;
};

// The shipped boards (dts/, dts/examples/) by file name, read once.
const std::map<std::string, BoardText>& shipped_boards() {
    static const std::map<std::string, BoardText> boards = [] {
        std::map<std::string, BoardText> all;
        for (const char* dir : {"dts", "dts/examples"}) {
            for (const auto& e : std::filesystem::directory_iterator(std::string(SOCSIM_SOURCE_DIR) + "/" + dir)) {
                if (e.path().extension() != ".yaml") continue;
                all[e.path().filename().string()] = {e.path().string(), test::read_text(e.path().string())};
            }
        }
        return all;
    }();
    return boards;
}

}  // namespace

std::string check_board_input(std::string_view bytes) {
    Diagnostics diags;
    auto board = dts::load_board_from_string(bytes, "fuzz.yaml", diags);
    if (board) {
        auto layout = smmu::tegra::form_groups(*board);
        smmu::tegra::check_group_layout(*board, layout, diags);
    } else if (!diags.has_malformed()) {
        return "board refused without a malformed-input error";
    }
    return check_diagnostics(diags);
}

// The board a scenario names is the shipped board of that file name, kept
// in memory (no file is opened per input); any other name gets
// dts/tegra124.yaml, so that mutated names still reach the steps.
std::string check_scenario_input(std::string_view bytes) {
    static const run::BoardReader read_board = [](const std::string& board_file, Diagnostics& diags) {
        const auto& boards = shipped_boards();
        auto it = boards.find(std::filesystem::path(board_file).filename().string());
        const BoardText& b = it != boards.end() ? it->second : boards.at("tegra124.yaml");
        return dts::load_board_from_string(b.text, b.path, diags);
    };
    Diagnostics diags;
    auto scenario = run::parse_scenario(bytes, "fuzz.yaml", diags, read_board);
    if (scenario && diags.has_errors()) return "scenario accepted with errors";
    if (!scenario && !diags.has_errors()) return "scenario refused without an error";
    return check_diagnostics(diags);
}

// Byte 0 chooses how a failed replace unwinds; the rest, one byte per
// operand, the operations, run from a fresh rig under each policy.
std::string check_driver_ops_input(std::string_view bytes) {
    if (bytes.empty()) return "";
    auto unwind = bytes[0] & 1 ? iommu::ReplaceUnwind::Block : iommu::ReplaceUnwind::RestoreOld;
    for (iommu::PolicyKind policy : iommu::kAllPolicies) {
        test::CoreOpSequence ops(policy, unwind);
        size_t pos = 1;
        test::Pick pick = [&](int n) {
            return pos < bytes.size() ? static_cast<unsigned char>(bytes[pos++]) % n : 0;
        };
        for (int step = 0; pos < bytes.size(); ++step) {
            std::string broken = ops.step(pick);
            if (!broken.empty())
                return std::string(iommu::policy_name(policy)) + " step " + std::to_string(step) + ": " + broken;
        }
    }
    return "";
}

int run_fuzz_input(std::string (*check)(std::string_view), const char* harness, const uint8_t* data, size_t size) {
    std::string broken = check({reinterpret_cast<const char*>(data), size});
    if (!broken.empty()) {
        std::fprintf(stderr, "%s: %s\n", harness, broken.c_str());
        __builtin_trap();
    }
    return 0;
}

}  // namespace socsim::fuzz
