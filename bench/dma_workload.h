// Test-DMA workloads for the benchmark's scaling tables, written as a board
// and a scenario: N generic test DMA engines (`socsim,test-dma`) on a
// Tegra124 with a given DRAM size, each alone in its IOMMU group with a
// paging domain of its own that maps `map_bytes` of its own DRAM pages;
// each engine writes its whole mapping once (every page touched) and then
// reads it back `read_passes` times, checking the data. The engines take
// turns: a `dma` step waits for its transfer, so this measures what more
// clients, more DRAM or more mapped memory cost per transaction, not
// concurrency between engines.
#pragma once

#include <cstdint>
#include <string>

namespace socsim::bench {

struct DmaWorkload {
    unsigned engines = 1;              // 1..8
    uint64_t dram_bytes = 1ull << 30;  // the board's one memory node at 0x80000000
    uint64_t map_bytes = 4ull << 20;   // per engine: mapped, written once
    unsigned read_passes = 3;          // reads of the whole mapping after the write
};

constexpr unsigned kMaxEngines = 8;
constexpr uint32_t kDmaBurst = 64;     // bytes per request (the engines' default)

// Requests the workload issues (writes and reads, all engines).
uint64_t dma_transactions(const DmaWorkload& w);

// Writes DIR/NAME-board.yaml and DIR/NAME.yaml; returns the scenario's path,
// or an empty string with `error` set when a file cannot be written or the
// workload does not fit (mappings beyond the DRAM below its page-table pool).
std::string write_dma_workload(const std::string& dir, const std::string& name, const DmaWorkload& w,
                               std::string& error);

}  // namespace socsim::bench
