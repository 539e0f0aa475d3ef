// A sweep file (`socsim sweep SWEEP.yaml`): a grid of runs of one
// scenario, each point a policy and a value per parameter (board settings,
// as `--set` names them):
//
//   sweep: tlb-vs-dram                      # name: the default output dir is sweep-NAME
//   scenario: tegra124-display-vic.yaml     # relative to the sweep file
//   policies: [shared-attach, legacy]       # optional grid axis
//   parameters:                             # grid axes: setting -> values
//     smmu.tlb_lines: [16, 32]
//     mc.dram_bandwidth: [3.2GB/s, 12.8GB/s]
//   set: {mc.dram_latency: 120ns}           # optional, every point
//
// Every value is checked by the board reader's own code before anything
// runs; problems are located diagnostics (exit 2).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dts/parser/board_settings.h"
#include "util/diag.h"
#include "util/yaml_doc.h"

namespace socsim::app {

struct SweepAxis {
    std::string key;                   // a board setting
    std::vector<std::string> values;   // as written
};

struct SweepSpec {
    std::string file;                  // the sweep file
    std::string name;
    std::string scenario;              // resolved against the sweep file's directory
    Location scenario_loc;
    std::vector<std::string> policies; // empty: the scenario's own
    std::vector<SweepAxis> parameters;
    std::vector<dts::SettingOverride> set;
};

struct SweepPoint {
    size_t index = 0;                  // 1-based, as jobs.txt lines and Slurm array indices
    std::string policy;                // empty: the scenario's own
    std::vector<dts::SettingOverride> parameters;   // one value per axis, in axis order
};

// Grids larger than this are refused (a typo should not start a million runs).
inline constexpr size_t kMaxSweepPoints = 100000;

std::optional<SweepSpec> load_sweep(const std::string& path, Diagnostics& diags);

// Policies outermost, then the parameters in file order, the last varying fastest.
std::vector<SweepPoint> sweep_points(const SweepSpec& spec);

// The definition as JSON (results.json, manifest.json) and back.
nlohmann::ordered_json sweep_json(const SweepSpec& spec);
std::optional<SweepSpec> sweep_from_json(const nlohmann::ordered_json& j, std::string& error);

}  // namespace socsim::app
