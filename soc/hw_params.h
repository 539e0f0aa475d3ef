// Hardware parameters of a simulated SoC that the public sources do not fix
// (DRAM bandwidth and latency, cache sizes the references leave out, the
// cost of a CPU register access), plus overrides of SoC-table values for
// design exploration (TLB lines). One table: every parameter has its key,
// unit, default and a one-line reason; boards set them in `socsim:` as
// nested mappings (`socsim: {mc: {dram_bandwidth: 6.4GB/s}}`) and tools
// override them by key (`mc.dram_bandwidth=6.4GB/s`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace socsim::soc {

struct HwParams {
    uint64_t dram_bandwidth = 12'800'000'000ull;  // bytes/s
    uint64_t dram_latency_ns = 100;
    uint64_t reg_access_ns = 50;
    uint64_t tlb_hit_ns = 2;
    uint64_t ptc_hit_ns = 4;
    uint64_t tlb_lines = 0;                       // 0: the SoC's num_tlb_lines
    uint64_t ptc_lines = 64;
};

enum class ParamKind { Bandwidth, Time, Count };

struct ParamSpec {
    std::string_view key;            // "mc.dram_bandwidth"
    uint64_t HwParams::*field;
    ParamKind kind;
    std::string_view default_text;
    std::string_view doc;
};

const std::vector<ParamSpec>& hw_param_specs();
const ParamSpec* find_hw_param(std::string_view key);

// "bandwidth", "time" or "count": the kind of value a parameter takes.
std::string_view param_kind_name(ParamKind kind);

// Range of a Count parameter (lines must be at least 1 and fit the model).
bool param_value_ok(const ParamSpec& spec, uint64_t value, std::string* why);

}  // namespace socsim::soc
