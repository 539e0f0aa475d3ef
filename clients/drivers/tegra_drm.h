// The Tegra DRM driver (drivers/gpu/drm/tegra): host1x clients (DC, GR2D,
// GR3D, VIC) that register when their driver binds, the shared IOMMU domain
// of host1x_drm_probe, each client's IOMMU attach and detach, GEM buffers,
// and pinning a buffer for a client.
//
//  - Shared domain (reference §5): allocated for the host1x device when DRM
//    wants an IOMMU (host1x has a domain, or has none with a 32-bit mask);
//    freed again when no client attached.
//  - Client attach, by policy:
//      shared-attach (seed patch 4/8): no group, or the client already in a
//        translating domain other than the shared one -> DMA API
//        (use_default_domain); else attach_device(shared, dev), which joins
//        the group's other members refcounted. Without a shared domain the
//        client uses the DMA API too (the patch assumes one exists).
//      legacy / upstream (the code patch 4/8 replaces): elsewhere -> left
//        there (DMA API, no ownership call); no group -> ENODEV; else
//        attach_group(shared, group) unless the group is already on it.
//    Detach mirrors it: detach_device / unuse_default_domain, or
//    detach_group only while the group is still on the shared domain (an
//    earlier member may have detached it).
//  - Address space: with the shared domain the aperture (4 GiB, masked by
//    host1x's DMA mask) is split into the GEM range and a 64 MiB carveout at
//    its top (CARVEOUT_SZ of the DRM driver).
//  - GEM buffers: in the shared domain, pages (not contiguous: taken from
//    the top of the buffer region downwards, as an allocator hands them out)
//    mapped RW at one GEM-range IOVA; without it, physically contiguous
//    memory (dma_alloc_wc). Buffers come from the upper half of the first
//    DRAM range, below the SMMU page-table pool.
//  - Pinning: a client in the shared domain uses the buffer's IOVA; any
//    other client maps it through the DMA API, where a physical view of
//    scattered pages is more than one chunk: EINVAL ("the display
//    controller needs contiguous memory"; socsim applies it to every engine,
//    which all address one contiguous range).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clients/drivers/dma_api.h"
#include "clients/drivers/host1x_driver.h"
#include "clients/drivers/iova_allocator.h"

namespace socsim::drivers {

enum class ClientKind { Dc, Gr2d, Gr3d, Vic };
const char* client_kind_name(ClientKind k);

struct DrmClient {
    int dev = iommu::kNone;
    ClientKind kind = ClientKind::Dc;
    std::string name;                    // device label (or path)
    uint32_t head = 0;                   // DC: nvidia,head
    bool initialized = false;            // init ran (DRM probed with it)
    bool shared = false;                 // client->group: in the shared domain
    bool dma_api_claim = false;          // shared-attach: DMA-API use claimed at attach
    std::string attach_path;             // what init did, for reports
    std::optional<uint32_t> syncpt;      // job or VBLANK syncpoint
    std::optional<uint32_t> channel;     // engines: their host1x channel
};

struct GemBuffer {
    std::string name;
    uint64_t size = 0;
    std::vector<uint64_t> pages;         // physical address of each 4 KiB page
    bool contiguous = false;
    bool carveout = false;
    std::optional<uint64_t> iova;        // shared-domain address
    DmaMapping dma;                      // without the shared domain: the DRM device's DMA mapping
    uint64_t pa(uint64_t offset) const { return pages.at(offset / kKernelPage) + offset % kKernelPage; }
};

class TegraDrm {
public:
    TegraDrm(const soc::SocInfo& soc, iommu::IommuCore& core, Host1xDriver& host1x, IovaAllocator& phys,
             DmaApi& dma);

    // A client driver bound (host1x_client_register).
    int register_client(int dev, ClientKind kind, const std::string& name, uint32_t head);
    // The client's driver unbinds: its exit (IOMMU detach, syncpoint and
    // channel freed) when DRM had initialised it, then it leaves the list.
    void unregister_client(int dev);

    // host1x_drm_probe: 0 or the first client init error.
    int probe(std::vector<std::string>& details);
    void remove();
    bool probed() const { return probed_; }

    int buffer_alloc(const std::string& name, uint64_t size, std::optional<bool> contiguous, bool carveout);
    int buffer_free(const std::string& name);
    const GemBuffer* buffer(const std::string& name) const;

    // The address `client` uses for `bo`; a DMA-API mapping made for it is
    // recorded in `map` (unpin with unpin()).
    int pin(const DrmClient& client, const GemBuffer& bo, uint64_t& addr, DmaMapping& map);
    void unpin(const DmaMapping& map) { dma_.unmap(map); }

    DrmClient* client(int dev);
    const std::vector<DrmClient>& clients() const { return clients_; }
    int domain() const { return domain_; }
    bool use_explicit_iommu() const { return explicit_; }
    const IovaAllocator& gem_range() const { return gem_; }
    const IovaAllocator& carveout() const { return carveout_; }

private:
    bool wants_iommu() const;
    int client_init(DrmClient& c);
    void client_exit(DrmClient& c);
    int attach(DrmClient& c);
    void detach(DrmClient& c);
    void free_buffer(GemBuffer& bo);

    const soc::SocInfo& soc_;
    iommu::IommuCore& core_;
    Host1xDriver& host1x_;
    IovaAllocator& phys_;
    DmaApi& dma_;
    std::vector<DrmClient> clients_;
    std::map<std::string, GemBuffer> buffers_;
    int domain_ = iommu::kNone;
    bool explicit_ = false;
    bool probed_ = false;
    IovaAllocator gem_, carveout_;
};

}  // namespace socsim::drivers
