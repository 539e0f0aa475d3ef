// A board: the device tree of a board file, resolved against the SoC its
// memory controller names. Loading reports every problem with its location
// (see util/diag.h for which problems are `malformed`, i.e. exit 2).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dts/parser/board_settings.h"
#include "dts/parser/device_tree.h"
#include "soc/soc_info.h"
#include "util/diag.h"

namespace socsim::dts {

struct MemoryRegion {
    uint64_t base = 0;
    uint64_t size = 0;
    const DtNode* node = nullptr;   // null for the default region
};

struct Board {
    std::string file;
    std::unique_ptr<DtNode> root;
    BoardSettings settings;
    const soc::SocInfo* soc = nullptr;   // from the MC compatible; null when unknown/missing
    const DtNode* mc = nullptr;          // the memory controller (the SMMU) node
    std::vector<MemoryRegion> memory;    // DRAM; the default when the board has no memory node
    std::map<std::string, const DtNode*, std::less<>> labels;

    // A label or an absolute path ("/host1x@50000000/dc@54200000"; a path
    // component may omit its unit address when that is unambiguous).
    const DtNode* resolve(std::string_view ref) const;

    // Whether [pa, pa+len) lies within one DRAM range.
    bool dram_contains(uint64_t pa, uint64_t len) const;

    // Enabled nodes with at least one resolved `iommus` entry on the MC, in
    // document order: the devices the IOMMU core probes.
    std::vector<const DtNode*> iommu_devices() const;
};

// DRAM when a board has no memory node (INTERFACES.md §3).
inline constexpr uint64_t kDefaultDramBase = 0x80000000ull;
inline constexpr uint64_t kDefaultDramSize = 0x80000000ull;

// Loads and resolves a board. Returns nullopt when the file is malformed
// (diags has the reasons, exit 2); otherwise a board, possibly with checked
// errors recorded in diags (exit 1).
std::optional<Board> load_board(const std::string& path, Diagnostics& diags);
std::optional<Board> load_board_from_string(std::string_view text, const std::string& name, Diagnostics& diags);

}  // namespace socsim::dts
