// What bench_translate measures and how it is configured: the command-line
// options, one timed sample of a phase, and the phases (a0, a, a2, b, c, d;
// see bench_translate.cpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "smmu/hw/smmu_model.h"

#ifndef SOCSIM_SOURCE_DIR
#define SOCSIM_SOURCE_DIR "."
#endif

namespace socsim::bench {

using namespace socsim;
using Clock = std::chrono::steady_clock;

constexpr uint32_t kLen = 64;        // bytes per request
constexpr uint64_t kPage = 4096;

struct Options {
    std::string board = std::string(SOCSIM_SOURCE_DIR) + "/dts/examples/tegra124-test-dma.yaml";
    std::string client = "msencsrd";        // translated client
    std::string bypass_client = "tsecsrd";  // client of a swgroup left unattached
    uint64_t transactions = 0;              // 0: per phase, sized to --target-seconds
    double target_seconds = 0.3;
    int reps = 5;
    uint32_t hit_pages = 16;                // (b): window, fewer pages than TLB lines
    uint32_t walk_pages = 4096;             // (c): many more pages than TLB lines
    double quantum_ns = 1000;
    double mem_delay_ns = -1;               // (a): < 0 = DRAM's unloaded 64-byte read time
    std::vector<std::string> phases = {"a0", "a", "a2", "b", "c", "d"};
    std::string json;
};

// Counters of the SMMU datapath, to report what a phase really did.
struct SmmuCounts {
    uint64_t translations = 0, bypassed = 0, tlb_lookups = 0, tlb_hits = 0, tlb_misses = 0;
    uint64_t ptc_lookups = 0, ptc_hits = 0, ptc_misses = 0, walks = 0;

    static SmmuCounts of(const smmu::SmmuStats& s) {
        return {s.translations, s.bypassed, s.tlb_lookups, s.tlb_hits, s.tlb_misses,
                s.ptc_lookups,  s.ptc_hits, s.ptc_misses,  s.walks};
    }
    SmmuCounts operator-(const SmmuCounts& o) const {
        return {translations - o.translations, bypassed - o.bypassed,   tlb_lookups - o.tlb_lookups,
                tlb_hits - o.tlb_hits,         tlb_misses - o.tlb_misses, ptc_lookups - o.ptc_lookups,
                ptc_hits - o.ptc_hits,         ptc_misses - o.ptc_misses, walks - o.walks};
    }
};

struct Sample {
    uint64_t transactions = 0;
    double wall_s = 0;
    uint64_t sim_ps = 0;
    uint64_t errors = 0;       // error responses seen by the initiator
    uint64_t mc_faults = 0;    // faults the MC recorded
    SmmuCounts smmu;
};

enum class Kind { BareFast, BarePlain, BareSparse, TlbHit, TlbMiss, Bypass };

struct Phase {
    Kind kind;
    std::string id;
    std::string name;
    uint64_t transactions = 0;
    std::vector<Sample> samples;   // timed repetitions only
};


}  // namespace socsim::bench
