#include "util/yaml_doc.h"

#include <fstream>
#include <map>
#include <sstream>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace socsim::yaml {

const Node* Node::find(std::string_view key) const {
    for (const auto& [k, v] : entries)
        if (k->is_scalar() && k->value == key) return v.get();
    return nullptr;
}

std::string Node::describe() const {
    switch (kind) {
        case Kind::Null: return "an empty value";
        case Kind::Sequence: return "a sequence";
        case Kind::Mapping: return "a mapping";
        case Kind::Scalar: break;
    }
    std::string shown = value.size() > 40 ? value.substr(0, 40) + "..." : value;
    return (quoted ? "the string \"" : "'") + shown + (quoted ? "\"" : "'");
}

namespace {

Location at(const std::string& file, const YAML::Mark& m) {
    if (m.is_null()) return {file, 0, 0};
    return {file, m.line + 1, m.column + 1};
}

// Line/column of byte offset `pos` in `text` (1-based, columns in bytes).
Location locate(const std::string& file, std::string_view text, size_t pos) {
    int line = 1, col = 1;
    for (size_t i = 0; i < pos && i < text.size(); ++i) {
        if (text[i] == '\n') { ++line; col = 1; } else { ++col; }
    }
    return {file, line, col};
}

// Offset of the first byte that is not valid UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or npos.
size_t first_invalid_utf8(std::string_view s) {
    auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = byte(i);
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t continuation;
        unsigned char lo = 0x80, hi = 0xbf;  // allowed range of the first continuation byte
        if (c >= 0xc2 && c <= 0xdf) {
            continuation = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            continuation = 2;
            if (c == 0xe0) lo = 0xa0;
            if (c == 0xed) hi = 0x9f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            continuation = 3;
            if (c == 0xf0) lo = 0x90;
            if (c == 0xf4) hi = 0x8f;
        } else {
            return i;
        }
        if (i + continuation >= s.size()) return i;
        if (byte(i + 1) < lo || byte(i + 1) > hi) return i;
        for (size_t k = 2; k <= continuation; ++k)
            if ((byte(i + k) & 0xc0) != 0x80) return i;
        i += continuation + 1;
    }
    return std::string_view::npos;
}

// Builds the located tree from parser events.
class Builder : public YAML::EventHandler {
public:
    Builder(std::string file, Diagnostics& diags, const Limits& limits)
        : file_(std::move(file)), diags_(diags), limits_(limits) {}

    NodePtr root;
    bool failed = false;

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (root) fail(at(file_, mark), "more than one YAML document in the file");
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto n = std::make_shared<Node>();
        n->kind = Node::Kind::Null;
        n->loc = at(file_, mark);
        finish(std::move(n), anchor, 1);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (failed) return;
        auto it = anchors_.find(anchor);
        if (it == anchors_.end() || !it->second.node) {
            fail(at(file_, mark), "alias refers to a node that contains it (recursive alias)");
            return;
        }
        place(it->second.node, it->second.size, at(file_, mark), true);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        auto n = std::make_shared<Node>();
        n->kind = Node::Kind::Scalar;
        n->loc = at(file_, mark);
        n->value = value;
        n->quoted = (tag == "!");
        finish(std::move(n), anchor, 1);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        open(Node::Kind::Sequence, mark, anchor, style == YAML::EmitterStyle::Flow);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        open(Node::Kind::Mapping, mark, anchor, style == YAML::EmitterStyle::Flow);
    }
    void OnMapEnd() override { close(); }

    // The innermost flow collection ('[' or '{') still open, if any: where an
    // "end of flow not found" error really is.
    const Node* innermost_open_flow() const {
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
            if (it->flow) return it->node.get();
        return nullptr;
    }

private:
    struct Open {
        std::shared_ptr<Node> node;
        YAML::anchor_t anchor;
        bool flow = false;            // written [...] or {...}
        size_t size = 1;              // expanded size of the subtree so far
        NodePtr pending_key;          // mapping: key waiting for its value
    };
    struct Anchored {
        NodePtr node;                 // null while the anchored node is still open
        size_t size = 0;
    };

    void fail(const Location& loc, std::string msg) {
        if (!failed) diags_.malformed(loc, std::move(msg));
        failed = true;
    }

    void open(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor, bool flow) {
        if (failed) return;
        if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
            fail(at(file_, mark), "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
            return;
        }
        auto n = std::make_shared<Node>();
        n->kind = kind;
        n->loc = at(file_, mark);
        if (anchor != YAML::NullAnchor) anchors_[anchor] = Anchored{};
        stack_.push_back({std::move(n), anchor, flow, 1, nullptr});
    }

    void close() {
        if (failed || stack_.empty()) return;
        Open top = std::move(stack_.back());
        stack_.pop_back();
        if (top.node->kind == Node::Kind::Mapping) check_duplicates(*top.node);
        if (failed) return;
        finish(std::move(top.node), top.anchor, top.size);
    }

    void check_duplicates(const Node& map) {
        std::map<std::string, const Node*> seen;
        for (const auto& [k, v] : map.entries) {
            if (!k->is_scalar()) {
                fail(k->loc, "mapping keys must be plain scalars, not " + k->describe());
                return;
            }
            auto [it, inserted] = seen.emplace(k->value, k.get());
            if (!inserted) {
                fail(k->loc, "duplicate key '" + k->value + "' (first defined at line " +
                                 std::to_string(it->second->loc.line) + ")");
                return;
            }
        }
    }

    void finish(std::shared_ptr<Node> n, YAML::anchor_t anchor, size_t size) {
        if (failed) return;
        if (anchor != YAML::NullAnchor) anchors_[anchor] = Anchored{n, size};
        Location loc = n->loc;
        place(std::move(n), size, loc, false);
    }

    // Attaches a completed node to its parent (or makes it the root; a second
    // document is refused in OnDocumentStart). `size` is its expanded subtree
    // size. A new node adds one to the document (its children were counted
    // when they were placed); an alias is a virtual copy of its whole subtree.
    void place(NodePtr n, size_t size, const Location& loc, bool alias) {
        if (failed) return;
        expanded_ += alias ? size : 1;
        if (expanded_ > limits_.max_expanded_nodes) {
            std::string limit = std::to_string(limits_.max_expanded_nodes);
            fail(loc, alias ? "document expands to more than " + limit + " nodes through aliases"
                            : "document has more than " + limit + " nodes");
            return;
        }
        if (stack_.empty()) {
            root = std::move(n);
            return;
        }
        Open& parent = stack_.back();
        parent.size += size;
        if (parent.node->kind == Node::Kind::Sequence) {
            parent.node->items.push_back(std::move(n));
        } else if (!parent.pending_key) {
            parent.pending_key = std::move(n);
        } else {
            parent.node->entries.emplace_back(std::move(parent.pending_key), std::move(n));
            parent.pending_key = nullptr;
        }
    }

    std::string file_;
    Diagnostics& diags_;
    const Limits& limits_;
    std::vector<Open> stack_;
    std::map<YAML::anchor_t, Anchored> anchors_;
    size_t expanded_ = 0;
};

std::string clean_message(const std::string& msg) {
    if (msg.empty()) return "invalid YAML";
    return msg;
}

}  // namespace

std::optional<NodePtr> load_string(std::string_view text, const std::string& name, Diagnostics& diags,
                                   const Limits& limits) {
    if (text.size() > limits.max_file_bytes) {
        diags.malformed({name, 1, 1}, "file is larger than " + std::to_string(limits.max_file_bytes >> 20) +
                                          " MiB");
        return std::nullopt;
    }
    if (auto nul = text.find('\0'); nul != std::string_view::npos) {
        diags.malformed(locate(name, text, nul), "binary data (NUL byte) in a YAML file");
        return std::nullopt;
    }
    if (auto bad = first_invalid_utf8(text); bad != std::string_view::npos) {
        diags.malformed(locate(name, text, bad), "invalid UTF-8");
        return std::nullopt;
    }
    Builder builder(name, diags, limits);
    try {
        std::istringstream in{std::string(text)};
        YAML::Parser parser(in);
        while (!builder.failed && parser.HandleNextDocument(builder)) {
        }
    } catch (const YAML::Exception& e) {
        if (builder.failed) return std::nullopt;
        const Node* open_flow = builder.innermost_open_flow();
        if (open_flow && e.msg.find("flow not found") != std::string::npos) {
            diags.malformed(open_flow->loc, std::string("YAML syntax: this '") +
                                                (open_flow->is_sequence() ? "[" : "{") + "' is never closed");
            diags.note(at(name, e.mark), "the parser gave up here");
        } else {
            diags.malformed(at(name, e.mark), "YAML syntax: " + clean_message(e.msg));
        }
        return std::nullopt;
    } catch (const std::exception& e) {
        // yaml-cpp can throw standard exceptions on pathological input.
        if (!builder.failed) diags.malformed({name, 1, 1}, "cannot parse YAML: " + std::string(e.what()));
        return std::nullopt;
    }
    if (builder.failed) return std::nullopt;
    if (!builder.root) {
        diags.malformed({name, 1, 1}, "empty document");
        return std::nullopt;
    }
    return builder.root;
}

std::optional<NodePtr> load_file(const std::string& path, Diagnostics& diags, const Limits& limits) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.malformed({path, 1, 1}, "cannot open file");
        return std::nullopt;
    }
    std::string text;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<size_t>(in.gcount()));
        if (text.size() > limits.max_file_bytes) break;
    }
    if (in.bad()) {
        diags.malformed({path, 1, 1}, "cannot read file");
        return std::nullopt;
    }
    return load_string(text, path, diags, limits);
}

}  // namespace socsim::yaml
