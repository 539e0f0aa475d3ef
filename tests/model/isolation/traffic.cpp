#include "model/isolation/traffic.h"

#include <array>
#include <cstring>

#include <fmt/format.h>

#include "soc/mc/mc_regs.h"

namespace socsim::test::isolation {

namespace {

constexpr size_t kKeptViolations = 20;
constexpr uint64_t kCompareEvery = 16;   // batches between full shadow compares

uint64_t splitmix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

std::array<uint64_t, smmu::kFaultReasonCount> smmu_faults() { return platform().mc.smmu().stats().faults; }

uint64_t sum(const std::array<uint64_t, smmu::kFaultReasonCount>& a) {
    uint64_t n = 0;
    for (uint64_t v : a) n += v;
    return n;
}

size_t client_index(const soc::MemoryClient* c) { return size_t(c - soc_info().clients.data()); }

}  // namespace

Traffic::Traffic(const Oracle& oracle, std::vector<Endpoint> endpoints, std::vector<ShadowRegion> shadow)
    : oracle_(oracle),
      endpoints_(std::move(endpoints)),
      shadow_(std::move(shadow)),
      expected_(soc_info().clients.size()),
      base_(soc_info().clients.size()) {
    take_baseline();
}

void Traffic::take_baseline() {
    const auto& stats = platform().mc.client_stats();
    for (size_t i = 0; i < stats.size(); ++i) {
        base_[i] = ClientCounts{stats[i].requests, stats[i].faults, stats[i].bytes};
        expected_[i] = ClientCounts{};
    }
    const smmu::SmmuStats& s = platform().mc.smmu().stats();
    base_translations_ = s.translations;
    base_bypassed_ = s.bypassed;
    batch_accesses_ = batch_smmu_faults_ = batch_decode_ = 0;
}

void Traffic::load_shadow() {
    for (const ShadowRegion& r : shadow_) platform().dram.write(r.base, r.bytes.data(), r.bytes.size());
}

void Traffic::violation(const std::string& what) {
    ++counts_.violations;
    if (first_.size() < kKeptViolations) first_.push_back(what);
}

uint8_t* Traffic::shadow_at(uint64_t pa, uint32_t len) {
    for (ShadowRegion& r : shadow_)
        if (pa >= r.base && pa + len <= r.base + r.bytes.size()) return r.bytes.data() + (pa - r.base);
    return nullptr;
}

void Traffic::fill_payload(uint8_t* out, uint32_t len) {
    ++serial_;
    for (uint32_t i = 0; i < len; i += 8) {
        uint64_t w = splitmix64(serial_ * 512 + i / 8);
        std::memcpy(out + i, &w, std::min<uint32_t>(8, len - i));
    }
}

void Traffic::access(const Endpoint& ep, int device, int domain, uint64_t iova, uint32_t len, bool write,
                     const DriverView& view) {
    Prediction p = oracle_.predict(domain, iova, len, write);
    uint8_t data[64];
    if (write) fill_payload(data, len);
    else std::memset(data, 0xa5, len);
    uint64_t faults_before = platform().mc.fault_count();
    auto smmu_before = smmu_faults();

    RawInitiator::Result r = write ? ep.raw->write(iova, data, len) : ep.raw->read(iova, data, len);

    ++counts_.accesses;
    ++(write ? counts_.writes : counts_.reads);
    ++batch_accesses_;
    ClientCounts& exp = expected_[client_index(ep.client)];
    ++exp.requests;
    auto where = [&] {
        return fmt::format("{} {} {} bytes at {:#x} by device {} through domain {}", ep.client->name,
                           write ? "write" : "read", len, iova, device, domain);
    };
    if (p.lands()) {
        ++(p.kind == Prediction::Kind::Bypass ? counts_.bypassed : counts_.translated);
        exp.bytes += len;
        uint8_t* sh = shadow_at(p.pa, len);
        if (!r.ok()) {
            violation(where() + ": expected " + p.describe() + ", got a TLM error");
        } else if (!sh) {
            violation(where() + ": lands at " + p.describe() + ", outside the memory the test tracks");
        } else if (write) {
            uint8_t back[64];
            platform().dram.read(p.pa, back, len);
            if (std::memcmp(back, data, len) != 0) violation(where() + ": the data is not at " + p.describe());
            std::memcpy(sh, data, len);
        } else if (std::memcmp(sh, data, len) != 0) {
            violation(where() + ": read data differs from DRAM at " + p.describe());
        }
        if (sum(smmu_faults()) != sum(smmu_before) || platform().mc.fault_count() != faults_before)
            violation(where() + ": expected " + p.describe() + ", but a fault was recorded");
    } else {
        ++counts_.faulted;
        ++exp.faults;
        if (p.fault == soc::FaultKind::DecodeError) {
            ++counts_.decode_errors;
            ++batch_decode_;
        } else {
            ++counts_.smmu_faults[p.reason];
            ++batch_smmu_faults_;
        }
        if (r.ok()) violation(where() + ": expected " + p.describe() + ", but it completed");
        check_fault(ep, iova, write, p, faults_before);
        auto now = smmu_faults();
        bool smmu_ok = p.fault == soc::FaultKind::SmmuPage
                           ? sum(now) == sum(smmu_before) + 1 &&
                                 now[size_t(p.reason)] == smmu_before[size_t(p.reason)] + 1
                           : sum(now) == sum(smmu_before);
        if (!smmu_ok) violation(where() + ": the SMMU's fault counters disagree with " + p.describe());
    }

    if (view.domain != iommu::kNone && view.domain != domain) {
        bool outside = false;
        if (p.lands()) {
            std::optional<Prediction> dp;
            if (oracle_.knows(view.domain)) dp = oracle_.predict(view.domain, iova, len, write);
            outside = !(dp && dp->lands() && dp->pa == p.pa);
        }
        if (view.user_owned) {
            ++counts_.hazard_accesses;
            counts_.hazard_landed += outside;
        } else {
            ++counts_.foreign_accesses;
            counts_.foreign_landed += outside;
        }
    }
}

void Traffic::check_fault(const Endpoint& ep, uint64_t iova, bool write, const Prediction& p, uint64_t faults_before) {
    soc::MemoryController& mc = platform().mc;
    std::string where = fmt::format("{} {} at {:#x}", ep.client->name, write ? "write" : "read", iova);
    if (mc.fault_count() != faults_before + 1) {
        violation(fmt::format("{}: {} MC faults recorded, expected 1", where, mc.fault_count() - faults_before));
        return;
    }
    // The log keeps the first MemoryController::kFaultLogLimit records; the
    // registers describe the latest fault in any case.
    if (faults_before < soc::MemoryController::kFaultLogLimit) {
        const soc::FaultRecord& rec = mc.faults().back();
        if (rec.client_id != ep.client->id || rec.address != iova || rec.write != write || rec.kind != p.fault ||
            (p.fault == soc::FaultKind::SmmuPage && rec.reason != p.reason))
            violation(fmt::format("{}: the fault record ({} {:#x}, {}) is not {}", where, rec.client_id, rec.address,
                                  rec.kind == soc::FaultKind::DecodeError ? "decode error"
                                                                          : smmu::fault_reason_name(rec.reason),
                                  p.describe()));
    }
    uint32_t status = mc.reg_value(soc::MC_ERR_STATUS);
    uint32_t mask = soc_info().client_id_mask.value_or(soc::MC_CLIENT_ID_MASK_DEFAULT);
    uint32_t type = p.fault == soc::FaultKind::DecodeError ? soc::MC_ERR_STATUS_TYPE_DECERR_EMEM
                                                           : soc::MC_ERR_STATUS_TYPE_INVALID_SMMU_PAGE;
    if ((status & soc::MC_ERR_STATUS_TYPE_MASK) != type || bool(status & soc::MC_ERR_STATUS_RW) != write ||
        (status & mask) != (ep.client->id & mask) || mc.reg_value(soc::MC_ERR_ADR) != uint32_t(iova))
        violation(fmt::format("{}: MC_ERR_STATUS {:#010x} / MC_ERR_ADR {:#010x} do not describe {}", where, status,
                              mc.reg_value(soc::MC_ERR_ADR), p.describe()));
}

void Traffic::end_batch() {
    soc::MemoryController& mc = platform().mc;
    const auto& stats = mc.client_stats();
    for (size_t i = 0; i < stats.size(); ++i) {
        ClientCounts now{stats[i].requests, stats[i].faults, stats[i].bytes};
        const ClientCounts& exp = expected_[i];
        if (now.requests - base_[i].requests != exp.requests || now.faults - base_[i].faults != exp.faults ||
            now.bytes - base_[i].bytes != exp.bytes)
            violation(fmt::format("MC counters of {}: +{} requests, +{} faults, +{} bytes; the test issued {}, {} "
                                  "faulted, {} bytes completed",
                                  soc_info().clients[i].name, now.requests - base_[i].requests,
                                  now.faults - base_[i].faults, now.bytes - base_[i].bytes, exp.requests, exp.faults,
                                  exp.bytes));
        base_[i] = now;
        expected_[i] = ClientCounts{};
    }
    const smmu::SmmuStats& s = mc.smmu().stats();
    if (s.translations + s.bypassed - base_translations_ - base_bypassed_ != batch_accesses_)
        violation(fmt::format("SMMU: {} translations and bypasses for {} accesses",
                              s.translations + s.bypassed - base_translations_ - base_bypassed_, batch_accesses_));
    if (s.tlb_lookups != s.tlb_hits + s.tlb_misses || s.ptc_lookups != s.ptc_hits + s.ptc_misses ||
        s.walks != s.tlb_misses || s.tlb_lookups != s.translations)
        violation(fmt::format("SMMU counters: TLB {} = {} + {}, PTC {} = {} + {}, {} walks, {} translations",
                              s.tlb_lookups, s.tlb_hits, s.tlb_misses, s.ptc_lookups, s.ptc_hits, s.ptc_misses,
                              s.walks, s.translations));
    base_translations_ = s.translations;
    base_bypassed_ = s.bypassed;

    // The CPU takes the MC interrupt: status read, each raised bit cleared.
    soc::CpuBus& cpu = platform().cpu;
    uint32_t st = cpu.reg_read(soc::MC_INTSTATUS);
    uint32_t want = (batch_smmu_faults_ ? soc::MC_INT_INVALID_SMMU_PAGE : 0u) |
                    (batch_decode_ ? soc::MC_INT_DECERR_EMEM : 0u);
    if (st != want)
        violation(fmt::format("MC_INTSTATUS {:#x} after a batch with {} SMMU faults and {} decode errors", st,
                              batch_smmu_faults_, batch_decode_));
    if (st) cpu.reg_write(soc::MC_INTSTATUS, st);
    if (cpu.reg_read(soc::MC_INTSTATUS) != 0) violation("MC_INTSTATUS does not clear");
    batch_accesses_ = batch_smmu_faults_ = batch_decode_ = 0;
    if (++batches_ % kCompareEvery == 0) compare_shadow();
}

void Traffic::compare_shadow() {
    ++counts_.shadow_compares;
    std::vector<uint8_t> dram;
    for (const ShadowRegion& r : shadow_) {
        dram.resize(r.bytes.size());
        platform().dram.read(r.base, dram.data(), dram.size());
        if (dram == r.bytes) continue;
        size_t i = 0;
        while (dram[i] == r.bytes[i]) ++i;
        violation(fmt::format("DRAM at {:#x} differs from what the test expects there (a write landed where no "
                              "domain put it, or a faulting write reached memory)",
                              r.base + i));
    }
}

}  // namespace socsim::test::isolation
