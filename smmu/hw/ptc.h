// The SMMU page-table cache (PTC): a fully associative, LRU cache of
// page-table memory in lines of one MC atom (16, 32 or 64 bytes by SoC), in
// front of every PD and PT read of a walk. Like the TLB it does not snoop
// DRAM: a PD/PT word the CPU rewrites stays stale in the PTC until
// SMMU_PTC_FLUSH names its atom (TYPE_ADR, with PTC_FLUSH_HI on 34-bit MCs)
// or flushes everything (TYPE_ALL).
// Left out: PTC_CONFIG's INDEX_MAP and REQ_LIMIT (they tune the real cache's
// indexing and outstanding requests); the line count is a parameter
// (smmu.ptc_lines) because public sources do not give it.
#pragma once

#include <cstdint>
#include <vector>

#include "smmu/hw/lru_index.h"
#include "smmu/hw/smmu_registers.h"

namespace socsim::smmu {

class Ptc {
public:
    Ptc(uint32_t lines, uint32_t atom_size);

    // The word at `pa` (4-byte aligned) if its atom is cached.
    bool lookup(uint64_t pa, uint32_t& word);
    // Caches the atom at `line_pa` (atom aligned) from `data` (atom_size bytes).
    void insert(uint64_t line_pa, const uint8_t* data);
    uint32_t flush(const PtcFlush& f);

    uint32_t atom_size() const { return atom_; }
    uint32_t lines() const { return index_.lines(); }

private:
    uint32_t atom_;
    int atom_shift_;             // log2(atom_)
    LruIndex index_;             // key: pa / atom
    std::vector<uint8_t> data_;  // lines * atom bytes
};

}  // namespace socsim::smmu
