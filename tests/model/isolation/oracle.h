// The isolation test's reference model of what each IOMMU domain maps,
// kept apart from everything under test: it learns domains and mappings
// only from the operations that succeeded (domain_alloc, map, unmap,
// domain_free and their return values), never from the SMMU model, the
// page tables in DRAM or the tegra-smmu driver. From it, `predict` says
// what the hardware must do with one access through a domain: land at
// one physical address (translated, or bypassed under identity), or fault
// with one MC fault kind and SMMU reason.
//
// Which domain a group is on is the IOMMU core's record (the software
// state the hardware must enforce); the test checks that record against
// the result of each operation separately (ops.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "smmu/core/objects.h"
#include "smmu/hw/page_walk.h"
#include "soc/mc/memory_controller.h"

namespace socsim::test::isolation {

inline constexpr uint64_t kPage = 4096;
inline constexpr uint64_t kSection = 4ull << 20;   // one PDE

struct Mapping {
    uint64_t pa = 0;
    int prot = 0;   // iommu::kProtRead | kProtWrite
};

struct Prediction {
    enum class Kind { Translated, Bypass, Fault };
    Kind kind = Kind::Fault;
    uint64_t pa = 0;                                    // Translated, Bypass: where the access lands
    soc::FaultKind fault = soc::FaultKind::SmmuPage;    // Fault
    smmu::FaultReason reason = smmu::FaultReason::None; // Fault of kind SmmuPage
    bool lands() const { return kind != Kind::Fault; }
    bool operator==(const Prediction& o) const {
        return kind == o.kind && (lands() ? pa == o.pa : fault == o.fault && reason == o.reason);
    }
    std::string describe() const;
};

class Oracle {
public:
    // DRAM ranges [base, base + size): what an untranslated address decodes to.
    explicit Oracle(std::vector<std::pair<uint64_t, uint64_t>> dram) : dram_(std::move(dram)) {}

    void on_alloc(int domain, iommu::DomainType type);
    void on_free(int domain);
    void on_map(int domain, uint64_t iova, uint64_t pa, uint64_t size, int prot);
    // What an unmap that returned ok removed (a range with holes is fine).
    void on_unmap(int domain, uint64_t iova, uint64_t size);

    bool knows(int domain) const { return domains_.count(domain) != 0; }
    iommu::DomainType type(int domain) const { return domains_.at(domain).type; }
    // The mapped pages of a domain (iova page -> mapping).
    const std::map<uint64_t, Mapping>& pages(int domain) const { return domains_.at(domain).pages; }
    // An access of `len` bytes at `iova` (within one page) through `domain`.
    Prediction predict(int domain, uint64_t iova, uint32_t len, bool write) const;
    bool in_dram(uint64_t pa, uint64_t len) const;

private:
    struct Dom {
        iommu::DomainType type = iommu::DomainType::Paging;
        std::map<uint64_t, Mapping> pages;
        std::map<uint64_t, unsigned> section_pages;   // mapped pages per 4 MiB section
    };
    std::map<int, Dom> domains_;
    std::vector<std::pair<uint64_t, uint64_t>> dram_;
};

}  // namespace socsim::test::isolation
