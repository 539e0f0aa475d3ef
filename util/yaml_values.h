// Typed reads of located YAML values, shared by the board and scenario
// parsers. Each reader reports a `malformed` diagnostic at the offending node
// and returns nullopt when the value has the wrong type or is out of range.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/diag.h"
#include "util/yaml_doc.h"

namespace socsim::yaml {

// Parses a decimal or 0x-hex unsigned integer ("4096", "0x1000"); nullopt on
// any other text or on overflow of 64 bits.
std::optional<uint64_t> parse_uint(std::string_view text);

// True when `n` is a plain (unquoted) scalar that parse_uint accepts.
bool is_uint(const Node& n);

// `what` names the value in messages, e.g. "'reg' address".
std::optional<uint64_t> read_uint(const Node& n, Diagnostics& diags, std::string_view what,
                                  uint64_t max = UINT64_MAX);
std::optional<std::string> read_string(const Node& n, Diagnostics& diags, std::string_view what);
// A string or a sequence of strings (e.g. `compatible`).
std::optional<std::vector<std::string>> read_string_list(const Node& n, Diagnostics& diags,
                                                         std::string_view what);
// One of `choices`; the message lists them.
std::optional<std::string> read_choice(const Node& n, Diagnostics& diags, std::string_view what,
                                       const std::vector<std::string_view>& choices);

// A size in bytes: an integer, or a number with KiB, MiB or GiB ("4KiB",
// "2 MiB"); must fit 64 bits.
std::optional<uint64_t> read_size(const Node& n, Diagnostics& diags, std::string_view what);
// The longest time a board or scenario may give: 2^63 picoseconds, so that
// SystemC's 64-bit picosecond time holds it, and the sum of two such times.
constexpr uint64_t kMaxTimeNs = (uint64_t(1) << 63) / 1000;

// A time in nanoseconds: a number with ns, us, ms or s ("20ms", "1.5us");
// fractions must come out as whole nanoseconds; at most kMaxTimeNs.
std::optional<uint64_t> read_time_ns(const Node& n, Diagnostics& diags, std::string_view what);
// A bandwidth in bytes per second: a number with KB/s, MB/s, GB/s (powers
// of 1000) or KiB/s, MiB/s, GiB/s ("12.8GB/s"); must come out whole.
std::optional<uint64_t> read_bandwidth(const Node& n, Diagnostics& diags, std::string_view what);
// The same, from plain text (command-line overrides); nullopt when invalid.
std::optional<uint64_t> parse_time_ns(std::string_view text);
std::optional<uint64_t> parse_bandwidth(std::string_view text);

}  // namespace socsim::yaml
