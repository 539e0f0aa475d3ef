#include "soc/hw_params.h"

#include "util/panic.h"

namespace socsim::soc {

const std::vector<ParamSpec>& hw_param_specs() {
    static const std::vector<ParamSpec> specs = {
        {"mc.dram_bandwidth", ParamKind::Bandwidth, "12.8GB/s",
         "peak DRAM data rate shared by all memory clients (64-bit LPDDR3-1600 class; the references give none)"},
        {"mc.dram_latency", ParamKind::Time, "100ns",
         "DRAM access latency after arbitration, added to every read and write"},
        {"mc.reg_access", ParamKind::Time, "50ns",
         "simulated time of one CPU read or write of an MC/SMMU register"},
        {"smmu.tlb_hit", ParamKind::Time, "2ns", "translation time of a TLB hit"},
        {"smmu.ptc_hit", ParamKind::Time, "4ns", "time of a page-table word found in the PTC"},
        {"smmu.tlb_lines", ParamKind::Count, "SoC table",
         "TLB lines (fully associative, LRU); default is the SoC's num_tlb_lines"},
        {"smmu.ptc_lines", ParamKind::Count, "64",
         "PTC lines of one atom each (fully associative, LRU); the PTC size is not in public sources"},
    };
    return specs;
}

const ParamSpec* find_hw_param(std::string_view key) {
    for (const auto& s : hw_param_specs())
        if (s.key == key) return &s;
    return nullptr;
}

namespace {

uint64_t* field(HwParams& p, std::string_view key) {
    if (key == "mc.dram_bandwidth") return &p.dram_bandwidth;
    if (key == "mc.dram_latency") return &p.dram_latency_ns;
    if (key == "mc.reg_access") return &p.reg_access_ns;
    if (key == "smmu.tlb_hit") return &p.tlb_hit_ns;
    if (key == "smmu.ptc_hit") return &p.ptc_hit_ns;
    if (key == "smmu.ptc_lines") return &p.ptc_lines;
    return nullptr;
}

}  // namespace

void set_hw_param(HwParams& p, const ParamSpec& spec, uint64_t value) {
    if (spec.key == "smmu.tlb_lines") {
        p.tlb_lines = value;
        return;
    }
    uint64_t* f = field(p, spec.key);
    if (!f) panic("hardware parameter without a field: " + std::string(spec.key));
    *f = value;
}

uint64_t get_hw_param(const HwParams& p, const ParamSpec& spec, uint32_t soc_tlb_lines) {
    if (spec.key == "smmu.tlb_lines") return p.tlb_lines.value_or(soc_tlb_lines);
    uint64_t* f = field(const_cast<HwParams&>(p), spec.key);
    if (!f) panic("hardware parameter without a field: " + std::string(spec.key));
    return *f;
}

bool param_value_ok(const ParamSpec& spec, uint64_t value, std::string* why) {
    if (spec.kind == ParamKind::Count && (value < 1 || value > 4096)) {
        if (why) *why = "must be between 1 and 4096";
        return false;
    }
    return true;
}

}  // namespace socsim::soc
