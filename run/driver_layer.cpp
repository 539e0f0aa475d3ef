#include "run/driver_layer.h"

#include <algorithm>

#include <fmt/format.h>

#include "smmu/core/errno.h"
#include "util/panic.h"

namespace socsim::run {

using namespace socsim::iommu;

namespace {

smmu::PagePool make_pool(const Scenario& s) {
    const dts::MemoryRegion& r = s.board.memory.front();
    return smmu::PagePool::top_of_dram(r.base, r.size, s.board.soc->num_address_bits);
}

std::vector<std::string> swgroups_of(const dts::DtNode& node) {
    std::vector<std::string> out;
    for (const auto& spec : node.iommus)
        if (spec.swgroup) out.emplace_back(spec.swgroup->name);
    return out;
}

}  // namespace

DriverLayer::DriverLayer(const Scenario& s, PolicyKind policy, smmu::McRegPort& regs, smmu::DramPort& dram,
                         std::optional<ClientPorts> clients)
    : s_(s), driver_(*s.board.soc, regs, dram, make_pool(s)) {
    CoreOptions options;
    options.policy = policy;
    options.replace_unwind = s.replace_unwind;
    options.default_domain_type =
        s.board.settings.default_domain == dts::DefaultDomainType::Dma ? DomainType::Dma : DomainType::Identity;
    core_ = std::make_unique<IommuCore>(driver_, options);
    if (clients) {
        // Buffers and push buffers: the upper half of the first DRAM range,
        // below the page-table pool.
        const dts::MemoryRegion& r = s.board.memory.front();
        clients_ = std::make_unique<ClientLayer>(s, *core_, *clients, r.base + r.size / 2, driver_.pool().base() - 1);
    }
}

DriverLayer::~DriverLayer() = default;

void DriverLayer::probe() {
    driver_.probe();
    for (const auto& g : s_.layout.groups) {
        int index = core_->add_group(g.name);
        if (index < 0) {
            probe_warnings_.push_back(fmt::format("group {}: no default domain ({})", g.name, errno_name(index)));
            continue;
        }
        groups_[g.name] = index;
        for (const dts::DtNode* node : g.devices) {
            int dev = core_->add_device(node->display_name(), index, swgroups_of(*node));
            if (dev < 0)
                probe_warnings_.push_back(fmt::format("probe of {} failed ({}): it is not behind the IOMMU in this run",
                                                      node->display_name(), errno_name(dev)));
            else
                devices_[node] = dev;
        }
    }
}

int DriverLayer::device_of(const dts::DtNode* node) {
    auto it = devices_.find(node);
    if (it != devices_.end()) return it->second;
    // Not behind the SMMU (or its probe failed): a device without a group.
    int dev = core_->add_device(node->display_name(), kNone);
    devices_[node] = dev;
    return dev;
}

int DriverLayer::group_of(const std::string& name) const {
    auto it = groups_.find(name);
    return it == groups_.end() ? kNone : it->second;
}

int DriverLayer::domain_of(const std::string& handle, StepOutcome& out) const {
    auto it = handles_.find(handle);
    if (it != handles_.end()) return it->second;
    out.warnings.push_back("domain " + handle + " was not allocated (its domain_alloc failed)");
    return kNone;
}

void DriverLayer::note_map_range(const Step& step, StepOutcome& out) const {
    uint64_t end = step.pa + step.size;
    if (!s_.board.dram_contains(step.pa, step.size))
        out.warnings.push_back(fmt::format("pa {:#x}..{:#x} is not all in DRAM", step.pa, end));
    const smmu::PagePool& pool = driver_.pool();
    if (step.pa < pool.base() + pool.size() && end > pool.base())
        out.warnings.push_back(fmt::format("pa {:#x}..{:#x} overlaps the SMMU page-table pool {:#x}..{:#x}", step.pa,
                                           end, pool.base(), pool.base() + pool.size()));
}

StepOutcome DriverLayer::execute(const Step& step) {
    StepOutcome out;
    if (step.op == Op::Check) return run_check(step);
    core_->clear_warnings();  // the step may fail before it reaches the core
    int dev = step.device ? device_of(step.device) : kNone;
    int grp = step.group.empty() ? kNone : group_of(step.group);
    if (!step.group.empty() && grp == kNone) {
        out.actual = "ENODEV";
        out.warnings.push_back("group " + step.group + " has no IOMMU state in this run (its probe failed)");
        return out;
    }
    int rc = kOk;
    auto with_domain = [&](const std::string& handle, auto&& fn) {
        int d = domain_of(handle, out);
        rc = d == kNone ? kEINVAL : fn(d);
    };
    switch (step.op) {
        case Op::Bind: {
            const DriverInfo* info = find_driver(step.driver);
            rc = core_->bind(dev, step.driver, info->kind);
            if (rc == kOk && info->binds_to && clients_) {
                rc = clients_->bind(step.device, dev, step.driver, out.details);
                if (rc != kOk) core_->unbind(dev);   // probe failed: the driver does not stay bound
            }
            break;
        }
        case Op::Unbind:
            if (clients_) clients_->unbind(dev, out.details);
            rc = core_->unbind(dev);
            break;
        case Op::UseDefaultDomain: rc = core_->use_default_domain(dev); break;
        case Op::UnuseDefaultDomain: core_->unuse_default_domain(dev); break;
        case Op::ClaimDmaOwner: rc = core_->claim_dma_owner(grp, step.owner, step.group_by_device); break;
        case Op::ReleaseDmaOwner: {
            const Group& g = core_->groups().at(static_cast<size_t>(grp));
            const std::string& current = g.owner.empty() ? g.legacy_claim : g.owner;
            if (!step.owner.empty() && step.owner != current)
                out.warnings.push_back("release by " + step.owner + ", but the group's owner is " +
                                       (current.empty() ? "none" : current));
            core_->release_dma_owner(grp, step.group_by_device);
            break;
        }
        case Op::DomainAlloc:
            rc = core_->domain_alloc(step.name, step.type, step.api, dev);
            if (rc >= 0) {
                handles_[step.name] = rc;
                rc = kOk;
            }
            break;
        case Op::DomainFree: with_domain(step.domain, [&](int d) { return core_->domain_free(d); }); break;
        case Op::AttachDevice: with_domain(step.domain, [&](int d) { return core_->attach_device(d, dev); }); break;
        case Op::DetachDevice:  // void: an unallocated handle is only a warning
            with_domain(step.domain, [&](int d) { core_->detach_device(d, dev); return kOk; });
            rc = kOk;
            break;
        case Op::AttachGroup: with_domain(step.domain, [&](int d) { return core_->attach_group(d, grp); }); break;
        case Op::DetachGroup:
            with_domain(step.domain, [&](int d) { return core_->detach_group(d, grp); });
            break;
        case Op::ReplaceDomain: {
            int old = kNone;
            if (!step.old_domain.empty() && (old = domain_of(step.old_domain, out)) == kNone) {
                rc = kEINVAL;
                break;
            }
            with_domain(step.new_domain, [&](int d) { return core_->replace_domain(grp, old, d); });
            break;
        }
        case Op::Map:
            note_map_range(step, out);
            with_domain(step.domain, [&](int d) { return core_->map(d, step.iova, step.pa, step.size, step.prot); });
            break;
        case Op::Unmap: with_domain(step.domain, [&](int d) { return core_->unmap(d, step.iova, step.size); }); break;
        case Op::Check: break;
        case Op::Dma: case Op::MemCheck: panic("hardware steps run on the platform, not the driver layer");
        default:
            if (!clients_) panic("client steps need the client ports");
            clients_->execute(step, dev, out);
            for (const auto& w : core_->warnings()) out.warnings.push_back(w);
            return out;
    }
    out.actual = errno_name(rc);
    for (const auto& w : core_->warnings()) out.warnings.push_back(w);
    return out;
}

StepOutcome DriverLayer::run_check(const Step& step) {
    StepOutcome out;
    const CheckSpec& c = step.check_for(core_->options().policy);
    int gi = group_of(step.group);
    if (gi == kNone) {
        out.actual = "mismatch";
        out.mismatches.push_back("group " + step.group + " has no IOMMU state in this run (its probe failed)");
        return out;
    }
    const Group& g = core_->groups().at(static_cast<size_t>(gi));
    const Domain& cur = core_->domains().at(static_cast<size_t>(g.domain));
    auto mismatch = [&](const std::string& what, const std::string& actual, const std::string& expected) {
        out.mismatches.push_back(fmt::format("{} of {} is {}, expected {}", what, g.name, actual, expected));
    };
    if (c.domain) {
        bool ok = *c.domain == "default"    ? g.domain == g.default_domain
                : *c.domain == "blocked"  ? cur.type == DomainType::Blocked
                : *c.domain == "identity" ? cur.type == DomainType::Identity
                : *c.domain == "shared"   ? clients_ && clients_->drm().domain() != kNone && clients_->drm().domain() == g.domain
                                          : handles_.count(*c.domain) && handles_.at(*c.domain) == g.domain;
        if (!ok) mismatch("domain", fmt::format("{} ({})", cur.name, domain_type_name(cur.type)), *c.domain);
    }
    if (c.owner && (g.owner.empty() ? "none" : g.owner) != *c.owner)
        mismatch("owner", g.owner.empty() ? "none" : g.owner, *c.owner);
    if (c.owner_cnt && g.owner_cnt != *c.owner_cnt)
        mismatch("owner_cnt", std::to_string(g.owner_cnt), std::to_string(*c.owner_cnt));
    if (c.attach_cnt && g.attach_cnt != *c.attach_cnt)
        mismatch("attach_cnt", std::to_string(g.attach_cnt), std::to_string(*c.attach_cnt));
    if (c.bound) {
        const Device& d = core_->devices().at(static_cast<size_t>(device_of(step.device)));
        std::string bound = d.driver.empty() ? "none" : d.driver;
        if (bound != *c.bound)
            out.mismatches.push_back(fmt::format("driver bound to {} is {}, expected {}", d.name, bound, *c.bound));
    }
    if (c.asids && driver_.asids_in_use() != *c.asids)
        out.mismatches.push_back(fmt::format("ASIDs in use: {}, expected {}", driver_.asids_in_use(), *c.asids));
    if (c.hw_asid_same) check_hw_asids(g, cur, out);
    out.actual = out.mismatches.empty() ? "ok" : "mismatch";
    return out;
}

void DriverLayer::check_hw_asids(const Group& g, const Domain& cur, StepOutcome& out) {
    std::optional<uint32_t> want = driver_.asid_of(cur);
    if (!want) {
        out.mismatches.push_back(fmt::format("{} is on {}, which holds no ASID", g.name, cur.name));
        return;
    }
    for (int di : g.devices)
        for (const std::string& sw_name : core_->devices().at(size_t(di)).swgroups) {
            const soc::Swgroup* sw = s_.board.soc->find_swgroup(sw_name);
            auto got = sw ? driver_.hw_asid(*sw) : std::nullopt;
            if (got != want)
                out.mismatches.push_back(fmt::format("SMMU_{}_ASID holds {}, expected ASID {} of {} enabled", sw_name,
                                                     got ? fmt::format("ASID {}", *got) : std::string("no enabled ASID"),
                                                     *want, cur.name));
        }
}

void DriverLayer::scan_hazards(uint64_t now_ns, bool final) {
    for (const auto& g : core_->groups()) {
        const std::string& owner = g.owner.empty() ? g.legacy_claim : g.owner;
        std::vector<std::string> kernel;
        for (int di : g.devices) {
            const Device& d = core_->devices().at(static_cast<size_t>(di));
            if (d.kind == DmaKind::KernelApi) kernel.push_back(d.name);
        }
        auto open = std::find_if(hazards_.begin(), hazards_.end(),
                                 [&](const Hazard& h) { return h.open && h.group == g.name; });
        bool active = !owner.empty() && !kernel.empty() && !final;
        // One hazard per uninterrupted period per owner; devices accumulate.
        if (open != hazards_.end() && (!active || open->owner != owner)) {
            open->open = false;
            open->to_ns = now_ns;
            open = hazards_.end();
        }
        if (!active) continue;
        if (open == hazards_.end()) {
            hazards_.push_back({g.name, owner, kernel, now_ns, now_ns, true});
            continue;
        }
        for (const auto& k : kernel)
            if (std::find(open->devices.begin(), open->devices.end(), k) == open->devices.end()) open->devices.push_back(k);
    }
}

}  // namespace socsim::run
