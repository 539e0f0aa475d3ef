// The IOMMU core: groups, domains, DMA ownership and attach, with the rules
// of one policy (policy.h). Operations return 0 or a negative errno; the
// kernel's void operations (detach, release, unuse) return nothing and, when
// misused, leave the state unchanged and record a warning.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smmu/core/iommu_ops.h"
#include "smmu/core/objects.h"

namespace socsim::iommu {

class Policy;
enum class PolicyKind { SharedAttach, Legacy, Upstream };
// `replace_domain` failure handling under shared-attach (seed patch 1/8 vs
// the review's suggestion).
enum class ReplaceUnwind { RestoreOld, Block };

const char* policy_name(PolicyKind k);
// The policy named `name` ("shared-attach", ...); nullopt for any other name.
std::optional<PolicyKind> policy_from_name(std::string_view name);
std::vector<std::string_view> policy_names();
inline constexpr PolicyKind kAllPolicies[] = {PolicyKind::SharedAttach, PolicyKind::Legacy, PolicyKind::Upstream};

struct CoreOptions {
    PolicyKind policy = PolicyKind::SharedAttach;
    ReplaceUnwind replace_unwind = ReplaceUnwind::RestoreOld;
    DomainType default_domain_type = DomainType::Identity;
};

class IommuCore {
public:
    IommuCore(IommuOps& ops, CoreOptions options);
    ~IommuCore();

    // --- topology (from the device tree and group formation) ---
    int add_group(const std::string& name);          // allocates and attaches its default domain
    int add_device(const std::string& name, int group, std::vector<std::string> swgroups = {});

    // --- driver core ---
    int bind(int dev, const std::string& driver, DmaKind kind);
    int unbind(int dev);

    // --- DMA ownership ---
    int use_default_domain(int dev);
    void unuse_default_domain(int dev);
    // `by_device`: iommu_device_claim_dma_owner (same owner may claim again)
    // rather than iommu_group_claim_dma_owner.
    int claim_dma_owner(int group, const std::string& owner, bool by_device);
    void release_dma_owner(int group, bool by_device);

    // --- domains ---
    // Index or -errno. `dev`: the device the paging/user APIs allocate for
    // (iommu_paging_domain_alloc(dev)); ENODEV when it is not behind the
    // IOMMU. kNone: no device given (and the bus API takes none).
    int domain_alloc(const std::string& name, DomainType type, AllocApi api, int dev = kNone);
    int domain_free(int domain);
    int attach_device(int domain, int dev);
    void detach_device(int domain, int dev);
    int attach_group(int domain, int group);
    // Void in the kernel (0 here), except where a policy removed it (EOPNOTSUPP).
    int detach_group(int domain, int group);
    int replace_domain(int group, int old_domain, int new_domain);  // old kNone = the owned (blocked) state

    // --- I/O address space of a paging or dma domain (iommu_map & co.) ---
    // EINVAL: not a translating domain, size 0, not page-aligned (iova, pa,
    // size), or outside the aperture; else the driver's result.
    int map(int domain, uint64_t iova, uint64_t pa, uint64_t size, int prot);
    // Same checks; `unmapped` receives the bytes that were mapped (a warning
    // says when that is less than size).
    int unmap(int domain, uint64_t iova, uint64_t size, uint64_t* unmapped = nullptr);
    std::optional<uint64_t> iova_to_phys(int domain, uint64_t iova);
    void flush(int domain);

    // --- state ---
    const std::vector<Device>& devices() const { return devices_; }
    const std::vector<Group>& groups() const { return groups_; }
    const std::vector<Domain>& domains() const { return domains_; }
    const CoreOptions& options() const { return options_; }
    const Policy& policy() const { return *policy_; }
    // Warnings of the last operation (misused void operations, deprecated
    // APIs, the legacy isolation hazard).
    const std::vector<std::string>& warnings() const { return warnings_; }
    // For callers that may skip the core: no stale warnings afterwards.
    void clear_warnings() { warnings_.clear(); }

    // --- primitives the policies build on ---
    Group& group(int g) { return groups_.at(static_cast<size_t>(g)); }
    Device& device(int d) { return devices_.at(static_cast<size_t>(d)); }
    Domain& domain(int d) { return domains_.at(static_cast<size_t>(d)); }
    bool is_default(const Group& g) const { return g.domain == g.default_domain; }
    // Moves every device of the group to `domain` through the driver; on a
    // failure every device returns to the previous domain and nothing changes.
    int set_domain(int group, int domain);
    // For paths that cannot fail in the kernel (release, detach): a failure
    // is recorded as a warning.
    void set_domain_nofail(int group, int domain);
    // First claim of a group by a user owner (owner_cnt 0): EBUSY off the
    // default domain, else the group moves to its blocked domain and
    // owner_cnt becomes 1 (iommu.c __iommu_take_dma_ownership).
    int take_dma_ownership(int group, const std::string& owner);
    // A kernel DMA-API user of the device's group (iommu.c
    // iommu_device_use_default_domain, the same in the series and upstream):
    // no group -> 0; EBUSY when owned by user space, or when the group has
    // users and is off its default domain; else owner_cnt++.
    int take_default_domain_use(int dev);
    // The group's blocked domain, allocated on first use.
    int blocking_domain(int group);
    void warn(std::string message);

private:
    void begin_op() { warnings_.clear(); }
    // Allocation shared by domain_alloc and the core's own default and
    // blocked domains (which must not clear the current operation's warnings).
    int alloc_domain(const std::string& name, DomainType type, AllocApi api);
    int check_range(int domain, uint64_t iova, uint64_t pa, uint64_t size) const;

    IommuOps& ops_;
    CoreOptions options_;
    std::unique_ptr<Policy> policy_;
    std::vector<Device> devices_;
    std::vector<Group> groups_;
    std::vector<Domain> domains_;
    std::vector<std::string> warnings_;
};

}  // namespace socsim::iommu
