// The IOMMU core's objects, as in drivers/iommu/iommu.c: devices with their
// bound driver, groups with their domain and DMA-ownership counters, and
// domains. Pure C++ (no SystemC): the core is tested exhaustively on its own.
// Objects are referred to by index into IommuCore's tables.
#pragma once

#include <string>
#include <vector>

namespace socsim::iommu {

enum class DomainType { Identity, Dma, Paging, Blocked };
// How a driver does DMA (SEMANTICS.md "driver").
enum class DmaKind { KernelApi, DriverManaged, None };
// Domain allocation entry points (seed 002).
enum class AllocApi { Bus, Paging, User, Core };

const char* domain_type_name(DomainType t);
const char* dma_kind_name(DmaKind k);

inline constexpr int kNone = -1;

struct Domain {
    std::string name;
    DomainType type = DomainType::Paging;
    AllocApi api = AllocApi::Core;
    int attached_groups = 0;    // groups whose current domain this is
    bool live = true;           // false once freed
    int hw = kNone;             // the IOMMU driver's handle for its page tables
};

struct Device {
    std::string name;           // DT path
    std::vector<std::string> swgroups;
    int group = kNone;          // no group: not behind the IOMMU
    std::string driver;         // bound driver, empty when unbound
    DmaKind kind = DmaKind::None;
    int joined = kNone;         // domain this device joined with attach_device
};

struct Group {
    std::string name;
    std::vector<int> devices;
    int default_domain = kNone;
    int blocking_domain = kNone;
    int domain = kNone;         // current
    unsigned owner_cnt = 0;
    std::string owner;          // empty = kernel (NULL owner)
    unsigned attach_cnt = 0;    // shared-attach joins
    std::string legacy_claim;   // legacy policy: the user claim it does not enforce
};

}  // namespace socsim::iommu
