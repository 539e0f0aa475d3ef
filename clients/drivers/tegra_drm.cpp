#include "clients/drivers/tegra_drm.h"

#include <algorithm>

#include <fmt/format.h>

#include "smmu/core/errno.h"

namespace socsim::drivers {

using namespace socsim::iommu;

namespace {
constexpr uint64_t kCarveout = 64ull << 20;   // CARVEOUT_SZ
}  // namespace

const char* client_kind_name(ClientKind k) {
    switch (k) {
        case ClientKind::Dc: return "tegra-dc";
        case ClientKind::Gr2d: return "tegra-gr2d";
        case ClientKind::Gr3d: return "tegra-gr3d";
        case ClientKind::Vic: return "tegra-vic";
    }
    return "?";
}

TegraDrm::TegraDrm(const soc::SocInfo& soc, IommuCore& core, Host1xDriver& host1x, IovaAllocator& phys, DmaApi& dma)
    : soc_(soc), core_(core), host1x_(host1x), phys_(phys), dma_(dma) {}

DrmClient* TegraDrm::client(int dev) {
    for (auto& c : clients_)
        if (c.dev == dev) return &c;
    return nullptr;
}

int TegraDrm::register_client(int dev, ClientKind kind, const std::string& name, uint32_t head) {
    if (client(dev)) return kEBUSY;
    DrmClient c;
    c.dev = dev;
    c.kind = kind;
    c.name = name;
    c.head = head;
    clients_.push_back(c);
    // A client that binds after DRM came up is initialised right away
    // (host1x re-runs the DRM device's init in the kernel; socsim keeps it simple).
    if (probed_) return client_init(clients_.back());
    return kOk;
}

void TegraDrm::unregister_client(int dev) {
    auto it = std::find_if(clients_.begin(), clients_.end(), [&](const DrmClient& c) { return c.dev == dev; });
    if (it == clients_.end()) return;
    if (it->initialized) client_exit(*it);
    clients_.erase(it);
}

bool TegraDrm::wants_iommu() const {
    const Device& h = core_.devices().at(static_cast<size_t>(host1x_.device()));
    if (h.group == kNone) return false;   // device_iommu_mapped(host1x)
    if (host1x_.domain() == kNone && soc_.host1x.dma_mask_bits <= 32) return true;
    return host1x_.domain() != kNone;
}

int TegraDrm::probe(std::vector<std::string>& details) {
    if (probed_) return kEBUSY;
    if (!host1x_.probed()) {
        details.push_back("host1x is not bound: the DRM device cannot probe");
        return kENODEV;
    }
    if (wants_iommu()) {
        int dom = core_.domain_alloc("tegra-drm", DomainType::Paging, AllocApi::Paging, host1x_.device());
        if (dom < 0) return dom;
        domain_ = dom;
    }
    details.push_back(domain_ == kNone ? "no shared domain (host1x has no IOMMU)" : "shared domain allocated");
    int first_error = kOk;
    for (auto& c : clients_) {
        int rc = client_init(c);
        details.push_back(fmt::format("{}: {}{}", c.name, c.attach_path, rc ? fmt::format(" ({})", errno_name(rc)) : ""));
        if (rc != kOk && first_error == kOk) first_error = rc;
    }
    if (explicit_) {
        // Aperture [0, 4 GiB - 1] masked by host1x's DMA mask.
        uint64_t end = std::min<uint64_t>(0xffffffffull, (uint64_t(1) << soc_.host1x.dma_mask_bits) - 1);
        gem_ = IovaAllocator(0, end - kCarveout);
        carveout_ = IovaAllocator(end - kCarveout + 1, end);
    } else if (domain_ != kNone) {
        core_.domain_free(domain_);   // no client attached
        domain_ = kNone;
        details.push_back("no client attached: shared domain freed");
    }
    probed_ = true;
    return first_error;
}

void TegraDrm::remove() {
    if (!probed_) return;
    for (auto& c : clients_)
        if (c.initialized) client_exit(c);
    for (auto& [name, bo] : buffers_) free_buffer(bo);
    buffers_.clear();
    if (domain_ != kNone) core_.domain_free(domain_);
    domain_ = kNone;
    explicit_ = false;
    probed_ = false;
}

int TegraDrm::client_init(DrmClient& c) {
    int rc = attach(c);
    if (rc != kOk && !(c.kind == ClientKind::Dc && rc == kENODEV)) return rc;   // tegra_dc_init tolerates ENODEV
    if (c.kind == ClientKind::Dc) {
        uint32_t vblank = 26 + c.head;
        if (soc_.host1x.reserve_vblank_syncpts) {
            host1x_.syncpt_release_reserved(vblank);
            c.syncpt = vblank;
        } else {
            c.syncpt = host1x_.syncpt_request();
        }
    } else {
        c.syncpt = host1x_.syncpt_request();
        c.channel = host1x_.channel_request();
        if (!c.syncpt || !c.channel) {
            client_exit(c);
            return kENOMEM;
        }
    }
    c.initialized = true;
    return kOk;
}

void TegraDrm::client_exit(DrmClient& c) {
    if (c.channel) host1x_.channel_free(*c.channel);
    if (c.syncpt && c.kind != ClientKind::Dc) host1x_.syncpt_free(*c.syncpt);
    c.channel.reset();
    c.syncpt.reset();
    detach(c);
    c.initialized = false;
}

int TegraDrm::attach(DrmClient& c) {
    const Device& d = core_.devices().at(static_cast<size_t>(c.dev));
    int cur = d.group == kNone ? kNone : core_.groups().at(static_cast<size_t>(d.group)).domain;
    bool elsewhere = cur != kNone && cur != domain_ &&
                     core_.domains().at(static_cast<size_t>(cur)).type != DomainType::Identity;
    c.shared = false;
    if (core_.options().policy == PolicyKind::SharedAttach) {
        if (d.group == kNone || elsewhere || domain_ == kNone) {
            c.attach_path = d.group == kNone ? "no IOMMU group: DMA API"
                            : elsewhere      ? "in another domain: DMA API"
                                             : "no shared domain: DMA API";
            int rc = core_.use_default_domain(c.dev);   // iommu_device_use_dma_api
            c.dma_api_claim = rc == kOk;
            return rc;
        }
        int rc = core_.attach_device(domain_, c.dev);
        c.attach_path = "attach_device(shared)";
        if (rc != kOk) return rc;
    } else {
        if (elsewhere) {
            c.attach_path = "in another domain: DMA API";
            return kOk;
        }
        if (domain_ == kNone) {
            c.attach_path = "no shared domain: DMA API";
            return kOk;
        }
        if (d.group == kNone) {
            c.attach_path = "no IOMMU group";
            return kENODEV;
        }
        if (cur != domain_) {
            int rc = core_.attach_group(domain_, d.group);
            c.attach_path = "attach_group(shared)";
            if (rc != kOk) return rc;
        } else {
            c.attach_path = "group already on the shared domain";
        }
    }
    c.shared = true;
    explicit_ = true;
    return kOk;
}

void TegraDrm::detach(DrmClient& c) {
    const Device& d = core_.devices().at(static_cast<size_t>(c.dev));
    bool shared_attach = core_.options().policy == PolicyKind::SharedAttach;
    if (c.shared) {
        if (shared_attach) {
            core_.detach_device(domain_, c.dev);
        } else if (d.group != kNone && core_.groups().at(static_cast<size_t>(d.group)).domain == domain_) {
            core_.detach_group(domain_, d.group);
        }
    } else if (c.dma_api_claim) {
        core_.unuse_default_domain(c.dev);
    }
    c.dma_api_claim = false;
    c.shared = false;
}

int TegraDrm::buffer_alloc(const std::string& name, uint64_t size, std::optional<bool> contiguous, bool carveout) {
    if (!probed_) return kENODEV;
    if (buffers_.count(name) || size == 0) return kEINVAL;
    if (carveout && !explicit_) return kENODEV;
    GemBuffer bo;
    bo.name = name;
    bo.size = (size + kKernelPage - 1) / kKernelPage * kKernelPage;
    bo.carveout = carveout;
    bo.contiguous = contiguous.value_or(!explicit_);
    if (!explicit_ && !bo.contiguous) return kEINVAL;   // dma_alloc_wc memory is contiguous
    if (bo.contiguous) {
        auto pa = phys_.alloc(bo.size);
        if (!pa) return kENOMEM;
        for (uint64_t off = 0; off < bo.size; off += kKernelPage) bo.pages.push_back(*pa + off);
    } else {
        for (uint64_t off = 0; off < bo.size; off += kKernelPage) {
            auto pa = phys_.alloc_top(kKernelPage);
            if (!pa) {
                free_buffer(bo);
                return kENOMEM;
            }
            bo.pages.push_back(*pa);
        }
    }
    int rc = kOk;
    if (explicit_) {
        IovaAllocator& range = carveout ? carveout_ : gem_;
        auto iova = range.alloc(bo.size);
        if (!iova) {
            free_buffer(bo);
            return kENOMEM;
        }
        bo.iova = *iova;
        rc = map_runs(core_, domain_, *iova, bo.pages, kProtRead | kProtWrite);
        if (rc != kOk) {
            range.free(*iova);
            bo.iova.reset();
        }
    } else {
        rc = dma_.map_pages(host1x_.device(), bo.pages, kProtRead | kProtWrite, bo.dma);
    }
    if (rc != kOk) {
        free_buffer(bo);
        return rc;
    }
    buffers_[name] = std::move(bo);
    return kOk;
}

void TegraDrm::free_buffer(GemBuffer& bo) {
    if (bo.iova) {
        core_.unmap(domain_, *bo.iova, bo.size);
        (bo.carveout ? carveout_ : gem_).free(*bo.iova);
        bo.iova.reset();
    }
    dma_.unmap(bo.dma);
    bo.dma = DmaMapping{};
    if (bo.contiguous) {
        if (!bo.pages.empty()) phys_.free(bo.pages.front());
    } else {
        for (uint64_t pa : bo.pages) phys_.free(pa);
    }
    bo.pages.clear();
}

int TegraDrm::buffer_free(const std::string& name) {
    auto it = buffers_.find(name);
    if (it == buffers_.end()) return kENOENT;
    free_buffer(it->second);
    buffers_.erase(it);
    return kOk;
}

const GemBuffer* TegraDrm::buffer(const std::string& name) const {
    auto it = buffers_.find(name);
    return it == buffers_.end() ? nullptr : &it->second;
}

int TegraDrm::pin(const DrmClient& client, const GemBuffer& bo, uint64_t& addr, DmaMapping& map) {
    map = DmaMapping{};
    if (client.shared && bo.iova) {
        addr = *bo.iova;
        return kOk;
    }
    int rc = dma_.map_pages(client.dev, bo.pages, kProtRead | kProtWrite, map);
    if (rc == kOk) addr = map.addr;
    return rc;
}

}  // namespace socsim::drivers
