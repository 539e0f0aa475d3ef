#include "util/yaml_values.h"

#include <vector>

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

namespace {

struct Unit {
    std::string_view suffix;
    uint64_t scale;
};

// "<number><unit>": number is decimal with an optional fraction, or 0x-hex
// when fractions are not allowed. Returns nullopt on any other text, on a
// fraction that does not come out whole, or on overflow.
std::optional<uint64_t> parse_with_unit(std::string_view text, const std::vector<Unit>& units, bool unit_required) {
    uint64_t scale = 1;
    bool found = false;
    for (const auto& u : units) {
        if (text.size() > u.suffix.size() && text.substr(text.size() - u.suffix.size()) == u.suffix) {
            text.remove_suffix(u.suffix.size());
            scale = u.scale;
            found = true;
            break;
        }
    }
    if (!found && unit_required) return std::nullopt;
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    size_t dot = text.find('.');
    auto whole = parse_uint(text.substr(0, dot));
    if (!whole || (dot != std::string_view::npos && text.substr(0, 2) == "0x")) return std::nullopt;
    if (*whole != 0 && scale > UINT64_MAX / *whole) return std::nullopt;
    uint64_t value = *whole * scale;
    if (dot == std::string_view::npos) return value;
    std::string_view frac = text.substr(dot + 1);
    if (frac.empty() || frac.size() > 18 || frac.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    uint64_t denom = 1;
    for (size_t i = 0; i < frac.size(); ++i) denom *= 10;
    uint64_t num = *parse_uint(frac);
    // value += num * scale / denom, exactly
    if (num != 0 && scale > UINT64_MAX / num) return std::nullopt;
    if ((num * scale) % denom != 0) return std::nullopt;
    uint64_t add = num * scale / denom;
    if (value > UINT64_MAX - add) return std::nullopt;
    return value + add;
}

}  // namespace

std::optional<uint64_t> read_size(const Node& n, Diagnostics& diags, std::string_view what) {
    static const std::vector<Unit> units = {{"KiB", 1ull << 10}, {"MiB", 1ull << 20}, {"GiB", 1ull << 30}};
    std::optional<uint64_t> v;
    if (n.is_scalar() && !n.quoted) v = parse_with_unit(n.value, units, false);
    if (!v)
        diags.malformed(n.loc, fmt::format("{} must be a size in bytes (an integer, or a number with KiB, MiB or "
                                           "GiB, e.g. 4KiB), not {}", what, n.describe()));
    return v;
}

std::optional<uint64_t> parse_time_ns(std::string_view text) {
    static const std::vector<Unit> units = {{"ns", 1}, {"us", 1000}, {"ms", 1000000}, {"s", 1000000000}};
    return parse_with_unit(text, units, true);
}

std::optional<uint64_t> parse_bandwidth(std::string_view text) {
    static const std::vector<Unit> units = {{"KiB/s", 1ull << 10}, {"MiB/s", 1ull << 20}, {"GiB/s", 1ull << 30},
                                            {"KB/s", 1000},        {"MB/s", 1000000},    {"GB/s", 1000000000}};
    auto v = parse_with_unit(text, units, true);
    if (v && *v == 0) return std::nullopt;
    return v;
}

std::optional<uint64_t> read_bandwidth(const Node& n, Diagnostics& diags, std::string_view what) {
    std::optional<uint64_t> v;
    if (n.is_scalar() && !n.quoted) v = parse_bandwidth(n.value);
    if (!v)
        diags.malformed(n.loc, fmt::format("{} must be a non-zero bandwidth with a unit (KB/s, MB/s, GB/s, KiB/s, "
                                           "MiB/s or GiB/s, e.g. 12.8GB/s), not {}", what, n.describe()));
    return v;
}

std::optional<uint64_t> read_time_ns(const Node& n, Diagnostics& diags, std::string_view what) {
    std::optional<uint64_t> v;
    if (n.is_scalar() && !n.quoted) v = parse_time_ns(n.value);
    if (!v)
        diags.malformed(n.loc, fmt::format("{} must be a time with a unit (ns, us, ms or s, e.g. 20ms; "
                                           "at most nanosecond precision), not {}", what, n.describe()));
    return v;
}

}  // namespace socsim::yaml
