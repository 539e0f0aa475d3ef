// The host1x driver (drivers/gpu/host1x): probe with its own IOMMU domain,
// syncpoint and channel allocation, push buffers and command DMA, job
// submission and completion, and job timeouts.
//
//  - IOMMU (reference §5, seed patch 6/8): host1x wants an IOMMU unless its
//    DMA mask is 32 bits with the firewall on (host1x01/02: T20/T30/T114;
//    socsim assumes CONFIG_TEGRA_HOST1X_FIREWALL=y). Then it allocates its
//    own paging domain and attaches it (attach_device under shared-attach,
//    attach_group under legacy and upstream; ENODEV means "no IOMMU"). Its
//    IOVAs come top-down from the aperture masked by the DMA mask. Without
//    a domain host1x uses the DMA API (physical in an identity domain).
//  - Push buffer (§6.2): 511 two-word slots plus RESTART(0), two pages,
//    mapped read-only. Jobs (pre-HW6 layout): SETCLASS(class) + a no-op,
//    then GATHER(words) + the command buffer's address. Command buffers sit
//    in a 64 KiB arena per channel, mapped read-only, reused in job order.
//  - Completion: a job is done when its syncpoint passes its threshold
//    (wrap-safe); space in the push buffer and arena is reclaimed in order.
//  - Timeout (§6.3): the CPU stops the command processor, tears the channel
//    down, performs the remaining syncpoint increments of every job still
//    queued on the channel (syncpoint recovery), and restarts the channel
//    empty. Those jobs report ETIMEDOUT.
//  - Freeing a channel first waits for the jobs still queued on it, each up
//    to its own timeout (a timeout recovers the channel as above), as
//    Linux's CDMA stop waits for its sync queue to empty: an engine's DMA
//    never outlives its push buffer, its command buffers or the client's
//    IOMMU attachment.
// Left out: wait bases, MLOCKs, the firewall's command checks, relocations
// beyond the 32-bit GATHER address (pre-HW6 rejects wider gathers: EINVAL).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "clients/drivers/dma_api.h"
#include "clients/drivers/iova_allocator.h"
#include "clients/drivers/ports.h"
#include "clients/host1x/host1x_regs.h"
#include "smmu/core/iommu_core.h"
#include "smmu/tegra/ports.h"
#include "soc/soc_info.h"

namespace socsim::drivers {

struct Fence {
    uint32_t syncpt = 0;
    uint32_t threshold = 0;
};

struct Host1xJob {
    uint32_t class_id = 0;
    std::vector<uint32_t> words;     // the command buffer (gathered)
    uint32_t syncpt = 0;
    uint32_t incrs = 1;              // syncpoint increments the job performs
};

struct Host1xStats {
    uint64_t jobs_submitted = 0, jobs_completed = 0, jobs_timed_out = 0;
    uint64_t pushbuffer_waits = 0;   // submits that waited for push-buffer or arena space
};

class Host1xDriver {
public:
    Host1xDriver(const soc::SocInfo& soc, iommu::IommuCore& core, smmu::DramPort& dram, Host1xPort& port,
                 IovaAllocator& phys, DmaApi& dma);

    // host1x_probe for the device `dev` (its core index): 0 or errno.
    int probe(int dev);
    void remove();
    bool probed() const { return dev_ != iommu::kNone; }
    int device() const { return dev_; }
    int domain() const { return domain_; }          // host->domain, kNone without one
    bool wants_iommu() const;
    const std::vector<std::string>& log() const { return log_; }

    // Syncpoints (host1x_syncpt_request / _free); VBLANK syncpoints 26/27
    // stay reserved on host1x01/02 until released by the DC.
    std::optional<uint32_t> syncpt_request();
    void syncpt_release_reserved(uint32_t id);       // the DC takes its VBLANK syncpoint
    void syncpt_free(uint32_t id);
    uint32_t syncpt_max(uint32_t id) const { return max_.at(id); }
    std::optional<uint32_t> channel_request();
    void channel_free(uint32_t ch);   // quiesces it first
    // Waits for every job queued on `ch`, each up to its timeout; on a
    // timeout recovers the channel (ETIMEDOUT). 0 when all completed.
    int quiesce(uint32_t ch);

    // Queues a job on `channel` (flow-controlled by push-buffer space).
    // The fence says when it is done.
    int submit(uint32_t channel, const Host1xJob& job, Fence& fence, uint64_t timeout_ns);
    // Waits for a fence; on timeout recovers the channel (ETIMEDOUT).
    int wait(uint32_t channel, const Fence& fence, uint64_t timeout_ns);
    uint32_t read_syncpt(uint32_t id);

    const Host1xStats& stats() const { return stats_; }
    const soc::Host1xInfo& info() const { return soc_.host1x; }

private:
    struct Pending {
        Fence fence;
        uint32_t pb_end = 0;             // push-buffer offset after the job
        uint64_t arena_end = 0;          // arena offset after the job's command buffer
        uint64_t timeout_ns = 0;         // what its submitter allowed it
    };
    struct Channel {
        bool used = false, started = false;
        uint64_t pb_pa = 0, arena_pa = 0;
        DmaMapping pb_map, arena_map;
        uint32_t put = 0, get = 0;       // push-buffer offsets (bytes)
        uint64_t arena_head = 0, arena_tail = 0;   // bytes written / reclaimed (monotonic)
        std::deque<Pending> pending;
    };

    int attach_own_domain();
    int setup_channel(uint32_t ch);
    void release_channel(uint32_t ch);
    void cdma_start(uint32_t ch);
    void push(Channel& c, uint32_t w0, uint32_t w1);
    uint32_t free_slots(const Channel& c) const;
    void update(uint32_t ch);            // reclaims completed jobs
    int make_room(uint32_t ch, uint32_t slots, uint64_t words, uint64_t timeout_ns);
    void recover(uint32_t ch);
    bool expired(uint32_t id, uint32_t thresh);
    uint32_t chreg(uint32_t ch, uint32_t reg) const;
    uint32_t syncreg(uint32_t reg) const;

    const soc::SocInfo& soc_;
    const clients::host1x::SyncLayout* layout_ = nullptr;
    iommu::IommuCore& core_;
    smmu::DramPort& dram_;
    Host1xPort& port_;
    IovaAllocator& phys_;
    DmaApi& dma_;
    int dev_ = iommu::kNone;
    int domain_ = iommu::kNone;
    std::vector<Channel> channels_;
    std::vector<bool> syncpt_used_;
    std::vector<uint32_t> max_;
    Host1xStats stats_;
    std::vector<std::string> log_;
};

}  // namespace socsim::drivers
