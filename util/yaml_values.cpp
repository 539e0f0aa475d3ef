#include "util/yaml_values.h"

#include <fmt/format.h>

namespace socsim::yaml {

namespace {

// Written as a decimal or 0x-hex number, whatever its size.
bool has_number_syntax(std::string_view text) {
    bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    std::string_view digits = hex ? text.substr(2) : text;
    return !digits.empty() &&
           digits.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") == std::string_view::npos;
}

}  // namespace

std::optional<uint64_t> parse_uint(std::string_view text) {
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    if (text.empty()) return std::nullopt;
    uint64_t value = 0;
    for (char c : text) {
        int digit;
        if (c >= '0' && c <= '9') digit = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
        else return std::nullopt;
        if (value > (UINT64_MAX - static_cast<uint64_t>(digit)) / static_cast<uint64_t>(base))
            return std::nullopt;
        value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
    }
    return value;
}

bool is_uint(const Node& n) { return n.is_scalar() && !n.quoted && parse_uint(n.value).has_value(); }

std::optional<uint64_t> read_uint(const Node& n, Diagnostics& diags, std::string_view what, uint64_t max) {
    if (!n.is_scalar() || n.quoted) {
        diags.malformed(n.loc, fmt::format("{} must be an integer, not {}", what, n.describe()));
        return std::nullopt;
    }
    auto v = parse_uint(n.value);
    if (!v) {
        bool negative = !n.value.empty() && n.value[0] == '-';
        diags.malformed(n.loc, fmt::format("{} {}, not {}", what,
                                           negative                      ? "must be non-negative"
                                           : has_number_syntax(n.value) ? "does not fit in 64 bits"
                                                                        : "must be a decimal or 0x-hex integer",
                                           n.describe()));
        return std::nullopt;
    }
    if (*v > max) {
        diags.malformed(n.loc, fmt::format("{} {:#x} is out of range (maximum {:#x})", what, *v, max));
        return std::nullopt;
    }
    return v;
}

std::optional<std::string> read_string(const Node& n, Diagnostics& diags, std::string_view what) {
    // A plain number where a string is expected is a type error (quote it
    // if it really is a string).
    if (!n.is_scalar() || n.value.empty() || is_uint(n)) {
        diags.malformed(n.loc, fmt::format("{} must be a non-empty string, not {}", what,
                                           is_uint(n) ? "the number " + n.value : n.describe()));
        return std::nullopt;
    }
    return n.value;
}

std::optional<std::vector<std::string>> read_string_list(const Node& n, Diagnostics& diags,
                                                         std::string_view what) {
    std::vector<std::string> out;
    if (n.is_scalar()) {
        auto s = read_string(n, diags, what);
        if (!s) return std::nullopt;
        out.push_back(*s);
        return out;
    }
    if (!n.is_sequence() || n.items.empty()) {
        diags.malformed(n.loc, fmt::format("{} must be a string or a non-empty list of strings, not {}", what,
                                           n.describe()));
        return std::nullopt;
    }
    for (const auto& item : n.items) {
        auto s = read_string(*item, diags, what);
        if (!s) return std::nullopt;
        out.push_back(*s);
    }
    return out;
}

std::optional<std::string> read_choice(const Node& n, Diagnostics& diags, std::string_view what,
                                       const std::vector<std::string_view>& choices) {
    if (n.is_scalar()) {
        for (auto c : choices)
            if (n.value == c) return n.value;
    }
    diags.malformed(n.loc, fmt::format("{} must be one of {}, not {}", what, fmt::join(choices, " | "),
                                       n.describe()));
    return std::nullopt;
}

}  // namespace socsim::yaml
