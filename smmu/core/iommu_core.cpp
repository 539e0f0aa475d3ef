#include "smmu/core/iommu_core.h"

#include "smmu/core/errno.h"
#include "smmu/core/policy.h"

namespace socsim::iommu {

const char* domain_type_name(DomainType t) {
    switch (t) {
        case DomainType::Identity: return "identity";
        case DomainType::Dma: return "dma";
        case DomainType::Paging: return "paging";
        case DomainType::Blocked: return "blocked";
    }
    return "?";
}

const char* dma_kind_name(DmaKind k) {
    switch (k) {
        case DmaKind::KernelApi: return "kernel-api";
        case DmaKind::DriverManaged: return "driver-managed";
        case DmaKind::None: return "none";
    }
    return "?";
}

const char* policy_name(PolicyKind k) {
    switch (k) {
        case PolicyKind::SharedAttach: return "shared-attach";
        case PolicyKind::Legacy: return "legacy";
        case PolicyKind::Upstream: return "upstream";
    }
    return "?";
}

std::vector<std::string_view> policy_names() {
    std::vector<std::string_view> names;
    for (PolicyKind p : kAllPolicies) names.emplace_back(policy_name(p));
    return names;
}

std::optional<PolicyKind> policy_from_name(std::string_view name) {
    for (PolicyKind p : kAllPolicies)
        if (name == policy_name(p)) return p;
    return std::nullopt;
}

IommuCore::IommuCore(IommuOps& ops, CoreOptions options) : ops_(ops), options_(options) {
    switch (options_.policy) {
        case PolicyKind::SharedAttach: policy_ = make_shared_attach_policy(options_.replace_unwind); break;
        case PolicyKind::Legacy: policy_ = make_legacy_policy(); break;
        case PolicyKind::Upstream: policy_ = make_upstream_policy(); break;
    }
}

IommuCore::~IommuCore() = default;

void IommuCore::warn(std::string message) { warnings_.push_back(std::move(message)); }

int IommuCore::add_group(const std::string& name) {
    begin_op();
    int d = alloc_domain(name + ".default", options_.default_domain_type, AllocApi::Core);
    if (d < 0) return d;
    Group g;
    g.name = name;
    g.default_domain = d;
    g.domain = d;
    groups_.push_back(std::move(g));
    ++domain(d).attached_groups;
    return static_cast<int>(groups_.size()) - 1;
}

int IommuCore::add_device(const std::string& name, int g, std::vector<std::string> swgroups) {
    begin_op();
    Device dev;
    dev.name = name;
    dev.group = g;
    dev.swgroups = std::move(swgroups);
    devices_.push_back(std::move(dev));
    int index = static_cast<int>(devices_.size()) - 1;
    if (g == kNone) return index;
    // Probe: the device joins its group's current domain (iommu.c
    // __iommu_probe_device), so a device joining an owned group is blocked.
    int rc = ops_.attach_dev(domain(group(g).domain), device(index));
    if (rc < 0) {
        devices_.pop_back();
        return rc;
    }
    group(g).devices.push_back(index);
    return index;
}

int IommuCore::set_domain(int g, int d) {
    Group& grp = group(g);
    int old = grp.domain;
    if (old == d) return kOk;
    for (size_t i = 0; i < grp.devices.size(); ++i) {
        Device& dev = device(grp.devices[i]);
        ops_.detach_dev(domain(old), dev);
        int rc = ops_.attach_dev(domain(d), dev);
        if (rc == kOk) continue;
        // Revert: devices before i leave the new domain; all return to old.
        for (size_t k = 0; k <= i; ++k) {
            Device& back = device(grp.devices[k]);
            if (k < i) ops_.detach_dev(domain(d), back);
            if (ops_.attach_dev(domain(old), back) != kOk)
                warn("cannot re-attach " + back.name + " to its previous domain " + domain(old).name);
        }
        return rc;
    }
    --domain(old).attached_groups;
    ++domain(d).attached_groups;
    grp.domain = d;
    return kOk;
}

void IommuCore::set_domain_nofail(int g, int d) {
    int rc = set_domain(g, d);
    if (rc != kOk)
        warn("group " + group(g).name + " cannot return to " + domain(d).name + " (" +
             std::string(errno_name(rc)) + "); it stays in " + domain(group(g).domain).name);
}

int IommuCore::blocking_domain(int g) {
    if (group(g).blocking_domain == kNone) {
        int d = alloc_domain(group(g).name + ".blocked", DomainType::Blocked, AllocApi::Core);
        if (d < 0) return d;
        group(g).blocking_domain = d;
    }
    return group(g).blocking_domain;
}

int IommuCore::take_dma_ownership(int g, const std::string& owner) {
    if (!is_default(group(g))) return kEBUSY;
    int blocked = blocking_domain(g);
    if (blocked < 0) return blocked;
    int rc = set_domain(g, blocked);
    if (rc != kOk) return rc;
    group(g).owner = owner;
    group(g).owner_cnt = 1;
    return kOk;
}

int IommuCore::take_default_domain_use(int dev) {
    int g = device(dev).group;
    if (g == kNone) return kOk;
    Group& grp = group(g);
    if (grp.owner_cnt > 0 && (!grp.owner.empty() || !is_default(grp))) return kEBUSY;
    ++grp.owner_cnt;
    return kOk;
}

int IommuCore::bind(int dev, const std::string& driver, DmaKind kind) {
    begin_op();
    Device& d = device(dev);
    if (!d.driver.empty()) return kEBUSY;
    if (kind == DmaKind::KernelApi) {
        // Bus dma_configure: DMA-API drivers use the default domain.
        int rc = policy_->use_default_domain(*this, dev);
        if (rc != kOk) return rc;
    }
    d.driver = driver;
    d.kind = kind;
    return kOk;
}

int IommuCore::unbind(int dev) {
    begin_op();
    Device& d = device(dev);
    if (d.driver.empty()) {
        warn(d.name + " has no driver bound");
        return kOk;
    }
    if (d.kind == DmaKind::KernelApi) policy_->unuse_default_domain(*this, dev);
    if (d.joined != kNone) {
        warn(d.driver + " did not detach " + d.name + " from " + domain(d.joined).name + " before unbind; detached");
        policy_->detach_device(*this, d.joined, dev);
        d.joined = kNone;
    }
    d.driver.clear();
    d.kind = DmaKind::None;
    return kOk;
}

int IommuCore::use_default_domain(int dev) {
    begin_op();
    return policy_->use_default_domain(*this, dev);
}

void IommuCore::unuse_default_domain(int dev) {
    begin_op();
    policy_->unuse_default_domain(*this, dev);
}

int IommuCore::claim_dma_owner(int g, const std::string& owner, bool by_device) {
    begin_op();
    if (owner.empty()) return kEINVAL;  // WARN_ON(!owner)
    return policy_->claim_dma_owner(*this, g, owner, by_device);
}

void IommuCore::release_dma_owner(int g, bool by_device) {
    begin_op();
    policy_->release_dma_owner(*this, g, by_device);
}

int IommuCore::domain_alloc(const std::string& name, DomainType type, AllocApi api, int dev) {
    begin_op();
    if (dev != kNone && api != AllocApi::Bus && device(dev).group == kNone) {
        warn(device(dev).name + " is not behind the IOMMU");
        return kENODEV;
    }
    return alloc_domain(name, type, api);
}

int IommuCore::alloc_domain(const std::string& name, DomainType type, AllocApi api) {
    if ((api == AllocApi::Paging || api == AllocApi::User) && type != DomainType::Paging) return kEINVAL;
    if (api == AllocApi::Bus) warn("iommu_domain_alloc(bus) is deprecated (removed upstream): use the paging API");
    if (api == AllocApi::User && !ops_.supports_user_domains())
        warn("the IOMMU driver has no user-domain op: " + name + " is a paging domain");
    Domain d;
    d.name = name;
    d.type = type;
    d.api = api;
    int hw = ops_.domain_alloc(d);
    if (hw < 0) return hw;
    d.hw = hw;
    domains_.push_back(std::move(d));
    return static_cast<int>(domains_.size()) - 1;
}

int IommuCore::domain_free(int d) {
    begin_op();
    Domain& dom = domain(d);
    if (!dom.live) return kEINVAL;
    if (dom.attached_groups > 0) return kEBUSY;
    ops_.domain_free(dom);
    dom.live = false;
    return kOk;
}

int IommuCore::attach_device(int d, int dev) {
    begin_op();
    if (!domain(d).live) return kEINVAL;
    return policy_->attach_device(*this, d, dev);
}

void IommuCore::detach_device(int d, int dev) {
    begin_op();
    policy_->detach_device(*this, d, dev);
}

int IommuCore::attach_group(int d, int g) {
    begin_op();
    if (!domain(d).live) return kEINVAL;
    return policy_->attach_group(*this, d, g);
}

int IommuCore::detach_group(int d, int g) {
    begin_op();
    return policy_->detach_group(*this, d, g);
}

int IommuCore::replace_domain(int g, int old_domain, int new_domain) {
    begin_op();
    if (!domain(new_domain).live) return kEINVAL;
    return policy_->replace_domain(*this, g, old_domain, new_domain);
}

int IommuCore::check_range(int d, uint64_t iova, uint64_t pa, uint64_t size) const {
    const Domain& dom = domains_.at(static_cast<size_t>(d));
    if (!dom.live || (dom.type != DomainType::Paging && dom.type != DomainType::Dma)) return kEINVAL;
    IommuOps::Geometry geo = ops_.geometry();
    if (size == 0 || ((iova | pa | size) & (geo.page_size - 1)) != 0) return kEINVAL;
    if (iova >= geo.aperture_end || size > geo.aperture_end - iova) return kEINVAL;
    return kOk;
}

int IommuCore::map(int d, uint64_t iova, uint64_t pa, uint64_t size, int prot) {
    begin_op();
    int rc = check_range(d, iova, pa, size);
    if (rc != kOk) return rc;
    return ops_.map(domain(d), iova, pa, size, prot);
}

int IommuCore::unmap(int d, uint64_t iova, uint64_t size, uint64_t* unmapped) {
    begin_op();
    int rc = check_range(d, iova, 0, size);
    if (rc != kOk) return rc;
    uint64_t done = ops_.unmap(domain(d), iova, size);
    if (done < size)
        warn("unmap of " + std::to_string(size) + " bytes in " + domain(d).name + " found only " +
             std::to_string(done) + " mapped");
    if (unmapped) *unmapped = done;
    return kOk;
}

std::optional<uint64_t> IommuCore::iova_to_phys(int d, uint64_t iova) {
    const Domain& dom = domain(d);
    if (!dom.live || dom.type == DomainType::Blocked) return std::nullopt;
    return ops_.iova_to_phys(dom, iova);
}

void IommuCore::flush(int d) {
    if (domain(d).live) ops_.flush(domain(d));
}

}  // namespace socsim::iommu
