// The top level of a scenario file: name, board, policy, seed, duration,
// run-wide expectations and the list of steps (each read by step_parser.cpp).
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "clients/client_nodes.h"
#include "run/scenario_internal.h"
#include "smmu/core/errno.h"
#include "util/yaml_values.h"

namespace socsim::run {

const std::vector<DriverInfo>& generic_drivers() {
    static const std::vector<DriverInfo> drivers = {
        {"dma-api", iommu::DmaKind::KernelApi, "uses the kernel DMA API: the bus claims DMA ownership at bind"},
        {"driver-managed", iommu::DmaKind::DriverManaged, "manages its own domain: no claim at bind"},
        {"vfio", iommu::DmaKind::DriverManaged, "hands the device to user space: ownership by explicit claim steps"},
        {"no-dma", iommu::DmaKind::None, "does no DMA"},
        // Client drivers manage their IOMMU use themselves (no_kernel_api_dma).
        {"host1x", iommu::DmaKind::DriverManaged, "host1x: its own domain, channels, syncpoints", "host1x"},
        {"tegra-dc", iommu::DmaKind::DriverManaged, "Tegra DRM display controller", "dc"},
        {"tegra-gr2d", iommu::DmaKind::DriverManaged, "Tegra DRM 2D engine", "gr2d"},
        {"tegra-gr3d", iommu::DmaKind::DriverManaged, "Tegra DRM 3D engine", "gr3d"},
        {"tegra-vic", iommu::DmaKind::DriverManaged, "Tegra DRM video image compositor", "vic"},
    };
    return drivers;
}

const DriverInfo* find_driver(const std::string& name) {
    for (const auto& d : generic_drivers())
        if (name == d.name) return &d;
    return nullptr;
}

namespace detail {

bool read_expect(const yaml::Node& n, Diagnostics& diags, Expect& out, std::string_view what,
                 const std::function<bool(const yaml::Node&)>& allowed) {
    out.loc = n.loc;
    if (n.is_scalar()) {
        if (!allowed(n)) return false;
        out.value = n.value;
        return true;
    }
    if (!n.is_mapping() || n.entries.empty()) {
        diags.malformed(n.loc, fmt::format("{} must be a value or a non-empty mapping from policy names to values, not {}",
                                           what, n.is_mapping() ? "an empty mapping" : n.describe()));
        return false;
    }
    bool ok = true;
    for (const auto& [key, value] : n.entries) {
        auto p = iommu::policy_from_name(key->value);
        if (!p) {
            diags.malformed(key->loc, fmt::format("{}: '{}' is not a policy ({})", what,
                                                  escape_control(key->value), fmt::join(iommu::policy_names(), " | ")));
            ok = false;
        } else if (!value->is_scalar()) {
            diags.malformed(value->loc, fmt::format("{}: {} needs one value, not {}", what, key->value, value->describe()));
            ok = false;
        } else if (allowed(*value)) {
            out.per_policy[*p] = value->value;
        } else {
            ok = false;
        }
    }
    return ok;
}

}  // namespace detail

namespace {

using detail::ParseContext;

const std::vector<std::string_view> kTopKeys = {"scenario", "description", "board", "policy", "replace_unwind",
                                                "seed", "duration", "timing", "expect", "steps"};

bool read_timing(const yaml::Node& n, Diagnostics& d, TimingSpec& out) {
    if (!n.is_mapping()) {
        d.malformed(n.loc, fmt::format("'timing' must be a mapping (e.g. {{mode: accurate}}), not {}", n.describe()));
        return false;
    }
    bool ok = true;
    for (const auto& [key, value] : n.entries) {
        if (key->value == "mode") {
            auto m = yaml::read_choice(*value, d, "'timing.mode'", {"fast", "accurate"});
            ok &= m.has_value();
            if (m) out.accurate = *m == "accurate";
        } else if (key->value == "quantum") {
            auto q = yaml::read_time_ns(*value, d, "'timing.quantum'");
            if (q && *q == 0) {
                d.malformed(value->loc, "'timing.quantum' must be more than 0 (use mode: accurate to synchronise "
                                        "every transaction)");
                q.reset();
            }
            ok &= q.has_value();
            if (q) out.quantum_ns = *q;
        } else {
            d.malformed(key->loc, fmt::format("unknown timing key '{}' (keys: mode, quantum)", escape_control(key->value)));
            ok = false;
        }
    }
    return ok;
}

bool read_top(const yaml::Node& root, Diagnostics& d, Scenario& s) {
    bool ok = true;
    for (const auto& [key, value] : root.entries) {
        if (std::find(kTopKeys.begin(), kTopKeys.end(), key->value) == kTopKeys.end()) {
            d.malformed(key->loc, fmt::format("unknown scenario key '{}' (keys: {})", escape_control(key->value),
                                              fmt::join(kTopKeys, ", ")));
            ok = false;
        }
    }
    for (const char* k : {"scenario", "board", "steps"})
        if (!root.find(k)) {
            d.malformed(root.loc, fmt::format("a scenario needs '{}:'", k));
            ok = false;
        }
    if (const auto* v = root.find("scenario")) {
        auto name = yaml::read_string(*v, d, "'scenario'");
        ok &= name.has_value();
        if (name) s.name = *name;
    }
    if (const auto* v = root.find("description")) {
        auto text = yaml::read_string(*v, d, "'description'");
        ok &= text.has_value();
        if (text) s.description = *text;
    }
    if (const auto* v = root.find("policy")) {
        auto p = yaml::read_choice(*v, d, "'policy'", iommu::policy_names());
        ok &= p.has_value();
        if (p) s.policy = *iommu::policy_from_name(*p);
    }
    if (const auto* v = root.find("replace_unwind")) {
        auto u = yaml::read_choice(*v, d, "'replace_unwind'", {"restore", "block"});
        ok &= u.has_value();
        if (u) s.replace_unwind = *u == "block" ? iommu::ReplaceUnwind::Block : iommu::ReplaceUnwind::RestoreOld;
    }
    if (const auto* v = root.find("seed")) {
        auto seed = yaml::read_uint(*v, d, "'seed'");
        ok &= seed.has_value();
        if (seed) s.seed = *seed;
    }
    if (const auto* v = root.find("duration")) {
        auto t = yaml::read_time_ns(*v, d, "'duration'");
        if (t && *t == 0) {
            d.malformed(v->loc, "'duration' must be more than 0 (the simulated time the run may take)");
            t.reset();
        }
        ok &= t.has_value();
        if (t) s.duration_ns = *t;
    }
    if (const auto* v = root.find("timing")) ok &= read_timing(*v, d, s.timing);
    return ok;
}

bool read_bandwidth_bounds(const yaml::Node& n, Diagnostics& d, const Scenario& s, RunExpect& out) {
    if (!n.is_mapping()) {
        d.malformed(n.loc, fmt::format("'bandwidth' must map memory clients or display heads to {{min, max}}, not {}",
                                       n.describe()));
        return false;
    }
    bool ok = true;
    for (const auto& [key, value] : n.entries) {
        RunExpect::Bandwidth b;
        b.name = key->value;
        b.loc = key->loc;
        const dts::DtNode* node = s.board.resolve(b.name);
        if (node && clients::node_kind(*node) == clients::NodeKind::Dc) {
            b.head = node;
        } else if (!s.board.soc->find_client(b.name)) {
            d.malformed(key->loc, fmt::format("'{}' is neither a memory client of {} nor a display controller",
                                              escape_control(b.name), s.board.soc->name));
            ok = false;
            continue;
        }
        if (!value->is_mapping() || value->entries.empty()) {
            d.malformed(value->loc, fmt::format("bandwidth bounds must be a mapping with min and/or max, not {}",
                                                value->describe()));
            ok = false;
            continue;
        }
        for (const auto& [bk, bv] : value->entries) {
            if (bk->value != "min" && bk->value != "max") {
                d.malformed(bk->loc, fmt::format("bandwidth bounds take min and max, not '{}'", escape_control(bk->value)));
                ok = false;
                continue;
            }
            auto bw = yaml::read_bandwidth(*bv, d, "a bandwidth bound");
            ok &= bw.has_value();
            (bk->value == "min" ? b.min : b.max) = bw;
        }
        if (b.min && b.max && *b.min > *b.max) {
            d.malformed(value->loc, "bandwidth 'min' is above 'max'");
            ok = false;
        }
        out.bandwidth.push_back(b);
    }
    return ok;
}

bool read_run_expect(const yaml::Node& n, Diagnostics& d, const Scenario& s, RunExpect& out) {
    if (!n.is_mapping()) {
        d.malformed(n.loc, fmt::format("scenario 'expect' must be a mapping (e.g. {{hazards: 0}}), not {}", n.describe()));
        return false;
    }
    bool ok = true;
    for (const auto& [key, value] : n.entries) {
        const std::string& k = key->value;
        if (k == "bandwidth") {
            ok &= read_bandwidth_bounds(*value, d, s, out);
            continue;
        }
        if (k != "hazards" && k != "faults" && k != "underflows") {
            d.malformed(key->loc, fmt::format("unknown run-wide expectation '{}' (known: hazards, faults, underflows, "
                                              "bandwidth)", escape_control(k)));
            ok = false;
            continue;
        }
        Expect e;
        e.value = "0";  // policies not listed expect none
        std::string what = "'" + k + "'";
        ok &= detail::read_expect(*value, d, e, what, [&](const yaml::Node& v) {
            return yaml::read_uint(v, d, what).has_value();
        });
        (k == "hazards" ? out.hazards : k == "faults" ? out.faults : out.underflows) = e;
    }
    return ok;
}

}  // namespace

namespace {

// `read_board`: null for the file itself (which must be a regular file).
std::optional<Scenario> scenario_from_document(const yaml::Node& root, const std::string& path, Diagnostics& diags,
                                               const BoardReader* read_board,
                                               const std::vector<dts::SettingOverride>& overrides,
                                               std::optional<uint64_t> duration_ns) {
    if (!root.is_mapping()) {
        diags.malformed(root.loc, fmt::format("a scenario must be a mapping, not {}", root.describe()));
        return std::nullopt;
    }
    if (root.find("/") && !root.find("scenario")) {
        diags.malformed(root.loc, "this is a board file, not a scenario: it has the root node '/' and no 'scenario:' "
                                  "(check boards with 'socsim validate'; a scenario names its board in 'board:')");
        return std::nullopt;
    }
    Scenario s;
    s.file = path;
    bool ok = read_top(root, diags, s);
    if (duration_ns) s.duration_ns = *duration_ns;
    const auto* board_node = root.find("board");
    if (!ok || !board_node) return std::nullopt;
    auto board_ref = yaml::read_string(*board_node, diags, "'board'");
    if (!board_ref) return std::nullopt;
    s.board_file = (std::filesystem::path(path).parent_path() / *board_ref).lexically_normal().string();
    std::optional<dts::Board> board;
    if (read_board) {
        board = (*read_board)(s.board_file, diags);
    } else {
        std::error_code ec;
        if (std::filesystem::equivalent(s.board_file, path, ec)) {
            diags.malformed(board_node->loc, "'board' names this scenario file itself; it must name a board file (a "
                                             "root node '/')");
            return std::nullopt;
        }
        if (!std::filesystem::is_regular_file(s.board_file, ec)) {
            diags.malformed(board_node->loc, fmt::format("board file '{}' {}", escape_control(s.board_file),
                                                         std::filesystem::exists(s.board_file, ec) ? "is not a regular file"
                                                                                                   : "not found"));
            return std::nullopt;
        }
        board = dts::load_board(s.board_file, diags);
    }
    if (!board || diags.has_errors()) {
        diags.note(board_node->loc, "the scenario's board has errors; nothing was simulated");
        return std::nullopt;
    }
    s.board = std::move(*board);
    dts::apply_setting_overrides(overrides, s.board.settings);
    s.overrides = overrides;
    if (!s.board.soc) {
        diags.malformed(board_node->loc, "the board names no known memory controller, so there is no SMMU to run on");
        return std::nullopt;
    }
    s.layout = smmu::tegra::form_groups(s.board);
    bool engines_ok = true;
    dts::for_each_node(*s.board.root, [&](const dts::DtNode& node) {
        if (!node.enabled || !node.is_compatible(clients::kTestDmaCompatible)) return;
        auto cfg = clients::test_dma_config(s.board, node, diags);
        if (cfg) s.dma_engines[&node] = *cfg;
        else engines_ok = false;
    });
    if (!engines_ok) return std::nullopt;
    if (const auto* e = root.find("expect")) ok &= read_run_expect(*e, diags, s, s.expect);
    const yaml::Node& steps = *root.find("steps");
    if (!steps.is_sequence() || steps.items.empty()) {
        diags.malformed(steps.loc, steps.is_sequence() ? std::string("'steps' must be a non-empty list; it is empty")
                                                       : fmt::format("'steps' must be a non-empty list, not {}", steps.describe()));
        return std::nullopt;
    }
    ParseContext ctx{diags, s, {}, 0, {}};
    s.steps.resize(steps.items.size());
    for (size_t i = 0; i < steps.items.size(); ++i) ok &= detail::parse_step(*steps.items[i], i + 1, ctx, s.steps[i]);
    if (!ok) return std::nullopt;
    return s;
}

}  // namespace

std::optional<Scenario> load_scenario(const std::string& path, Diagnostics& diags,
                                      const std::vector<dts::SettingOverride>& overrides,
                                      std::optional<uint64_t> duration_ns) {
    auto doc = yaml::load_file(path, diags);
    if (!doc) return std::nullopt;
    return scenario_from_document(**doc, path, diags, nullptr, overrides, duration_ns);
}

std::optional<Scenario> parse_scenario(std::string_view text, const std::string& path, Diagnostics& diags,
                                       const BoardReader& read_board) {
    auto doc = yaml::load_string(text, path, diags);
    if (!doc) return std::nullopt;
    return scenario_from_document(**doc, path, diags, &read_board, {}, std::nullopt);
}

}  // namespace socsim::run
