#include "support/core_ops.h"

#include "smmu/core/errno.h"
#include "soc/soc_registry.h"

namespace socsim::test {

using namespace socsim::iommu;

namespace {

constexpr uint64_t kPage = 4096;
// Mapping candidates: pages in two 4 MiB sections, so PTs are shared, freed
// and reallocated, and the last page of the 4 GiB aperture (a range from it
// runs past the aperture's end); the last sample is never mapped.
const std::vector<uint64_t> kIovas = {0x10000, 0x11000, 0x400000, 0xffc00000, 0xfffff000};
const std::vector<uint64_t> kSamples = {0x10000, 0x11000, 0x12000, 0x400000, 0xffc00000, 0xfffff000, 0x10800};
constexpr DomainType kTypes[] = {DomainType::Identity, DomainType::Dma, DomainType::Paging, DomainType::Blocked};
constexpr AllocApi kApis[] = {AllocApi::Bus, AllocApi::Paging, AllocApi::User};
const char* const kOwners[] = {"vfio0", "vfio1"};

soc::SocInfo two_asid_tegra30() {
    soc::SocInfo info = soc::tegra30();
    info.num_asids = 2;
    return info;
}

}  // namespace

const soc::SocInfo& CoreOpSequence::soc() {
    static const soc::SocInfo info = two_asid_tegra30();
    return info;
}

CoreOpSequence::CoreOpSequence(PolicyKind policy, ReplaceUnwind unwind)
    : rig_(soc(), CoreOptions{policy, unwind, DomainType::Identity}), core_(*rig_.core) {
    int drm = core_.add_group("drm"), hc = core_.add_group("hc"), vde = core_.add_group("vde");
    groups_ = {drm, hc, vde};
    devs_ = {core_.add_device("dc", drm, {"dc"}), core_.add_device("dcb", drm, {"dcb"}),
             core_.add_device("gr3d", drm, {"nv", "nv2"}), core_.add_device("host1x", hc, {"hc"}),
             core_.add_device("vde", vde, {"vde"})};
    cpu_ = core_.add_device("cpu", kNone);
}

// A range of 1-3 pages from one of kIovas; one time in eight not
// page-aligned (EINVAL, nothing mapped). Ranges from the aperture's last
// page run past its end (EINVAL).
void CoreOpSequence::map_range(const Pick& pick, int dom, int& rc) {
    uint64_t iova = kIovas[static_cast<size_t>(pick(static_cast<int>(kIovas.size())))];
    uint64_t size = kPage * static_cast<uint64_t>(1 + pick(3));
    if (pick(8) == 0) size -= kPage / 2;
    uint64_t pa = 0x80000000 + kPage * static_cast<uint64_t>(pick(64));
    int prot = 1 + pick(3);
    rc = core_.map(dom, iova, pa, size, prot);
    if (rc == kOk)
        for (uint64_t off = 0; off < size; off += kPage) maps_[dom][iova + off] = {pa + off, prot};
    ++stats_.maps;
}

// The reverse, which must report exactly the bytes that were mapped.
std::string CoreOpSequence::unmap_range(const Pick& pick, int dom, int& rc) {
    uint64_t iova = kIovas[static_cast<size_t>(pick(static_cast<int>(kIovas.size())))];
    uint64_t size = kPage * static_cast<uint64_t>(1 + pick(3));
    uint64_t expect = 0;
    for (uint64_t off = 0; off < size; off += kPage) expect += maps_[dom].count(iova + off) ? kPage : 0;
    uint64_t unmapped = 0;
    rc = core_.unmap(dom, iova, size, &unmapped);
    if (rc != kOk) return "";
    for (uint64_t off = 0; off < size; off += kPage) maps_[dom].erase(iova + off);
    if (unmapped == expect) return "";
    return "7: unmapped " + std::to_string(unmapped) + " bytes, " + std::to_string(expect) + " were mapped; ";
}

// Invariant 7 as the core reports it: iova_to_phys agrees with what was
// mapped in a live translating domain.
std::string CoreOpSequence::check_iova_to_phys(int dom) {
    const Domain& d = core_.domains()[static_cast<size_t>(dom)];
    if (!d.live || (d.type != DomainType::Paging && d.type != DomainType::Dma)) return "";
    std::string err;
    for (uint64_t iova : kSamples) {
        auto got = core_.iova_to_phys(dom, iova);
        auto it = maps_[dom].find(iova & ~(kPage - 1));
        std::optional<uint64_t> want;
        if (it != maps_[dom].end()) want = it->second.first | (iova & (kPage - 1));
        if (got != want) err += "7: iova_to_phys(" + d.name + ", " + std::to_string(iova) + ") disagrees; ";
    }
    return err;
}

std::string CoreOpSequence::step(const Pick& pick) {
    Snapshot before = snapshot(core_);
    int dev = devs_[static_cast<size_t>(pick(static_cast<int>(devs_.size())))];
    int grp = groups_[static_cast<size_t>(pick(static_cast<int>(groups_.size())))];
    int dom = doms_.empty() ? kNone : doms_[static_cast<size_t>(pick(static_cast<int>(doms_.size())))];
    uint64_t iova = kIovas[static_cast<size_t>(pick(4))];
    int rc = kOk;
    bool checks_unchanged = true;
    std::string op, broken;
    switch (pick(18)) {
        case 0: op = "bind"; rc = core_.bind(dev, "drv", static_cast<DmaKind>(pick(3))); break;
        case 1: op = "unbind"; rc = core_.unbind(dev); checks_unchanged = false; break;
        case 2: op = "claim"; rc = core_.claim_dma_owner(grp, kOwners[pick(2)], pick(2)); break;
        case 3: op = "release"; core_.release_dma_owner(grp, pick(2)); checks_unchanged = false; break;
        case 4: {
            op = "alloc";
            int d = core_.domain_alloc("d" + std::to_string(doms_.size()), DomainType::Paging, AllocApi::Paging);
            if (d >= 0) doms_.push_back(d);
            break;
        }
        case 5: if (dom != kNone) { op = "free"; rc = core_.domain_free(dom); if (rc == kOk) maps_.erase(dom); } break;
        case 6: case 7: if (dom != kNone) { op = "attach_device"; rc = core_.attach_device(dom, dev); } break;
        case 8: if (dom != kNone) { op = "detach_device"; core_.detach_device(dom, dev); checks_unchanged = false; } break;
        case 9: if (dom != kNone) { op = "attach_group"; rc = core_.attach_group(dom, grp); } break;
        case 10: if (dom != kNone) { op = "detach_group"; rc = core_.detach_group(dom, grp); checks_unchanged = rc != kOk; } break;
        case 11: if (dom != kNone) { op = "replace"; rc = core_.replace_domain(grp, pick(2) ? kNone : dom, dom);
                                     checks_unchanged = core_.options().replace_unwind == ReplaceUnwind::RestoreOld; } break;
        case 12: if (dom != kNone) {
            op = "map";
            int prot = 1 + pick(3);
            uint64_t pa = 0x80000000 + kPage * static_cast<uint64_t>(pick(64));
            rc = core_.map(dom, iova, pa, kPage, prot);
            if (rc == kOk) maps_[dom][iova] = {pa, prot};
            ++stats_.maps;
        } break;
        case 13: if (dom != kNone) {
            op = "unmap";
            rc = core_.unmap(dom, iova, kPage);
            if (rc == kOk) maps_[dom].erase(iova);
        } break;
        case 14: {
            // Any type through any API, for no device, a grouped one or the
            // CPU (ENODEV); EINVAL for a non-paging type by the paging APIs.
            DomainType type = kTypes[pick(4)];
            AllocApi api = kApis[pick(3)];
            int which = pick(static_cast<int>(devs_.size()) + 2);
            int for_dev = which == 0 ? kNone : which == 1 ? cpu_ : devs_[static_cast<size_t>(which - 2)];
            op = std::string("alloc ") + domain_type_name(type);
            rc = core_.domain_alloc("d" + std::to_string(doms_.size()), type, api, for_dev);
            if (rc >= 0) doms_.push_back(rc);
            if (rc > 0) rc = kOk;
            break;
        }
        case 15: if (dom != kNone) { op = "map_range"; map_range(pick, dom, rc); } break;
        case 16: if (dom != kNone) { op = "unmap_range"; broken = unmap_range(pick, dom, rc); } break;
        case 17: if (dom != kNone) { op = "iova_to_phys"; core_.flush(dom); broken = check_iova_to_phys(dom); } break;
    }
    ++stats_.steps;
    broken += check_invariants(rig_, maps_, kSamples);
    if (rc != kOk) {
        ++stats_.failures;
        stats_.enospc += rc == kENOSPC;
        if (checks_unchanged && !(snapshot(core_) == before)) broken += "6: failed " + op + " changed state; ";
    }
    if (broken.empty()) return "";
    return (op.empty() ? "(none)" : op) + " -> " + std::string(errno_name(rc)) + ": " + broken;
}

}  // namespace socsim::test
