// Board file -> device-tree nodes: the structural pass. Checks node and
// property names and the types of the properties socsim decodes; references
// (labels, iommus, the memory controller) are resolved in board_resolve.cpp.
#include <fmt/format.h>

#include "dts/parser/board.h"
#include "dts/parser/board_internal.h"
#include "util/yaml_values.h"

namespace socsim::dts {

namespace {

bool is_name_char(char c, bool property) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    if (c == ',' || c == '.' || c == '_' || c == '+' || c == '-') return true;
    return property && (c == '#' || c == '?');
}

bool is_hex(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    return true;
}

bool is_label(std::string_view s) {
    if (s.empty() || s.size() > 63) return false;
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (!alpha(s[0])) return false;
    for (char c : s)
        if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
    return true;
}

// Properties whose value socsim decodes; a mapping value for them is a type
// error, not a child node.
bool is_decoded_property(std::string_view name) {
    return name == "label" || name == "compatible" || name == "reg" || name == "status" ||
           name == "#iommu-cells" || name == "iommus" || name == "device_type" || name == "nvidia,head";
}

class Reader {
public:
    explicit Reader(Diagnostics& diags) : diags_(diags) {}

    void read_node(const yaml::Node& body, DtNode& node) {
        if (body.is_null()) return;  // `foo@1: ~` is an empty node
        for (const auto& [key, value] : body.entries) {
            const std::string& name = key->value;
            if (value->is_mapping() && !is_decoded_property(name)) {
                add_child(*key, *value, node);
            } else {
                read_property(*key, value, node);
            }
        }
    }

private:
    void add_child(const yaml::Node& key, const yaml::Node& body, DtNode& parent) {
        auto child = std::make_unique<DtNode>();
        child->name = key.value;
        child->loc = key.loc;
        child->parent = &parent;
        child->path = (parent.path == "/" ? "" : parent.path) + "/" + key.value;
        check_node_name(key, *child);
        DtNode& ref = *child;
        parent.children.push_back(std::move(child));
        read_node(body, ref);
    }

    void check_node_name(const yaml::Node& key, DtNode& node) {
        std::string_view name = key.value;
        auto at = name.find('@');
        std::string_view base = name.substr(0, at);
        node.base_name = std::string(base);
        bool ok = !base.empty() && base.size() <= 31 &&
                  ((base[0] >= 'a' && base[0] <= 'z') || (base[0] >= 'A' && base[0] <= 'Z'));
        for (char c : base) ok = ok && is_name_char(c, false);
        if (!ok) {
            diags_.error(key.loc, fmt::format("invalid node name '{}': a node name is 1-31 characters from "
                                              "[a-zA-Z0-9,._+-] starting with a letter",
                                              base));
        }
        if (at == std::string_view::npos) return;
        std::string_view unit = name.substr(at + 1);
        node.unit_address = std::string(unit);
        if (unit.size() > 2 && unit[0] == '0' && (unit[1] == 'x' || unit[1] == 'X')) {
            diags_.error(key.loc, fmt::format("bad unit address '{}' in node '{}': write it in hex without '0x' "
                                              "(e.g. '{}@{}')",
                                              unit, name, base, unit.substr(2)));
        } else if (!is_hex(unit) || unit.size() > 16) {
            diags_.error(key.loc, fmt::format("bad unit address '{}' in node '{}': must be a hexadecimal "
                                              "address (the first 'reg' address)",
                                              unit, name));
        }
    }

    void read_property(const yaml::Node& key, const yaml::NodePtr& value, DtNode& node) {
        const std::string& name = key.value;
        bool ok = !name.empty() && name.size() <= 31;
        for (char c : name) ok = ok && is_name_char(c, true);
        if (!ok) {
            diags_.error(key.loc, fmt::format("invalid property name '{}': 1-31 characters from "
                                              "[a-zA-Z0-9,._+?#-]",
                                              name));
        }
        node.props.push_back({name, key.loc, value});
        const yaml::Node& v = *value;
        if (name == "label") {
            read_label(v, node);
        } else if (name == "compatible") {
            if (auto list = yaml::read_string_list(v, diags_, "'compatible'")) node.compatible = *list;
        } else if (name == "reg") {
            read_reg(v, node);
        } else if (name == "status") {
            // DT spec values; anything but okay means the OS does not use the node.
            auto s = yaml::read_choice(v, diags_, "'status'", {"okay", "ok", "disabled", "reserved", "fail"});
            if (s) node.status_okay = *s == "okay" || *s == "ok";
        } else if (name == "#iommu-cells") {
            if (auto n = yaml::read_uint(v, diags_, "'#iommu-cells'", 16)) node.iommu_cells = *n;
        } else if (name == "device_type") {
            yaml::read_string(v, diags_, "'device_type'");
        } else if (name == "nvidia,head") {
            yaml::read_uint(v, diags_, "'nvidia,head'", 0xffffffffu);  // the display model's head (client_nodes.h)
        } else if (name != "iommus") {
            check_generic_value(v, name, 0);
        }
    }

    void read_label(const yaml::Node& v, DtNode& node) {
        auto s = yaml::read_string(v, diags_, "'label'");
        if (!s) return;
        if (!is_label(*s)) {
            diags_.error(v.loc, fmt::format("invalid label '{}': a label is a C identifier "
                                            "([A-Za-z_][A-Za-z0-9_]*, at most 63 characters)",
                                            *s));
            return;
        }
        node.label = *s;
    }

    void read_reg(const yaml::Node& v, DtNode& node) {
        // [a, s], [a, s, a2, s2] or [[a, s], [a2, s2]].
        std::vector<const yaml::Node*> cells;
        if (!v.is_sequence() || v.items.empty()) {
            diags_.malformed(v.loc, "'reg' must be [address, size] or a list of [address, size] pairs, not " +
                                        v.describe());
            return;
        }
        bool nested = v.items[0]->is_sequence();
        for (const auto& item : v.items) {
            if (item->is_sequence() != nested) {
                diags_.malformed(item->loc, "'reg' mixes [address, size] pairs and bare numbers");
                return;
            }
            if (!nested) {
                cells.push_back(item.get());
                continue;
            }
            if (item->items.size() != 2) {
                diags_.malformed(item->loc, fmt::format("'reg' entry must be [address, size], got {} value(s)",
                                                        item->items.size()));
                return;
            }
            cells.push_back(item->items[0].get());
            cells.push_back(item->items[1].get());
        }
        if (cells.size() % 2 != 0) {
            diags_.malformed(v.loc, fmt::format("'reg' must hold address/size pairs, got {} value(s)", cells.size()));
            return;
        }
        for (size_t i = 0; i < cells.size(); i += 2) {
            auto a = yaml::read_uint(*cells[i], diags_, "'reg' address");
            auto s = yaml::read_uint(*cells[i + 1], diags_, "'reg' size");
            if (!a || !s) return;
            if (*s != 0 && *a > UINT64_MAX - (*s - 1)) {
                diags_.error(cells[i + 1]->loc, "'reg' range wraps around the 64-bit address space");
                return;
            }
            node.reg.push_back({*a, *s, cells[i]->loc, cells[i + 1]->loc});
        }
    }

    // Any other property: a scalar, a list of scalars or a list of lists.
    void check_generic_value(const yaml::Node& v, const std::string& name, int depth) {
        if (v.is_mapping()) {
            diags_.malformed(v.loc, fmt::format("property '{}' holds a mapping inside a list; node children are "
                                                "written as mappings directly under their parent",
                                                name));
            return;
        }
        if (!v.is_sequence()) return;
        if (depth >= 2) {
            diags_.malformed(v.loc, fmt::format("property '{}' is nested too deeply (at most a list of lists)", name));
            return;
        }
        for (const auto& item : v.items) check_generic_value(*item, name, depth + 1);
    }

    Diagnostics& diags_;
};

// A node is enabled when its own status and every ancestor's is okay; computed
// once the whole tree is read, since `status` may follow a node's children.
void propagate_status(DtNode& node, bool parent_enabled) {
    node.enabled = parent_enabled && node.status_okay;
    for (auto& c : node.children) propagate_status(*c, node.enabled);
}

}  // namespace

bool read_tree(const yaml::Node& doc, Board& board, Diagnostics& diags) {
    Location file_start{board.file, 1, 1};
    if (!doc.is_mapping()) {
        diags.malformed(doc.loc.line ? doc.loc : file_start,
                        "a board file is a mapping with a root node '/', not " + doc.describe());
        return false;
    }
    if (!doc.find("/") && doc.find("scenario")) {
        diags.malformed(doc.loc, "this is a scenario file, not a board: it has 'scenario:' and no root node '/' "
                                 "(run scenarios with 'socsim run')");
        return false;
    }
    const yaml::Node* root_body = nullptr;
    for (const auto& [key, value] : doc.entries) {
        if (key->value == "/") {
            root_body = value.get();
            if (!value->is_mapping() && !value->is_null()) {
                diags.malformed(value->loc, "the root node '/' must be a mapping, not " + value->describe());
                return false;
            }
            board.root = std::make_unique<DtNode>();
            board.root->name = "/";
            board.root->path = "/";
            board.root->loc = key->loc;
        } else if (key->value == "socsim") {
            read_board_settings(*value, diags, board.settings);
        } else {
            diags.malformed(key->loc, fmt::format("unknown top-level key '{}': a board has the root node '/' and "
                                                  "optionally 'socsim' settings",
                                                  key->value));
        }
    }
    if (!board.root) {
        diags.malformed(doc.loc.line ? doc.loc : file_start, "board has no root node '/'");
        return false;
    }
    Reader reader(diags);
    reader.read_node(*root_body, *board.root);
    propagate_status(*board.root, true);
    return !diags.has_malformed();
}

}  // namespace socsim::dts
