#include "dts/parser/board.h"

#include "dts/parser/board_internal.h"
#include "util/yaml_doc.h"

namespace socsim::dts {

const Property* DtNode::prop(std::string_view prop_name) const {
    for (const auto& p : props)
        if (p.name == prop_name) return &p;
    return nullptr;
}

bool DtNode::is_compatible(std::string_view c) const {
    for (const auto& s : compatible)
        if (s == c) return true;
    return false;
}

namespace {

// Child of `n` named `component`: exact name, or the only child whose base
// name matches when `component` has no unit address.
const DtNode* find_child(const DtNode& n, std::string_view component) {
    const DtNode* by_base = nullptr;
    int base_matches = 0;
    for (const auto& c : n.children) {
        if (c->name == component) return c.get();
        if (component.find('@') == std::string_view::npos && c->base_name == component) {
            by_base = c.get();
            ++base_matches;
        }
    }
    return base_matches == 1 ? by_base : nullptr;
}

}  // namespace

bool Board::dram_contains(uint64_t pa, uint64_t len) const {
    for (const auto& r : memory)
        if (pa >= r.base && len <= r.size && pa - r.base <= r.size - len) return true;
    return false;
}

const DtNode* Board::resolve(std::string_view ref) const {
    if (!root || ref.empty()) return nullptr;
    if (ref[0] != '/') {
        auto it = labels.find(ref);
        return it == labels.end() ? nullptr : it->second;
    }
    const DtNode* n = root.get();
    size_t pos = 1;
    while (n && pos < ref.size()) {
        size_t end = ref.find('/', pos);
        if (end == std::string_view::npos) end = ref.size();
        if (end > pos) n = find_child(*n, ref.substr(pos, end - pos));
        pos = end + 1;
    }
    return n;
}

std::vector<const DtNode*> Board::iommu_devices() const {
    std::vector<const DtNode*> out;
    if (!root || !mc || !mc->enabled) return out;
    for_each_node(*root, [&](const DtNode& n) {
        if (n.enabled && !n.iommus.empty() && n.iommus[0].swgroup) out.push_back(&n);
    });
    return out;
}

namespace {

std::optional<Board> finish(std::optional<yaml::NodePtr> doc, const std::string& name, Diagnostics& diags) {
    if (!doc) return std::nullopt;
    Board board;
    board.file = name;
    if (!read_tree(**doc, board, diags)) return std::nullopt;
    resolve_board(board, diags);
    if (diags.has_malformed()) return std::nullopt;
    // The located YAML tree stays alive through the properties' NodePtrs.
    return board;
}

}  // namespace

std::optional<Board> load_board(const std::string& path, Diagnostics& diags) {
    return finish(yaml::load_file(path, diags), path, diags);
}

std::optional<Board> load_board_from_string(std::string_view text, const std::string& name, Diagnostics& diags) {
    return finish(yaml::load_string(text, name, diags), name, diags);
}

}  // namespace socsim::dts
