#include "trace/run_trace.h"

#include <filesystem>

#include <fmt/format.h>

namespace socsim::trace {

TraceTopology topology_of(const soc::Platform& p) {
    const auto& clients = p.mc.soc().clients;
    auto index = [&](const soc::MemoryClient& c) { return size_t(&c - clients.data()); };
    TraceTopology t;
    for (const auto& c : clients) {
        t.client_by_id[c.id] = t.clients.size();
        t.clients.emplace_back(c.name);
    }
    for (const auto& [head, dc] : p.heads()) {
        TraceTopology::Head h;
        h.head = head;
        h.device = p.head_nodes().at(head)->display_name();
        for (int w = 0; w < 3; ++w) h.clients[size_t(w)] = index(dc->window_client(w));
        t.heads.push_back(h);
    }
    for (const auto& [node, e] : p.host1x_engines()) {
        TraceTopology::Engine te{e->basename(), node->display_name(), {}, false};
        for (const auto& port : e->ports()) te.clients.push_back(index(*port.client));
        t.engines.push_back(te);
    }
    for (const auto& [node, e] : p.engines()) {
        TraceTopology::Engine te{e->basename(), node->display_name(), {}, true};
        te.clients = {index(*e->config().read_client), index(*e->config().write_client)};
        t.engines.push_back(te);
    }
    return t;
}

bool RunTrace::open(const TraceRequest& req, const soc::Platform& p, std::string& error) {
    req_ = req;
    if (!req.json_path.empty()) {
        json_ = std::make_unique<PerfettoTrace>(topology_of(p), req.filter);
        if (!json_->open(req.json_path, req.window)) {
            error = fmt::format("cannot write trace '{}'", req.json_path);
            return false;
        }
        hub_.add(json_.get());
    }
    if (!req.vcd_path.empty()) {
        vcd_ = std::make_unique<VcdTrace>(topology_of(p));
        if (!vcd_->open(req.vcd_path, "socsim")) {
            error = fmt::format("cannot write VCD '{}'", req.vcd_path);
            if (json_) {   // nothing is written when the run is refused
                json_.reset();
                std::error_code ec;
                std::filesystem::remove(req.json_path, ec);
            }
            return false;
        }
        hub_.add(vcd_.get());
    }
    return true;
}

TraceSink* RunTrace::sink() {
    if (json_ && vcd_) return &hub_;
    if (json_) return json_.get();
    return vcd_.get();
}

void RunTrace::flush_before(uint64_t t_ps) {
    if (vcd_) vcd_->flush_before(t_ps);
}

bool RunTrace::finish(uint64_t end_ps, std::string& error, std::string& warning) {
    bool ok = true;
    if (json_ && !json_->finish(end_ps)) {
        error = fmt::format("writing trace '{}' failed", req_.json_path);
        ok = false;
    }
    if (vcd_) {
        if (!vcd_->finish()) {
            error = fmt::format("writing VCD '{}' failed", req_.vcd_path);
            ok = false;
        } else if (vcd_->late_changes()) {
            warning = fmt::format("VCD '{}': {} value changes arrived after their time was written and were "
                                  "placed later", req_.vcd_path, vcd_->late_changes());
        }
    }
    json_.reset();
    vcd_.reset();
    return ok;
}

}  // namespace socsim::trace
