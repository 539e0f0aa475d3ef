// A `series` object in the report schema's shape (README, "Report"), made
// from a real report's own totals, for tests of the HTML report while
// `socsim run` does not write time series yet. It is a stand-in, not a
// measurement: each memory client moves its measured average bandwidth
// (bandwidth_MBps) from time 0 for as long as its bytes take, then 0; the
// TLB hit rate is the run's overall one while any client is active and null
// after; each display window holds its measured smallest FIFO level while
// its head's frames last (frames / 60 Hz) and null after.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>

namespace socsim::test {

inline nlohmann::json series_from_totals(const nlohmann::json& report, uint64_t interval_ns = 100000) {
    using nlohmann::json;
    const double end_ns = report.at("sim_time_ns").get<double>();
    const size_t n = static_cast<size_t>(std::ceil(end_ns / double(interval_ns)));
    json t = json::array();
    for (size_t i = 0; i < n; ++i) t.push_back((i + 1) * interval_ns);

    // The share of interval i that lies before `until_ns`.
    auto active = [&](size_t i, double until_ns) {
        double start = double(i) * double(interval_ns);
        return std::clamp((until_ns - start) / double(interval_ns), 0.0, 1.0);
    };

    json clients = json::array();
    double busy_until = 0;
    for (const auto& c : report.at("clients")) {
        double mbps = c.at("bandwidth_MBps").get<double>();
        double until = mbps > 0 ? c.at("bytes").get<double>() / (mbps * 1e6) * 1e9 : 0;
        busy_until = std::max(busy_until, until);
        json values = json::array();
        for (size_t i = 0; i < n; ++i) values.push_back(mbps * active(i, until));
        clients.push_back({{"name", c.at("name")}, {"swgroup", c.at("swgroup")}, {"MBps", values}});
    }

    const json& tlb = report.at("smmu").at("tlb");
    json hit = json::array(), ptc = json::array(), walks = json::array();
    for (size_t i = 0; i < n; ++i) {
        bool busy = active(i, busy_until) > 0 && tlb.at("lookups").get<double>() > 0;
        hit.push_back(busy ? json(tlb.at("hit_rate")) : json(nullptr));
        ptc.push_back(busy ? json(report.at("smmu").at("ptc").at("hit_rate")) : json(nullptr));
        walks.push_back(busy ? report.at("smmu").at("walks").get<double>() / std::max(1.0, busy_until / double(interval_ns)) : 0.0);
    }

    json display = json::array();
    for (const auto& head : report.value("display", json::array())) {
        double until = head.at("frames").get<double>() / 60.0 * 1e9;
        json windows = json::array();
        for (const auto& w : head.at("windows")) {
            json levels = json::array();
            for (size_t i = 0; i < n; ++i) levels.push_back(active(i, until) > 0 ? json(w.at("min_fifo_bytes")) : json(nullptr));
            windows.push_back({{"window", w.at("window")}, {"min_fifo_bytes", levels}});
        }
        display.push_back({{"head", head.at("head")}, {"device", head.at("device")}, {"windows", windows}});
    }
    return {{"interval_ns", interval_ns},
            {"t_ns", t},
            {"clients", clients},
            {"smmu", {{"tlb_hit_rate", hit}, {"ptc_hit_rate", ptc}, {"walks", walks}}},
            {"display", display}};
}

}  // namespace socsim::test
