// Reference pass over a board's device tree: labels and paths, the memory
// controller and the SoC it names, memory nodes and unit addresses. Errors
// here are `checked` errors (the file was read; exit 1 for validate).
#include <functional>

#include <fmt/format.h>

#include "dts/parser/board_internal.h"
#include "soc/soc_registry.h"
#include "util/yaml_values.h"

namespace socsim::dts {

namespace {

std::string known_mc_compatibles() {
    std::vector<std::string_view> names;
    for (const auto* s : soc::all_socs()) names.push_back(s->mc_compatible);
    return fmt::format("{}", fmt::join(names, ", "));
}

Location prop_value_loc(const DtNode& n, std::string_view name) {
    const Property* p = n.prop(name);
    return p ? p->value->loc : n.loc;
}

bool looks_like_mc(const DtNode& n) {
    if (n.iommu_cells) return true;
    for (const auto& c : n.compatible) {
        if (c.size() > 3 && c.compare(c.size() - 3, 3, "-mc") == 0) return true;
    }
    return n.base_name == "memory-controller";
}

void collect_labels(Board& board, Diagnostics& diags) {
    for_each_node(*board.root, [&](const DtNode& n) {
        if (!n.label) return;
        auto [it, inserted] = board.labels.emplace(*n.label, &n);
        if (!inserted) {
            diags.error(prop_value_loc(n, "label"), fmt::format("duplicate label '{}'", *n.label));
            diags.note(prop_value_loc(*it->second, "label"), fmt::format("'{}' first defined here", *n.label));
        }
    });
}

void find_memory_controller(Board& board, Diagnostics& diags) {
    std::vector<const DtNode*> unknown;
    for_each_node(*board.root, [&](const DtNode& n) {
        for (const auto& c : n.compatible) {
            if (const auto* soc = soc::find_soc_by_mc_compatible(c)) {
                if (board.mc) {
                    diags.error(n.loc, fmt::format("second memory controller '{}': a board has one", n.path));
                    diags.note(board.mc->loc, "the first is here");
                    return;
                }
                board.mc = &n;
                board.soc = soc;
                return;
            }
        }
        if (looks_like_mc(n)) unknown.push_back(&n);
    });
    if (board.mc) return;
    for (const DtNode* n : unknown) {
        std::string what = n->compatible.empty() ? "no 'compatible'" : fmt::format("compatible '{}'",
                                                                                   fmt::join(n->compatible, "', '"));
        diags.error(n->compatible.empty() ? n->loc : prop_value_loc(*n, "compatible"),
                    fmt::format("unknown memory controller '{}' ({}); socsim models {}", n->path, what,
                                known_mc_compatibles()));
    }
    if (unknown.empty()) {
        diags.error(board.root->loc, fmt::format("no memory controller: a board needs a node compatible with one "
                                                 "of {}",
                                                 known_mc_compatibles()));
    }
}

void check_memory_controller(const Board& board, Diagnostics& diags) {
    const DtNode& mc = *board.mc;
    if (!mc.iommu_cells) {
        diags.error(mc.loc, fmt::format("memory controller '{}' has no '#iommu-cells': its SMMU cannot be "
                                        "referenced by 'iommus' (tegra-smmu uses \"#iommu-cells\": 1)",
                                        mc.path));
    } else if (*mc.iommu_cells != 1) {
        diags.error(prop_value_loc(mc, "#iommu-cells"),
                    fmt::format("'#iommu-cells' of the memory controller must be 1 (the swgroup), not {}",
                                *mc.iommu_cells));
    }
    if (!mc.enabled) {
        diags.warning(prop_value_loc(mc, "status"), "the memory controller is disabled: the SMMU is not probed "
                                                    "and no IOMMU groups are formed");
    }
    const DtNode& root = *board.root;
    if (root.compatible.empty()) return;
    for (const auto& c : root.compatible)
        for (auto sc : board.soc->soc_compatibles)
            if (c == sc) return;
    diags.warning(prop_value_loc(root, "compatible"),
                  fmt::format("root compatible '{}' does not name {}, the SoC of the memory controller '{}'",
                              fmt::join(root.compatible, "', '"), board.soc->name, board.soc->mc_compatible));
}

void check_unit_addresses(const Board& board, Diagnostics& diags) {
    for_each_node(*board.root, [&](const DtNode& n) {
        if (&n == board.root.get()) return;
        if (!n.unit_address) {
            if (!n.reg.empty())
                diags.warning(n.loc, fmt::format("node '{}' has 'reg' but no unit address (expected '{}@{:x}')",
                                                 n.name, n.base_name, n.reg[0].address));
            return;
        }
        auto unit = yaml::parse_uint("0x" + *n.unit_address);
        if (!unit) return;  // reported by the reader
        if (n.reg.empty()) {
            diags.warning(n.loc, fmt::format("node '{}' has a unit address but no 'reg'", n.name));
        } else if (*unit != n.reg[0].address) {
            diags.warning(n.loc, fmt::format("unit address of '{}' does not match its first 'reg' address {:#x}",
                                             n.name, n.reg[0].address));
        }
    });
}

bool is_memory_node(const DtNode& n) {
    const Property* dt = n.prop("device_type");
    return dt ? (dt->value->is_scalar() && dt->value->value == "memory") : n.base_name == "memory";
}

bool overlaps(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size) {
    return a_size && b_size && a <= b + (b_size - 1) && b <= a + (a_size - 1);
}

// A DRAM range must fit the SoC's physical address space, must not overlap
// another DRAM range, and must not cover the registers of a top-level node
// (children's `reg` are relative to their bus and are not compared: socsim
// does not interpret `ranges`). Returns whether the range is usable.
bool check_dram_range(const Board& board, const DtNode& n, const RegRange& r, Diagnostics& diags) {
    bool ok = true;
    if (board.soc && board.soc->num_address_bits < 64) {
        uint64_t limit = 1ull << board.soc->num_address_bits;
        if (r.address >= limit || r.size > limit - r.address) {
            diags.error(r.loc, fmt::format("DRAM [{:#x}, {:#x}) is beyond the {}-bit physical address space of {}",
                                           r.address, r.address + r.size, board.soc->num_address_bits,
                                           board.soc->name));
            return false;
        }
    }
    for (const auto& m : board.memory) {
        if (!overlaps(r.address, r.size, m.base, m.size)) continue;
        ok = false;
        diags.error(r.loc, fmt::format("DRAM range [{:#x}, {:#x}) overlaps [{:#x}, {:#x}) of '{}'", r.address,
                                           r.address + r.size, m.base, m.base + m.size, m.node->path));
    }
    for (const auto& child : board.root->children) {
        if (child.get() == &n || is_memory_node(*child) || !child->enabled) continue;
        for (const auto& io : child->reg) {
            if (!overlaps(r.address, r.size, io.address, io.size)) continue;
            ok = false;
            diags.error(r.loc, fmt::format("DRAM range [{:#x}, {:#x}) overlaps the registers of '{}' at {:#x}",
                                           r.address, r.address + r.size, child->path, io.address));
        }
    }
    return ok;
}

void collect_memory(Board& board, Diagnostics& diags) {
    for_each_node(*board.root, [&](const DtNode& n) {
        if (!is_memory_node(n) || !n.enabled) return;
        if (n.reg.empty()) {
            // A 'reg' that was refused has its own error already.
            if (!n.prop("reg")) diags.error(n.loc, fmt::format("memory node '{}' has no 'reg' [base, size]", n.path));
            return;
        }
        for (const auto& r : n.reg) {
            if (r.size == 0) {
                diags.error(r.size_loc, fmt::format("memory node '{}' has a zero-sized range", n.path));
                continue;
            }
            if (check_dram_range(board, n, r, diags)) board.memory.push_back({r.address, r.size, &n});
        }
    });
    if (board.memory.empty()) board.memory.push_back({kDefaultDramBase, kDefaultDramSize, nullptr});
}

}  // namespace

void resolve_board(Board& board, Diagnostics& diags) {
    collect_labels(board, diags);
    find_memory_controller(board, diags);
    if (board.mc) check_memory_controller(board, diags);
    check_unit_addresses(board, diags);
    // iommus after the MC is known: cells are swgroups of its SoC.
    std::vector<DtNode*> with_iommus;
    std::function<void(DtNode&)> walk = [&](DtNode& n) {
        if (n.prop("iommus")) with_iommus.push_back(&n);
        for (auto& c : n.children) walk(*c);
    };
    walk(*board.root);
    for (DtNode* n : with_iommus) resolve_iommus(board, *n, *n->prop("iommus"), diags);
    collect_memory(board, diags);
}

}  // namespace socsim::dts
