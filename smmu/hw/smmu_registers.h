// The SMMU's register block inside the MC aperture, as the hardware sees it
// (offsets and fields in smmu/tegra/smmu_regs.h): SMMU_CONFIG, TLB_CONFIG,
// PTC_CONFIG, PTB_ASID/PTB_DATA (PTB_DATA is a window onto the page-table
// base of the ASID that PTB_ASID selects), TLB_FLUSH, PTC_FLUSH(_HI), one
// SMMU_<SWGROUP>_ASID register per translatable swgroup and the per-client
// SMMU enable registers, all from the SoC tables.
//
// Each register is an object with its offset, reset value and optional
// read/write handlers (the VCML reg<> pattern). Flush writes are decoded and
// handed to listeners (the TLB and PTC of the SMMU model subscribe).
// Left out: MC registers outside the SMMU block (arbitration, latency
// allowance, error status live with the MC model); secure/non-secure
// distinctions; AHB arbitration enable.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "soc/soc_info.h"

namespace socsim::smmu {

struct Register {
    std::string name;
    uint32_t offset;
    uint32_t reset = 0;
    uint32_t value = 0;
    std::function<uint32_t(const Register&)> on_read;       // default: value
    std::function<void(Register&, uint32_t)> on_write;      // default: value = written
};

// A decoded TLB_FLUSH write.
struct TlbFlush {
    bool all_va;              // VA_MATCH_ALL
    uint32_t va_match;        // SMMU_TLB_FLUSH_VA_MATCH_*
    uint64_t iova;            // start of the section or group
    bool asid_match;
    uint32_t asid;
};

// A decoded PTC_FLUSH write: one atom at `address`, or everything.
struct PtcFlush {
    bool all;
    uint64_t address;
};

class SmmuRegisters {
public:
    explicit SmmuRegisters(const soc::SocInfo& soc);

    uint32_t read32(uint32_t offset);
    void write32(uint32_t offset, uint32_t value);
    bool decodes(uint32_t offset) const { return regs_.count(offset) != 0; }

    // --- decoded state, as the translation path uses it ---
    bool smmu_enabled() const;
    bool swgroup_enabled(const soc::Swgroup& sw) const;
    uint32_t swgroup_asid(const soc::Swgroup& sw) const;
    bool client_enabled(const soc::MemoryClient& c) const;
    uint32_t ptb(uint32_t asid) const { return asid < ptb_.size() ? ptb_[asid] : 0; }
    uint32_t value(uint32_t offset) const;

    std::vector<std::function<void(const TlbFlush&)>> tlb_flush_listeners;
    std::vector<std::function<void(const PtcFlush&)>> ptc_flush_listeners;
    uint64_t unknown_accesses() const { return unknown_accesses_; }
    // Bumped by every write: whoever caches decoded state (routes, PTBs)
    // compares it to know when to decode again.
    uint64_t generation() const { return generation_; }
    // Every register with its offset, name and current value (tests, debug).
    const std::map<uint32_t, Register>& registers() const { return regs_; }

private:
    Register& add(std::string name, uint32_t offset, uint32_t reset = 0);

    const soc::SocInfo& soc_;
    std::map<uint32_t, Register> regs_;
    std::vector<uint32_t> ptb_;       // PTB_DATA per ASID
    uint32_t ptc_flush_hi_ = 0;
    uint64_t unknown_accesses_ = 0;
    uint64_t generation_ = 0;
};

}  // namespace socsim::smmu
