#include "run/client_layer.h"

#include <algorithm>

#include <fmt/format.h>

#include "clients/client_nodes.h"
#include "clients/display/dc_mode.h"
#include "clients/drivers/engine_jobs.h"
#include "run/driver_layer.h"
#include "smmu/core/errno.h"

namespace socsim::run {

using namespace socsim::iommu;
using drivers::ClientKind;

namespace {

std::optional<ClientKind> client_kind(const dts::DtNode& node) {
    switch (clients::node_kind(node).value_or(clients::NodeKind::Host1x)) {
        case clients::NodeKind::Dc: return ClientKind::Dc;
        case clients::NodeKind::Gr2d: return ClientKind::Gr2d;
        case clients::NodeKind::Gr3d: return ClientKind::Gr3d;
        case clients::NodeKind::Vic: return ClientKind::Vic;
        case clients::NodeKind::Host1x: return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

ClientLayer::ClientLayer(const Scenario& s, IommuCore& core, ClientPorts ports, uint64_t phys_base, uint64_t phys_end)
    : s_(s), core_(core), ports_(ports), phys_(phys_base, phys_end) {
    dma_ = std::make_unique<drivers::DmaApi>(core, s.board.soc->host1x.dma_mask_bits);
    host1x_ = std::make_unique<drivers::Host1xDriver>(*s.board.soc, core, *ports.dram, *ports.host1x, phys_, *dma_);
    drm_ = std::make_unique<drivers::TegraDrm>(*s.board.soc, core, *host1x_, phys_, *dma_);
}

ClientLayer::~ClientLayer() = default;

int ClientLayer::bind(const dts::DtNode* node, int dev, const std::string& driver, std::vector<std::string>& details) {
    size_t logged = host1x_->log().size();
    int rc = kOk;
    if (driver == "host1x") {
        rc = host1x_->probe(dev);
    } else if (auto kind = client_kind(*node)) {
        rc = drm_->register_client(dev, *kind, node->display_name(), clients::dc_head(s_.board, *node));
        if (rc == kOk && drm_->probed())
            if (const auto* c = drm_->client(dev)) details.push_back(node->display_name() + ": " + c->attach_path);
    }
    for (size_t i = logged; i < host1x_->log().size(); ++i) details.push_back(host1x_->log()[i]);
    return rc;
}

void ClientLayer::release_pins(int dev) {
    for (const auto& m : pins_[dev]) drm_->unpin(m);
    pins_.erase(dev);
}

void ClientLayer::quiesce(drivers::DrmClient& c, std::vector<std::string>& details) {
    if (c.kind == ClientKind::Dc && ports_.display) ports_.display->disable(c.head);
    size_t in_flight = outstanding_[c.dev].size();
    if (in_flight && c.channel) {
        int rc = wait_jobs(c, std::nullopt, details);
        details.push_back(fmt::format("{}: {} job(s) in flight at its exit: {}", c.name, in_flight,
                                      rc == kOk ? "waited for them" : "timed out, channel torn down"));
    }
    outstanding_.erase(c.dev);
    release_pins(c.dev);
}

void ClientLayer::remove_drm(std::vector<std::string>& details) {
    for (const auto& c : drm_->clients()) quiesce(*drm_->client(c.dev), details);
    drm_->remove();
}

void ClientLayer::unbind(int dev, std::vector<std::string>& details) {
    if (host1x_->probed() && dev == host1x_->device()) {
        remove_drm(details);
        host1x_->remove();
        details.push_back("host1x removed: the DRM device and its clients went down with it");
        return;
    }
    drivers::DrmClient* c = drm_->client(dev);
    if (!c) return;
    quiesce(*c, details);
    bool was_shared = c->shared;
    drm_->unregister_client(dev);
    details.push_back(fmt::format("{} left the DRM device{}", core_.devices().at(size_t(dev)).name,
                                  was_shared ? " (detached from the shared domain)" : ""));
}

std::optional<uint64_t> ClientLayer::buffer_pa(const std::string& buffer, uint64_t offset) const {
    const drivers::GemBuffer* bo = drm_->buffer(buffer);
    if (!bo || offset >= bo->size) return std::nullopt;
    return bo->pa(offset);
}

int ClientLayer::fill_buffer(const drivers::GemBuffer& bo, const ClientStep& c) {
    if (!c.fill && !c.pixel) return kOk;
    std::vector<uint8_t> page(4096);
    for (size_t i = 0; i < page.size(); ++i)
        page[i] = c.fill ? *c.fill : static_cast<uint8_t>(*c.pixel >> (8 * (i % 4)));
    drivers::for_each_run(bo.pages, [&](size_t, uint64_t pa, uint64_t len) {
        for (uint64_t off = 0; off < len; off += page.size()) ports_.mem->write(pa + off, page.data(), page.size());
        return 0;
    });
    return kOk;
}

void ClientLayer::execute(const Step& step, int dev, StepOutcome& out) {
    const ClientStep& cs = step.client;
    int rc = kOk;
    drivers::DrmClient* client = dev == kNone ? nullptr : drm_->client(dev);
    auto need_client = [&]() {
        if (client && client->initialized) return true;
        out.warnings.push_back(fmt::format("{} has no initialised DRM client (bind its driver and run drm_probe)",
                                           step.device->display_name()));
        rc = kENODEV;
        return false;
    };
    switch (step.op) {
        case Op::DrmProbe: rc = drm_->probe(out.details); break;
        case Op::DrmRemove: remove_drm(out.details); break;
        case Op::BufferAlloc:
            rc = drm_->buffer_alloc(cs.buffer, step.size, cs.contiguous, cs.carveout);
            if (rc == kOk) {
                const drivers::GemBuffer* bo = drm_->buffer(cs.buffer);
                fill_buffer(*bo, cs);
                out.details.push_back(bo->iova ? fmt::format("{} at iova {:#x} ({} pages{})", cs.buffer, *bo->iova,
                                                             bo->pages.size(), bo->contiguous ? ", contiguous" : "")
                                               : fmt::format("{} at dma address {:#x} (contiguous)", cs.buffer,
                                                             bo->dma.addr));
            }
            break;
        case Op::BufferFree: rc = drm_->buffer_free(cs.buffer); break;
        case Op::Display:
            if (!need_client()) break;
            if (!ports_.display->has_head(client->head)) {
                out.warnings.push_back(fmt::format("{} drives head {}, which has no display model (heads 0 and 1)",
                                                   step.device->display_name(), client->head));
                rc = kENODEV;
                break;
            }
            rc = display(step, *client, out);
            break;
        case Op::DisplayOff:
            if (need_client()) rc = display_off(*client);
            break;
        case Op::Submit:
            if (need_client()) rc = submit(step, *client, out);
            break;
        case Op::WaitJobs:
            if (need_client()) rc = wait_jobs(*client, cs.timeout_ns, out.details);
            break;
        default: break;
    }
    out.actual = errno_name(rc);
}

void ClientLayer::set_trace(trace::TraceSink* sink, std::function<uint64_t()> cpu_ps) {
    trace_ = sink;
    cpu_ps_ = std::move(cpu_ps);
}

int ClientLayer::display(const Step& step, drivers::DrmClient& c, StepOutcome& out) {
    const ClientStep& cs = step.client;
    const soc::SocInfo& soc = *s_.board.soc;
    clients::DcMode mode = clients::make_mode(cs.mode.width, cs.mode.height, cs.mode.refresh, cs.mode.htotal,
                                              cs.mode.vtotal, cs.mode.pixel_clock_hz);
    std::string bad = clients::validate_mode(mode, soc.dc);
    if (!bad.empty()) {
        out.warnings.push_back("mode rejected: " + bad);
        return kEINVAL;
    }
    release_pins(c.dev);
    drivers::HeadSetup setup;
    setup.mode = mode;
    setup.fifo_bytes = cs.fifo;
    setup.vblank_syncpt = c.syncpt;
    setup.frames = cs.frames;
    for (const WindowSpec& w : cs.windows) {
        const drivers::GemBuffer* bo = drm_->buffer(w.buffer);
        if (!bo) {
            out.warnings.push_back("buffer " + w.buffer + " is not allocated");
            return kENOENT;
        }
        drivers::HeadWindow hw;
        hw.width = w.width.value_or(mode.hactive);
        hw.height = w.height.value_or(mode.vactive);
        hw.bpp = w.bpp;
        uint32_t align = std::max<uint32_t>(soc.dc.pitch_align, 1);
        hw.pitch = w.pitch.value_or((hw.width * hw.bpp + align - 1) / align * align);
        hw.tiled = w.tiled;
        hw.x = w.x;
        hw.y = w.y;
        uint64_t extent = w.offset + uint64_t(hw.height - 1) * hw.pitch + uint64_t(hw.width) * hw.bpp;
        if (hw.pitch < hw.width * hw.bpp || extent > bo->size || hw.x + hw.width > mode.hactive ||
            hw.y + hw.height > mode.vactive) {
            out.warnings.push_back(fmt::format("window on {} does not fit: {}x{} at ({},{}) pitch {} needs {} bytes of "
                                               "{} ({} bytes)", w.buffer, hw.width, hw.height, hw.x, hw.y, hw.pitch,
                                               extent, w.buffer, bo->size));
            return kEINVAL;
        }
        uint64_t addr = 0;
        drivers::DmaMapping map;
        int rc = drm_->pin(c, *bo, addr, map);
        if (rc != kOk) {
            out.warnings.push_back(c.shared ? "pinning " + w.buffer + " failed"
                                            : "the display controller needs contiguous memory: " + w.buffer +
                                                  " is not contiguous in the DC's view (DC outside the shared domain)");
            release_pins(c.dev);
            return rc;
        }
        pins_[c.dev].push_back(map);
        hw.base = addr + w.offset;
        setup.windows.push_back(hw);
        out.details.push_back(fmt::format("window {}: {} at {:#x}, {}x{} pitch {}{}", char('A' + setup.windows.size() - 1),
                                          w.buffer, hw.base, hw.width, hw.height, hw.pitch, hw.tiled ? " tiled" : ""));
    }
    out.details.push_back(fmt::format("mode {}x{} total {}x{} pixel clock {} Hz ({:.3f} Hz refresh)", mode.hactive,
                                      mode.vactive, mode.htotal, mode.vtotal, mode.pixel_clock_hz, mode.refresh_hz()));
    std::string refused = ports_.display->commit(c.head, setup);
    if (!refused.empty()) {
        out.warnings.push_back("the head cannot scan this out: " + refused);
        release_pins(c.dev);
        return kEINVAL;
    }
    if (trace::on(trace_))
        trace_->driver_op(fmt::format("commit {} {}x{} ({} windows)", c.name, mode.hactive, mode.vactive,
                                      setup.windows.size()), cpu_ps_());
    if (cs.wait) ports_.display->wait_frames(c.head, cs.frames);
    return kOk;
}

int ClientLayer::display_off(drivers::DrmClient& c) {
    ports_.display->disable(c.head);
    if (trace::on(trace_)) trace_->driver_op("display_off " + c.name, cpu_ps_());
    release_pins(c.dev);
    return kOk;
}

int ClientLayer::submit(const Step& step, drivers::DrmClient& c, StepOutcome& out) {
    const ClientStep& cs = step.client;
    drivers::EngineOp op;
    op.kind = cs.job;
    op.width = cs.width;
    op.height = cs.height;
    op.bpp = cs.bpp;
    op.color = cs.color;
    auto surface = [&](const std::string& name, drivers::Surface& s) -> int {
        const drivers::GemBuffer* bo = drm_->buffer(name);
        if (!bo) {
            out.warnings.push_back("buffer " + name + " is not allocated");
            return kENOENT;
        }
        s.pitch = cs.width * cs.bpp;
        uint64_t extent = uint64_t(s.pitch) * cs.height;
        if (extent > bo->size) {
            out.warnings.push_back(fmt::format("{}x{} at {} bytes per pixel needs {} bytes; {} has {}", cs.width,
                                               cs.height, cs.bpp, extent, name, bo->size));
            return kEINVAL;
        }
        drivers::DmaMapping map;
        uint64_t addr = 0;
        int rc = drm_->pin(c, *bo, addr, map);
        if (rc != kOk) {
            out.warnings.push_back("pinning " + name + " for " + c.name + " failed: not contiguous in its view");
            return rc;
        }
        if (addr >> 32) {
            out.warnings.push_back(fmt::format("{} is at {:#x}, beyond the engine's 32-bit addresses", name, addr));
            return kEINVAL;
        }
        pins_[c.dev].push_back(map);
        s.addr = addr;
        return kOk;
    };
    int rc = surface(cs.dst, op.dst);
    for (const auto& name : cs.sources) {
        if (rc != kOk) break;
        op.src.emplace_back();
        rc = surface(name, op.src.back());
    }
    if (rc != kOk) return rc;
    JobStreamStats& st = streams_[c.name];
    drivers::Host1xJob job;
    job.class_id = drivers::engine_class(c.kind);
    job.syncpt = *c.syncpt;
    job.words = drivers::engine_job_words(c.kind, op, *c.syncpt);
    uint64_t t0 = ports_.host1x->now_ns();
    for (uint64_t k = 0; cs.until_end || k < cs.count; ++k) {   // until-end: the run's end stops it
        if (cs.period_ns) ports_.host1x->sleep_until_ns(t0 + k * cs.period_ns);
        drivers::Fence fence;
        rc = host1x_->submit(*c.channel, job, fence, cs.timeout_ns);
        if (rc != kOk) break;
        if (trace::on(trace_)) trace_->job_submit(c.name, *c.channel, fence.syncpt, fence.threshold, cpu_ps_());
        ++st.submitted;
        outstanding_[c.dev].push_back({fence, cs.timeout_ns});
    }
    out.details.push_back(fmt::format("{} {} job(s) on channel {}, syncpoint {} (max {})", st.submitted, cs.job,
                                      *c.channel, *c.syncpt, host1x_->syncpt_max(*c.syncpt)));
    if (rc == kOk && cs.wait) rc = wait_jobs(c, cs.timeout_ns, out.details);
    return rc;
}

int ClientLayer::wait_jobs(drivers::DrmClient& c, std::optional<uint64_t> timeout_ns,
                           std::vector<std::string>& details) {
    JobStreamStats& st = streams_[c.name];
    int result = kOk;
    auto& jobs = outstanding_[c.dev];
    for (const PendingJob& job : jobs) {
        // After a timeout the channel was recovered: the jobs behind it were cancelled.
        int rc = result == kOk ? host1x_->wait(*c.channel, job.fence, timeout_ns.value_or(job.timeout_ns)) : kETIMEDOUT;
        if (rc == kOk) {
            ++st.completed;
        } else {
            ++st.timed_out;
            result = rc;
        }
    }
    jobs.clear();
    st.last_done_ns = ports_.host1x->now_ns();
    release_pins(c.dev);
    details.push_back(fmt::format("{}: syncpoint {} = {} at {} ns ({} done, {} timed out)", c.name, *c.syncpt,
                                  host1x_->read_syncpt(*c.syncpt), st.last_done_ns, st.completed, st.timed_out));
    return result;
}

}  // namespace socsim::run
