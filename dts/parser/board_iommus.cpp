// `iommus` decoding: specifiers -> (IOMMU node, swgroup). Mirrors what the
// tegra-smmu of_xlate sees: the phandle must be the memory controller, it
// takes exactly `#iommu-cells` (1) cells, and the cell is a swgroup number of
// the SoC's dt-bindings header. socsim also accepts the swgroup by name.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "dts/parser/board_internal.h"
#include "soc/soc_registry.h"
#include "util/yaml_values.h"

namespace socsim::dts {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// "DC", "dc", "TEGRA_SWGROUP_DC", "TEGRA124_SWGROUP_DC" -> "dc"; sets
// `soc_prefix` to "tegra124" for the last form.
std::string swgroup_key(std::string_view cell, std::string& soc_prefix) {
    std::string l = lower(cell);
    auto pos = l.find("_swgroup_");
    if (l.rfind("tegra", 0) == 0 && pos != std::string::npos) {
        soc_prefix = l.substr(0, pos);
        if (soc_prefix == "tegra") soc_prefix.clear();
        return l.substr(pos + 9);
    }
    return l;
}

class IommusResolver {
public:
    IommusResolver(Board& board, DtNode& node, Diagnostics& diags) : board_(board), node_(node), diags_(diags) {}

    void run(const yaml::Node& v) {
        if (!v.is_sequence() || v.items.empty()) {
            diags_.malformed(v.loc, "'iommus' must be a list of specifiers such as [[mc, DC]], not " + v.describe());
            return;
        }
        bool nested = v.items[0]->is_sequence();
        for (const auto& item : v.items) {
            if (item->is_sequence() != nested) {
                diags_.malformed(item->loc, "'iommus' mixes [iommu, cell] specifiers and bare cells");
                return;
            }
        }
        if (nested) {
            for (const auto& spec : v.items) specifier(spec->items, spec->loc, true);
        } else {
            // DTS-style flat cell stream: <&mc A &mc B> written [mc, A, mc, B].
            size_t i = 0;
            while (i < v.items.size()) {
                size_t used = specifier({v.items.begin() + static_cast<long>(i), v.items.end()}, v.items[i]->loc,
                                        false);
                if (used == 0) return;
                i += used;
            }
        }
        check_repeats();
    }

private:
    // Decodes one specifier from `cells` (phandle first). `exact`: the list
    // is the whole specifier. Returns how many items it used (0 = stop).
    size_t specifier(const std::vector<yaml::NodePtr>& cells, const Location& loc, bool exact) {
        if (cells.empty()) {
            diags_.error(loc, "empty 'iommus' specifier: expected [iommu, cell]");
            return 0;
        }
        const yaml::Node& ref = *cells[0];
        const DtNode* target = resolve_target(ref);
        if (!target) return 0;
        uint64_t want = *target->iommu_cells;
        size_t have = cells.size() - 1;
        if ((exact && have != want) || (!exact && have < want)) {
            diags_.error(loc, fmt::format("'iommus' specifier for '{}' needs {} cell{} (its #iommu-cells), got {}",
                                          ref.value, want, want == 1 ? "" : "s", have));
            return 0;
        }
        IommuSpec spec;
        spec.target = target;
        spec.loc = loc;
        for (size_t i = 1; i <= want; ++i) {
            const yaml::Node& c = *cells[i];
            if (!c.is_scalar()) {
                diags_.malformed(c.loc, "an 'iommus' cell must be a number or a swgroup name, not " + c.describe());
                return 0;
            }
            if (yaml::is_uint(c)) spec.cells.push_back(*yaml::parse_uint(c.value));
            else spec.cells.push_back(UINT64_MAX);  // named swgroup, resolved below
        }
        if (want >= 1) {
            spec.cell_loc = cells[1]->loc;
            spec.swgroup = resolve_swgroup(*cells[1]);
            if (spec.swgroup) spec.cells[0] = spec.swgroup->dt_id;
        }
        node_.iommus.push_back(spec);
        return 1 + want;
    }

    const DtNode* resolve_target(const yaml::Node& ref) {
        if (!ref.is_scalar() || yaml::is_uint(ref)) {
            diags_.error(ref.loc, fmt::format("'iommus' specifier must start with the IOMMU's label or path "
                                              "(e.g. mc), not {}",
                                              ref.describe()));
            return nullptr;
        }
        const DtNode* target = board_.resolve(ref.value);
        if (!target) {
            diags_.error(ref.loc, fmt::format("'{}' is neither a label nor a node path", ref.value));
            return nullptr;
        }
        if (!target->iommu_cells) {
            diags_.error(ref.loc, fmt::format("'{}' ({}) is not an IOMMU: it has no '#iommu-cells'", ref.value,
                                              target->path));
            return nullptr;
        }
        if (target != board_.mc) {
            diags_.error(ref.loc, fmt::format("'{}' is not the memory controller: socsim models the Tegra SMMU "
                                              "in the memory controller only",
                                              ref.value));
            return nullptr;
        }
        return target;
    }

    const soc::Swgroup* resolve_swgroup(const yaml::Node& cell) {
        const soc::SocInfo* soc = board_.soc;
        if (!soc) return nullptr;  // the missing/unknown MC is reported already
        const soc::Swgroup* sw = nullptr;
        if (yaml::is_uint(cell)) {
            uint64_t id = *yaml::parse_uint(cell.value);
            sw = id <= UINT32_MAX ? soc->find_swgroup_by_id(static_cast<uint32_t>(id)) : nullptr;
            if (!sw) {
                diags_.error(cell.loc, fmt::format("swgroup number {} does not exist on {} (see its dt-bindings "
                                                   "TEGRA_SWGROUP_* values)",
                                                   cell.value, soc->name));
                return nullptr;
            }
        } else {
            std::string prefix;
            std::string key = swgroup_key(cell.value, prefix);
            if (!prefix.empty() && prefix != soc->name) {
                diags_.error(cell.loc, fmt::format("'{}' names {} swgroups but the board's SoC is {}", cell.value,
                                                   prefix, soc->name));
                return nullptr;
            }
            sw = soc->find_swgroup(key);
            if (!sw) {
                unknown_swgroup(cell, key);
                return nullptr;
            }
        }
        if (!sw->asid_reg) {
            diags_.error(cell.loc, fmt::format("swgroup '{}' has no SMMU ASID register on {}: it cannot be "
                                               "translated, so it cannot be an 'iommus' target",
                                               sw->name, soc->name));
            return nullptr;
        }
        return sw;
    }

    void unknown_swgroup(const yaml::Node& cell, const std::string& key) {
        std::vector<std::string_view> elsewhere;
        for (const auto* other : soc::all_socs())
            if (other != board_.soc && other->find_swgroup(key)) elsewhere.push_back(other->name);
        if (elsewhere.empty()) {
            diags_.error(cell.loc, fmt::format("unknown swgroup '{}' on {}", cell.value, board_.soc->name));
        } else {
            diags_.error(cell.loc, fmt::format("swgroup '{}' does not exist on {} (it exists on {})", cell.value,
                                               board_.soc->name, fmt::join(elsewhere, ", ")));
        }
    }

    void check_repeats() {
        for (size_t i = 0; i < node_.iommus.size(); ++i)
            for (size_t j = 0; j < i; ++j)
                if (node_.iommus[i].swgroup && node_.iommus[i].swgroup == node_.iommus[j].swgroup)
                    diags_.warning(node_.iommus[i].loc, fmt::format("swgroup '{}' is listed twice in 'iommus'",
                                                                    node_.iommus[i].swgroup->name));
    }

    Board& board_;
    DtNode& node_;
    Diagnostics& diags_;
};

}  // namespace

void resolve_iommus(Board& board, DtNode& node, const Property& prop, Diagnostics& diags) {
    IommusResolver(board, node, diags).run(*prop.value);
}

}  // namespace socsim::dts
