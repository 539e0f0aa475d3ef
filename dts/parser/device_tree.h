// The device tree a board file describes: nodes with names, unit addresses,
// labels, absolute paths and properties, each located in the board file.
// Generic properties are kept as their YAML values; the ones socsim
// interprets (compatible, reg, status, label, #iommu-cells, iommus) are also
// decoded into typed fields by the board loader.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soc/soc_info.h"
#include "util/diag.h"
#include "util/yaml_doc.h"

namespace socsim::dts {

struct DtNode;

struct Property {
    std::string name;
    Location loc;              // of the key
    yaml::NodePtr value;
};

struct RegRange {
    uint64_t address = 0;
    uint64_t size = 0;
    Location loc;        // of the address cell
    Location size_loc;   // of the size cell
};

// One `iommus` specifier, resolved against the memory controller's SMMU.
struct IommuSpec {
    const DtNode* target = nullptr;          // the IOMMU node (the MC)
    std::vector<uint64_t> cells;
    const soc::Swgroup* swgroup = nullptr;   // resolved first cell; null if unresolved
    Location loc;                            // of the specifier
    Location cell_loc;                       // of the swgroup cell
};

struct DtNode {
    std::string name;                        // "dc@54200000" ("/" for the root)
    std::string base_name;                   // "dc"
    std::optional<std::string> unit_address; // "54200000"
    std::string path;                        // "/host1x@50000000/dc@54200000"
    Location loc;                            // of the node's key
    DtNode* parent = nullptr;
    std::vector<std::unique_ptr<DtNode>> children;
    std::vector<Property> props;

    // Decoded standard properties.
    std::optional<std::string> label;
    std::vector<std::string> compatible;
    std::vector<RegRange> reg;
    bool status_okay = true;                 // own `status`
    bool enabled = true;                     // own status and every ancestor's
    std::optional<uint64_t> iommu_cells;     // "#iommu-cells"
    std::vector<IommuSpec> iommus;

    const Property* prop(std::string_view prop_name) const;
    bool is_compatible(std::string_view c) const;
    // Label if it has one, else the path: how messages and reports name it.
    std::string display_name() const { return label ? *label : path; }
};

// Calls fn(node) for every node in document (pre-)order.
template <typename Fn>
void for_each_node(const DtNode& root, Fn&& fn) {
    fn(root);
    for (const auto& c : root.children) for_each_node(*c, fn);
}

}  // namespace socsim::dts
