#include "smmu/hw/smmu_model.h"

#include <cstring>
#include <set>

#include "smmu/tegra/smmu_regs.h"

namespace socsim::smmu {

uint64_t SmmuStats::fault_total() const {
    uint64_t n = 0;
    for (uint64_t f : faults) n += f;
    return n;
}

SmmuModel::SmmuModel(const soc::SocInfo& soc, const soc::HwParams& params, SmmuRegisters& regs, WalkMemory& mem)
    : soc_(soc),
      regs_(regs),
      mem_(mem),
      pfn_mask_(smmu_pfn_mask(soc.num_address_bits)),
      tlb_hit_ps_(params.tlb_hit_ns * 1000),
      ptc_hit_ps_(params.ptc_hit_ns * 1000),
      tlb_(static_cast<uint32_t>(params.tlb_lines ? params.tlb_lines : soc.num_tlb_lines)),
      ptc_(static_cast<uint32_t>(params.ptc_lines), soc.atom_size),
      routes_(soc.clients.size()),
      atom_buf_(soc.atom_size) {
    for (size_t i = 0; i < soc.clients.size(); ++i)
        if (!soc.clients[i].swgroup.empty()) routes_[i].swgroup = soc.find_swgroup(soc.clients[i].swgroup);
    regs.tlb_flush_listeners.push_back([this](const TlbFlush& f) {
        if (f.va_match == SMMU_TLB_FLUSH_VA_MATCH_SECTION) ++stats_.tlb_flush_section;
        else if (f.va_match == SMMU_TLB_FLUSH_VA_MATCH_GROUP) ++stats_.tlb_flush_group;
        else if (f.asid_match) ++stats_.tlb_flush_asid;
        else ++stats_.tlb_flush_all;
        stats_.tlb_lines_flushed += tlb_.flush(f);
    });
    regs.ptc_flush_listeners.push_back([this](const PtcFlush& f) {
        ++(f.all ? stats_.ptc_flush_all : stats_.ptc_flush_adr);
        stats_.ptc_lines_flushed += ptc_.flush(f);
    });
}

void SmmuModel::decode_routes() {
    for (size_t i = 0; i < routes_.size(); ++i) {
        ClientRoute& r = routes_[i];
        if (!r.swgroup) continue;
        Route rt = route(regs_, *r.swgroup, &soc_.clients[i]);
        r.translate = rt.translate;
        r.asid = rt.asid;
        r.ptb = regs_.ptb(rt.asid);
    }
    routes_generation_ = regs_.generation();
}

std::optional<uint32_t> SmmuModel::read_word(uint64_t pa, uint64_t& t_ps) {
    ++stats_.ptc_lookups;
    uint32_t word;
    if (ptc_.lookup(pa, word)) {
        ++stats_.ptc_hits;
        t_ps += ptc_hit_ps_;
        return word;
    }
    ++stats_.ptc_misses;
    uint64_t line = pa & ~uint64_t(soc_.atom_size - 1);
    uint64_t done;
    if (!mem_.fetch_atom(line, atom_buf_.data(), t_ps, done)) return std::nullopt;
    t_ps = done;
    ptc_.insert(line, atom_buf_.data());
    std::memcpy(&word, &atom_buf_[pa - line], 4);
    return word;
}

Translation SmmuModel::translate(size_t client_index, uint64_t iova, bool write, uint64_t at_ps) {
    if (routes_generation_ != regs_.generation()) decode_routes();
    const ClientRoute& r = routes_[client_index];
    Translation t;
    t.done_ps = at_ps;
    if (!r.translate) {
        ++stats_.bypassed;
        t.bypass = true;
        t.result.pa = iova;
        return t;
    }
    ++stats_.translations;
    t.asid = r.asid;
    iova &= SMMU_IOVA_LIMIT - 1;  // the SMMU sees 32 address bits
    ++stats_.tlb_lookups;
    uint32_t leaf;
    bool section;
    if (tlb_.lookup(r.asid, iova, leaf, section)) {
        ++stats_.tlb_hits;
        t.tlb_hit = true;
        t.done_ps += tlb_hit_ps_;
        apply_leaf(t.result, leaf, section, pfn_mask_, iova, write);
    } else {
        ++stats_.tlb_misses;
        ++stats_.walks;
        uint64_t clock = at_ps + tlb_hit_ps_;
        t.result = walk_tables(r.ptb, pfn_mask_, iova, write, [&](uint64_t pa) { return read_word(pa, clock); });
        stats_.walk_latency_ns.add((clock - at_ps) / 1000);
        t.done_ps = clock;
        // Valid leaves are cached even when this access is denied: the
        // permission check runs on every hit.
        bool valid = t.result.fault != FaultReason::TableOutsideDram &&
                     (t.result.leaf & (SMMU_PTE_READABLE | SMMU_PTE_WRITABLE)) != 0;
        if (valid) tlb_.insert(r.asid, iova, t.result.leaf, t.result.section);
    }
    if (t.result.fault != FaultReason::None) ++stats_.faults[static_cast<size_t>(t.result.fault)];
    return t;
}

uint32_t SmmuModel::asids_enabled() const {
    std::set<uint32_t> asids;
    for (const auto& sw : soc_.swgroups)
        if (regs_.smmu_enabled() && regs_.swgroup_enabled(sw)) asids.insert(regs_.swgroup_asid(sw));
    return static_cast<uint32_t>(asids.size());
}

}  // namespace socsim::smmu
