// The benchmark suite's data: what one figure or table row holds, the
// builds it runs, and its sizes (default and --quick). See socsim_bench.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace socsim::bench {

using json = nlohmann::ordered_json;

// Median, min and max of a figure's repetitions.
struct Stat {
    double median = 0, min = 0, max = 0;
    size_t n = 0;
};
Stat stat_of(std::vector<double> values);

// One row of the main table: a figure in its unit, optionally as
// transactions per second with a ratio to (a), and its target.
struct Figure {
    std::string id;                   // "a", "b", ... as the issue names them
    std::string name;
    std::string unit;                 // "M tx/s", "x real time", "MiB"
    std::vector<double> values;       // one per repetition
    std::vector<double> mtx_s;        // transactions per second (millions), per repetition; may be empty
    std::string target;               // "" when the figure has none
    std::optional<bool> met;
};

// A table as printed (console and Markdown) and as JSON rows.
struct Table {
    std::string id, title;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    json rows_json = json::array();
    std::vector<std::string> notes;   // printed under the table
};

// A socsim build to run: its socsim and bench_translate binaries.
struct Build {
    std::string name;                 // "hooks" (the default build) or "no hooks"
    std::string socsim, bench_translate;
};

// How big every measurement is.
struct Sizes {
    int reps = 3;
    std::string translate_target_s = "0.3";   // bench_translate --target-seconds
    uint64_t translate_transactions = 0;      // 0: bench_translate sizes itself
    std::string jobs_duration = "100ms";      // (d)
    std::string steady_duration = "1s";       // (e), (f)
    std::vector<std::string> time_durations = {"1s", "2s", "4s"};
    uint64_t client_map_bytes = 4ull << 20;   // per engine
    std::vector<unsigned> client_counts = {1, 2, 4, 8};
    std::vector<uint64_t> dram_sizes = {256ull << 20, 1ull << 30, 4ull << 30};
    uint64_t dram_map_bytes = 4ull << 20;
    std::vector<uint64_t> mapped_sizes = {4ull << 20, 16ull << 20, 64ull << 20, 256ull << 20};
    std::string callgrind_duration = "20ms";
    uint64_t callgrind_transactions = 200'000;
};
Sizes quick_sizes();   // tiny: checks that everything runs; the figures mean nothing

}  // namespace socsim::bench
