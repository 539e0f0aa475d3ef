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

// Why a number with a unit was refused, so that the message can say so.
enum class Problem { None, Syntax, Negative, Overflow, NotWhole };

struct Parsed {
    std::optional<uint64_t> value;
    Problem problem = Problem::None;
};

Parsed refused(Problem p) { return {std::nullopt, p}; }

// "<number><unit>": number is decimal with an optional fraction, or 0x-hex
// when fractions are not allowed. Refuses any other text (Syntax), a
// fraction that does not come out whole, overflow of 64 bits and a leading
// minus sign, each with its own reason.
Parsed parse_with_unit(std::string_view text, const std::vector<Unit>& units, bool unit_required) {
    if (!text.empty() && text[0] == '-') {
        Parsed p = parse_with_unit(text.substr(1), units, unit_required);
        return refused(p.problem == Problem::Syntax ? Problem::Syntax : Problem::Negative);
    }
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
    if (!found && unit_required) return refused(Problem::Syntax);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    size_t dot = text.find('.');
    std::string_view whole_text = text.substr(0, dot);
    if (dot != std::string_view::npos && whole_text.substr(0, 2) == "0x") return refused(Problem::Syntax);
    auto whole = parse_uint(whole_text);
    if (!whole) return refused(has_number_syntax(whole_text) ? Problem::Overflow : Problem::Syntax);
    std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (dot != std::string_view::npos &&
        (frac.empty() || frac.size() > 18 || frac.find_first_not_of("0123456789") != std::string_view::npos))
        return refused(Problem::Syntax);
    if (*whole != 0 && scale > UINT64_MAX / *whole) return refused(Problem::Overflow);
    uint64_t value = *whole * scale;
    if (frac.empty()) return {value, Problem::None};
    uint64_t denom = 1;
    for (size_t i = 0; i < frac.size(); ++i) denom *= 10;
    uint64_t num = *parse_uint(frac);
    // value += num * scale / denom, exactly
    if (num != 0 && scale > UINT64_MAX / num) return refused(Problem::Overflow);
    if ((num * scale) % denom != 0) return refused(Problem::NotWhole);
    uint64_t add = num * scale / denom;
    if (value > UINT64_MAX - add) return refused(Problem::Overflow);
    return {value + add, Problem::None};
}

const std::vector<Unit>& size_units() {
    static const std::vector<Unit> units = {{"KiB", 1ull << 10}, {"MiB", 1ull << 20}, {"GiB", 1ull << 30}};
    return units;
}

const std::vector<Unit>& time_units() {
    static const std::vector<Unit> units = {{"ns", 1}, {"us", 1000}, {"ms", 1000000}, {"s", 1000000000}};
    return units;
}

const std::vector<Unit>& bandwidth_units() {
    static const std::vector<Unit> units = {{"KiB/s", 1ull << 10}, {"MiB/s", 1ull << 20}, {"GiB/s", 1ull << 30},
                                            {"KB/s", 1000},        {"MB/s", 1000000},    {"GB/s", 1000000000}};
    return units;
}

Parsed parse_scalar(const Node& n, const std::vector<Unit>& units, bool unit_required) {
    if (!n.is_scalar() || n.quoted) return refused(Problem::Syntax);
    return parse_with_unit(n.value, units, unit_required);
}

// The message for a refused value; `syntax` is the one for text that is
// not a number of the kind at all, `unit` names what a fraction must come
// out as.
std::string refusal(const Node& n, std::string_view what, Problem p, std::string_view syntax, std::string_view unit) {
    switch (p) {
        case Problem::Negative: return fmt::format("{} must not be negative, not {}", what, n.describe());
        case Problem::Overflow: return fmt::format("{} does not fit in 64 bits, not {}", what, n.describe());
        case Problem::NotWhole: return fmt::format("{} must be a whole number of {}, not {}", what, unit, n.describe());
        default: return fmt::format("{} {}, not {}", what, syntax, n.describe());
    }
}

}  // namespace

std::optional<uint64_t> read_size(const Node& n, Diagnostics& diags, std::string_view what) {
    Parsed p = parse_scalar(n, size_units(), false);
    if (!p.value)
        diags.malformed(n.loc, refusal(n, what, p.problem,
                                       "must be a size in bytes (an integer, or a number with KiB, MiB or GiB, e.g. "
                                       "4KiB)",
                                       "bytes"));
    return p.value;
}

std::optional<uint64_t> parse_time_ns(std::string_view text) { return parse_with_unit(text, time_units(), true).value; }

std::optional<uint64_t> parse_bandwidth(std::string_view text) {
    auto v = parse_with_unit(text, bandwidth_units(), true).value;
    if (v && *v == 0) return std::nullopt;
    return v;
}

std::optional<uint64_t> read_bandwidth(const Node& n, Diagnostics& diags, std::string_view what) {
    Parsed p = parse_scalar(n, bandwidth_units(), true);
    if (p.value && *p.value == 0) p = refused(Problem::Syntax);
    if (!p.value)
        diags.malformed(n.loc, refusal(n, what, p.problem,
                                       "must be a non-zero bandwidth with a unit (KB/s, MB/s, GB/s, KiB/s, MiB/s or "
                                       "GiB/s, e.g. 12.8GB/s)",
                                       "bytes per second"));
    return p.value;
}

std::optional<uint64_t> read_time_ns(const Node& n, Diagnostics& diags, std::string_view what) {
    Parsed p = parse_scalar(n, time_units(), true);
    if (p.problem == Problem::Overflow || (p.value && *p.value > kMaxTimeNs)) {
        diags.malformed(n.loc, fmt::format("{} is too long: at most {} ns (2^63 ps, about 106 days: SystemC counts "
                                           "time in 64-bit picoseconds), not {}",
                                           what, kMaxTimeNs, n.describe()));
        return std::nullopt;
    }
    if (!p.value)
        diags.malformed(n.loc, refusal(n, what, p.problem,
                                       "must be a time with a unit (ns, us, ms or s, e.g. 20ms)", "nanoseconds"));
    return p.value;
}

}  // namespace socsim::yaml
