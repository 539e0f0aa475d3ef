#include "clients/host1x/host1x.h"

#include "clients/client_nodes.h"
#include "soc/dram.h"
#include "util/panic.h"

namespace socsim::clients {

using namespace host1x;

namespace {

const soc::MemoryClient& find_cdma_client(const soc::SocInfo& soc) {
    const soc::MemoryClient* c = port_client(soc, model_ports(NodeKind::Host1x).front());
    if (!c) panic(*model_unsupported(soc, NodeKind::Host1x));
    return *c;
}

const SyncLayout& find_layout(const soc::SocInfo& soc) {
    const SyncLayout* l = find_sync_layout(soc.host1x.generation);
    if (!l) panic("no host1x sync register layout for " + std::string(soc.host1x.generation));
    return *l;
}

}  // namespace

Host1x::Host1x(sc_core::sc_module_name name, const soc::SocInfo& soc, soc::PayloadPool& pool, soc::TimingMode mode)
    : sc_module(name),
      reg_socket("reg_socket"),
      dma_socket("dma_socket"),
      soc_(soc),
      cdma_client_(find_cdma_client(soc)),
      layout_(find_layout(soc)),
      sp_(soc.host1x.syncpoints, soc.host1x.bases) {
    reg_socket.register_b_transport(this, &Host1x::reg_b_transport);
    // Sized once: channels keep references to their entries.
    stats_.channels.resize(soc.host1x.channels);
    ChannelEnv env{sp_, classes_, dma_socket, cdma_client_.id, pool, mode};
    for (uint32_t c = 0; c < soc.host1x.channels; ++c) {
        std::string n = "ch" + std::to_string(c);
        channels_.push_back(std::make_unique<Channel>(n.c_str(), c, env, stats_.channels[c]));
    }
    build_registers();
}

void Host1x::attach_class(Host1xClass& c) { attach_class(c, c.class_id()); }

void Host1x::attach_class(Host1xClass& c, uint32_t class_id) {
    if (class_id == HOST1X_CLASS_HOST1X || class_id > 0x3ff)
        panic("host1x: cannot attach " + std::string(c.class_name()) + " as class " + std::to_string(class_id));
    auto [it, fresh] = classes_.emplace(class_id, &c);
    if (!fresh && it->second != &c)
        panic("host1x: class " + std::to_string(class_id) + " attached twice (" + it->second->class_name() + ", " +
              c.class_name() + ")");
    c.set_syncpoints(this);
}

void Host1x::syncpt_incr(uint32_t id) { sp_.incr(id); }

void Host1x::set_trace(trace::TraceSink* sink) {
    sp_.set_trace(sink);
    for (auto& c : channels_) c->set_trace(sink);
}

const Host1xStats& Host1x::stats() const {
    stats_.syncpt_increments = sp_.increments();
    stats_.invalid_syncpt_increments = sp_.invalid_increments();
    return stats_;
}

// --- registers ---

void Host1x::add(uint32_t offset, std::string name, std::function<uint32_t()> read,
                 std::function<void(uint32_t, uint64_t)> write) {
    auto [it, fresh] = regs_.emplace(offset, Host1xRegister{std::move(name), std::move(read), std::move(write)});
    if (!fresh)
        panic("host1x: register " + it->second.name + " and another at the same offset " + std::to_string(offset));
}

void Host1x::build_registers() {
    const uint32_t stride = soc_.host1x.channel_stride, sync = soc_.host1x.sync_offset;
    for (uint32_t c = 0; c < num_channels(); ++c) {
        Channel* ch = channels_[c].get();
        std::string p = "CH" + std::to_string(c) + "_";
        add(channel_reg(stride, c, HOST1X_CHANNEL_DMASTART), p + "DMASTART", [ch] { return ch->dmastart(); },
            [ch](uint32_t v, uint64_t d) { ch->write_dmastart(v, d); });
        add(channel_reg(stride, c, HOST1X_CHANNEL_DMAPUT), p + "DMAPUT", [ch] { return ch->dmaput(); },
            [ch](uint32_t v, uint64_t d) { ch->write_dmaput(v, d); });
        add(channel_reg(stride, c, HOST1X_CHANNEL_DMAGET), p + "DMAGET", [ch] { return ch->dmaget(); }, nullptr);
        add(channel_reg(stride, c, HOST1X_CHANNEL_DMAEND), p + "DMAEND", [ch] { return ch->dmaend(); },
            [ch](uint32_t v, uint64_t d) { ch->write_dmaend(v, d); });
        add(channel_reg(stride, c, HOST1X_CHANNEL_DMACTRL), p + "DMACTRL", [ch] { return ch->dmactrl(); },
            [ch](uint32_t v, uint64_t d) { ch->write_dmactrl(v, d); });
    }
    add(sync + layout_.cmdproc_stop, "CMDPROC_STOP", [this] { return cmdproc_stop_; },
        [this](uint32_t v, uint64_t d) {
            for (uint32_t c = 0; c < num_channels(); ++c) {
                bool stop = (v >> c) & 1;
                if (stop != bool((cmdproc_stop_ >> c) & 1)) channels_[c]->set_cmdproc_stop(stop, d);
            }
            cmdproc_stop_ = num_channels() >= 32 ? v : v & ((1u << num_channels()) - 1);
        });
    add(sync + layout_.ch_teardown, "CH_TEARDOWN", [] { return 0u; },
        [this](uint32_t v, uint64_t d) {
            for (uint32_t c = 0; c < num_channels() && c < 32; ++c)
                if ((v >> c) & 1) channels_[c]->teardown(d);
        });
    for (uint32_t i = 0; i < num_syncpoints(); ++i)
        add(sync_syncpt(layout_, sync, i), "SYNCPT_" + std::to_string(i), [this, i] { return sp_.value(i); },
            [this, i](uint32_t v, uint64_t d) { sp_.load(i, v, d); });
    for (uint32_t r = 0; r < (num_syncpoints() + 31) / 32; ++r)
        add(sync_syncpt_cpu_incr(layout_, sync, r), "SYNCPT_CPU_INCR_" + std::to_string(r), [] { return 0u; },
            [this, r](uint32_t v, uint64_t d) {
                for (uint32_t b = 0; b < 32; ++b)
                    if ((v >> b) & 1) sp_.incr(32 * r + b, d);   // bits past the last syncpoint: counted, dropped
            });
}

uint32_t Host1x::reg_value(uint32_t offset) const {
    auto it = regs_.find(offset);
    return it == regs_.end() ? 0 : it->second.read();
}

void Host1x::reg_b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
    uint64_t addr = trans.get_address();
    if (trans.get_data_length() != 4 || (addr & 3) != 0 || addr > UINT32_MAX ||
        trans.get_streaming_width() < 4) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    if (trans.get_byte_enable_ptr()) {
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    uint32_t* data = reinterpret_cast<uint32_t*>(trans.get_data_ptr());
    auto it = regs_.find(uint32_t(addr));
    if (it == regs_.end()) {
        ++stats_.unknown_reg_accesses;
        if (trans.is_read()) *data = 0;
    } else if (trans.is_read()) {
        *data = it->second.read();
    } else if (trans.is_write() && it->second.write) {
        it->second.write(*data, soc::to_ps(delay));
    }
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace socsim::clients
