#include "run/client_report.h"

#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "run/hw_steps.h"

namespace socsim::run {

using nlohmann::ordered_json;

namespace {

ordered_json head_json(uint32_t head, const clients::DisplayController& dc, const dts::DtNode* node) {
    const clients::DcStats& st = dc.stats();
    ordered_json windows = ordered_json::array();
    ordered_json min_fifo = nullptr;   // the smallest FIFO level of any window that fetched
    for (int w = 0; w < 3; ++w) {
        const clients::DcWindowStats& ws = st.windows[size_t(w)];
        if (ws.requests == 0) continue;
        if (min_fifo.is_null() || ws.min_fifo_bytes < min_fifo.get<uint64_t>()) min_fifo = ws.min_fifo_bytes;
        windows.push_back({{"window", std::string(1, char('A' + w))},
                           {"client", std::string(dc.window_client(w).name)},
                           {"requests", ws.requests},
                           {"bytes", ws.bytes},
                           {"faults", ws.faults},
                           {"underflow_lines", ws.underflow_lines},
                           {"underflow_frames", ws.underflow_frames},
                           {"min_fifo_bytes", ws.min_fifo_bytes},
                           {"abandoned_bytes", ws.abandoned_bytes},
                           {"latency_allowance_ns", ws.la_ns},
                           {"bandwidth_MBps", st.window_bandwidth(w) / 1e6}});
    }
    return {{"head", head},
            {"device", node ? node->display_name() : ""},
            {"frames", st.frames},
            {"vblanks", st.vblanks},
            {"underflows", st.underflows()},
            {"min_fifo_bytes", min_fifo},
            {"bandwidth_MBps", head_bandwidth_Bps(dc) / 1e6},
            {"windows", windows}};
}

}  // namespace

void add_client_report(ordered_json& j, const soc::Platform& p, const ClientLayer* clients) {
    ordered_json display = ordered_json::array();
    for (const auto& [head, dc] : p.heads())
        if (dc->stats().frames || dc->stats().latched) display.push_back(head_json(head, *dc, p.head_nodes().at(head)));
    j["display"] = display;

    const clients::Host1x* h = p.host1x();
    if (!h) {
        j["host1x"] = nullptr;
        return;
    }
    const clients::Host1xStats& hs = h->stats();
    ordered_json syncpts = ordered_json::array();
    for (uint32_t id = 0; id < h->num_syncpoints(); ++id)
        if (hs.syncpt_increments[id] || h->syncpt_value(id))
            syncpts.push_back({{"id", id},
                               {"value", h->syncpt_value(id)},
                               {"increments", hs.syncpt_increments[id]},
                               {"last_increment_ns", h->syncpt_last_incr_ps(id) / 1000}});
    ordered_json channels = ordered_json::array();
    for (uint32_t c = 0; c < hs.channels.size(); ++c) {
        const clients::ChannelStats& cs = hs.channels[c];
        if (cs.words_fetched == 0 && !cs.halted) continue;
        channels.push_back({{"channel", c},
                            {"words_fetched", cs.words_fetched},
                            {"gathers", cs.gathers},
                            {"restarts", cs.restarts},
                            {"method_writes", cs.method_writes},
                            {"waits", cs.waits},
                            {"faults", cs.faults},
                            {"invalid_opcodes", cs.invalid_opcodes},
                            {"teardowns", cs.teardowns},
                            {"halted", cs.halted},
                            {"halt_reason", clients::halt_reason_name(cs.halt_reason)}});
    }
    ordered_json engines = ordered_json::array();
    for (const auto& [node, e] : p.host1x_engines()) {
        const clients::EngineStats& es = e->stats();
        engines.push_back({{"device", node->display_name()},
                           {"class", e->class_name()},
                           {"operations", es.operations},
                           {"completed", es.completed},
                           {"aborted", es.aborted},
                           {"errors", es.errors},
                           {"bytes_read", es.bytes_read},
                           {"bytes_written", es.bytes_written},
                           {"faults", es.faults},
                           {"busy_ns", es.busy_ps / 1000},
                           {"last_request_ns", es.last_request_ps / 1000},
                           {"syncpt_incrs", es.syncpt_incrs},
                           {"page_switches", es.page_switches}});
    }
    ordered_json jobs = {{"submitted", 0}, {"completed", 0}, {"timed_out", 0}};
    ordered_json streams = ordered_json::object();
    if (clients) {
        const drivers::Host1xStats& ds = clients->host1x().stats();
        jobs = {{"submitted", ds.jobs_submitted}, {"completed", ds.jobs_completed}, {"timed_out", ds.jobs_timed_out},
                {"pushbuffer_waits", ds.pushbuffer_waits}};
        for (const auto& [name, st] : clients->streams())
            streams[name] = {{"submitted", st.submitted}, {"completed", st.completed}, {"timed_out", st.timed_out},
                             {"last_done_ns", st.last_done_ns}};
    }
    j["host1x"] = {{"generation", std::string(p.mc.soc().host1x.generation)},
                   {"channels", h->num_channels()},
                   {"syncpoints", h->num_syncpoints()},
                   {"jobs", jobs},
                   {"streams", streams},
                   {"syncpoint_values", syncpts},
                   {"channel_stats", channels},
                   {"engines", engines}};
}

void print_client_summary(std::ostream& out, const soc::Platform& p, const ClientLayer* clients) {
    for (const auto& [head, dc] : p.heads()) {
        const clients::DcStats& st = dc->stats();
        if (!st.frames && !st.latched) continue;
        fmt::print(out, "display head {}: {} frames, {:.1f} MB/s, {} underflowed lines", head, st.frames,
                   head_bandwidth_Bps(*dc) / 1e6, st.underflows());
        for (int w = 0; w < 3; ++w)
            if (st.windows[size_t(w)].requests)
                fmt::print(out, "; window {} min FIFO {} B", char('A' + w), st.windows[size_t(w)].min_fifo_bytes);
        fmt::print(out, "\n");
    }
    if (clients && clients->host1x().stats().jobs_submitted) {
        const drivers::Host1xStats& ds = clients->host1x().stats();
        fmt::print(out, "host1x jobs: {} submitted, {} completed, {} timed out\n", ds.jobs_submitted,
                   ds.jobs_completed, ds.jobs_timed_out);
    }
    for (const auto& [node, e] : p.host1x_engines()) {
        const clients::EngineStats& es = e->stats();
        if (!es.operations) continue;
        fmt::print(out, "  {:<6} {} ops, {:.3f} MB read, {:.3f} MB written, {} faults, busy {} ns\n",
                   node->display_name(), es.operations, double(es.bytes_read) / 1e6, double(es.bytes_written) / 1e6,
                   es.faults, es.busy_ps / 1000);
    }
    if (const clients::Host1x* h = p.host1x()) {
        std::vector<std::string> used;
        for (uint32_t id = 0; id < h->num_syncpoints(); ++id)
            if (h->stats().syncpt_increments[id]) used.push_back(fmt::format("{} = {}", id, h->syncpt_value(id)));
        if (!used.empty()) fmt::print(out, "host1x syncpoints (id = value): {}\n", fmt::join(used, ", "));
    }
}

}  // namespace socsim::run
