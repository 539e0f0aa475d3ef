#include "model/isolation/oracle.h"

#include <fmt/format.h>

#include "smmu/core/iommu_ops.h"

namespace socsim::test::isolation {

using iommu::DomainType;

std::string Prediction::describe() const {
    switch (kind) {
        case Kind::Translated: return fmt::format("translated to {:#x}", pa);
        case Kind::Bypass: return fmt::format("bypass to {:#x}", pa);
        case Kind::Fault: break;
    }
    if (fault == soc::FaultKind::DecodeError) return "fault (decode error)";
    return fmt::format("fault ({})", smmu::fault_reason_name(reason));
}

void Oracle::on_alloc(int domain, DomainType type) {
    Dom d;
    d.type = type;
    domains_[domain] = std::move(d);
}

void Oracle::on_free(int domain) { domains_.erase(domain); }

void Oracle::on_map(int domain, uint64_t iova, uint64_t pa, uint64_t size, int prot) {
    Dom& d = domains_.at(domain);
    for (uint64_t off = 0; off < size; off += kPage) {
        auto [it, fresh] = d.pages.insert_or_assign(iova + off, Mapping{pa + off, prot});
        if (fresh) ++d.section_pages[(iova + off) / kSection];
    }
}

void Oracle::on_unmap(int domain, uint64_t iova, uint64_t size) {
    Dom& d = domains_.at(domain);
    for (uint64_t off = 0; off < size; off += kPage) {
        if (d.pages.erase(iova + off) == 0) continue;
        auto s = d.section_pages.find((iova + off) / kSection);
        if (--s->second == 0) d.section_pages.erase(s);
    }
}

bool Oracle::in_dram(uint64_t pa, uint64_t len) const {
    for (const auto& [base, size] : dram_)
        if (pa >= base && pa - base < size && len <= size - (pa - base)) return true;
    return false;
}

Prediction Oracle::predict(int domain, uint64_t iova, uint32_t len, bool write) const {
    const Dom& d = domains_.at(domain);
    Prediction p;
    if (d.type == DomainType::Identity) {
        if (in_dram(iova, len)) {
            p.kind = Prediction::Kind::Bypass;
            p.pa = iova;
        } else {
            p.fault = soc::FaultKind::DecodeError;
        }
        return p;
    }
    p.fault = soc::FaultKind::SmmuPage;
    uint64_t page = iova & ~(kPage - 1);
    auto m = d.pages.find(page);
    if (m == d.pages.end()) {
        // tegra-smmu frees a page table with its last PTE and clears the PDE.
        p.reason = d.section_pages.count(iova / kSection) ? smmu::FaultReason::PteInvalid
                                                          : smmu::FaultReason::PdeInvalid;
        return p;
    }
    if (write && !(m->second.prot & iommu::kProtWrite)) {
        p.reason = smmu::FaultReason::WriteDenied;
        return p;
    }
    if (!write && !(m->second.prot & iommu::kProtRead)) {
        p.reason = smmu::FaultReason::ReadDenied;
        return p;
    }
    p.kind = Prediction::Kind::Translated;
    p.pa = m->second.pa + (iova - page);
    return p;
}

}  // namespace socsim::test::isolation
