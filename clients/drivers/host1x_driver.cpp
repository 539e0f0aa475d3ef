#include "clients/drivers/host1x_driver.h"

#include <algorithm>

#include <fmt/format.h>

#include "clients/host1x/host1x_regs.h"
#include "smmu/core/errno.h"

namespace socsim::drivers {

using namespace socsim::iommu;
namespace h1x = socsim::clients::host1x;

namespace {
constexpr uint32_t kSlots = 511;                 // push-buffer slots of two words
constexpr uint32_t kPbBytes = kSlots * 8;        // RESTART(0) sits right after them
constexpr uint64_t kPbAlloc = 2 * 4096;          // two pages (reference §6.2)
constexpr uint64_t kArenaBytes = 64 * 1024;      // command buffers of one channel
}  // namespace

Host1xDriver::Host1xDriver(const soc::SocInfo& soc, IommuCore& core, smmu::DramPort& dram, Host1xPort& port,
                           IovaAllocator& phys, DmaApi& dma)
    : soc_(soc), core_(core), dram_(dram), port_(port), phys_(phys), dma_(dma),
      channels_(soc.host1x.channels), syncpt_used_(soc.host1x.syncpoints, false), max_(soc.host1x.syncpoints, 0) {}

bool Host1xDriver::wants_iommu() const {
    // host1x01/02 parts have a 32-bit DMA mask; with the firewall on they
    // address memory physically (GATHER is 32 bits anyway).
    return soc_.host1x.dma_mask_bits > 32;
}

uint32_t Host1xDriver::chreg(uint32_t ch, uint32_t reg) const {
    return h1x::channel_reg(soc_.host1x.channel_stride, ch, reg);
}
uint32_t Host1xDriver::syncreg(uint32_t reg) const { return soc_.host1x.sync_offset + reg; }

int Host1xDriver::probe(int dev) {
    if (probed()) return kEBUSY;
    layout_ = h1x::find_sync_layout(soc_.host1x.generation);
    if (!layout_) {
        log_.push_back(fmt::format("host1x: no register layout for {}", soc_.host1x.generation));
        return kENODEV;
    }
    dev_ = dev;
    std::fill(syncpt_used_.begin(), syncpt_used_.end(), false);
    if (soc_.host1x.reserve_vblank_syncpts)
        for (uint32_t id : {26u, 27u})
            if (id < syncpt_used_.size()) syncpt_used_[id] = true;
    syncpt_request();   // the reserved no-op syncpoint (0)
    int rc = attach_own_domain();
    if (rc != kOk) dev_ = kNone;
    return rc;
}

int Host1xDriver::attach_own_domain() {
    if (!wants_iommu()) {
        log_.push_back(fmt::format("host1x: {}-bit DMA with the firewall: no IOMMU domain, physical addresses",
                                   soc_.host1x.dma_mask_bits));
        return kOk;
    }
    const Device& d = core_.devices().at(static_cast<size_t>(dev_));
    if (d.group == kNone) {
        log_.push_back("host1x: not behind the IOMMU");
        return kOk;
    }
    int cur = core_.groups().at(static_cast<size_t>(d.group)).domain;
    if (cur != kNone && core_.domains().at(static_cast<size_t>(cur)).type == DomainType::Dma) {
        log_.push_back("host1x: already in a DMA-API domain, uses it");
        return kOk;
    }
    int dom = core_.domain_alloc("host1x", DomainType::Paging, AllocApi::Paging, dev_);
    if (dom < 0) return dom == kENODEV ? kOk : dom;
    bool shared_attach = core_.options().policy == PolicyKind::SharedAttach;
    int rc = shared_attach ? core_.attach_device(dom, dev_) : core_.attach_group(dom, d.group);
    if (rc != kOk) {
        core_.domain_free(dom);
        if (rc == kENODEV) return kOk;
        return rc;
    }
    domain_ = dom;
    log_.push_back(fmt::format("host1x: own domain attached ({})", shared_attach ? "attach_device" : "attach_group"));
    return kOk;
}

void Host1xDriver::remove() {
    if (!probed()) return;
    for (uint32_t ch = 0; ch < channels_.size(); ++ch)
        if (channels_[ch].used) channel_free(ch);
    if (domain_ != kNone) {
        const Device& d = core_.devices().at(static_cast<size_t>(dev_));
        if (core_.options().policy == PolicyKind::SharedAttach)
            core_.detach_device(domain_, dev_);
        else
            core_.detach_group(domain_, d.group);
        core_.domain_free(domain_);
        domain_ = kNone;
    }
    dev_ = kNone;
}

std::optional<uint32_t> Host1xDriver::syncpt_request() {
    for (uint32_t id = 0; id < syncpt_used_.size(); ++id)
        if (!syncpt_used_[id]) {
            syncpt_used_[id] = true;
            return id;
        }
    return std::nullopt;
}

void Host1xDriver::syncpt_release_reserved(uint32_t id) {
    if (id < syncpt_used_.size()) syncpt_used_[id] = true;   // now the DC's
}

void Host1xDriver::syncpt_free(uint32_t id) {
    if (id < syncpt_used_.size() && id != 0) syncpt_used_[id] = false;
}

std::optional<uint32_t> Host1xDriver::channel_request() {
    for (uint32_t ch = 0; ch < channels_.size(); ++ch)
        if (!channels_[ch].used) {
            if (setup_channel(ch) != kOk) return std::nullopt;
            return ch;
        }
    return std::nullopt;
}

int Host1xDriver::setup_channel(uint32_t ch) {
    Channel& c = channels_[ch];
    auto pb = phys_.alloc(kPbAlloc);
    auto arena = phys_.alloc(kArenaBytes);
    if (!pb || !arena) {
        if (pb) phys_.free(*pb);
        if (arena) phys_.free(*arena);
        return kENOMEM;
    }
    c = Channel{};
    c.pb_pa = *pb;
    c.arena_pa = *arena;
    int rc = dma_.map(dev_, c.pb_pa, kPbAlloc, kProtRead, c.pb_map);
    if (rc == kOk) rc = dma_.map(dev_, c.arena_pa, kArenaBytes, kProtRead, c.arena_map);
    if (rc != kOk) {
        dma_.unmap(c.pb_map);
        phys_.free(c.pb_pa);
        phys_.free(c.arena_pa);
        c = Channel{};
        return rc;
    }
    dram_.write32(c.pb_pa + kPbBytes, h1x::opcode_restart(0));
    c.used = true;
    cdma_start(ch);
    return kOk;
}

void Host1xDriver::channel_free(uint32_t ch) {
    Channel& c = channels_.at(ch);
    if (!c.used) return;
    quiesce(ch);
    port_.write32(chreg(ch, h1x::HOST1X_CHANNEL_DMACTRL), h1x::HOST1X_CHANNEL_DMACTRL_DMASTOP);
    dma_.unmap(c.arena_map);
    dma_.unmap(c.pb_map);
    phys_.free(c.pb_pa);
    phys_.free(c.arena_pa);
    c = Channel{};
}

void Host1xDriver::cdma_start(uint32_t ch) {
    Channel& c = channels_[ch];
    uint32_t start = static_cast<uint32_t>(c.pb_map.addr);
    port_.write32(chreg(ch, h1x::HOST1X_CHANNEL_DMACTRL), h1x::HOST1X_CHANNEL_DMACTRL_DMASTOP);
    port_.write32(chreg(ch, h1x::HOST1X_CHANNEL_DMASTART), start);
    port_.write32(chreg(ch, h1x::HOST1X_CHANNEL_DMAPUT), c.put);
    port_.write32(chreg(ch, h1x::HOST1X_CHANNEL_DMAEND), kPbBytes + 4);
    port_.write32(chreg(ch, h1x::HOST1X_CHANNEL_DMACTRL), h1x::HOST1X_CHANNEL_DMACTRL_DMASTOP |
                                                            h1x::HOST1X_CHANNEL_DMACTRL_DMAGETRST |
                                                            h1x::HOST1X_CHANNEL_DMACTRL_DMAINITGET);
    port_.write32(chreg(ch, h1x::HOST1X_CHANNEL_DMACTRL), 0);
    c.get = c.put;
    c.started = true;
}

void Host1xDriver::push(Channel& c, uint32_t w0, uint32_t w1) {
    dram_.write32(c.pb_pa + c.put, w0);
    dram_.write32(c.pb_pa + c.put + 4, w1);
    c.put = (c.put + 8) % kPbBytes;
}

uint32_t Host1xDriver::free_slots(const Channel& c) const {
    return ((c.get + kPbBytes - c.put - 8) % kPbBytes) / 8;
}

bool Host1xDriver::expired(uint32_t id, uint32_t thresh) {
    return ((read_syncpt(id) - thresh) & 0x80000000u) == 0;
}

uint32_t Host1xDriver::read_syncpt(uint32_t id) {
    return port_.read32(h1x::sync_syncpt(*layout_, soc_.host1x.sync_offset, id));
}

void Host1xDriver::update(uint32_t ch) {
    Channel& c = channels_[ch];
    while (!c.pending.empty() && expired(c.pending.front().fence.syncpt, c.pending.front().fence.threshold)) {
        c.get = c.pending.front().pb_end;
        c.arena_tail = c.pending.front().arena_end;
        c.pending.pop_front();
        ++stats_.jobs_completed;
    }
}

int Host1xDriver::make_room(uint32_t ch, uint32_t slots, uint64_t words, uint64_t timeout_ns) {
    Channel& c = channels_[ch];
    uint64_t bytes = words * 4;
    if (bytes > kArenaBytes) return kEINVAL;
    auto arena_fits = [&] {
        uint64_t off = c.arena_head % kArenaBytes;
        uint64_t need = bytes + (off + bytes > kArenaBytes ? kArenaBytes - off : 0);
        return kArenaBytes - (c.arena_head - c.arena_tail) >= need;
    };
    bool waited = false;
    for (update(ch); free_slots(c) < slots || !arena_fits(); update(ch)) {
        if (c.pending.empty()) return kENOMEM;   // cannot happen with sane sizes
        waited = true;
        const Fence& oldest = c.pending.front().fence;
        if (!port_.wait_syncpt(oldest.syncpt, oldest.threshold, timeout_ns)) {
            recover(ch);
            return kETIMEDOUT;
        }
    }
    stats_.pushbuffer_waits += waited;
    return kOk;
}

int Host1xDriver::submit(uint32_t channel, const Host1xJob& job, Fence& fence, uint64_t timeout_ns) {
    if (channel >= channels_.size() || !channels_[channel].used) return kEINVAL;
    if (job.syncpt >= max_.size() || job.words.empty()) return kEINVAL;
    Channel& c = channels_[channel];
    int rc = make_room(channel, 2, job.words.size(), timeout_ns);
    if (rc != kOk) return rc;
    uint64_t off = c.arena_head % kArenaBytes;
    if (off + job.words.size() * 4 > kArenaBytes) {   // wrap: the tail of the arena stays unused
        c.arena_head += kArenaBytes - off;
        off = 0;
    }
    uint64_t gather = c.arena_map.addr + off;
    if (gather >> 32) return kEINVAL;                   // pre-HW6: "invalid gather for push buffer"
    for (size_t i = 0; i < job.words.size(); ++i) dram_.write32(c.arena_pa + off + 4 * i, job.words[i]);
    c.arena_head += job.words.size() * 4;
    max_[job.syncpt] += job.incrs;
    fence = Fence{job.syncpt, max_[job.syncpt]};
    push(c, h1x::opcode_setclass(job.class_id, 0, 0), h1x::HOST1X_OPCODE_NOP);
    push(c, h1x::opcode_gather(static_cast<uint32_t>(job.words.size())), static_cast<uint32_t>(gather));
    c.pending.push_back({fence, c.put, c.arena_head, timeout_ns});
    port_.write32(chreg(channel, h1x::HOST1X_CHANNEL_DMAPUT), c.put);
    ++stats_.jobs_submitted;
    return kOk;
}

int Host1xDriver::wait(uint32_t channel, const Fence& fence, uint64_t timeout_ns) {
    if (port_.wait_syncpt(fence.syncpt, fence.threshold, timeout_ns)) {
        update(channel);
        return kOk;
    }
    recover(channel);
    return kETIMEDOUT;
}

int Host1xDriver::quiesce(uint32_t ch) {
    Channel& c = channels_.at(ch);
    for (update(ch); !c.pending.empty(); update(ch)) {
        const Pending& oldest = c.pending.front();
        if (!port_.wait_syncpt(oldest.fence.syncpt, oldest.fence.threshold, oldest.timeout_ns)) {
            recover(ch);
            return kETIMEDOUT;
        }
    }
    return kOk;
}

void Host1xDriver::recover(uint32_t ch) {
    Channel& c = channels_[ch];
    uint32_t bit = 1u << (ch % 32);
    port_.write32(syncreg(layout_->cmdproc_stop), bit);
    port_.write32(syncreg(layout_->ch_teardown), bit);
    update(ch);
    for (const Pending& p : c.pending) {
        // Syncpoint recovery: the CPU performs the increments the job did not.
        uint32_t value = read_syncpt(p.fence.syncpt);
        while (((value - p.fence.threshold) & 0x80000000u) != 0) {
            port_.write32(h1x::sync_syncpt_cpu_incr(*layout_, soc_.host1x.sync_offset, p.fence.syncpt / 32), 1u << (p.fence.syncpt % 32));
            ++value;
        }
        ++stats_.jobs_timed_out;
        log_.push_back(fmt::format("host1x: channel {} job timed out; syncpoint {} recovered to {}", ch,
                                   p.fence.syncpt, p.fence.threshold));
    }
    c.pending.clear();
    c.arena_tail = c.arena_head;
    port_.write32(syncreg(layout_->cmdproc_stop), 0);
    cdma_start(ch);
}

}  // namespace socsim::drivers
