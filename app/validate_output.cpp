#include "app/validate_output.h"

#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "smmu/tegra/group_checks.h"

namespace socsim::app {

using smmu::tegra::GroupLayout;
using smmu::tegra::IommuGroup;

namespace {

std::vector<std::string> swgroups_of(const dts::DtNode& dev) {
    std::vector<std::string> out;
    for (const auto& s : dev.iommus)
        if (s.swgroup) out.emplace_back(s.swgroup->name);
    return out;
}

std::string human_size(uint64_t bytes) {
    if (bytes % (1ull << 30) == 0) return fmt::format("{} GiB", bytes >> 30);
    if (bytes % (1ull << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
    return fmt::format("{} bytes", bytes);
}

std::string dot_quote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

}  // namespace

nlohmann::ordered_json validate_json(const std::string& file, const dts::Board* board, const GroupLayout& layout,
                             const Diagnostics& diags) {
    using json = nlohmann::ordered_json;
    json j;
    j["file"] = file;
    j["soc"] = board && board->soc ? json(std::string(board->soc->name)) : json(nullptr);
    j["group_table"] = board ? json(std::string(dts::group_table_name(board->settings.group_table))) : json(nullptr);
    j["groups"] = json::array();
    for (const auto& g : layout.groups) {
        json devices = json::array();
        for (const auto* d : g.devices) devices.push_back(d->path);
        j["groups"].push_back({{"name", g.name},
                               {"swgroups", g.swgroups},
                               {"devices", devices},
                               {"shared_attach", smmu::tegra::needs_shared_attach(g)}});
    }
    j["devices"] = json::array();
    if (board) {
        for (const auto* d : board->iommu_devices()) {
            const IommuGroup* g = layout.of(d);
            j["devices"].push_back({{"path", d->path},
                                    {"label", d->label ? json(*d->label) : json(nullptr)},
                                    {"compatible", d->compatible},
                                    {"swgroups", swgroups_of(*d)},
                                    {"group", g ? json(g->name) : json(nullptr)}});
        }
        if (board->soc)
            j["asids"] = {{"available", board->soc->num_asids}, {"groups", layout.groups.size()}};
        j["memory"] = json::array();
        for (const auto& m : board->memory)
            j["memory"].push_back({{"base", m.base}, {"size", m.size}, {"node", m.node ? json(m.node->path) : json(nullptr)}});
    }
    j["diagnostics"] = diags.to_json();
    return j;
}

void print_validate_text(std::ostream& out, const dts::Board& board, const GroupLayout& layout,
                         const Diagnostics& diags) {
    fmt::print(out, "board {}: {}, group table '{}', default domain '{}'\n", board.file,
               board.soc ? board.soc->name : "unknown SoC", dts::group_table_name(board.settings.group_table),
               dts::default_domain_name(board.settings.default_domain));
    if (board.soc)
        fmt::print(out, "IOMMU groups: {} (ASIDs available: {})\n", layout.groups.size(), board.soc->num_asids);
    size_t wg = 5, ws = 8;
    std::vector<std::string> sw_text;
    for (const auto& g : layout.groups) {
        sw_text.push_back(fmt::format("{}", fmt::join(g.swgroups, ", ")));
        wg = std::max(wg, g.name.size());
        ws = std::max(ws, sw_text.back().size());
    }
    if (!layout.groups.empty()) {
        fmt::print(out, "  {:<{}}  {:<6}  {:<{}}  {}\n", "GROUP", wg, "SHARED", "SWGROUPS", ws, "DEVICES");
        for (size_t i = 0; i < layout.groups.size(); ++i) {
            const auto& g = layout.groups[i];
            for (size_t k = 0; k < g.devices.size(); ++k) {
                const auto* d = g.devices[k];
                std::string dev = d->label ? fmt::format("{} ({})", d->path, *d->label) : d->path;
                if (k == 0) {
                    fmt::print(out, "  {:<{}}  {:<6}  {:<{}}  {}\n", g.name, wg,
                               smmu::tegra::needs_shared_attach(g) ? "yes" : "no", sw_text[i], ws, dev);
                } else {
                    fmt::print(out, "  {:<{}}  {:<6}  {:<{}}  {}\n", "", wg, "", "", ws, dev);
                }
            }
        }
    }
    for (const auto& m : board.memory)
        fmt::print(out, "DRAM: [{:#x}, {:#x}) {}{}\n", m.base, m.base + m.size, human_size(m.size),
                   m.node ? "" : " (default: the board has no memory node)");
    fmt::print(out, "{} error{}, {} warning{}\n", diags.error_count(), diags.error_count() == 1 ? "" : "s",
               diags.warning_count(), diags.warning_count() == 1 ? "" : "s");
}

void print_validate_dot(std::ostream& out, const dts::Board& board, const GroupLayout& layout) {
    fmt::print(out, "digraph iommu_groups {{\n");
    fmt::print(out, "  label={};\n  labelloc=t;\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n",
               dot_quote(fmt::format("{} IOMMU groups ({})", board.soc ? board.soc->name : "unknown SoC",
                                     board.file)));
    if (board.mc) {
        std::string mc_label = board.soc ? fmt::format("{}\nSMMU: {} ASIDs, {} TLB lines", board.mc->name,
                                                       board.soc->num_asids, board.soc->num_tlb_lines)
                                         : board.mc->name;
        fmt::print(out, "  mc [label={}, shape=box3d, style=filled, fillcolor=\"#e8e8e8\"];\n", dot_quote(mc_label));
    }
    for (size_t i = 0; i < layout.groups.size(); ++i) {
        const auto& g = layout.groups[i];
        bool shared = smmu::tegra::needs_shared_attach(g);
        fmt::print(out, "  subgraph cluster_{} {{\n    label={};\n    style=filled;\n    fillcolor=\"{}\";\n", i,
                   dot_quote(fmt::format("group {}{}", g.name, shared ? " (shared attach)" : "")),
                   shared ? "#fde9c9" : "#e3eefc");
        for (const auto* d : g.devices)
            fmt::print(out, "    {} [label={}];\n", dot_quote(d->path),
                       dot_quote(d->label ? *d->label + "\n" + d->name : d->name));
        fmt::print(out, "  }}\n");
    }
    if (board.mc) {
        for (const auto& g : layout.groups)
            for (const auto* d : g.devices)
                for (const auto& s : d->iommus)
                    if (s.swgroup)
                        fmt::print(out, "  {} -> mc [label={}];\n", dot_quote(d->path), dot_quote(s.swgroup->name));
    }
    fmt::print(out, "}}\n");
}

}  // namespace socsim::app
