#include "run/client_ports.h"

#include <algorithm>

#include "util/panic.h"

namespace socsim::run {

clients::Host1x& TlmHost1xPort::host1x() {
    if (!p_.host1x()) panic("host1x access on a board without a host1x model: the scenario loader lets none through");
    return *p_.host1x();
}

uint32_t TlmHost1xPort::read32(uint32_t offset) {
    host1x();
    return p_.cpu.host1x_read(offset);
}

void TlmHost1xPort::write32(uint32_t offset, uint32_t value) {
    host1x();
    p_.cpu.host1x_write(offset, value);
}

bool TlmHost1xPort::wait_syncpt(uint32_t id, uint32_t thresh, uint64_t timeout_ns) {
    p_.cpu.sync();
    return host1x().syncpt_wait(id, thresh, timeout_ns * 1000);
}

uint64_t TlmHost1xPort::now_ns() {
    p_.cpu.sync();
    return soc::now_ps() / 1000;
}

void TlmHost1xPort::sleep_until_ns(uint64_t t) {
    uint64_t now = now_ns();
    if (t > now) sc_core::wait(sc_core::sc_time(double(t - now), sc_core::SC_NS));
}

void TlmMemPort::write(uint64_t pa, const uint8_t* data, uint64_t len) {
    for (uint64_t off = 0; off < len;) {
        uint32_t n = static_cast<uint32_t>(std::min<uint64_t>(len - off, 4096 - ((pa + off) & 0xfff)));
        p_.cpu.mem_write(pa + off, data + off, n);
        off += n;
    }
}

clients::DisplayController& TlmDisplayPort::dc(uint32_t head) {
    auto it = p_.heads().find(head);
    if (it == p_.heads().end()) panic("display step on a head without a model: the scenario loader lets none through");
    return *it->second;
}

std::string TlmDisplayPort::commit(uint32_t head, const drivers::HeadSetup& s) {
    clients::DcConfig cfg;
    cfg.mode = s.mode;
    for (size_t w = 0; w < s.windows.size() && w < cfg.windows.size(); ++w) {
        const drivers::HeadWindow& in = s.windows[w];
        clients::DcWindowConfig& out = cfg.windows[w];
        out.enabled = true;
        out.base = in.base;
        out.width = in.width;
        out.height = in.height;
        out.pitch = in.pitch;
        out.bpp = in.bpp;
        out.tiled = in.tiled;
        out.x = in.x;
        out.y = in.y;
    }
    if (s.fifo_bytes) cfg.fifo_bytes = s.fifo_bytes;
    cfg.vblank_syncpt = s.vblank_syncpt;
    cfg.frames = s.frames;
    std::string bad = clients::validate_config(cfg, p_.mc.soc());
    if (!bad.empty()) return bad;
    p_.cpu.sync();
    dc(head).commit(cfg);
    frame_ps_[head] = cfg.mode.frame_ps();
    return {};
}

void TlmDisplayPort::disable(uint32_t head) {
    if (!has_head(head)) return;
    clients::DisplayController& d = dc(head);
    p_.cpu.sync();
    d.disable();
    // The head stops at the end of the line (at most one line time away);
    // the CPU polls its status as the driver polls the DC's.
    while (d.active()) sc_core::wait(sc_core::sc_time(1, sc_core::SC_US));
}

void TlmDisplayPort::wait_frames(uint32_t head, uint64_t frames) {
    clients::DisplayController& d = dc(head);
    p_.cpu.sync();
    sc_core::wait(sc_core::SC_ZERO_TIME);   // the head thread takes a commit in the next delta cycle
    uint64_t target = d.stats().frames + frames;
    uint64_t poll = std::max<uint64_t>(frame_ps_[head] / 8, 1'000'000);
    while (d.stats().frames < target && d.active()) sc_core::wait(soc::from_ps(poll));
}

}  // namespace socsim::run
