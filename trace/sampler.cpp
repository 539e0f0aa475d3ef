#include "trace/sampler.h"

#include <algorithm>

namespace socsim::trace {

using nlohmann::ordered_json;

Sampler::Sampler(soc::Platform& p, uint64_t interval_ns)
    : p_(p), interval_ns_(interval_ns), last_bytes_(p.mc.client_stats().size(), 0) {}

void Sampler::sample(uint64_t t_ps, TraceSink* sink) {
    // A run that ends where the last interval ended (its last events at
    // that instant) adds what they did to that interval.
    const bool extend = !t_ns_.empty() && t_ps <= last_ps_;
    const size_t k = t_ns_.size() - (extend ? 1 : 0);   // this interval's index
    auto put = [&](auto& series, auto value) {
        if (series.size() > k) series[k] += value;
        else series.push_back(value);
    };
    IntervalSample s;   // a zero-length one when extending
    s.start_ps = last_ps_;
    s.end_ps = extend ? last_ps_ : t_ps;
    if (!extend) {
        t_ns_.push_back(t_ps / 1000);
        last_ps_ = t_ps;
    }

    const auto& stats = p_.mc.client_stats();
    for (size_t i = 0; i < stats.size(); ++i) {
        if (stats[i].requests == 0) continue;
        auto it = client_bytes_.find(i);
        if (it == client_bytes_.end()) it = client_bytes_.emplace(i, std::vector<uint64_t>(k, 0)).first;
        uint64_t bytes = stats[i].bytes - last_bytes_[i];
        last_bytes_[i] = stats[i].bytes;
        put(it->second, bytes);
        if (sink) s.clients.push_back({i, bytes, stats[i].bytes});
    }

    const smmu::SmmuStats& sm = p_.mc.smmu().stats();
    s.tlb_lookups = sm.tlb_lookups - last_smmu_.tlb_lookups;
    s.tlb_hits = sm.tlb_hits - last_smmu_.tlb_hits;
    s.ptc_lookups = sm.ptc_lookups - last_smmu_.ptc_lookups;
    s.ptc_hits = sm.ptc_hits - last_smmu_.ptc_hits;
    s.walks = sm.walks - last_smmu_.walks;
    put(tlb_lookups_, s.tlb_lookups);
    put(tlb_hits_, s.tlb_hits);
    put(ptc_lookups_, s.ptc_lookups);
    put(ptc_hits_, s.ptc_hits);
    put(walks_, s.walks);
    last_smmu_.tlb_lookups = sm.tlb_lookups;
    last_smmu_.tlb_hits = sm.tlb_hits;
    last_smmu_.ptc_lookups = sm.ptc_lookups;
    last_smmu_.ptc_hits = sm.ptc_hits;
    last_smmu_.walks = sm.walks;
    s.tlb_hits_total = sm.tlb_hits;
    s.tlb_misses_total = sm.tlb_misses;
    s.ptc_hits_total = sm.ptc_hits;
    s.ptc_misses_total = sm.ptc_misses;
    s.walks_total = sm.walks;

    const soc::DramStats& ds = p_.dram.timing().stats();
    s.dram_busy_ps = ds.busy_ps - last_dram_busy_ps_;
    s.dram_bytes = ds.bytes - last_dram_bytes_;
    last_dram_busy_ps_ = ds.busy_ps;
    last_dram_bytes_ = ds.bytes;

    const auto& soc_clients = p_.mc.soc().clients;
    for (const auto& [head, dc] : p_.heads()) {
        const clients::DcStats& st = dc->stats();
        for (int w = 0; w < 3; ++w) {
            std::optional<uint64_t> level = dc->take_interval_min_fifo_bytes(w);   // read and reset
            if (st.windows[size_t(w)].requests == 0) continue;
            auto it = min_fifo_.find({head, w});
            if (it == min_fifo_.end())
                it = min_fifo_.emplace(WindowKey{head, w}, std::vector<std::optional<uint64_t>>(k)).first;
            if (it->second.size() <= k) it->second.push_back(level);
            else if (level && (!it->second[k] || *level < *it->second[k])) it->second[k] = level;
            size_t client = size_t(&dc->window_client(w) - soc_clients.data());
            if (sink) s.windows.push_back({head, w, client, level});
        }
    }
    if (sink) sink->interval(s);
}

uint64_t Sampler::trace_horizon_ps() const {
    uint64_t t = soc::now_ps();
    for (const auto& [head, dc] : p_.heads()) t = std::min(t, dc->trace_horizon_ps());
    return t;
}

ordered_json Sampler::json() const {
    auto length_ns = [&](size_t i) { return t_ns_[i] - (i ? t_ns_[i - 1] : 0); };
    ordered_json clients = ordered_json::array();
    const auto& soc_clients = p_.mc.soc().clients;
    for (const auto& [index, bytes] : client_bytes_) {
        ordered_json mbps = ordered_json::array();
        for (size_t i = 0; i < bytes.size(); ++i) {
            uint64_t len = length_ns(i);
            mbps.push_back(len ? double(bytes[i]) * 1000.0 / double(len) : 0.0);
        }
        clients.push_back({{"name", std::string(soc_clients[index].name)},
                           {"swgroup", std::string(soc_clients[index].swgroup)},
                           {"MBps", mbps}});
    }
    auto rate = [](const std::vector<uint64_t>& hits, const std::vector<uint64_t>& lookups) {
        ordered_json r = ordered_json::array();
        for (size_t i = 0; i < lookups.size(); ++i)
            r.push_back(lookups[i] ? ordered_json(double(hits[i]) / double(lookups[i])) : ordered_json(nullptr));
        return r;
    };
    ordered_json display = ordered_json::array();
    for (auto it = min_fifo_.begin(); it != min_fifo_.end();) {
        uint32_t head = it->first.first;
        const dts::DtNode* node = p_.head_nodes().at(head);
        ordered_json windows = ordered_json::array();
        for (; it != min_fifo_.end() && it->first.first == head; ++it) {
            ordered_json levels = ordered_json::array();
            for (const auto& v : it->second) levels.push_back(v ? ordered_json(*v) : ordered_json(nullptr));
            windows.push_back({{"window", std::string(1, char('A' + it->first.second))}, {"min_fifo_bytes", levels}});
        }
        display.push_back({{"head", head}, {"device", node->display_name()}, {"windows", windows}});
    }
    ordered_json j;
    j["interval_ns"] = interval_ns_;
    j["t_ns"] = t_ns_;
    j["clients"] = clients;
    j["smmu"] = {{"tlb_hit_rate", rate(tlb_hits_, tlb_lookups_)},
                 {"ptc_hit_rate", rate(ptc_hits_, ptc_lookups_)},
                 {"walks", walks_}};
    j["display"] = display;
    return j;
}

}  // namespace socsim::trace
