#include "trace/perfetto_trace.h"

#include <fmt/format.h>

namespace socsim::trace {

namespace {

constexpr int kDriver = 1, kMc = 2, kSmmu = 3, kDram = 4, kHost1x = 5, kDisplay = 10, kEngine = 20;
constexpr int kClientTid = 100;      // mc: 100 + client index
constexpr int kChannelTid = 10;      // host1x: 10 + channel
constexpr int kJobTid = 10000;       // host1x: 10000 + 1000 channel + slot
constexpr int kWindowTid = 10;       // display: 10 + window

const char* component_of(int pid) {
    switch (pid) {
        case kDriver: return "driver";
        case kMc: return "mc";
        case kSmmu: return "smmu";
        case kDram: return "dram";
        case kHost1x: return "host1x";
        default: return pid >= kEngine ? "engine" : "display";
    }
}

const char* dir(bool write) { return write ? "write" : "read"; }

bool expired(uint32_t value, uint32_t thresh) { return ((value - thresh) & 0x80000000u) == 0; }

double mbps(uint64_t bytes, uint64_t ps) { return ps ? double(bytes) * 1e6 / double(ps) : 0.0; }

}  // namespace

PerfettoTrace::PerfettoTrace(TraceTopology topology, TraceFilter filter)
    : topo_(std::move(topology)), filter_(std::move(filter)), mc_lanes_(topo_.clients.size()) {}

uint64_t PerfettoTrace::lane(std::vector<uint64_t>& ends, uint64_t start_ps, uint64_t end_ps) {
    size_t k = 0;
    while (k < ends.size() && ends[k] / 1000 > start_ps / 1000) ++k;   // compared as written: in ns
    if (k == ends.size()) ends.push_back(0);
    ends[k] = end_ps;
    return k;
}

bool PerfettoTrace::open(const std::string& path, std::optional<TraceWindow> window) {
    if (!writer_.open(path)) return false;
    if (window) writer_.set_window(window->from_ps, window->to_ps);
    return true;
}

bool PerfettoTrace::finish(uint64_t end_ps) {
    for (const Job& j : jobs_) end_job(j, end_ps, false);
    jobs_.clear();
    return writer_.finish();
}

// --- naming and filtering ---

bool PerfettoTrace::on(int pid) const { return filter_.component_on(component_of(pid)); }

bool PerfettoTrace::clients_on(const std::vector<size_t>& clients) const {
    for (size_t c : clients)
        if (filter_.client_on(c)) return true;
    return clients.empty();
}

int PerfettoTrace::head_pid(uint32_t head) const {
    for (const auto& h : topo_.heads)
        if (h.head == head) return kDisplay + int(head);
    return 0;
}

bool PerfettoTrace::head_on(uint32_t head) const {
    for (const auto& h : topo_.heads)
        if (h.head == head) return clients_on({h.clients.begin(), h.clients.end()});
    return false;
}

int PerfettoTrace::engine_pid(std::string_view name, bool by_device) const {
    for (size_t k = 0; k < topo_.engines.size(); ++k)
        if ((by_device ? topo_.engines[k].device : topo_.engines[k].module) == name) return kEngine + int(k);
    return 0;
}

std::string PerfettoTrace::process_label(int pid) const {
    if (pid >= kEngine) {
        const auto& e = topo_.engines.at(size_t(pid - kEngine));
        return e.test_dma ? fmt::format("test DMA {} ({})", e.device, e.module) : "engine " + e.device;
    }
    if (pid >= kDisplay) {
        for (const auto& h : topo_.heads)
            if (kDisplay + int(h.head) == pid) return fmt::format("display {} (head {})", h.device, h.head);
    }
    switch (pid) {
        case kDriver: return "driver (CPU)";
        case kMc: return "mc";
        case kSmmu: return "smmu";
        case kDram: return "dram";
        case kHost1x: return "host1x";
    }
    return "?";
}

std::string PerfettoTrace::thread_label(int pid, int tid) const {
    switch (pid) {
        case kDriver: return "cpu";
        case kMc:
            return tid >= kClientTid && size_t(tid - kClientTid) < topo_.clients.size()
                       ? topo_.clients[size_t(tid - kClientTid)]
                       : "interrupt";
        case kSmmu: return "flush";
        case kDram: return "bus";
        case kHost1x:
            if (tid >= kJobTid) {
                int ch = (tid - kJobTid) / 1000, slot = (tid - kJobTid) % 1000;
                return slot ? fmt::format("channel {} jobs #{}", ch, slot + 1) : fmt::format("channel {} jobs", ch);
            }
            return tid >= kChannelTid ? fmt::format("channel {}", tid - kChannelTid) : "syncpoints";
    }
    if (pid >= kEngine) return topo_.engines.at(size_t(pid - kEngine)).test_dma ? "transfers" : "operations";
    if (tid >= kWindowTid) {
        int w = tid - kWindowTid;
        for (const auto& h : topo_.heads)
            if (kDisplay + int(h.head) == pid)
                return fmt::format("window {} ({})", char('A' + w), topo_.clients[h.clients[size_t(w)]]);
    }
    return tid == 1 ? "frames" : "vblank";
}

int PerfettoTrace::track(int pid, int tid) {
    uint64_t pkey = (uint64_t(uint32_t(pid)) << 32) | 0xffffffffu;
    if (announced_.insert(pkey).second) writer_.process_name(pid, process_label(pid), pid);
    if (tid != 0 && announced_.insert((uint64_t(uint32_t(pid)) << 32) | uint32_t(tid)).second)
        writer_.thread_name(pid, tid, thread_label(pid, tid));
    return tid;
}

// --- memory controller, SMMU, DRAM ---

void PerfettoTrace::mc_request(size_t client, uint64_t iova, uint64_t pa, uint32_t bytes, bool write,
                               uint64_t arrive_ps, uint64_t done_ps, bool fault) {
    if (!on(kMc) || !filter_.client_on(client) || !writer_.span_in_window(arrive_ps, done_ps)) return;
    track(kMc, 0);
    EventArgs a;
    a.hex("iova", iova);
    if (pa != iova && !fault) a.hex("pa", pa);
    a.num("bytes", bytes).str("dir", dir(write));
    if (fault) a.flag("fault", true);
    uint64_t id = (uint64_t(client + 1) << 24) | lane(mc_lanes_[client], arrive_ps, done_ps);
    writer_.async(kMc, topo_.clients.at(client), "mc", id, arrive_ps, done_ps, a);
}

void PerfettoTrace::mc_fault(size_t client, uint64_t iova, bool write, const char* reason, uint64_t t_ps) {
    if (!on(kMc) || !filter_.client_on(client) || !writer_.time_in_window(t_ps)) return;
    EventArgs a;
    a.str("client", topo_.clients.at(client)).hex("iova", iova).str("dir", dir(write)).str("reason", reason);
    writer_.instant(kMc, track(kMc, kClientTid + int(client)), "fault", "fault", t_ps, a);
}

void PerfettoTrace::mc_irq(bool level, uint64_t t_ps) {
    if (!on(kMc) || !writer_.time_in_window(t_ps)) return;
    writer_.instant(kMc, track(kMc, 1), level ? "MC interrupt raised" : "MC interrupt cleared", "irq", t_ps);
}

void PerfettoTrace::smmu_walk(size_t client, uint64_t iova, uint32_t asid, uint64_t start_ps, uint64_t end_ps) {
    if (!on(kSmmu) || !filter_.client_on(client) || !writer_.span_in_window(start_ps, end_ps)) return;
    track(kSmmu, 0);
    EventArgs a;
    a.str("client", topo_.clients.at(client)).hex("iova", iova).num("asid", asid);
    writer_.async(kSmmu, "walk", "walk", lane(walk_lanes_, start_ps, end_ps), start_ps, end_ps, a);
}

void PerfettoTrace::smmu_flush(const char* reg, uint32_t value, uint64_t t_ps) {
    if (!on(kSmmu) || !writer_.time_in_window(t_ps)) return;
    EventArgs a;
    a.hex("value", value);
    writer_.instant(kSmmu, track(kSmmu, 1), reg, "flush", t_ps, a);
}

void PerfettoTrace::dram_slot(uint32_t client_id, uint64_t pa, uint32_t bytes, bool write, uint64_t start_ps,
                              uint64_t end_ps) {
    if (!on(kDram) || !writer_.span_in_window(start_ps, end_ps)) return;
    std::string_view name = client_id == kCpu ? "cpu" : "walk";
    if (client_id != kCpu && client_id != kWalk) {
        auto it = topo_.client_by_id.find(client_id);
        if (it == topo_.client_by_id.end() || !filter_.client_on(it->second)) return;
        name = topo_.clients[it->second];
    }
    EventArgs a;
    a.hex("pa", pa).num("bytes", bytes).str("dir", dir(write));
    writer_.complete(kDram, track(kDram, 1), name, "dram", start_ps, end_ps, a);
}

// --- display ---

void PerfettoTrace::dc_frame(uint32_t head, uint64_t seq, uint64_t start_ps, uint64_t end_ps) {
    int pid = head_pid(head);
    if (!pid || !on(pid) || !head_on(head) || !writer_.span_in_window(start_ps, end_ps)) return;
    EventArgs a;
    a.num("frame", seq);
    writer_.complete(pid, track(pid, 1), "frame", "display", start_ps, end_ps, a);
}

void PerfettoTrace::dc_vblank(uint32_t head, uint64_t t_ps, uint64_t blank_end_ps) {
    int pid = head_pid(head);
    if (!pid || !on(pid) || !head_on(head) || !writer_.time_in_window(t_ps)) return;
    EventArgs a;
    a.num("blank_ns", (blank_end_ps - t_ps) / 1000);
    writer_.instant(pid, track(pid, 2), "VBLANK", "display", t_ps, a);
}

void PerfettoTrace::dc_underflow(uint32_t head, int window, uint64_t frame, uint32_t line, uint64_t start_ps,
                                 uint64_t end_ps) {
    int pid = head_pid(head);
    if (!pid || !on(pid) || !writer_.time_in_window(start_ps)) return;
    for (const auto& h : topo_.heads)
        if (h.head == head && !filter_.client_on(h.clients[size_t(window)])) return;
    EventArgs a;
    a.num("frame", frame).num("line", line).num("line_ns", (end_ps - start_ps) / 1000);
    writer_.instant(pid, track(pid, kWindowTid + window), "underflow", "underflow", start_ps, a);
}

// --- host1x and engines ---

void PerfettoTrace::syncpt(uint32_t id, uint32_t value, uint64_t t_ps) {
    for (size_t i = 0; i < jobs_.size();) {
        if (jobs_[i].syncpt == id && expired(value, jobs_[i].threshold)) {
            end_job(jobs_[i], t_ps, true);
            jobs_.erase(jobs_.begin() + long(i));
        } else {
            ++i;
        }
    }
    if (!on(kHost1x) || !writer_.time_in_window(t_ps)) return;
    EventArgs a;
    a.num("id", id).num("value", value);
    writer_.instant(kHost1x, track(kHost1x, 1), "syncpt", "syncpt", t_ps, a);
}

void PerfettoTrace::channel_event(uint32_t channel, const char* what, uint64_t t_ps) {
    if (!on(kHost1x) || !writer_.time_in_window(t_ps)) return;
    writer_.instant(kHost1x, track(kHost1x, kChannelTid + int(channel)), what, "channel", t_ps);
}

void PerfettoTrace::job_submit(const std::string& engine, uint32_t channel, uint32_t syncpt, uint32_t threshold,
                               uint64_t t_ps) {
    if (slot_free_.size() <= channel) slot_free_.resize(channel + 1);
    std::vector<uint64_t>& slots = slot_free_[channel];
    uint32_t slot = 0;
    while (slot < slots.size() && slots[slot] > t_ps) ++slot;
    if (slot == slots.size()) slots.push_back(0);
    slots[slot] = UINT64_MAX;
    int e = engine_pid(engine, true);
    bool client_ok = !e || clients_on(topo_.engines[size_t(e - kEngine)].clients);
    jobs_.push_back(Job{engine, channel, syncpt, threshold, slot, t_ps, client_ok});
    if (!on(kDriver) || !client_ok || !writer_.time_in_window(t_ps)) return;
    EventArgs a;
    a.str("engine", engine).num("channel", channel).num("syncpt", syncpt).num("threshold", threshold);
    writer_.instant(kDriver, track(kDriver, 1), "job submit", "driver", t_ps, a);
}

void PerfettoTrace::end_job(const Job& j, uint64_t end_ps, bool completed) {
    slot_free_[j.channel][j.slot] = end_ps;
    if (!on(kHost1x) || !j.on || !writer_.span_in_window(j.submit_ps, end_ps)) return;
    EventArgs a;
    a.str("engine", j.engine).num("syncpt", j.syncpt).num("threshold", j.threshold);
    a.flag("threshold_reached", completed);
    int tid = track(kHost1x, kJobTid + 1000 * int(j.channel) + int(j.slot));
    writer_.complete(kHost1x, tid, j.engine + " job", "job", j.submit_ps, end_ps, a);
}

void PerfettoTrace::engine_op(const char* engine, const char* op, uint64_t start_ps, uint64_t end_ps, bool completed) {
    int pid = engine_pid(engine, false);
    if (!pid || !on(pid) || !clients_on(topo_.engines[size_t(pid - kEngine)].clients) ||
        !writer_.span_in_window(start_ps, end_ps))
        return;
    EventArgs a;
    a.flag("completed", completed);
    writer_.complete(pid, track(pid, 1), op, "engine", start_ps, end_ps, a);
}

void PerfettoTrace::dma_transfer(const char* engine, bool write, uint64_t iova, uint64_t size, uint64_t faults,
                                 uint64_t start_ps, uint64_t end_ps) {
    int pid = engine_pid(engine, false);
    if (!pid || !on(pid) || !clients_on(topo_.engines[size_t(pid - kEngine)].clients) ||
        !writer_.span_in_window(start_ps, end_ps))
        return;
    EventArgs a;
    a.hex("iova", iova).num("size", size).num("faults", faults);
    writer_.complete(pid, track(pid, 1), dir(write), "dma", start_ps, end_ps, a);
}

// --- the CPU ---

void PerfettoTrace::step(uint32_t index, const char* op, uint32_t line, const std::string& expected,
                         const std::string& actual, bool passed, uint64_t start_ps, uint64_t end_ps) {
    if (!on(kDriver) || !writer_.span_in_window(start_ps, end_ps)) return;
    EventArgs a;
    a.num("step", index).num("line", line).str("expected", expected).str("actual", actual).flag("passed", passed);
    writer_.complete(kDriver, track(kDriver, 1), op, "step", start_ps, end_ps, a);
}

void PerfettoTrace::driver_span(const char* what, uint64_t start_ps, uint64_t end_ps) {
    if (!on(kDriver) || !writer_.span_in_window(start_ps, end_ps)) return;
    writer_.complete(kDriver, track(kDriver, 1), what, "driver", start_ps, end_ps);
}

void PerfettoTrace::driver_op(const std::string& what, uint64_t t_ps) {
    if (!on(kDriver) || !writer_.time_in_window(t_ps)) return;
    writer_.instant(kDriver, track(kDriver, 1), what, "driver", t_ps);
}

// --- sampled counters ---

void PerfettoTrace::interval(const IntervalSample& s) {
    const uint64_t t = s.start_ps, len = s.end_ps - s.start_ps;
    if (len == 0 || !writer_.time_in_window(t)) return;   // no rate over no time
    if (on(kMc))
        for (const auto& c : s.clients) {
            if (!filter_.client_on(c.index)) continue;
            track(kMc, 0);
            writer_.counter(kMc, topo_.clients.at(c.index) + " bandwidth", "MBps", t, mbps(c.bytes, len));
        }
    if (on(kSmmu)) {
        track(kSmmu, 0);
        if (s.tlb_lookups)
            writer_.counter(kSmmu, "TLB hit rate", "rate", t, double(s.tlb_hits) / double(s.tlb_lookups));
        if (s.ptc_lookups)
            writer_.counter(kSmmu, "PTC hit rate", "rate", t, double(s.ptc_hits) / double(s.ptc_lookups));
        writer_.counter(kSmmu, "walks", "walks", t, double(s.walks));
    }
    if (on(kDram)) {
        track(kDram, 0);
        writer_.counter(kDram, "utilisation", "busy", t, len ? double(s.dram_busy_ps) / double(len) : 0.0);
        writer_.counter(kDram, "bandwidth", "MBps", t, mbps(s.dram_bytes, len));
    }
    for (const auto& w : s.windows) {
        int pid = head_pid(w.head);
        if (!pid || !on(pid) || !filter_.client_on(w.client) || !w.min_fifo_bytes) continue;
        track(pid, 0);
        writer_.counter(pid, fmt::format("window {} min FIFO", char('A' + w.window)), "bytes", t,
                        double(*w.min_fifo_bytes));
    }
}

}  // namespace socsim::trace
