// How the benchmark suite prints: aligned text tables on stdout, the same
// tables in Markdown (--markdown, spliced between markers into an existing
// file such as docs/performance.md), and JSON (--json).
#pragma once

#include <string>
#include <vector>

#include "bench/suite.h"

namespace socsim::bench {

// Figures with a sensible number of digits: "0.123", "4.56", "78.9", "1234".
std::string num(double v);
// "1.23..4.56"
std::string range(const Stat& s);

// The main table: each figure, its unit, median, min..max, M tx/s and the
// ratio of that to (a)'s, the target and whether it is met.
Table figures_table(const std::vector<Figure>& figures);
json figures_json(const std::vector<Figure>& figures);

std::string format_text(const Table& t);
std::string format_markdown(const Table& t);

// The markers --markdown splices between; a file without them is rewritten whole.
inline constexpr const char* kMarkdownBegin = "<!-- socsim_bench:begin -->";
inline constexpr const char* kMarkdownEnd = "<!-- socsim_bench:end -->";
// Writes `body` into `path` between the markers (or as the whole file).
bool splice_markdown(const std::string& path, const std::string& body, std::string& error);

}  // namespace socsim::bench
