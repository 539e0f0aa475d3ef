#include "soc/hw_params.h"

namespace socsim::soc {

const std::vector<ParamSpec>& hw_param_specs() {
    static const std::vector<ParamSpec> specs = {
        {"mc.dram_bandwidth", &HwParams::dram_bandwidth, ParamKind::Bandwidth, "12.8GB/s",
         "peak DRAM data rate shared by all memory clients (64-bit LPDDR3-1600 class; the references give none)"},
        {"mc.dram_latency", &HwParams::dram_latency_ns, ParamKind::Time, "100ns",
         "DRAM access latency after arbitration, added to every read and write"},
        {"mc.reg_access", &HwParams::reg_access_ns, ParamKind::Time, "50ns",
         "simulated time of one CPU read or write of an MC/SMMU register"},
        {"smmu.tlb_hit", &HwParams::tlb_hit_ns, ParamKind::Time, "2ns", "translation time of a TLB hit"},
        {"smmu.ptc_hit", &HwParams::ptc_hit_ns, ParamKind::Time, "4ns", "time of a page-table word found in the PTC"},
        {"smmu.tlb_lines", &HwParams::tlb_lines, ParamKind::Count, "SoC table",
         "TLB lines (fully associative, LRU); default is the SoC's num_tlb_lines"},
        {"smmu.ptc_lines", &HwParams::ptc_lines, ParamKind::Count, "64",
         "PTC lines of one atom each (fully associative, LRU); the PTC size is not in public sources"},
    };
    return specs;
}

const ParamSpec* find_hw_param(std::string_view key) {
    for (const auto& s : hw_param_specs())
        if (s.key == key) return &s;
    return nullptr;
}

std::string_view param_kind_name(ParamKind kind) {
    switch (kind) {
        case ParamKind::Bandwidth: return "bandwidth";
        case ParamKind::Time: return "time";
        case ParamKind::Count: return "count";
    }
    return "count";
}

bool param_value_ok(const ParamSpec& spec, uint64_t value, std::string* why) {
    if (spec.kind == ParamKind::Count && (value < 1 || value > 4096)) {
        if (why) *why = "must be between 1 and 4096";
        return false;
    }
    return true;
}

}  // namespace socsim::soc
