// The Tegra SMMU datapath, as the memory controller runs it for every
// client request: route (bypass when SMMU_CONFIG, the swgroup's ASID
// register or the client's enable bit is clear), TLB lookup, and on a miss
// a PD/PT walk whose every word goes through the PTC; PTC misses fetch one
// atom from DRAM through `WalkMemory`, which charges the DRAM's time and
// contention. Flushes arrive from the register block as decoded events.
//
// Timing: a TLB hit costs smmu.tlb_hit, a PTC hit smmu.ptc_hit, a PTC miss
// what DRAM says; the walk latency histogram records each walk's total.
// Faults (unmapped, permission, table outside DRAM) are results: the MC
// records them and answers the request with a TLM error.
// Pure C++: the SystemC memory controller owns one and calls translate().
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "smmu/hw/page_walk.h"
#include "smmu/hw/ptc.h"
#include "smmu/hw/smmu_registers.h"
#include "smmu/hw/tlb.h"
#include "soc/hw_params.h"
#include "soc/soc_info.h"
#include "util/histogram.h"

namespace socsim::smmu {

// Where a walk reads page-table atoms. fetch_atom copies `atom` bytes at
// `line_pa` into `out` and returns the time (ps) the data is back, for a
// request issued at `at_ps`; false when no DRAM decodes the address.
class WalkMemory {
public:
    virtual ~WalkMemory() = default;
    virtual bool fetch_atom(uint64_t line_pa, uint8_t* out, uint64_t at_ps, uint64_t& done_ps) = 0;
};

struct SmmuStats {
    uint64_t translations = 0;   // requests that went through translation
    uint64_t bypassed = 0;       // requests that bypassed it
    uint64_t tlb_lookups = 0, tlb_hits = 0, tlb_misses = 0;
    uint64_t ptc_lookups = 0, ptc_hits = 0, ptc_misses = 0;
    uint64_t walks = 0;
    Histogram walk_latency_ns;
    uint64_t tlb_flush_all = 0, tlb_flush_asid = 0, tlb_flush_section = 0, tlb_flush_group = 0;
    uint64_t tlb_lines_flushed = 0;
    uint64_t ptc_flush_all = 0, ptc_flush_adr = 0, ptc_lines_flushed = 0;
    std::array<uint64_t, kFaultReasonCount> faults{};
    uint64_t fault_total() const;
};

struct Translation {
    bool bypass = false;
    bool tlb_hit = false;
    uint32_t asid = 0;
    WalkResult result;           // fault, pa, leaf
    uint64_t done_ps = 0;        // when the translated request may go on
};

class SmmuModel {
public:
    SmmuModel(const soc::SocInfo& soc, const soc::HwParams& params, SmmuRegisters& regs, WalkMemory& mem);

    // Translates one request of client `client_index` (index in soc.clients)
    // arriving at `at_ps`. The request must not cross a 4 KiB page.
    Translation translate(size_t client_index, uint64_t iova, bool write, uint64_t at_ps);
    // The next request of the same client to the same page, right after
    // `prev` with nothing in between (the requests of one batch): when
    // `prev` bypassed or succeeded, its line is the TLB's most recent and
    // this lookup hits it, so the result follows from `prev` without a
    // search; the counters move exactly as translate() would move them.
    // Returns false (and does nothing) otherwise.
    bool translate_again(const Translation& prev, uint64_t iova, uint64_t at_ps, Translation& t) {
        if (prev.result.fault != FaultReason::None) return false;
        t = prev;
        t.done_ps = at_ps;
        if (prev.bypass) {
            ++stats_.bypassed;
            t.result.pa = iova;
            return true;
        }
        ++stats_.translations;
        ++stats_.tlb_lookups;
        ++stats_.tlb_hits;
        t.tlb_hit = true;
        t.done_ps += tlb_hit_ps_;
        t.result.pa = (prev.result.pa & ~(SMMU_PAGE_SIZE - 1)) | (iova & (SMMU_PAGE_SIZE - 1));
        return true;
    }

    const SmmuStats& stats() const { return stats_; }
    const Tlb& tlb() const { return tlb_; }
    const Ptc& ptc() const { return ptc_; }
    uint32_t asids_enabled() const;   // distinct ASIDs of enabled swgroups

private:
    struct ClientRoute {
        const soc::Swgroup* swgroup = nullptr;
        bool translate = false;
        uint32_t asid = 0;
        uint32_t ptb = 0;
    };
    void decode_routes();
    std::optional<uint32_t> read_word(uint64_t pa, uint64_t& t_ps);

    const soc::SocInfo& soc_;
    SmmuRegisters& regs_;
    WalkMemory& mem_;
    uint32_t pfn_mask_;
    uint64_t tlb_hit_ps_, ptc_hit_ps_;
    Tlb tlb_;
    Ptc ptc_;
    std::vector<ClientRoute> routes_;
    uint64_t routes_generation_ = ~0ull;
    std::vector<uint8_t> atom_buf_;
    SmmuStats stats_;
};

}  // namespace socsim::smmu
