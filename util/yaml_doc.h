// A located YAML document tree, read with yaml-cpp's event parser rather than
// YAML::Node so that socsim can see what YAML::Node hides or mishandles:
//  - every node (and every mapping key) keeps its FILE:LINE:COL;
//  - duplicate mapping keys are reported (YAML::Node keeps one silently);
//  - aliases share the anchored node (no copy), an alias to a node that is
//    still open (recursion) is an error, and the expanded size of the
//    document is bounded, so alias "bombs" cannot exhaust memory or time;
//  - nesting depth is bounded (yaml-cpp's own guard plus ours);
//  - NUL bytes, invalid UTF-8 and oversized files are refused up front;
//  - quoted scalars are told apart from plain ones ("0x10" is a string).
// All problems are reported as `malformed` diagnostics (exit 2).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/diag.h"

namespace socsim::yaml {

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Node {
    enum class Kind { Null, Scalar, Sequence, Mapping };
    Kind kind = Kind::Null;
    Location loc;
    std::string value;      // scalar text
    bool quoted = false;    // scalar written in quotes (or with an explicit '!' tag)
    std::vector<NodePtr> items;                          // sequence
    std::vector<std::pair<NodePtr, NodePtr>> entries;    // mapping, in file order

    bool is_null() const { return kind == Kind::Null; }
    bool is_scalar() const { return kind == Kind::Scalar; }
    bool is_sequence() const { return kind == Kind::Sequence; }
    bool is_mapping() const { return kind == Kind::Mapping; }
    // Mapping lookup by scalar key (first match); nullptr when absent.
    const Node* find(std::string_view key) const;
    // "a mapping", "a sequence", "the string 'x'", ... for messages.
    std::string describe() const;
};

struct Limits {
    size_t max_file_bytes = 16u << 20;       // 16 MiB
    size_t max_expanded_nodes = 1u << 20;    // alias expansion budget
    int max_depth = 256;                     // nesting of sequences/mappings
};

// Reads FILE and returns its single document, or nullopt after reporting why.
std::optional<NodePtr> load_file(const std::string& path, Diagnostics& diags, const Limits& limits = {});
// Same for text already in memory; `name` is used in locations.
std::optional<NodePtr> load_string(std::string_view text, const std::string& name, Diagnostics& diags,
                                   const Limits& limits = {});

}  // namespace socsim::yaml
